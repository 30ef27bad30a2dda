#!/usr/bin/env python3
"""Regenerate the bundled world outline the dashboard map draws on.

Source: Natural Earth 1:110m Admin 0 countries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as shipped inside the
geopandas 0.14.4 wheel (``geopandas/datasets/naturalearth_lowres``, BSD-3;
the data itself stays public domain). Fetched with pip, read with the small
shapefile reader below, so regenerating needs nothing beyond the standard
library and pip:

    python scripts/build_map_outline.py            # downloads the wheel with pip
    python scripts/build_map_outline.py --shp DIR/naturalearth_lowres.shp

Output: src/sitrep/serve/static/map/ne_110m_countries.geojson, coordinates
rounded to 0.01 degree and simplified (Douglas-Peucker, 0.05 degree) so the
file stays small enough to ship and to render as inline SVG.
"""
from __future__ import annotations

import argparse
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).resolve().parents[1] / "src/sitrep/serve/static/map/ne_110m_countries.geojson"


def read_dbf(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    n_records, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(n_records):
        rec = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        offset, row = 1, {}  # byte 0 is the deletion flag
        for name, length in fields:
            row[name] = rec[offset:offset + length].decode("utf-8", "replace").strip()
            offset += length
        rows.append(row)
    return rows


def read_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Rings of each polygon record (shape type 5) of an ESRI shapefile."""
    data = path.read_bytes()
    pos, shapes = 100, []
    while pos < len(data):
        _, content_len = struct.unpack(">ii", data[pos:pos + 8])
        rec = data[pos + 8: pos + 8 + content_len * 2]
        pos += 8 + content_len * 2
        shape_type = struct.unpack("<i", rec[:4])[0]
        if shape_type != 5:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", rec[44:44 + 4 * n_parts]))
        pts_at = 44 + 4 * n_parts
        points = [struct.unpack("<dd", rec[pts_at + 16 * i: pts_at + 16 * (i + 1)]) for i in range(n_points)]
        bounds = parts + [n_points]
        shapes.append([points[bounds[i]:bounds[i + 1]] for i in range(n_parts)])
    return shapes


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative so long rings do not hit the recursion limit."""
    if len(points) < 5:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
        best, best_i = 0.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best:
                best, best_i = d, i
        if best > tolerance and best_i > 0:
            keep[best_i] = True
            stack += [(a, best_i), (best_i, b)]
    out = [p for p, k in zip(points, keep) if k]
    return out if len(out) >= 4 else points


def build(shp: Path, tolerance: float) -> dict:
    rows = read_dbf(shp.with_suffix(".dbf"))
    features = []
    for row, rings in zip(rows, read_polygons(shp)):
        polys = []
        for ring in rings:
            ring = [(round(x, 2), round(y, 2)) for x, y in simplify(ring, tolerance)]
            if len(ring) >= 4:
                polys.append([ring])
        if not polys:
            continue
        features.append({
            "type": "Feature",
            "properties": {"name": row.get("name"), "iso_a3": row.get("iso_a3"), "continent": row.get("continent")},
            "geometry": {"type": "MultiPolygon", "coordinates": polys},
        })
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 countries, public domain (naturalearthdata.com)",
        "features": features,
    }


def fetch_shapefile(workdir: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", WHEEL, "-d", str(workdir)], check=True)
    wheel = next(workdir.glob("geopandas-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        for ext in (".shp", ".dbf"):
            zf.extract(MEMBER + ext, workdir)
    return workdir / (MEMBER + ".shp")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shp", type=Path, help="naturalearth_lowres.shp (default: fetch the geopandas wheel)")
    parser.add_argument("--tolerance", type=float, default=0.05, help="simplification tolerance in degrees")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        shp = args.shp or fetch_shapefile(Path(tmp))
        collection = build(shp, args.tolerance)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(collection['features'])} countries, {args.output.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
