"""Which named place an event mention happened at.

In one sentence: the place nearest the trigger (places after it first); a
governorate that only locates the town before it gives way to the town; and
places that are not where anything happened are set aside -- a landmark after
"west of" / "near" ("Madaya west of Damascus"), where people come from
("residents of Fuaa"), where the attackers sit ("terrorists positioned in
Binnesh"), and a capital standing for its government ("Ankara's offensive").
"""
from __future__ import annotations

import dataclasses
import re

from .triggers import Trigger

# "Khan Sheikhun in Idlib province", "Saraqib, Idlib": the governorate after a town says where the town is.
_LOCATES = re.compile(r"\s*(?:,|in|of)\s*(?:the\s+)?(?:(?:northern|southern|eastern|western|central|"
                      r"north-?western|north-?eastern|south-?western|south-?eastern|rural|syrian|neighbouring|nearby)\s+)?$", re.I)
# "Madaya west of the Syrian capital Damascus", "a village near Aleppo": the second place is a landmark
# that says where the first one lies, not a second place where something happened.
_REFERENCE = re.compile(
    r"\s*,?\s*(?:(?:some|about|around|nearly|roughly|just)\s+)?(?:\d+\s*(?:km|kms|kilometres|kilometers|miles)\s+)?"
    r"(?:(?:(?:to\s+the\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of)"
    r"|near|outside|close\s+to|on\s+the\s+outskirts\s+of)\s+(?:the\s+)?"
    r"(?:(?:syrian|iraqi|provincial|capital|city|town|of|northern|southern|eastern|western)\s+)*$", re.I)


# "buses carrying residents of Fuaa": where the people come from, not where it happened.
_ORIGIN = re.compile(r"\b(?:residents|people|evacuees|civilians|natives|families|inhabitants|villagers|"
                     r"refugees|displaced)\s+(?:of|from)\s+"
                     r"(?:(?!(?:at|in|near|on|to|into|outside|and|or)\s)(?-i:[a-z][\w-]*)\s+){0,4}$"
                     # "terrorists positioned in Binnesh town shelled al-Fouaa": where the attackers are.
                     r"|\b(?:located|positioned|stationed|based|entrenched|deployed|holed\s+up)\s+in\s+(?:the\s+)?$", re.I)


_DIRECTION_OF = re.compile(r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|near|outside)\s", re.I)
_METONYM = re.compile(r"['’]?s\s+(?:(?:own|new|latest|ongoing|military|ground|air|main)\s+)?(?:offensive|army|forces|military|"
                      r"government|troops|campaign|operation|jets|warplanes|air\s+force|ally|allies|minister|"
                      r"president|regime|intervention|support|backing|soldiers|officials)\b", re.I)
_COORDINATED = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", re.I)


def _metonym(place, after: str) -> bool:
    """The place is a possessive naming an actor: "Ankara's offensive" (or "Ankaras offensive" in texts
    stripped of apostrophes, where the place found may already hold the "s")."""
    if _METONYM.match(after):
        return True
    name, surface = (place.location.name or "").lower(), (place.text or "").lower()
    held_s = surface.endswith(("'s", "’s")) or (surface.endswith("s") and not name.endswith("s"))
    return held_s and bool(_METONYM.match("s" + after))


def reference_places(places: list, text: str, offset: int = 0) -> set[int]:
    """Indexes of places that only locate the place just before them ("Madaya west of Damascus"),
    or name where people come from ("residents of Fuaa") while another place is named."""
    out = set()
    if len(places) > 1:
        out = {i for i, p in enumerate(places) if _ORIGIN.search(text[max(0, p.start - offset - 60):p.start - offset])}
        ordered = sorted(range(len(places)), key=lambda i: places[i].start)
        for a, b in zip(ordered, ordered[1:]):  # "residents of Fuaa and Kafraya": both are origins
            if a in out and _COORDINATED.fullmatch(text[places[a].end - offset:places[b].start - offset]):
                out.add(b)
        if len(out) == len(places):
            out = set()
    # "Ankara's offensive", "Moscow's jets": a capital standing for its government acts, it is no place.
    out |= {i for i, p in enumerate(places) if _metonym(p, text[p.end - offset:p.end - offset + 40])}
    ordered = sorted(range(len(places)), key=lambda i: places[i].start)
    for a, b in zip(ordered, ordered[1:]):
        first, second = places[a], places[b]
        between = text[first.end - offset:second.start - offset]
        if len(between) < 60 and _REFERENCE.fullmatch(between):
            out.add(b)
        elif re.fullmatch(r"\s*,?\s*", between) and _DIRECTION_OF.match(second.text):
            out.add(b)  # "Rashidin west of Aleppo" found as "Rashidin" + "west of Aleppo"
    return out


def nearest_place(trigger: Trigger, places: list, text: str | None = None, offset: int = 0) -> object | None:
    """The place linked to a trigger: the nearest one, places after the trigger ("strikes on X") first.

    With ``text`` (the sentence, starting at article offset ``offset``), a governorate that only
    locates the town before it ("Khan Sheikhun in Idlib province suffered air strikes") gives way
    to the town.
    """
    if not places:
        return None
    fine = [p for p in places if (p.location.precision or "") != "country"]
    pool = fine or places

    def distance(p):
        return p.start - trigger.end if p.start >= trigger.end else (trigger.start - p.end) * 1.5 + 5
    best = min(pool, key=distance)
    if text is not None and (best.location.precision or "") == "admin1":
        for p in pool:
            if p.end <= best.start and (p.location.precision or "") != "admin1" \
                    and p.location.admin1 in (best.location.admin1, None) \
                    and _LOCATES.fullmatch(text[p.end - offset:best.start - offset]):
                if p.location.admin1 is None:  # a village the gazetteer lacks: the text says its governorate
                    p = dataclasses.replace(p, location=dataclasses.replace(
                        p.location, admin1=best.location.admin1, country=p.location.country or best.location.country))
                return p
    return best


def coordinated_places(first, places: list, text: str, offset: int) -> list:
    """Places joined to ``first`` by "and" / commas that lie in another admin1 ("in Raqqa and Deir ez-Zor")."""
    out, current = [], first
    for p in sorted(places, key=lambda p: p.start):
        if p.start <= current.start:
            continue
        between = text[current.end - offset:p.start - offset]
        if not re.fullmatch(r"\s*(?:,|and|,\s*and|as\s+well\s+as)\s*(?:in\s+|on\s+)?(?:the\s+)?", between, re.I):
            break
        if p.location.admin1 and p.location.admin1 != first.location.admin1 \
                and all(p.location.admin1 != o.location.admin1 for o in out):
            out.append(p)
        current = p
    return out


__all__ = ["coordinated_places", "nearest_place", "reference_places"]
