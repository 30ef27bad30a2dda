"""GeoJSON FeatureCollection: one Point feature per incident or event with
its properties; records without coordinates get a null geometry (allowed by
RFC 7946) so the count of features always equals the count of records."""
from __future__ import annotations

import json
from typing import Any, Iterable, TextIO

from ..registry import exporters


def coordinates(row: dict[str, Any]) -> tuple[float, float] | None:
    where = row.get("place") if isinstance(row.get("place"), dict) else row
    lat, lon = where.get("lat"), where.get("lon")
    if lat is None or lon is None:
        return None
    return float(lon), float(lat)


def feature(row: dict[str, Any]) -> dict[str, Any]:
    where = coordinates(row)
    props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
    return {"type": "Feature", "id": row.get("id"),
            "geometry": {"type": "Point", "coordinates": list(where)} if where else None,
            "properties": json.loads(json.dumps(props, default=str))}


@exporters.register("geojson")
def write_geojson(rows: Iterable[dict], stream: TextIO, options: dict) -> None:
    # Written feature by feature so a large store never sits in memory as one document.
    stream.write('{"type": "FeatureCollection", "name": "sitrep %s", "features": [\n' % options.get("what", "incidents"))
    for i, row in enumerate(rows):
        stream.write((",\n" if i else "") + json.dumps(feature(row), ensure_ascii=False))
    stream.write("\n]}\n")
