"""The shipped gazetteer: GeoNames places with admin1, country, coordinates and news spellings.

Data: ``data/gazetteer.tsv.gz`` (built by ``scripts/build_gazetteer.py``),
``data/place_aliases.tsv`` (news spellings and places GeoNames lacks) and
``data/place_stoplist.tsv``. See ``docs/gazetteer.md``.

Names are matched on a *key*: ASCII-folded, lower-case, apostrophes dropped,
hyphens as spaces, so "Deir ez-Zor", "Deir Ez Zor" and "deir ez-zor" meet.
Arabic names also get a key without their article ("Al Qamishli" ->
"qamishli") because English news writes both.
"""
from __future__ import annotations

import dataclasses
import functools
import gzip
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..records import Location

DATA = Path(__file__).resolve().parents[1] / "data"
# Transliterated Arabic articles: "al-Bab", "ar-Raqqah", "ez-Zor", "el-Nusra".
ARTICLES = frozenset("al el ad ar as ash at az an ed er es et ez ul".split())
# Transliteration variants that plain ASCII folding leaves apart.
_FOLD = str.maketrans({"ı": "i", "İ": "I", "ʿ": "", "ʾ": "", "’": "", "‘": "", "`": "", "'": "",
                       "´": "", "ʼ": ""})
# How much a kind of entry weighs against a namesake: a country named "Jordan" beats the towns,
# and a city beats its own province of the same name unless told "province".
KIND_WEIGHT = {"country": 1000.0, "point": 1.0, "admin1": 0.3}
# Longer GeoNames names are Pinyin or Punjabi descriptions no English text uses.
MAX_NAME_WORDS = 6
# How a key was indexed (stored in the low two bits of an index entry), and what that is worth.
HOW = ("name", "alias", "alternate", "bare")
MATCH_RANK = {"name": 2, "alias": 2, "alternate": 1, "bare": 0}


def name_key(text: str) -> str:
    """Spelling-insensitive key of a place name."""
    s = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def bare_key(key: str) -> str | None:
    """The key without leading Arabic articles, when something is left: "al bab" -> "bab"."""
    words = key.split()
    i = 0
    while i < len(words) - 1 and words[i] in ARTICLES:
        i += 1
    return " ".join(words[i:]) if i else None


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    name: str
    kind: str  # point | admin1 | country
    admin1: str | None
    country: str
    lat: float | None
    lon: float | None
    population: int
    geonames_id: int | None = None
    precision: str | None = None  # overrides kind-derived precision ("admin2" for areas)

    @property
    def prior(self) -> float:
        return math.log10(10 + self.population * KIND_WEIGHT.get(self.kind, 1.0))

    def location(self, name: str | None = None) -> Location:
        precision = self.precision or self.kind
        return Location(name=name or self.name, admin1=self.admin1 if self.kind != "country" else None,
                        country=self.country, lat=self.lat, lon=self.lon, precision=precision,
                        geonames_id=self.geonames_id)


@dataclass
class Gazetteer:
    places: list[Place] = field(default_factory=list)
    # key -> [place index * 4 + position of the match kind in HOW]; ints keep 150k keys light.
    index: dict[str, list[int]] = field(default_factory=dict)
    stop_never: set[str] = field(default_factory=set)
    stop_context: set[str] = field(default_factory=set)
    max_words: int = 1

    def add_key(self, key: str, idx: int, how: str) -> None:
        """Index an already normalised key (see name_key) and its article-less form."""
        if not key:
            return
        self.index.setdefault(key, []).append(idx * 4 + HOW.index(how))
        if " " in key:
            self.max_words = min(MAX_NAME_WORDS, max(self.max_words, key.count(" ") + 1))
            bare = bare_key(key)
            if bare:
                self.index.setdefault(bare, []).append(idx * 4 + 3)

    def candidate_ids(self, key: str) -> list[tuple[int, str]]:
        return [(code >> 2, HOW[code & 3]) for code in self.index.get(key, ())]

    def candidates(self, key: str) -> list[tuple[Place, str]]:
        return [(self.places[i], how) for i, how in self.candidate_ids(key)]

    def best(self, cands: list[tuple[Place, str]], country: str | None = None) -> Place | None:
        """Disambiguate: the context country first, then how the name matched, then size."""
        if not cands:
            return None
        def score(c: tuple[Place, str]) -> tuple:
            place, how = c
            return (bool(country) and place.country == country, MATCH_RANK[how], place.prior)
        place = max(cands, key=score)[0]
        if place.kind == "admin1":
            # "Idlib" is the city when the city of that name lies in that admin1.
            seats = [p for p, how in cands if p.kind == "point" and p.admin1 == place.admin1
                     and p.country == place.country and MATCH_RANK[how] >= 1]
            if seats:
                place = max(seats, key=lambda p: p.prior)
        return place

    def lookup(self, name: str, country: str | None = None) -> Location | None:
        """Best match for a place name, disambiguated by country, then population."""
        key = name_key(name)
        cands = self.candidates(key)
        if not cands and bare_key(key):
            cands = self.candidates(bare_key(key))
        place = self.best(cands, country)
        return place.location() if place else None

    def admin1_place(self, admin1: str, country: str) -> Place | None:
        for place, _ in self.candidates(name_key(admin1)):
            if place.kind == "admin1" and place.country == country and place.admin1 == admin1:
                return place
        return None


def _read_rows(path: Path) -> list[list[str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]


def _float(s: str) -> float | None:
    return float(s) if s else None


def _parse_place(line: str) -> Place:
    gid, name, kind, admin1, country, _cc, lat, lon, pop = line.split("\t", 9)[:9]
    return Place(name, kind, admin1 or None, country, _float(lat), _float(lon), int(pop or 0),
                 int(gid) if gid else None)


class _LazyPlaces:
    """The 46k gazetteer rows, parsed into Place only when a lookup touches them: most never are,
    and parsing them all would double the load time."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._parsed: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, i: int) -> Place:
        place = self._parsed.get(i)
        if place is None:
            place = self._parsed[i] = _parse_place(self._lines[i])
        return place

    def __setitem__(self, i: int, place: Place) -> None:
        self._parsed[i] = place

    def append(self, place: Place) -> None:
        self._parsed[len(self._lines)] = place
        self._lines.append("")


class _LazyIndex(dict):
    """key -> codes, kept as the file's comma-separated text until first asked for."""

    def get(self, key, default=()):  # type: ignore[override]
        codes = dict.get(self, key)
        if codes is None:
            return default
        if isinstance(codes, str):
            codes = [int(c) for c in codes.split(",")]
            self[key] = codes
        return codes

    def setdefault(self, key, default=None):  # type: ignore[override]
        codes = self.get(key, None)
        if codes is None:
            codes = self[key] = default if default is not None else []
        return codes


def _load_gazetteer_rows(gaz: Gazetteer) -> None:
    with gzip.open(DATA / "gazetteer.tsv.gz", "rt", encoding="utf-8") as fh:
        gaz.places = _LazyPlaces(fh.read().splitlines()[1:])
    with gzip.open(DATA / "gazetteer_index.tsv.gz", "rt", encoding="utf-8") as fh:
        gaz.index = _LazyIndex(line.split("\t", 1) for line in fh.read().splitlines())
    gaz.max_words = min(MAX_NAME_WORDS, max(k.count(" ") for k in gaz.index) + 1)


def _apply_aliases(gaz: Gazetteer) -> None:
    """News spellings: rename a GeoNames entry (``match``) or add a place GeoNames lacks."""
    for row in _read_rows(DATA / "place_aliases.tsv"):
        name, aliases, country, admin1, match, lat, lon, precision = (row + [""] * 9)[:8]
        kind = precision if precision in ("country", "admin1") else "point"
        found = [i for i, how in gaz.candidate_ids(name_key(match)) if match
                 and how != "bare" and gaz.places[i].country == country and gaz.places[i].kind == kind
                 and (not admin1 or gaz.places[i].admin1 == admin1)]
        if found:
            idx = max(found, key=lambda i: gaz.places[i].prior)
            # The renamed entry replaces the GeoNames one under all the keys it had.
            gaz.places[idx] = dataclasses.replace(
                gaz.places[idx], name=name, admin1=admin1 or gaz.places[idx].admin1,
                precision=precision if precision not in ("", kind) else gaz.places[idx].precision)
        elif lat:
            idx = len(gaz.places)
            gaz.places.append(Place(name=name, kind=kind, admin1=admin1 or None, country=country,
                                    lat=_float(lat), lon=_float(lon), population=0,
                                    precision=precision if precision != kind else None))
        else:
            continue  # nothing to attach to; tests/test_places.py reports such rows
        gaz.add_key(name_key(name), idx, "alias")
        for alias in aliases.split("|") if aliases else ():
            gaz.add_key(name_key(alias), idx, "alias")


def _apply_localities(gaz: Gazetteer) -> None:
    """Towns and city districts of war reporting (``data/localities.tsv``). A row naming a place
    the gazetteer has (same country and admin1) adds its spellings, and its name when GeoNames
    spells it otherwise; a new row without coordinates takes its admin1 unit's, at admin1 precision."""
    for row in _read_rows(DATA / "localities.tsv"):
        name, aliases, country, admin1, lat, lon, precision = (row + [""] * 7)[:7]
        spellings = [name] + [a for a in aliases.split("|") if a]
        found = [(i, how) for s in spellings for i, how in gaz.candidate_ids(name_key(s))
                 if how != "bare" and gaz.places[i].country == country and gaz.places[i].admin1 == admin1
                 and gaz.places[i].kind == "point"]
        if found:
            # An entry place_aliases.tsv made or named wins and keeps its name; a GeoNames one is renamed.
            idx, how = max(found, key=lambda f: (f[1] == "alias", MATCH_RANK[f[1]], gaz.places[f[0]].prior))
            if how != "alias":
                gaz.places[idx] = dataclasses.replace(gaz.places[idx], name=name)
        else:
            unit = gaz.admin1_place(admin1, country) if not lat else None
            if not lat and unit is None:
                continue  # tests/test_places.py reports rows whose admin1 is unknown
            idx = len(gaz.places)
            gaz.places.append(Place(name=name, kind="point", admin1=admin1, country=country,
                                    lat=_float(lat) if lat else unit.lat, lon=_float(lon) if lat else unit.lon,
                                    population=0, precision=(precision or None) if lat else "admin1"))
        for spelling in spellings:  # only the spellings that do not reach the entry yet
            if idx not in {i for i, how in gaz.candidate_ids(name_key(spelling)) if how != "bare"}:
                gaz.add_key(name_key(spelling), idx, "alias")


def _load_stoplist(gaz: Gazetteer) -> None:
    for name, mode in (r[:2] for r in _read_rows(DATA / "place_stoplist.tsv")):
        (gaz.stop_never if mode == "never" else gaz.stop_context).add(name_key(name))


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    gaz = Gazetteer()
    _load_gazetteer_rows(gaz)
    _apply_aliases(gaz)
    _apply_localities(gaz)
    _load_stoplist(gaz)
    return gaz
