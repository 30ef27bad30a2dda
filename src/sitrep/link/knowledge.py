"""What linking knows, loaded from ``sitrep/data/link/``: event families and actor sides,
plus the name folding used to compare place names across spellings."""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

_DATA = "sitrep.data"


def _load(name: str) -> dict:
    return json.loads(resources.files(_DATA).joinpath("link").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _families() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    data = _load("event_families.json")
    family_of = {t: fam for fam, types in data["families"].items() for t in types}
    extra = {t: tuple(fams) for t, fams in data.get("also_compare", {}).items()}
    return family_of, extra


def family(event_type: str) -> str:
    return _families()[0].get(event_type, "other")


def blocking_families(event_type: str) -> tuple[str, ...]:
    """The families whose blocks a report of this type joins (its own first)."""
    own = family(event_type)
    return (own, *[f for f in _families()[1].get(event_type, ()) if f != own])


@lru_cache(maxsize=None)
def link_threshold_offset(family_name: str) -> float:
    return float(_load("event_families.json").get("link_threshold_offsets", {}).get(family_name, 0.0))


@lru_cache(maxsize=1)
def _side_patterns() -> tuple[re.Pattern, list[tuple[str, re.Pattern]]]:
    data = _load("actor_sides.json")

    def alternation(cues: list[str]) -> re.Pattern:
        ordered = sorted(cues, key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in ordered) + r")(?!\w)")

    return alternation(data["unknown"]), [(side, alternation(cues)) for side, cues in data["sides"].items()]


@lru_cache(maxsize=65536)
def actor_sides(name: str | None) -> frozenset[str]:
    """Sides an actor name belongs to; empty when unknown or unnamed."""
    if not name:
        return frozenset()
    low = name.lower()
    unknown, sides = _side_patterns()
    hits = [(m.start(), m.end(), side) for side, pat in sides for m in pat.finditer(low)]
    # A cue inside another side's longer cue is part of that name: "syrian army" in "free syrian army".
    found = frozenset(side for s, e, side in hits if not any(
        s2 <= s and e <= e2 and e2 - s2 > e - s and side2 != side for s2, e2, side2 in hits))
    if not found and unknown.search(low):
        return frozenset()
    return found or frozenset({"named:" + fold_name(name)})


_STOP_WORDS = ("governorate", "province", "district", "city", "countryside", "region", "muhafazat", "of", "the")


@lru_cache(maxsize=1)
def _place_modifier_pattern() -> re.Pattern:
    """Words that say where around a place ("town of", "northern", "rural"), from the
    extractors' ``place_modifiers.tsv``: "town of Khan Shaykhun" and "Khan Shaykhun" are one place."""
    words = set(_STOP_WORDS)
    try:
        lines = resources.files(_DATA).joinpath("place_modifiers.tsv").read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, OSError):
        lines = []
    for line in lines:
        if line.startswith("#") or "\t" not in line:
            continue
        word, role = line.split("\t", 1)
        if role.strip() != "locative" and word.strip():
            words.add(word.strip().lower())
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ordered) + r")\b")


@lru_cache(maxsize=65536)
def fold_name(name: str | None) -> str:
    """A spelling-tolerant key: "Deir ez-Zor", "Deir Ezzor" and "deir al-zor" fold alike.

    Transliterations of Arabic names differ mostly in vowels, doubled
    letters, the article and hyphens, so the key keeps the consonant
    skeleton: lower-case ASCII, no article, no vowels, no doubled letters.
    """
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = _place_modifier_pattern().sub(" ", s)
    s = re.sub(r"\b(al|el|ad|ar|as|az|an|at|ash|ath)[-\s]", " ", s)
    s = re.sub(r"[^a-z]", "", s)
    s = re.sub(r"(?<=.)[aeiouyw]", "", s)   # keep a leading vowel: Idlib vs Dlib stay distinct from D...
    s = re.sub(r"(.)\1+", r"\1", s)
    return s


@lru_cache(maxsize=1)
def _same_story_groups() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(g) for g in _load("event_families.json").get("same_story_types", []))


@lru_cache(maxsize=4096)
def story_compatible(type_a: str, type_b: str) -> bool:
    """Whether two main events' types can be one story told twice (same family, one group of
    ``same_story_types``, or either unknown)."""
    if type_a == type_b or family(type_a) == family(type_b) or "other" in (type_a, type_b):
        return True
    return any(type_a in g and type_b in g for g in _same_story_groups())


@lru_cache(maxsize=1)
def _one_event_groups() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(g) for g in _load("event_families.json").get("one_event_types", []))


@lru_cache(maxsize=4096)
def one_event_types(type_a: str, type_b: str) -> bool:
    """Whether two reports of one article, typed so, can be one event told twice."""
    return type_a == type_b or any(type_a in g and type_b in g for g in _one_event_groups())
