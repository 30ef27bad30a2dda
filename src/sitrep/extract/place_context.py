"""Places the gazetteer lacks, inferred from the words that introduce them.

English war reporting names many villages and city districts no gazetteer
lists, but it introduces them: "the village of Hayan", "the Seif al-Dawla
neighbourhood", "in Kafr Awid in Idlib province", "in Tal Hamis near
Hasakah". ``inferred_places`` turns such a capitalised name into a
PlaceMention named as written, placed in the admin1 (and at the
coordinates) of the resolved place that gives it context: the one the
pattern names, else the nearest of the same sentence, else, for names
the pattern makes local ("X neighbourhood"), the article's dominant place.
Patterns are data: ``data/place_context_patterns.jsonl``.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

from ..records import Location, Span
from .gazetteer import DATA, Gazetteer, name_key

# A capitalised place-like name of up to four words; Arabic articles may sit inside or in front
# ("al-Midan", "Urem al-Kubra"); an apostrophe is part of a word ("Ma'arat") unless it makes a
# possessive ("Aleppo's").
_WORD = r"[A-Z](?:[a-z]|['’](?!s\b)[a-z])+"
_ART = r"(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|et|ez|ul|Al|El)-"
NAME = rf"\b(?:{_ART})?{_WORD}(?:(?: {_ART}| |-|-{_ART}){_WORD}){{0,3}}"
DIR = (r"(?:north|south|east|west|northern|southern|eastern|western|central|"
       r"north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?)")
# How far back a name may take its context from when its own sentence names no place.
LOOKBACK_CHARS = 300
_NOT_PLACE_ENTS = ("PERSON", "ORG", "NORP")
_SENTENCE_END = re.compile(r"[.!?\n]\s*$")


@dataclass(frozen=True)
class ContextPattern:
    id: str
    regex: re.Pattern
    local: bool


@functools.lru_cache(maxsize=1)
def patterns() -> tuple[tuple[ContextPattern, ...], frozenset[str]]:
    """The patterns (those naming a context place first) and the words no place name contains."""
    found, words = [], set()
    with open(DATA / "place_context_patterns.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line) if line.strip() else {}
            if "regex" in row:
                regex = re.compile(row["regex"].replace("{NAME}", NAME).replace("{DIR}", DIR))
                found.append(ContextPattern(row["id"], regex, bool(row.get("local"))))
            words.update(row.get("not_place_words", ()))
    found.sort(key=lambda p: "ctx" not in p.regex.groupindex)
    return tuple(found), frozenset(words)


def _overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    starts = [text.rfind(c, 0, pos) for c in ".!?\n"]
    ends = [i for i in (text.find(c, pos) for c in ".!?\n") if i >= 0]
    return max(starts) + 1, min(ends) if ends else len(text)


def _sentence_initial(text: str, start: int) -> bool:
    return start == 0 or bool(_SENTENCE_END.search(text[max(0, start - 3):start])) \
        or not text[:start].strip()


def _plausible_name(text: str, start: int, end: int, gaz: Gazetteer, doc, stop_words) -> bool:
    """Not a person, organisation or common word: checked on the name's words, the stoplist,
    spaCy's entities when the doc is given, and a capital that only the sentence start explains."""
    name = text[start:end]
    words = re.split(r"[ -]", re.sub(rf"\b{_ART}", "", name, flags=re.I))  # "as-" in "as-Sanamayn" is no English "as"
    if any(w in stop_words or w.lower() in ENGLISH_STOP_WORDS for w in words) or len(name) < 3:
        return False  # "Last Three Days Activists", "Free Syrian Army"
    if len(words) == 1 and name.endswith("ian"):
        return False  # a demonym: "the Armenian quarter"
    key = name_key(name)
    if key in gaz.stop_never or key in gaz.stop_context:
        return False
    if doc is not None and any(ent.label_ in _NOT_PLACE_ENTS and ent.start_char < end and start < ent.end_char
                               for ent in doc.ents):
        return False
    if len(words) == 1 and re.search(rf"\b{re.escape(name.lower())}\b", text):
        return False  # the text also writes it in lower case: an English word ("Killing 80")
    lo, hi = _sentence_bounds(text, start)
    sentence_words = re.findall(r"[A-Za-z]+", text[lo:hi])
    if len(sentence_words) >= 4 and sum(w[0].isupper() for w in sentence_words) >= 0.6 * len(sentence_words):
        return False  # a Title Case headline capitalises every word
    if _sentence_initial(text, start):
        # "Residential neighbourhoods ...": trust the capital only if the name is capitalised elsewhere.
        return any(not _sentence_initial(text, m.start()) for m in re.finditer(re.escape(name), text))
    return True


def _nearest(mentions, start: int, end: int, lo: int, hi: int):
    near = [m for m in mentions if lo <= m.start and m.end <= hi]
    return min(near, key=lambda m: m.start - end if m.start >= end else start - m.end, default=None)


def _context(text: str, match: re.Match, pattern: ContextPattern, mentions, home):
    """The resolved place whose admin1 the unknown name takes, and how it was found."""
    start, end = match.span("name")
    if "ctx" in pattern.regex.groupindex:
        cs, ce = match.span("ctx")
        inside = [m for m in mentions if m.start < ce and cs < m.end]
        return (inside[0].location, "ctx") if inside else (None, "")
    lo, hi = _sentence_bounds(text, start)
    m = _nearest(mentions, start, end, lo, hi) or _nearest(mentions, start, end, max(0, start - LOOKBACK_CHARS), start)
    if m is not None:
        return m.location, "near"
    return (home, "home") if pattern.local and home is not None else (None, "")


def inferred_places(text: str, mentions, gaz: Gazetteer, doc=None, home: Location | None = None):
    """PlaceMentions for the unknown names the patterns introduce (see module docstring).

    ``mentions`` are the gazetteer's PlaceMentions of ``text``; ``home`` the article's dominant
    place. Returns new PlaceMention objects, never overlapping a known mention or each other.
    """
    from .places import PlaceMention  # places imports this module

    pats, stop_words = patterns()
    # Context comes from the article's own country: a stray namesake abroad must not place a village.
    context_mentions = [m for m in mentions if m.location.admin1 and m.location.precision != "country"
                        and (home is None or m.location.country == home.country)]
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for pattern in pats:
        for match in pattern.regex.finditer(text):
            start, end = match.span("name")
            # A known place inside the name ("the town of Manbij Killing 80") leaves no name to infer.
            if _overlaps(start, end, taken) or not _plausible_name(text, start, end, gaz, doc, stop_words):
                continue
            ctx, how = _context(text, match, pattern, context_mentions, home)
            if ctx is None or not ctx.admin1:
                continue
            rule = f"context:{pattern.id}:{how}"
            # Next to a town its coordinates are good to a district; a governorate's only to that.
            precision = "admin2" if ctx.precision in ("point", "admin2") else "admin1"
            loc = Location(name=text[start:end], admin1=ctx.admin1, country=ctx.country, lat=ctx.lat,
                           lon=ctx.lon, precision=precision, span=Span(start, end, text[start:end], rule))
            out.append(PlaceMention(start, end, text[start:end], loc, rule))
            taken.append((start, end))
    return out
