"""ACLED-style CSV: ACLED's column names, filled from what sitrep has.

Conventions follow the ACLED Codebook: ``time_precision`` 1 = the day is
known, 2 = within a week, 3 = within a month or wider; ``geo_precision``
1 = a town, 2 = part of a region, 3 = a province or wider; ``fatalities`` is
0 when no toll is reported (ACLED's convention: 0 means none reported, not
none killed). ``event_id_cnty`` is the country's ISO 3166 alpha-3 code and
sitrep's own id, not an ACLED id. The event type of each sub-event type and
the sub-event type written where extraction left none are data, in
``sitrep/data/acled_event_types.json``.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, TextIO

from ..registry import exporters

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
           "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
           "source", "notes", "fatalities"]


@lru_cache(maxsize=1)
def acled_tables() -> dict[str, Any]:
    return json.loads(resources.files("sitrep.data").joinpath("acled_event_types.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def iso3_codes() -> dict[str, str]:
    """Country name -> ISO alpha-3, from the Natural Earth outline the map ships."""
    source = resources.files("sitrep.serve") / "static" / "map" / "ne_110m_countries.geojson"
    features = json.loads(source.read_text("utf-8"))["features"]
    return {f["properties"]["name"].lower(): f["properties"]["iso_a3"] for f in features
            if f["properties"].get("iso_a3") not in (None, "", "-99")}


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def time_precision(start: Any, end: Any, precision: str | None = None) -> int | None:
    first, last = _date(start), _date(end)
    if first is None:
        return None
    if precision in ("month", "year"):
        return 3
    days = (last - first).days if last else 0
    return 1 if days <= 0 else 2 if days <= 7 else 3


def geo_precision(place: str | None, admin1: str | None, country: str | None, precision: str | None = None) -> int | None:
    table = acled_tables()["geo_precision"]
    if precision in table:
        return table[precision]
    if not place:
        return None
    # Without a recorded precision: a place named like its province or country is that area.
    return 3 if place in (admin1, country) else 1


def sub_and_event_type(sub_event: str | None, our_type: str | None) -> tuple[str, str]:
    tables = acled_tables()
    sub = sub_event or tables["default_sub_event_of_type"].get(our_type or "other", "Other")
    return sub, tables["event_type_of_sub_event"].get(sub, "Strategic developments")


def acled_row(row: dict[str, Any], what: str) -> dict[str, Any]:
    if what == "incidents":
        place = row.get("place") or {}
        name, admin1, country = place.get("name"), place.get("admin1"), place.get("country")
        lat, lon = place.get("lat"), place.get("lon")
        actors = list(row.get("actors") or [])
        actor1, actor2 = (actors + [None, None])[:2]
        killed = ((row.get("figures") or {}).get("killed") or {}).get("best")
        source = "; ".join(row.get("outlets") or sorted({r.get("outlet") for r in row.get("reports") or [] if r.get("outlet")}))
        notes = row.get("summary") or ""
        disputes = [c.get("description") or c.get("slot") for c in row.get("contradictions") or []]
        if disputes:
            notes += f" [contested: {'; '.join(d for d in disputes if d)}]"
        tp = time_precision(row.get("date"), row.get("date_end"))
        gp = geo_precision(name, admin1, country, place.get("precision"))
    else:
        name, admin1, country = row.get("place"), row.get("admin1"), row.get("country")
        lat, lon = row.get("lat"), row.get("lon")
        actor1, actor2 = row.get("actor1"), row.get("actor2")
        killed = row.get("killed")
        source = "; ".join(s for s in dict.fromkeys([row.get("outlet"), row.get("source")]) if s)
        notes = row.get("evidence") or ""
        tp = time_precision(row.get("date"), row.get("date_end"), row.get("date_precision"))
        gp = geo_precision(name, admin1, country, row.get("precision"))
    sub, event_type = sub_and_event_type(row.get("acled_sub_event_type"), row.get("type"))
    when = _date(row.get("date"))
    iso = iso3_codes().get((country or "").lower(), "XXX")
    ident = row.get("id") if what == "incidents" else f"{row.get('article_id')}-{row.get('event_index')}"
    return {"event_id_cnty": f"{iso}-{ident}", "event_date": when.isoformat() if when else "",
            "year": when.year if when else "", "time_precision": tp or "", "event_type": event_type,
            "sub_event_type": sub, "actor1": actor1 or "", "actor2": actor2 or "", "country": country or "",
            "admin1": admin1 or "", "location": name or "", "latitude": "" if lat is None else lat,
            "longitude": "" if lon is None else lon, "geo_precision": gp or "", "source": source,
            "notes": notes, "fatalities": int(killed or 0)}


@exporters.register("acled")
def write_acled(rows: Iterable[dict], stream: TextIO, options: dict) -> None:
    what = options.get("what", "incidents")
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(acled_row(row, what))
