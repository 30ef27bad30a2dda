"""JSONL (one record a line, as the store gives it) and flat CSV."""
from __future__ import annotations

import csv
import json
from typing import Any, Iterable, TextIO

from ..registry import exporters

# Incident CSV columns; nested parts are spread out or JSON-encoded.
INCIDENT_COLUMNS = [
    "id", "type", "acled_sub_event_type", "date", "date_end", "place", "admin1", "country", "lat", "lon",
    "actors", "killed_best", "killed_low", "killed_high", "injured_best", "injured_low", "injured_high",
    "figures", "n_reports", "outlets", "independent_origins", "grade", "contested", "contradictions", "summary",
]


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else value


def flatten_incident(inc: dict[str, Any]) -> dict[str, Any]:
    place = inc.get("place") or {}
    figures = inc.get("figures") or {}
    row = {k: inc.get(k) for k in ("id", "type", "acled_sub_event_type", "date", "date_end",
                                    "independent_origins", "grade", "contested", "summary")}
    row.update(place=place.get("name"), admin1=place.get("admin1"), country=place.get("country"),
               lat=place.get("lat"), lon=place.get("lon"), actors="; ".join(inc.get("actors") or []),
               figures=figures, n_reports=len(inc.get("reports") or []),
               outlets="; ".join(inc.get("outlets") or []),
               contradictions=" | ".join(c.get("description") or c.get("slot", "") for c in inc.get("contradictions") or []))
    for slot in ("killed", "injured"):
        for part in ("best", "low", "high"):
            row[f"{slot}_{part}"] = (figures.get(slot) or {}).get(part)
    return row


@exporters.register("jsonl")
def write_jsonl(rows: Iterable[dict], stream: TextIO, options: dict) -> None:
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


@exporters.register("csv")
def write_csv(rows: Iterable[dict], stream: TextIO, options: dict) -> None:
    rows = iter(rows)
    if options.get("what", "incidents") == "incidents":
        columns = INCIDENT_COLUMNS
        rows = (flatten_incident(r) for r in rows)
    else:
        first = next(rows, None)
        if first is None:
            return
        columns = list(first)
        rows = _chain(first, rows)
    writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})


def _chain(first, rest):
    yield first
    yield from rest
