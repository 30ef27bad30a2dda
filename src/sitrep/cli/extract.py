"""``sitrep extract PATH...``: one record per article in the gold shape."""
from __future__ import annotations

HELP = "Extract articles, events and claims from files, directories, URLs or stdin and print them."


def add_reader_flags(parser) -> None:
    """The reader flags, shared with other commands that read sources."""
    from ..ingest.options import DEFAULT_MAX_BYTES

    group = parser.add_argument_group("reading")
    group.add_argument("--input-format", choices=["txt", "html", "json", "jsonl", "csv", "feed"],
                       help="read every input with this reader instead of choosing by extension")
    group.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                       help=f"refuse documents larger than this (default {DEFAULT_MAX_BYTES:,}); "
                            "for CSV/JSONL it applies to each record")
    group.add_argument("--encoding", help="decode inputs with this encoding (default: UTF-8, "
                                          "falling back to Windows-1252 with a warning)")
    for role, default in (("id", "id, unit_id"), ("title", "title, article_title"),
                          ("text", "text, content, body, article_content"), ("url", "url, link"),
                          ("outlet", "outlet, source"), ("date", "published, date")):
        group.add_argument(f"--{role}-col", f"--{role}-field", dest=f"{role}_col", metavar="NAME",
                           help=f"CSV column / JSON field for the {role} (default: first of {default}; "
                                f"'none' to ignore it)")
    group.add_argument("--id-prefix", default="", help="put this in front of every document id")
    group.add_argument("--timeout", type=float, default=20.0, help="seconds per URL fetch (default 20)")


def read_options(args):
    from ..ingest import ReadOptions

    return ReadOptions(
        max_bytes=args.max_bytes, input_format=args.input_format, encoding=args.encoding,
        id_field=args.id_col, title_field=args.title_col, text_field=args.text_col, url_field=args.url_col,
        outlet_field=args.outlet_col, published_field=args.date_col, id_prefix=args.id_prefix,
        url_timeout_s=args.timeout)


def configure(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files, directories (recursive), http(s) URLs, or - for stdin")
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "json", "table"],
                        help="jsonl: one article a line (default); json: one array; table: a summary table")
    parser.add_argument("--no-text", action="store_true", help="leave the cleaned text out of the records")
    add_reader_flags(parser)


def _table(articles, console) -> None:
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("id", "outlet", "published", "title", "events", "claims", "cited sources"):
        table.add_column(col, overflow="fold")
    for a in articles:
        table.add_row(a.id, a.outlet or "", a.published.isoformat() if a.published else "",
                      (a.title or "")[:80], str(len(a.events)), str(len(a.claims)), ", ".join(a.cited_sources))
    console.print(table)


def run(args) -> int:
    import json
    import sys
    import time

    from rich.console import Console

    from ..ingest import read_sources
    from ..pipeline import process_many
    from ..records import DocumentError

    if args.max_bytes <= 0:
        print("sitrep extract: --max-bytes must be positive", file=sys.stderr)
        return 2
    if args.paths.count("-") > 1:
        print("sitrep extract: '-' (stdin) may be given once", file=sys.stderr)
        return 2

    err = Console(stderr=True)
    started = time.perf_counter()
    ok = failed = 0
    collected = []
    progress = None
    if sys.stderr.isatty():
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                            console=err, transient=True)
        task = progress.add_task("extracting", total=None)
        progress.start()
    try:
        for item in process_many(read_sources(args.paths, read_options(args))):
            if isinstance(item, DocumentError):
                failed += 1
                line = item.describe()
                if progress:
                    progress.console.print(line, markup=False, highlight=False)
                else:
                    print(line, file=sys.stderr)
                continue
            ok += 1
            if progress:
                progress.update(task, description=f"extracting {item.id} ({ok} done)")
            if args.format == "jsonl":
                print(json.dumps(item.to_gold(include_text=not args.no_text), ensure_ascii=False), flush=False)
            else:
                collected.append(item)
    finally:
        if progress:
            progress.stop()
    if args.format == "json":
        print(json.dumps([a.to_gold(include_text=not args.no_text) for a in collected], ensure_ascii=False,
                         indent=2))
    elif args.format == "table":
        _table(collected, Console())
    sys.stdout.flush()
    elapsed = time.perf_counter() - started
    per = f", {elapsed / ok:.2f} s/article" if ok else ""
    print(f"{ok} article(s) extracted, {failed} failed in {elapsed:.1f} s{per}", file=sys.stderr)
    return 1 if failed else 0
