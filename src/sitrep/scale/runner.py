"""Extraction as Dask tasks: partition the input, submit, collect summaries.

The client reads the sources (``sitrep.ingest.read_sources``, which streams
CSV and JSONL a record at a time) and cuts the stream into partitions of
``partition_size`` documents.  At most ``max_in_flight`` partitions are
submitted and not yet finished, so the client's memory is bounded by a
few partitions whatever the corpus size; workers write their results to
Parquet and send back only counts.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..records import DocumentError, RawDocument
from . import parquet
from .deps import require
from .tasks import PartitionResult, extract_partition

DEFAULT_PARTITION_SIZE = 64
# Partitions in flight per worker: one running, one queued so a worker never idles.
IN_FLIGHT_PER_WORKER = 2


@dataclass
class ScaleSummary:
    documents: int = 0
    articles: int = 0
    events: int = 0
    errors: int = 0
    partitions: int = 0
    failed_partitions: int = 0
    workers: int = 0
    seconds: float = 0.0
    results: list[dict[str, Any]] = field(default_factory=list)

    def add(self, result: PartitionResult) -> None:
        self.articles += result.articles
        self.events += result.events
        self.errors += result.errors
        self.results.append(result.to_dict())

    def to_dict(self) -> dict[str, Any]:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return {"documents": self.documents, "articles": self.articles, "events": self.events,
                "errors": self.errors, "partitions": self.partitions,
                "failed_partitions": self.failed_partitions, "workers": self.workers,
                "seconds": round(self.seconds, 3), "articles_per_second": round(rate, 3),
                "partition_results": sorted(self.results, key=lambda r: str(r["partition"]))}

    def line(self) -> str:
        rate = f", {self.articles / self.seconds:.2f} articles/s" if self.seconds and self.articles else ""
        failed = f" ({self.failed_partitions} partition(s) failed)" if self.failed_partitions else ""
        return (f"scale: {self.documents} documents in {self.partitions} partitions on {self.workers} "
                f"worker(s): {self.articles} articles, {self.events} events, {self.errors} errors{failed} "
                f"in {self.seconds:.1f} s{rate}")


def partitions(items: Iterable[RawDocument | DocumentError], size: int) -> Iterator[list]:
    """The document stream cut into lists of ``size`` (the last may be shorter)."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def open_client(scheduler: str | None = None, workers: int = 2):
    """A client on an existing scheduler (``tcp://host:8786``), or on a new local cluster
    of ``workers`` processes with one thread each (spaCy parses on one core per process)."""
    distributed = require("distributed")
    if scheduler:
        return distributed.Client(scheduler)
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       # Any free port: 8787 may be taken by another cluster on this host.
                                       dashboard_address=":0")
    return distributed.Client(cluster)


def close_client(client, owns_cluster: bool) -> None:
    """Close the client, and the local cluster when ``open_client`` started one."""
    cluster = client.cluster if owns_cluster else None
    client.close()
    if cluster is not None:
        cluster.close()


def _failed_partition(out_dir: str, number: int, chunk: list, exc: BaseException) -> PartitionResult:
    """A task that failed as a whole (worker killed, disk full): its documents become errors."""
    reason = f"partition {number} failed: {type(exc).__name__}: {exc}"
    rows = [{"id": d.id, "uri": d.uri, "reason": reason, "partition": number} for d in chunk]
    parquet.write_table(out_dir, "errors", number, rows)
    return PartitionResult(number, errors=len(rows), error_samples=[(d.id, reason) for d in chunk[:5]])


def run_extraction(items: Iterable[RawDocument | DocumentError], out_dir: str | Path, client,
                   partition_size: int = DEFAULT_PARTITION_SIZE, max_in_flight: int | None = None,
                   on_result: Callable[[PartitionResult], None] | None = None) -> ScaleSummary:
    """Extract ``items`` on ``client``'s workers into Parquet under ``out_dir``."""
    distributed = require("distributed")
    out = str(Path(out_dir).resolve())
    Path(out).mkdir(parents=True, exist_ok=True)
    parquet.clear_datasets(out)
    slots = client.nthreads()  # {worker address: threads}
    summary = ScaleSummary(workers=len(slots))
    limit = max_in_flight or IN_FLIGHT_PER_WORKER * max(1, sum(slots.values()))
    started = time.perf_counter()
    pending = distributed.as_completed()
    chunks: dict[Any, tuple[int, list]] = {}

    def collect(future) -> None:
        number, chunk = chunks.pop(future)
        try:
            result = future.result()
        except Exception as exc:  # never fatal: the partition's documents are recorded as errors
            result = _failed_partition(out, number, chunk, exc)
            summary.failed_partitions += 1
        future.release()
        summary.add(result)
        if on_result:
            on_result(result)

    for number, chunk in enumerate(partitions(items, partition_size)):
        summary.documents += len(chunk)
        summary.partitions += 1
        while len(chunks) >= limit:
            collect(next(pending))
        # pure=False: a partition is new work each run even when its documents are not.
        future = client.submit(extract_partition, chunk, out, number, pure=False,
                               key=f"sitrep-extract-{number}-{time.time_ns()}")
        chunks[future] = (number, chunk)
        pending.add(future)
    for future in pending:
        collect(future)
    summary.seconds = time.perf_counter() - started
    (Path(out) / "summary.json").write_text(json.dumps(summary.to_dict(), indent=2) + "\n")
    return summary
