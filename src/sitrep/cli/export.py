"""``sitrep export``: incidents or events as JSONL, CSV, GeoJSON or ACLED-style CSV."""
HELP = "Export incidents or events as jsonl, csv, geojson or acled (ACLED-style CSV)."

FORMATS = ("jsonl", "csv", "geojson", "acled")


def configure(parser):
    parser.add_argument("--db", default="sitrep.db", help="SQLite path or PostgreSQL URL (default: sitrep.db)")
    parser.add_argument("--format", default="jsonl", choices=FORMATS)
    parser.add_argument("--what", default="incidents", choices=["incidents", "events"])
    parser.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    parser.add_argument("--type", help="only this event type")
    parser.add_argument("--place", help="only this place, province or country")
    parser.add_argument("--since", help="from this date (YYYY-MM-DD)")
    parser.add_argument("--until", help="up to this date (YYYY-MM-DD)")


def run(args) -> int:
    import sys
    from pathlib import Path

    from ..export import export
    from ..store import Store

    if "://" not in args.db and not Path(args.db).exists():
        print(f"sitrep export: no database at {args.db}", file=sys.stderr)
        return 2
    filters = {k: getattr(args, k) for k in ("type", "place", "since", "until") if getattr(args, k)}
    store = Store.open(args.db)
    try:
        if args.output == "-":
            export(store, args.format, sys.stdout, what=args.what, **filters)
        else:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                export(store, args.format, out, what=args.what, **filters)
            print(f"sitrep export: wrote {args.output}", file=sys.stderr)
    finally:
        store.close()
    return 0
