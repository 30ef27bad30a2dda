"""The Parquet datasets written by ``sitrep scale``, and reading them back.

Layout under the output directory::

    articles/part-00000.parquet   one row per article: gold record as JSON + text, raw, meta
    events/part-00000.parquet     one row per event, flattened (place, date, killed, ...)
    errors/part-00000.parquet     one row per document that could not be read or extracted
    summary.json                  counts and timings of the run

Schemas are fixed (not inferred) so every partition has the same columns
even when one has no events or all its titles are missing.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

from .deps import require

DATASETS = ("articles", "events", "errors")


def _schemas() -> dict[str, Any]:
    pa = require("pyarrow")
    s, i, f = pa.string(), pa.int64(), pa.float64()
    return {
        "articles": pa.schema([
            ("id", s), ("partition", i), ("title", s), ("outlet", s), ("published", s), ("uri", s),
            ("format", s), ("language", s), ("n_events", i), ("n_claims", i), ("content_hash", s),
            ("text", s), ("raw", s), ("gold", s), ("meta", s)]),
        "events": pa.schema([
            ("article_id", s), ("event_index", i), ("type", s), ("salience", s), ("date", s),
            ("date_end", s), ("date_precision", s), ("place", s), ("admin1", s), ("country", s),
            ("lat", f), ("lon", f), ("actor1", s), ("actor2", s), ("killed", i),
            ("killed_qualifier", s), ("injured", i), ("injured_qualifier", s), ("source", s),
            ("outlet", s), ("published", s), ("acled_sub_event_type", s), ("evidence", s),
            ("record", s)]),
        "errors": pa.schema([("id", s), ("uri", s), ("reason", s), ("partition", i)]),
    }


def part_name(partition: int | str) -> str:
    return f"part-{partition:05d}.parquet" if isinstance(partition, int) else f"part-{partition}.parquet"


def write_table(out_dir: str | Path, dataset: str, partition: int | str, rows: list[dict[str, Any]]) -> Path:
    """Write one partition file; written under a temporary name and renamed, so a
    reader never sees half a file and a retried task simply replaces it."""
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")
    folder = Path(out_dir) / dataset
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / part_name(partition)
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    table = pa.Table.from_pylist(rows, schema=_schemas()[dataset])
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
    return path


def clear_datasets(out_dir: str | Path) -> None:
    """Remove the partition files of an earlier run, so a smaller run leaves no stale parts."""
    for dataset in DATASETS:
        folder = Path(out_dir) / dataset
        if folder.is_dir():
            for path in folder.glob("part-*.parquet"):
                path.unlink()


def partition_files(out_dir: str | Path, dataset: str) -> list[Path]:
    return sorted((Path(out_dir) / dataset).glob("part-*.parquet"))


def iter_rows(out_dir: str | Path, dataset: str, batch_rows: int = 256) -> Iterator[dict[str, Any]]:
    """Rows of a dataset, a record batch at a time, so memory stays at one batch."""
    pq = require("pyarrow.parquet")
    for path in partition_files(out_dir, dataset):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows):
            yield from batch.to_pylist()


def count_rows(out_dir: str | Path, dataset: str) -> int:
    pq = require("pyarrow.parquet")
    return sum(pq.ParquetFile(p).metadata.num_rows for p in partition_files(out_dir, dataset))
