"""The incident map: the bundled Natural Earth outline as inline SVG paths,
with incident markers placed on it. No tiles, no JavaScript needed to draw it.

Projection: equirectangular with the x axis scaled by cos(33°N), which keeps
the Levant and Mesopotamia close to their true shape; y is -latitude so that
SVG's downward y axis points south.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable
from urllib.parse import quote

X_SCALE = math.cos(math.radians(33))
# lon_min, lat_min, lon_max, lat_max: the view when there is nothing to fit.
MIDDLE_EAST = (24.0, 12.0, 63.0, 43.0)


def project(lon: float, lat: float) -> tuple[float, float]:
    return lon * X_SCALE, -lat


@lru_cache(maxsize=1)
def country_paths() -> tuple[tuple[str, str, tuple[float, float, float, float]], ...]:
    """(country name, SVG path data, projected bbox) for every country in the bundled outline."""
    source = resources.files("sitrep.serve") / "static" / "map" / "ne_110m_countries.geojson"
    collection = json.loads(source.read_text(encoding="utf-8"))
    out = []
    for feature in collection["features"]:
        parts, xs, ys = [], [], []
        largest: list[tuple[float, float]] = []
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                xy = [project(lon, lat) for lon, lat in ring]
                xs += [x for x, _ in xy]
                ys += [y for _, y in xy]
                largest = max(largest, xy, key=len)
                parts.append("M" + "L".join(f"{x:.2f},{y:.2f}" for x, y in xy) + "Z")
        out.append((feature["properties"].get("name") or "", "".join(parts), (min(xs), min(ys), max(xs), max(ys))))
        _CENTRES[out[-1][0]] = (sum(x for x, _ in largest) / len(largest), sum(y for _, y in largest) / len(largest))
    return tuple(out)


_CENTRES: dict[str, tuple[float, float]] = {}


def country_labels(view: tuple[float, float, float, float], font: float) -> list[dict[str, Any]]:
    """Country names at the middle of their main outline, for those whose middle is in the frame."""
    country_paths()
    x0, y0, x1, y1 = view
    return [{"x": round(x, 3), "y": round(y, 3), "text": name.upper()} for name, (x, y) in _CENTRES.items()
            if x0 + font * 3 < x < x1 - font * 3 and y0 + font < y < y1 - font]


def countries_in_view(view: tuple[float, float, float, float]) -> list[tuple[str, str]]:
    """Only the countries that show in the frame: the page carries a few dozen paths, not 177."""
    x0, y0, x1, y1 = view
    return [(name, d) for name, d, (bx0, by0, bx1, by1) in country_paths()
            if bx1 >= x0 and bx0 <= x1 and by1 >= y0 and by0 <= y1]


@dataclass
class Marker:
    x: float
    y: float
    r: float
    label: str
    href: str
    contested: bool
    grade: str | None
    place: str = ""


def coordinates(place: Any) -> tuple[float, float] | None:
    """(lon, lat) of an incident's place, whatever shape the store gives it."""
    if not isinstance(place, dict):
        return None
    lat, lon = place.get("lat"), place.get("lon")
    if lat is None or lon is None:
        return None
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lon, lat


def killed_best(incident: dict) -> int | None:
    slot = (incident.get("figures") or {}).get("killed") or {}
    best = slot.get("best")
    return best if isinstance(best, (int, float)) else None


def place_name(place: Any) -> str:
    if isinstance(place, dict):
        parts = [place.get("name"), place.get("admin1"), place.get("country")]
        seen: list[str] = []
        for p in parts:
            if p and p not in seen:
                seen.append(p)
        return ", ".join(seen)
    return str(place or "")


# The map is about 700 px wide on the overview: marker and text sizes are set
# in those pixels and turned into map units for whatever frame is shown.
MAP_PIXELS = 700
ASPECT = 1.6          # width / height of the frame
MIN_SPAN_LON = 10.0   # never zoom closer than about the width of Syria


def incident_map(incidents: Iterable[dict]) -> dict[str, Any]:
    """What the map template needs: viewBox, country paths, markers, labels."""
    placed: list[tuple[dict, float, float]] = []
    unplaced = 0
    for inc in incidents:
        where = coordinates(inc.get("place"))
        if where is None:
            unplaced += 1
        else:
            placed.append((inc, *where))
    view = _view([lon for _, lon, _ in placed], [lat for _, _, lat in placed])
    x0, y0, x1, y1 = view
    unit = (x1 - x0) / MAP_PIXELS  # map units per pixel
    markers: list[Marker] = []
    for inc, lon, lat in placed:
        x, y = project(lon, lat)
        killed = killed_best(inc) or 0
        label = f"{inc.get('type', '').replace('_', ' ')} · {place_name(inc.get('place'))}"
        if inc.get("date"):
            label += f" · {inc['date']}"
        if killed:
            label += f" · {killed} killed"
        markers.append(Marker(
            x=round(x, 3), y=round(y, 3),
            # area grows with the toll; an incident with no toll stays visible, a massacre stays readable
            r=round(unit * min(4 + 1.1 * math.sqrt(killed), 26), 3),
            label=label, href=f"/incidents/{quote(str(inc.get('id')), safe='')}",
            contested=_is_contested(inc), grade=inc.get("grade"),
            place=(inc.get("place") or {}).get("name") or ""))
    # big circles first so small ones stay clickable on top; contested ones last so they show
    markers.sort(key=lambda m: (m.contested, -m.r))
    outside = sum(1 for m in markers if not (x0 <= m.x <= x1 and y0 <= m.y <= y1))
    font = round(unit * 12, 3)
    return {"view_box": f"{x0:.2f} {y0:.2f} {x1 - x0:.2f} {y1 - y0:.2f}", "countries": countries_in_view(view),
            "markers": markers, "unplaced": unplaced, "outside": outside, "font": font,
            "labels": _place_labels(markers, font), "country_labels": country_labels(view, font)}


def _place_labels(markers: list[Marker], font: float, most: int = 10) -> list[dict[str, Any]]:
    """Names of the places with the most incidents beside their markers,
    skipping any that would overlap a label already placed."""
    places: dict[tuple[float, float], dict[str, Any]] = {}
    for m in markers:
        key = (round(m.x, 1), round(m.y, 1))
        entry = places.setdefault(key, {"x": m.x, "y": m.y, "r": m.r, "name": m.place, "n": 0})
        entry["n"] += 1
        entry["r"] = max(entry["r"], m.r)
    taken: list[tuple[float, float, float, float]] = []
    out = []
    for p in sorted(places.values(), key=lambda p: (-p["n"], p["name"])):
        if not p["name"] or len(out) >= most:
            continue
        text = f"{p['name']} ({p['n']})" if p["n"] > 1 else p["name"]
        x, y = p["x"] + p["r"] + font * 0.3, p["y"] + font * 0.35
        box = (x, y - font, x + len(text) * font * 0.58, y + font * 0.3)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            continue
        taken.append(box)
        out.append({"x": round(x, 3), "y": round(y, 3), "text": text})
    return out


def _is_contested(incident: dict) -> bool:
    return bool(incident.get("contested") or incident.get("contradictions")) or incident.get("grade") == "contested"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _view(lons: list[float], lats: list[float]) -> tuple[float, float, float, float]:
    """The frame (projected x0, y0, x1, y1): the Middle East when nothing is
    placed; else the middle 90% of incidents, so one stray geocode abroad
    does not shrink the war to a dot."""
    if not lons:
        lon0, lat0, lon1, lat1 = MIDDLE_EAST
    else:
        trim = 0.05 if len(lons) >= 20 else 0.0
        lon0, lon1 = _percentile(lons, trim) - 1.5, _percentile(lons, 1 - trim) + 1.5
        lat0, lat1 = _percentile(lats, trim) - 1.5, _percentile(lats, 1 - trim) + 1.5
    x0, y1 = project(lon0, lat0)
    x1, y0 = project(lon1, lat1)
    # at least MIN_SPAN_LON wide, and ASPECT wide to high, around the same centre
    width = max(x1 - x0, MIN_SPAN_LON * X_SCALE, (y1 - y0) * ASPECT)
    height = width / ASPECT
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2
