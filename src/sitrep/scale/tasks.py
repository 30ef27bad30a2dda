"""What one Dask task does: extract one partition of documents and write its Parquet files.

Runs in a worker process.  The spaCy model is loaded by the first task a
worker runs (``sitrep.analyze.nlp`` is cached per process) and reused by
every later one.  Only a small summary travels back to the client; the
extracted records go straight to the output directory, which on a real
cluster must be storage every worker and the loader can reach.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ..records import Article, DocumentError, RawDocument
from ..store.writer import content_hash
from . import parquet
from .rows import article_row, error_row, event_rows


@dataclass
class PartitionResult:
    partition: int
    articles: int = 0
    events: int = 0
    errors: int = 0
    seconds: float = 0.0
    worker: str = ""
    error_samples: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"partition": self.partition, "articles": self.articles, "events": self.events,
                "errors": self.errors, "seconds": round(self.seconds, 3), "worker": self.worker}


# Errors echoed back to the client for display; all of them are in the errors dataset.
ERROR_SAMPLES = 20


def _with_source_meta(article: Article, source_meta: dict[str, Any]) -> Article:
    # The same keys ``sitrep ingest`` stores, so the store treats both paths' articles alike
    # (content hash for idempotency, source meta for re-extraction from the stored raw).
    article.meta["content_hash"] = source_meta.get("content_hash")
    article.meta["source_meta"] = {k: v for k, v in source_meta.items() if k != "content_hash"}
    return article


def extract_partition(items: list[RawDocument | DocumentError], out_dir: str, partition: int,
                      batch_size: int = 16) -> PartitionResult:
    """Run ``sitrep.pipeline.process_many`` over ``items`` and write the three datasets' part files."""
    import os
    import socket

    from ..pipeline import process_many

    started = time.perf_counter()
    metas: dict[str, dict[str, Any]] = {}
    for item in items:
        if isinstance(item, RawDocument):
            item.meta.setdefault("content_hash", content_hash(item.raw))
            metas[item.id] = dict(item.meta)
    articles, events, errors = [], [], []
    result = PartitionResult(partition, worker=f"{socket.gethostname()}:{os.getpid()}")

    def failed(err: DocumentError) -> None:
        errors.append(error_row(err, partition))
        if len(result.error_samples) < ERROR_SAMPLES:
            result.error_samples.append((err.id, err.reason))

    for out in process_many(items, batch_size=batch_size):
        if isinstance(out, DocumentError):
            failed(out)
            continue
        try:
            _with_source_meta(out, metas.get(out.id, {}))
            row, ev_rows = article_row(out, partition), event_rows(out)
        except Exception as exc:  # a record that cannot be serialised costs itself only
            failed(DocumentError(out.id, out.uri or "", f"could not serialise: {type(exc).__name__}: {exc}"))
            continue
        articles.append(row)
        events.extend(ev_rows)
    for dataset, rows in (("articles", articles), ("events", events), ("errors", errors)):
        parquet.write_table(out_dir, dataset, partition, rows)
    result.articles, result.events, result.errors = len(articles), len(events), len(errors)
    result.seconds = time.perf_counter() - started
    return result
