"""Interim minimal reader: replaced by the full ingest stage."""
from __future__ import annotations

from pathlib import Path

from ..records import RawDocument


def read_sources(paths, **options):
    for p in paths:
        path = Path(p)
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        for f in files:
            yield RawDocument(id=f.stem, uri=str(f), raw=f.read_text(encoding="utf-8", errors="replace"), format="txt")
