"""Place mentions in text, resolved against the shipped gazetteer.

``find_places`` walks the text's words and looks up every run of up to
``max_words`` words in the gazetteer, longest first, keeping capitalised
matches only. Words around a match change what it denotes
(``data/place_modifiers.tsv``): "northern Aleppo" is Aleppo with a direction,
"Aleppo province" / "Aleppo countryside" / "rural Aleppo" is the admin1
unit. Ambiguous names are resolved in a second pass by the article's
dominant country.
"""
from __future__ import annotations

import collections
import functools
import re
from dataclasses import dataclass

from ..records import Location, Span
from .gazetteer import DATA, Gazetteer, Place, bare_key, gazetteer, name_key
from .place_context import inferred_places

__all__ = ["PlaceMention", "Gazetteer", "gazetteer", "find_places", "dominant_country", "dominant_place"]

_WORD = re.compile(r"[^\W\d_](?:[\w’'`ʿ]*\w)?")
# spaCy entity labels that say a capitalised word is not a place ("Assad", "Jordan Times").
_NOT_PLACE_ENTS = ("PERSON", "ORG", "NORP")
# Lower-case Arabic articles that are also English words count only when hyphenated.
_ENGLISH_ARTICLES = frozenset({"at", "as", "an", "ad"})
# Articles _capitalised looks past to the word that must be capitalised.
_SKIPPED_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "the"})
# Countries whose places answer to every GeoNames alternate spelling: the wars sitrep reads about
# and their neighbours (the builder keeps all their villages). Elsewhere only big places do.
REGION = frozenset({"Syria", "Iraq", "Lebanon", "Jordan", "Israel", "Palestine", "Yemen", "Libya", "Turkey",
                    "Iran", "Egypt", "Saudi Arabia", "Afghanistan", "Ukraine"})
WORLD_ALTERNATE_MIN = 500_000
# "US-led", "Turkey-backed", "Britain-based": a place used to name an actor, not where things happen.
_ATTRIBUTIVE = re.compile(r"[-‐–](?:led|backed|based|born|made|run|sponsored|funded|supported|allied|brokered|"
                          r"affiliated|linked|aligned|trained|armed)\b", re.I)
# A mention in the first characters (title, lead) counts this much more for the dominant place.
LEAD_CHARS = 300
LEAD_WEIGHT = 3.0


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    location: Location
    rule: str


@functools.lru_cache(maxsize=1)
def modifiers() -> dict[str, str]:
    out = {}
    with open(DATA / "place_modifiers.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                word, role = line.rstrip("\n").split("\t")[:2]
                out[word.lower()] = role
    return out


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def _joinable(text: str, a_end: int, b_start: int) -> bool:
    """Words of one name are separated by a space or a hyphen, not by punctuation or a line break."""
    gap = text[a_end:b_start]
    return 0 < len(gap) <= 2 and all(c in " -‐–" for c in gap)


def _capitalised(text: str, start: int, end: int) -> bool:
    """The first word that is not an Arabic article starts with a capital: "al-Bab", "Aleppo"."""
    for w in text[start:end].replace("-", " ").split():
        if w.lower() in _SKIPPED_ARTICLES:
            continue
        return w[0].isupper() and not (w.isupper() and len(w) > 3)
    return False


def _raw_matches(text: str, gaz: Gazetteer) -> list[tuple[int, int, list[tuple[Place, str]]]]:
    words = _words(text)
    # joined[i]: how many of the gaps after word i, in a row, join words of one name (once, not per n).
    joined = [0] * len(words)
    for j in range(len(words) - 2, -1, -1):
        if _joinable(text, words[j][1], words[j + 1][0]):
            joined[j] = joined[j + 1] + 1
    out = []
    i = 0
    while i < len(words):
        matched = False
        first = text[words[i][0]:words[i][1]]
        if not first[0].isupper() and first.lower() not in _SKIPPED_ARTICLES:
            i += 1  # no run starting with a lower-case word passes _capitalised
            continue
        for n in range(min(gaz.max_words, len(words) - i), 0, -1):
            if n > 1 and joined[i] < n - 1:
                continue
            start, end = words[i][0], words[i + n - 1][1]
            if not _capitalised(text, start, end):
                continue
            if n > 1 and text[words[i][0]:words[i][1]] in _ENGLISH_ARTICLES and text[words[i][1]] != "-":
                continue  # "at Aleppo" is English; "at-Tall" is Arabic
            key = name_key(text[start:end])
            cands = _plausible(gaz.candidates(key), text[start:end])
            if not cands and key not in gaz.stop_never:
                cands = _variant_candidates(key, gaz)
            if cands and _allowed(text, start, end, key, gaz):
                out.append((start, end, cands))
                i += n
                matched = True
                break
        if not matched:
            i += 1
    return out


def _variant_candidates(key: str, gaz: Gazetteer) -> list[tuple[Place, str]]:
    """Spellings the index lacks: another Arabic article ("al-Rai" for Ar Ra'i) and a possessive
    whose apostrophe the source dropped ("Aleppos eastern districts", "Syrias")."""
    bare = bare_key(key)
    if bare and bare not in gaz.stop_never:
        cands = [(p, "bare") for p, how in gaz.candidates(bare) if p.kind != "country" and p.country in REGION]
        if cands:
            return cands
    if key.endswith("s") and len(key) >= 5 and key[:-1] not in gaz.stop_never:
        return [(p, how) for p, how in gaz.candidates(key[:-1]) if how in ("name", "alias")
                and (p.kind != "point" or how == "alias" or p.population >= 100_000
                     or (p.country in REGION and p.population >= 10_000))]
    return []


def _plausible(cands: list[tuple[Place, str]], surface: str) -> list[tuple[Place, str]]:
    """Drop readings a news text hardly means: an all-capitals word is an acronym unless it is a
    listed alias ("US", "UK"); far-away small places answer only to their own name, not to the
    foreign-language alternate names GeoNames lists for them ("Human" is an alternate of Uman)."""
    if surface.isupper() and len(surface) > 1:
        cands = [c for c in cands if c[1] == "alias"]
    return [(p, how) for p, how in cands
            if how in ("name", "alias") or p.country in REGION or p.population >= WORLD_ALTERNATE_MIN]


def _allowed(text: str, start: int, end: int, key: str, gaz: Gazetteer) -> bool:
    if key in gaz.stop_never or _ATTRIBUTIVE.match(text, end):
        return False
    if key in gaz.stop_context:
        before = text[max(0, start - 20):start].split()
        after = text[end:end + 15].split()
        roles = modifiers()
        return bool((before and roles.get(before[-1].lower()) == "locative")
                    or (after and roles.get(after[0].lower().strip(",.")) in ("admin1_after", "vicinity_after")))
    return True


def _inside_non_place_entity(ents, start: int, end: int) -> bool:
    for ent in ents:
        if ent.label_ in _NOT_PLACE_ENTS and ent.start_char <= start and end <= ent.end_char \
                and (ent.end_char - ent.start_char) > (end - start):
            return True
    return False


def _entity_matches(doc, matches, gaz: Gazetteer) -> list[tuple[int, int, list[tuple[Place, str]]]]:
    """spaCy GPE/LOC/FAC entities the phrase matcher missed, looked up under their spelling
    variants ("the al-Rai crossing" -> al-Rai): places of the region only."""
    if doc is None:
        return []
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e, _ in matches):
            continue
        words = [t for t in ent if t.text.lower() != "the" and t.text[:1].isupper()]
        if not words:
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        key = name_key(doc.text[start:end])
        cands = [(p, how) for p, how in (gaz.candidates(key) or _variant_candidates(key, gaz))
                 if p.country in REGION]
        if cands and key not in gaz.stop_never and key not in gaz.stop_context:
            out.append((start, end, cands))
    return sorted(out)


def _far_fetched(place: Place, how: str, context: str | None) -> bool:
    """In a text about the region, a small town far away or a spelling variant from another
    country is a misread name ("Hamis" in a Syrian story is not in Xinjiang)."""
    if context is None or place.country == context or place.kind != "point":
        return False
    if how == "bare":
        return True
    return context in REGION and place.country not in REGION and place.population < 100_000


def _context_country(matches, country: str | None) -> str | None:
    """The country of the names that have only one reading, weighted as dominant_country does."""
    if country:
        return country
    votes: collections.Counter = collections.Counter()
    for _, _, cands in matches:
        countries = {p.country for p, how in cands if how != "bare"} or {p.country for p, _ in cands}
        # Country names are as often actors ("the US said") as places: towns and provinces decide.
        if len(countries) == 1 and cands[0][0].kind != "country":
            votes[cands[0][0].country] += 1
    return votes.most_common(1)[0][0] if votes else None


def _modified(text: str, start: int, end: int, place: Place, gaz: Gazetteer):
    """Widen a mention over its modifiers; return (start, end, place, shown name, rule suffix)."""
    roles = modifiers()
    shown, rule = place.name, ""
    to_admin1 = False
    after = re.match(r"[ ]+([A-Za-z]+)", text[end:end + 20])
    if after and roles.get(after.group(1).lower()) in ("admin1_after", "vicinity_after"):
        role = roles[after.group(1).lower()]
        end += after.end()
        shown, rule = f"{shown} {after.group(1).lower()}", f"+{after.group(1).lower()}"
        to_admin1 = role == "admin1_after"
    before = re.search(r"([A-Za-z-]+)(?: of)?[ ]+$", text[max(0, start - 30):start])
    if before:
        phrase = text[max(0, start - 30):start][before.start():].strip().lower()
        role = roles.get(phrase) or roles.get(before.group(1).lower())
        if role in ("direction", "admin1_before", "vicinity_before") \
                and not shown.lower().startswith(phrase):  # "eastern Ghouta" is Eastern Ghouta
            start -= len(text[max(0, start - 30):start]) - before.start()
            shown, rule = f"{text[start:start + len(phrase)]} {shown}", f"{phrase}+" + rule
            to_admin1 = to_admin1 or role == "admin1_before"
    phrase_place = gaz.best(gaz.candidates(name_key(shown)), place.country) if rule else None
    if phrase_place is not None and phrase_place.country == place.country:
        # The modified phrase is a name of its own: "Damascus suburbs" is Rif Dimashq.
        return start, end, phrase_place, shown, rule
    if to_admin1 and place.kind == "point" and place.admin1:
        # "rural Damascus", "Damascus countryside": a unit of its own where the table has one.
        own = gaz.best([c for c in gaz.candidates(name_key(shown)) if c[0].kind == "admin1"])
        unit = own or gaz.admin1_place(place.admin1, place.country)
        if unit is not None:
            place = unit
    return start, end, place, shown, rule


def find_places(text: str, doc=None, country: str | None = None) -> list[PlaceMention]:
    """All place mentions, non-overlapping, longest first, disambiguated by the text's country."""
    gaz = gazetteer()
    ents = doc.ents if doc is not None else ()  # Doc.ents builds new spans on every access
    matches = [m for m in _raw_matches(text, gaz) if not _inside_non_place_entity(ents, m[0], m[1])]
    from_entities = _entity_matches(doc, matches, gaz)
    matches = sorted(matches + from_entities, key=lambda m: m[0])
    entity_spans = {(s, e) for s, e, _ in from_entities}
    context = _context_country(matches, country)
    out = []
    for start, end, cands in matches:
        place = gaz.best(cands, context)
        if place is None:
            continue
        how = next((h for p, h in cands if p is place), "alias")
        if _far_fetched(place, how, context):
            continue
        origin = "spacy-ent+" if (start, end) in entity_spans else ""
        start, end, place, shown, suffix = _modified(text, start, end, place, gaz)
        loc = place.location(name=shown)
        rule = f"{origin}gazetteer:{how}" + (f":{suffix}" if suffix else "")
        loc.span = Span(start, end, text[start:end], rule)
        out.append(PlaceMention(start, end, text[start:end], loc, rule))
    # Villages and districts the gazetteer lacks, placed by the words that introduce them.
    inferred = inferred_places(text, out, gaz, doc=doc, home=dominant_place(out))
    return sorted(out + inferred, key=lambda m: m.start) if inferred else out


def dominant_country(mentions: list[PlaceMention]) -> str | None:
    """The country most of the article's places lie in; towns and provinces count double a
    country name, which is as often an actor ("Russia said") as a place."""
    votes: collections.Counter = collections.Counter()
    first: dict[str, int] = {}
    local: set[str] = set()
    for m in mentions:
        c = m.location.country
        if not c:
            continue
        votes[c] += (1.0 if m.location.precision == "country" else 2.0) * (LEAD_WEIGHT if m.start < LEAD_CHARS else 1.0)
        first.setdefault(c, m.start)
        if m.location.precision != "country":
            local.add(c)
    if not votes:
        return None
    # A country whose towns are named is where things happen; one only named is often an actor.
    return max(votes, key=lambda c: (c in local, votes[c], -first[c]))


def dominant_place(mentions: list[PlaceMention]) -> Location | None:
    """The article's main place: the admin1 its places of the dominant country fall in most often
    (lead mentions weigh more, the earliest breaks ties), and within it the most named place."""
    country = dominant_country(mentions)
    if country is None:
        return None
    local = [m for m in mentions if m.location.country == country and m.location.admin1]
    if not local:
        country_mentions = [m for m in mentions if m.location.country == country]
        return country_mentions[0].location if country_mentions else None
    votes: collections.Counter = collections.Counter()
    first: dict[str, int] = {}
    for m in local:
        votes[m.location.admin1] += LEAD_WEIGHT if m.start < LEAD_CHARS else 1.0
        first.setdefault(m.location.admin1, m.start)
    admin1 = max(votes, key=lambda a: (votes[a], -first[a]))
    inside = [m for m in local if m.location.admin1 == admin1]
    points = [m for m in inside if m.location.precision != "admin1"] or inside
    counts = collections.Counter(m.location.name for m in points)
    best = max(points, key=lambda m: (counts[m.location.name], -m.start))
    return best.location
