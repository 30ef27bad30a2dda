"""``sitrep scale PATH... --out DIR [--db DB]``: extraction as Dask tasks, Parquet out, bulk load.

Needs the optional extra: ``pip install 'sitrep[scale]'``.
"""
from __future__ import annotations

from .extract import add_reader_flags, read_options

HELP = "Extract a large corpus with Dask (local processes or a cluster) into Parquet, then bulk-load a store."


def configure(parser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files, directories, URLs (none: only load an existing --out into --db)")
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="output directory for the Parquet datasets (articles/, events/, errors/); "
                             "on a cluster it must be reachable by every worker")
    parser.add_argument("--db", help="then load the articles into this store (SQLite file or postgresql:// URL) "
                                     "and link incidents")
    parser.add_argument("--workers", type=int, default=2,
                        help="local worker processes, one spaCy model each (default: 2; ignored with --scheduler)")
    parser.add_argument("--scheduler", metavar="ADDR", help="use an existing Dask cluster, e.g. tcp://host:8786")
    parser.add_argument("--partition-size", type=int, default=64,
                        help="documents per Dask task (default: 64)")
    parser.add_argument("--load-batch", type=int, default=200, help="articles per store transaction (default: 200)")
    parser.add_argument("--no-link", action="store_true", help="load without relinking incidents")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    add_reader_flags(parser)


def _progress(quiet: bool):
    import contextlib
    import sys
    if quiet or not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True)


def _extract(args, progress) -> int:
    import sys

    from ..ingest import read_sources
    from ..scale.runner import close_client, open_client, run_extraction

    task = progress.add_task("starting workers", total=None) if progress else None
    done = {"partitions": 0, "articles": 0, "errors": 0}

    def on_result(result) -> None:
        done["partitions"] += 1
        done["articles"] += result.articles
        done["errors"] += result.errors
        for doc_id, reason in result.error_samples:
            line = f"error: {doc_id}: {reason}"
            (progress.console.print(line, markup=False, highlight=False) if progress
             else print(line, file=sys.stderr))
        if progress:
            progress.update(task, description=f"extract: {done['partitions']} partitions, "
                                              f"{done['articles']} articles, {done['errors']} errors")

    client = open_client(args.scheduler, args.workers)
    try:
        summary = run_extraction(read_sources(args.paths, read_options(args)), args.out, client,
                                 partition_size=args.partition_size, on_result=on_result)
    finally:
        close_client(client, owns_cluster=not args.scheduler)
    if progress:
        progress.remove_task(task)
    print(f"{summary.line()}; Parquet in {args.out}", file=sys.stderr)
    return 1 if summary.errors or summary.failed_partitions else 0


def _load(args, progress) -> int:
    import sys

    from ..scale.load import load_parquet

    task = progress.add_task("loading", total=None) if progress else None

    def on_batch(s) -> None:
        if progress:
            progress.update(task, description=f"load: {s.rows} articles read, {s.stats.stored} stored")

    summary = load_parquet(args.out, args.db, batch_size=args.load_batch, relink=not args.no_link,
                           on_batch=on_batch)
    for err in summary.failures[:20]:
        print(err.describe(), file=sys.stderr)
    print(summary.line(), file=sys.stderr)
    return 1 if summary.stats.errors else 0


def run(args) -> int:
    import sys
    from pathlib import Path

    from ..scale.deps import MissingScaleDependency, require

    if args.workers < 1 or args.partition_size < 1 or args.load_batch < 1:
        print("sitrep scale: --workers, --partition-size and --load-batch must be at least 1", file=sys.stderr)
        return 2
    if not args.paths and not args.db:
        print("sitrep scale: give PATHs to extract, or --db to load an existing --out", file=sys.stderr)
        return 2
    if args.paths.count("-") > 1:
        print("sitrep scale: '-' (stdin) may be given once", file=sys.stderr)
        return 2
    if not args.paths and not (Path(args.out) / "articles").is_dir():
        print(f"sitrep scale: {args.out} has no articles/ dataset to load", file=sys.stderr)
        return 2
    try:
        for module in ("pyarrow", "dask", "distributed") if args.paths else ("pyarrow",):
            require(module)
    except MissingScaleDependency as exc:
        print(f"sitrep scale: {exc}", file=sys.stderr)
        return 2
    status = 0
    with _progress(args.quiet) as progress:
        if args.paths:
            status = _extract(args, progress)
        if args.db:
            status = max(status, _load(args, progress))
    return status
