"""``sitrep serve``: the web dashboard and REST API over a store."""
HELP = "Serve the web dashboard and REST API over a store (localhost unless told otherwise)."


def configure(parser):
    parser.add_argument("--db", default="sitrep.db", help="SQLite path or PostgreSQL URL (default: sitrep.db)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default 127.0.0.1; 0.0.0.0 exposes it to the network)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])


def run(args) -> int:
    import os
    import sys
    from pathlib import Path

    import uvicorn

    from ..serve import create_app

    if "://" not in args.db and args.db != ":memory:" and not Path(args.db).exists():
        print(f"sitrep serve: no database at {args.db}; build one with `sitrep ingest PATH --db {args.db}`",
              file=sys.stderr)
        return 2
    app = create_app(args.db)
    writes = "on (bearer token)" if os.environ.get("SITREP_TOKEN") else "off (set SITREP_TOKEN to enable)"
    print(f"sitrep: dashboard at http://{args.host}:{args.port}/  ·  API docs at /docs  ·  ingest {writes}",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0
