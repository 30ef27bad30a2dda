"""Bulk load: the Parquet written by ``sitrep scale`` into a sitrep store, then one relink.

Articles are read back a record batch at a time, rebuilt as ``Article``
objects and written with ``Store.add_articles`` (the same idempotent upsert
``sitrep ingest`` uses), one transaction per batch.  Linking runs once, on
the loader, after the last batch: ``sitrep.link.link_reports`` blocks
reports by event family, place and date window, so its cost grows near
linearly, but it has no public per-block entry point to run as Dask tasks
(see docs/scale.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..records import Article, DocumentError
from ..store import IngestStats, Store
from . import parquet
from .rows import article_from_row

DEFAULT_LOAD_BATCH = 200


@dataclass
class LoadSummary:
    rows: int = 0
    stats: IngestStats = field(default_factory=IngestStats)
    incidents: int | None = None
    seconds: float = 0.0
    failures: list[DocumentError] = field(default_factory=list)

    def line(self) -> str:
        s = self.stats
        linked = f"; {self.incidents} incidents" if self.incidents is not None else ""
        return (f"load: {self.rows} articles: {s.stored} stored, {s.updated} updated, {s.unchanged} unchanged, "
                f"{s.duplicates} duplicates, {s.errors} errors{linked} in {self.seconds:.1f} s")


def read_articles(out_dir: str | Path, on_error: Callable[[DocumentError], None]) -> Iterator[Article]:
    for row in parquet.iter_rows(out_dir, "articles"):
        try:
            yield article_from_row(row)
        except Exception as exc:  # one unreadable row costs itself only
            on_error(DocumentError(str(row.get("id")), row.get("uri") or "",
                                   f"could not rebuild from Parquet: {type(exc).__name__}: {exc}"))


def _add_batch(store: Store, batch: list[Article], run_id: int, summary: LoadSummary) -> None:
    try:
        summary.stats.merge(store.add_articles(batch, run_id=run_id))
    except Exception:
        # One article the store rejects must not cost its batch: store them one by one.
        for article in batch:
            try:
                summary.stats.merge(store.add_articles([article], run_id=run_id))
            except Exception as exc:
                summary.stats.errors += 1
                summary.failures.append(DocumentError(article.id, article.uri or "",
                                                      f"could not store: {type(exc).__name__}: {exc}"))


def load_parquet(out_dir: str | Path, db: str | Path, batch_size: int = DEFAULT_LOAD_BATCH,
                 relink: bool = True, on_batch: Callable[[LoadSummary], None] | None = None) -> LoadSummary:
    """Load ``out_dir/articles`` into the store at ``db`` and relink incidents once."""
    import time

    started = time.perf_counter()
    summary = LoadSummary()

    def rejected(err: DocumentError) -> None:
        summary.stats.errors += 1
        summary.failures.append(err)

    with Store.open(db) as store:
        run_id = store.start_run([f"parquet:{Path(out_dir).resolve()}"])
        status = "failed"
        try:
            batch: list[Article] = []
            for article in read_articles(out_dir, rejected):
                summary.rows += 1
                batch.append(article)
                if len(batch) >= batch_size:
                    _add_batch(store, batch, run_id, summary)
                    batch = []
                    if on_batch:
                        on_batch(summary)
            if batch:
                _add_batch(store, batch, run_id, summary)
            if relink:
                store.relink()
                summary.incidents = store.count_incidents()
            status = "done"
        finally:
            store.finish_run(run_id, status, summary.rows, summary.stats)
    summary.seconds = time.perf_counter() - started
    return summary
