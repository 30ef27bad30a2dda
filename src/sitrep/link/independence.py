"""How many independent origins stand behind an incident, and its grade.

Two outlets that both quote TASS, or that both run one wire story, are one
origin, not two: corroboration counts origins. A report's origin is the
source it names; else the wire story its article copies (a near-duplicate
of another stored article); else the one agency its article credits; else
its outlet's own reporting.
"""
from __future__ import annotations

import re
from itertools import combinations
from typing import Iterable

from .records import Incident, Report

SHINGLE_WORDS = 5
# Two texts are one story when most of the shorter one's word 5-grams occur in the other.
NEAR_DUPLICATE_CONTAINMENT = 0.6

_NON_WORD = re.compile(r"[^\w]+")


def normalise_source(name: str) -> str:
    s = _NON_WORD.sub(" ", name.lower()).strip()
    return re.sub(r"^the ", "", s)


def shingles(text: str) -> frozenset[int]:
    words = _NON_WORD.sub(" ", text.lower()).split()
    if len(words) < SHINGLE_WORDS:
        return frozenset({hash(" ".join(words))}) if words else frozenset()
    return frozenset(hash(" ".join(words[i:i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1))


def near_duplicate_pairs(article_pairs: Iterable[tuple[str, str]], texts: dict[str, str]) -> list[tuple[str, str, float]]:
    """(a, b, containment) for the given article pairs that share one text."""
    cache: dict[str, frozenset[int]] = {}

    def grams(aid: str) -> frozenset[int]:
        if aid not in cache:
            cache[aid] = shingles(texts.get(aid) or "")
        return cache[aid]

    out = []
    for a, b in sorted(set(article_pairs)):
        ga, gb = grams(a), grams(b)
        if not ga or not gb:
            continue
        containment = len(ga & gb) / min(len(ga), len(gb))
        if containment >= NEAR_DUPLICATE_CONTAINMENT:
            out.append((a, b, round(containment, 3)))
    return out


def co_incident_article_pairs(incidents: list[Incident]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for inc in incidents:
        arts = sorted({r.article_id for r in inc.reports})
        pairs.update(combinations(arts, 2))
    return pairs


def story_groups(duplicates: list[tuple[str, str, float]]) -> dict[str, str]:
    """Article id -> the first article id of its group of copies."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in duplicates:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in list(parent)}


def report_origin(r: Report, story_of: dict[str, str]) -> str:
    if r.source:
        return "source:" + normalise_source(r.source)
    if r.article_id in story_of:
        return "story:" + story_of[r.article_id]
    if len(r.cited_sources) == 1:
        return "source:" + normalise_source(r.cited_sources[0])
    if r.outlet:
        return "outlet:" + normalise_source(r.outlet)
    return "article:" + r.article_id


def grade_incidents(incidents: list[Incident], story_of: dict[str, str]) -> None:
    """Fill origins, independent_origins and grade (in the spirit of Airwars' gradings)."""
    for inc in incidents:
        inc.origins = {r.key: report_origin(r, story_of) for r in inc.reports}
        inc.independent_origins = len(set(inc.origins.values()))
        if inc.contradictions:
            inc.grade = "contested"
        elif inc.independent_origins >= 2:
            inc.grade = "corroborated"
        else:
            inc.grade = "single source"
