"""Exports of the store: JSONL, CSV, GeoJSON and ACLED-style CSV.

Each format is an exporter registered in ``sitrep.registry.exporters`` as
``(rows, stream, options) -> None``; ``rows`` are the store's event or
incident dicts and ``options["what"]`` says which. ``export`` picks the
rows and streams them, page by page, into the exporter.
"""
from __future__ import annotations

from typing import Any, Iterator, TextIO

from ..registry import exporters
from . import acled, flat, geojson  # noqa: F401  (registers the formats)

WHAT = ("incidents", "events")
CHUNK = 2000


def iter_rows(store, what: str, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every incident or event of the store, read a page at a time."""
    if what not in WHAT:
        raise ValueError(f"--what must be one of {', '.join(WHAT)}, not {what!r}")
    offset = 0
    while True:
        if what == "incidents":
            page = store.list_incidents(**filters, limit=CHUNK, offset=offset)
        else:
            page = store.list_events(**filters, limit=CHUNK, offset=offset)
        yield from page
        if len(page) < CHUNK:
            return
        offset += CHUNK


def export(store, fmt: str, stream: TextIO, what: str = "incidents", **filters: Any) -> None:
    writer = exporters.get(fmt)
    writer(iter_rows(store, what, **filters), stream, {"what": what})


__all__ = ["export", "iter_rows", "WHAT"]
