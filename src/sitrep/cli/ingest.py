"""``sitrep ingest PATH... --db DB``: extract documents into the store, then relink.

Documents already stored with the same content and pipeline version are
skipped before any parsing, so a re-run after a crash or kill does only
what is left; batches are committed one transaction at a time, so nothing
committed is lost. Stored articles of an older pipeline version are
re-extracted from their stored raw text.
"""
from __future__ import annotations

HELP = "Extract documents into a database (SQLite or PostgreSQL) and link incidents across them."

DEFAULT_DB = "sitrep.db"


def configure(parser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files, directories, URLs or - for stdin (none: only re-extract and relink)")
    parser.add_argument("--db", default=DEFAULT_DB,
                        help=f"SQLite file or postgresql:// URL (default: {DEFAULT_DB})")
    parser.add_argument("--workers", type=int, default=1,
                        help="extraction processes, one spaCy model each (default: 1)")
    parser.add_argument("--batch-size", type=int, default=32,
                        help="articles committed per transaction (default: 32)")
    parser.add_argument("--no-link", action="store_true", help="skip relinking incidents at the end")
    parser.add_argument("--no-reextract", action="store_true",
                        help="leave stored articles of an older pipeline version as they are")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    from .extract import add_reader_flags
    add_reader_flags(parser)  # the same reader flags as `sitrep extract`


def run(args) -> int:
    import sys

    from ..store import Store
    from ..store.ingest_run import IngestRun
    from .extract import read_options

    if args.workers < 1 or args.batch_size < 1:
        print("sitrep ingest: --workers and --batch-size must be at least 1", file=sys.stderr)
        return 2
    try:
        store = Store.open(args.db)
    except Exception as exc:
        print(f"sitrep ingest: cannot open database {args.db!r}: {exc}", file=sys.stderr)
        return 2
    job = IngestRun(store, workers=args.workers, batch_size=args.batch_size, show_progress=not args.quiet)
    try:
        status = job.run(args.paths, read_options(args), reextract=not args.no_reextract,
                         relink=not args.no_link)
    finally:
        store.close()
    print(job.summary(), file=sys.stderr)
    return 0 if status == "done" else 1

