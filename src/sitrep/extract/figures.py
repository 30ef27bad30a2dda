"""Casualty figures and other counts in one sentence.

"Sixteen civilians including three children were killed" -> killed 16
(civilians); "killing at least 21 people" -> killed 21, at_least; "dozens
were wounded" -> injured low 24, about; "a woman and a child were killed"
-> killed 2. Other counts ("21 air strikes", "six humanitarian corridors",
"for 16 days") go to ``quantities``. Every figure keeps its text, its span
in the article and the rule that found it. The cue words live in
``data/casualty_cues.json``; the numbers in ``data/number_words.json``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..records import Figure, Span
from .numbers import number_pattern, parse_number

YEARS = range(1900, 2036)


@lru_cache(maxsize=1)
def cues() -> dict:
    return json.loads(resources.files("sitrep.data").joinpath("casualty_cues.json").read_text("utf-8"))


def _alt(words) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


@dataclass
class FigureMention:
    """A figure found in text: ``kind`` is killed, injured or a quantity name."""

    kind: str
    figure: Figure
    rule: str
    start: int
    end: int
    included: bool = False  # inside "including ..." (a part of a larger toll)


@lru_cache(maxsize=1)
def _cue_filters() -> dict[str, re.Pattern]:
    """Per pattern, a cheap test that its cue words occur at all; most sentences skip most patterns."""
    c = cues()
    words = {kind: c[f"{kind}_passive"] + c[f"{kind}_active"] + c[f"{kind}_result"] for kind in ("killed", "injured")}
    words["killed"] = words["killed"] + c["toll"]
    for name, nouns in c["quantities"].items():
        words[name] = nouns
    words["displaced"] = c["displacement_cues"]
    words["days"] = ["day", "days"]
    words["injured"] = words["injured"] + ["injuries", "hurt"]
    return {k: re.compile(rf"(?<![\w-])(?:{_alt(v)})", re.I) for k, v in words.items()}


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, str, re.Pattern]]:
    c = cues()
    num = number_pattern()
    quals = {q: _alt(ws) for q, ws in c["qualifiers"].items()}
    qual = "|".join(f"(?P<q_{q}>{alt})" for q, alt in quals.items())
    person = _alt(c["person_nouns"])
    enum_item = rf"(?:\b(?:a|an|one)\s+(?:of\s+(?:her|his|their)\s+)?(?:[a-z-]+\s+)?(?:{person})|(?:{num})\s+(?:[a-z-]+\s+)?(?:{person}))"
    enum = rf"\b(?:a|an|one|another)\s+(?:[a-z-]+\s+)?(?:{person})(?:\s*(?:,|and)\s*(?:and\s+)?{enum_item})*"
    count = (rf"(?:(?:{qual})\s+){{0,2}}(?:(?:another(?=\s+\d|\s+(?:{num}))|a further|an additional|other|a total of)\s+)?"
             rf"(?P<count>between\s+(?:{num})\s+and\s+(?:{num})|(?:{num})\s*(?:-|–|to)\s*(?:{num})(?=\s)|{enum}|(?:{num}))")
    aux = _alt(c["aux"])
    incl = _alt(c["inclusion"])
    noun = r"(?P<noun>(?:[ \t]+(?:(?:at least)|[a-z'-]+)){0,4}?)"
    # "Three women from the besieged town of Madaya west of Damascus were killed": where the
    # victims come from may stand between them and the verb.
    origin = r"(?:\s+from\s+(?:the\s+)?[^.;:,\d]{3,80}?)?"
    out = []
    for kind in ("killed", "injured"):
        passive = _alt(c[f"{kind}_passive"])
        active = _alt(c[f"{kind}_active"])
        result = _alt(c[f"{kind}_result"])
        out.append((kind, f"{kind}:count-before-cue", re.compile(
            rf"{count}{noun}(?P<incl>\s*,?\s*(?:{incl})\b[^.;:]*?)?{origin}\s+(?:(?:{aux})\s+){{0,3}}(?P<cue>{passive})\b", re.I)))
        out.append((kind, f"{kind}:cue-before-count", re.compile(
            rf"\b(?P<cue>{active})\s+(?:(?:the|some|about)\s+)?{count}", re.I)))
        out.append((kind, f"{kind}:left-count-result", re.compile(
            rf"\b(?P<cue>left|leaving|leaves|leave)\s+{count}{noun}\s*(?:{result})\b", re.I)))
    toll = _alt(c["toll"])
    out.append(("killed", "killed:toll", re.compile(
        rf"(?<!previous )(?<!earlier )\b(?P<cue>{toll})\b(?:[^.;]{{0,50}}?\b(?:to|at|of|reached|hit|is|was|stood at)"
        # "The death toll from a government raid on a stronghold in the east has risen to 18"
        rf"|[^.;]{{0,120}}?\b(?:rose|risen|climbed|jumped|increased|mounted|grew|grown)\s+to)\s+{count}", re.I)))
    # "causing no injuries", "no one was hurt": a count of zero, which is not the same as no count.
    out.append(("injured", "injured:none", re.compile(
        r"\b(?P<count>no)\s+(?:(?:other|further|immediate|reported)\s+)?(?:injuries|(?:one|body)\s+(?:was|were)\s+(?:hurt|injured|wounded))\b", re.I)))
    # "causing no injuries", "no one was hurt": a count of zero, which is not the same as no count.
    out.append(("injured", "injured:none", re.compile(
        r"\b(?P<count>no)\s+(?:(?:other|further|immediate|reported)\s+)?(?:injuries|(?:one|body)\s+(?:was|were)\s+(?:hurt|injured|wounded))\b", re.I)))
    for name, nouns in c["quantities"].items():
        out.append((name, f"quantity:{name}", re.compile(
            rf"{count}\s+(?:(?:[a-z-]+)\s+){{0,2}}?(?P<cue>{_alt(nouns)})\b", re.I)))
    out.append(("displaced", "quantity:displaced", re.compile(
        rf"{count}(?:\s+(?:people|civilians|residents|syrians|iraqis|others))?\s+(?:(?:{aux})\s+){{0,2}}(?P<cue>{_alt(c['displacement_cues'])})\b", re.I)))
    out.append(("days", "quantity:days", re.compile(rf"{count}[\s-]+(?P<cue>days?)\b", re.I)))
    # The zero count first, so "no one was hurt" is not read as "one was hurt".
    out.sort(key=lambda p: p[1] != "injured:none")
    return out


@lru_cache(maxsize=2)
def _other_kind_cue(kind: str) -> re.Pattern:
    """The passive cues of the other casualty kind ("injured" for killed, "killed" for injured)."""
    other = "injured" if kind == "killed" else "killed"
    return re.compile(rf"(?<![\w-])(?:{_alt(cues()[f'{other}_passive'])})(?![\w-])", re.I)


def _qualifier(m: re.Match) -> str:
    for q in ("at_least", "more_than", "about", "up_to"):
        if m.groupdict().get(f"q_{q}"):
            return q
    return "exact"


@lru_cache(maxsize=1)
def _enum_item() -> re.Pattern:
    return re.compile(rf"(?:(?P<num>{number_pattern()})|\b(?:a|an|one|another)\b)", re.I)


def _count_value(text: str):
    """(value, low, high, qualifier) of the counted phrase, or None."""
    t = text.strip()
    r = re.fullmatch(rf"between\s+({number_pattern()})\s+and\s+({number_pattern()})", t, re.I) or \
        re.fullmatch(rf"({number_pattern()})\s*(?:-|–|to)\s*({number_pattern()})", t, re.I)
    if r:
        a, b = parse_number(r.group(1)), parse_number(r.group(2))
        if a and b and a.value is not None and b.value is not None and a.value < b.value:
            return None, a.value, b.value, "range"
        return None
    if t.lower() == "no":
        return 0, None, None, "exact"
    n = parse_number(t)
    if n is not None:
        return n.value, n.low, None, n.qualifier
    # An enumeration of people: "a woman and a child", "a man and two children".
    total = 0
    for item in _enum_item().finditer(t):
        if item.group("num"):
            v = parse_number(item.group("num"))
            total += v.value or v.low or 0 if v else 0
        else:
            total += 1
    return (total, None, None, "exact") if total else None


def _group(words: str) -> str:
    groups = cues()["groups"]
    tokens = set(re.findall(r"[a-z]+", words.lower()))
    found = [g for g in ("civilians", "combatants") if tokens & set(groups[g])]
    if len(found) == 2:
        return "mixed"
    return found[0] if found else "unknown"


@lru_cache(maxsize=1)
def _coordination() -> tuple[re.Pattern, re.Pattern]:
    """Counts joined by "and" / "as well as": "killed 30 regime fighters as well as 50 rebels",
    "11 opposition fighters and five Kurdish fighters were killed" are one toll of 80, of 16."""
    num, person = number_pattern(), _alt(cues()["person_nouns"])
    joiner = r"(?:and|as\s+well\s+as|in\s+addition\s+to|plus)"
    after = re.compile(rf"(?P<noun>(?:[ \t]+(?!including\b|among\b|mostly\b|mainly\b|of\b|whom\b)[a-z'-]+){{0,4}}?)\s+{joiner}\s+(?:(?:at\s+least|some|about)\s+)?"
                       rf"(?P<count>{num})\s+(?P<noun2>(?:[a-z'-]+\s+){{0,3}}?(?:{person}))\b", re.I)
    before = re.compile(rf"(?P<count>{num})\s+(?P<noun>(?:[a-z'-]+\s+){{0,3}}?(?:{person}))\s+{joiner}\s+$", re.I)
    return after, before


def _add_coordinated(text: str, m: re.Match, rule: str, value: int) -> tuple[int, int, int, str] | None:
    """(total, start, end, nouns) when the matched count has a coordinated partner."""
    after, before = _coordination()
    cstart, cend = m.span("count")
    if rule.endswith("cue-before-count"):
        c = after.match(text, cend)
        if c:
            other = parse_number(c.group("count"))
            if other and other.value:
                return value + other.value, m.start(), c.end(), c.group("noun") + " " + c.group("noun2")
    elif rule.endswith("count-before-cue"):
        c = before.search(text[max(0, cstart - 80):cstart])
        if c:
            other = parse_number(c.group("count"))
            if other and other.value:
                return value + other.value, cstart - len(text[max(0, cstart - 80):cstart]) + c.start(), m.end(), \
                    c.group("noun") + " " + (m.groupdict().get("noun") or "")
    return None


def find_figures(text: str, offset: int = 0) -> list[FigureMention]:
    """Every casualty figure and count in ``text`` (one sentence), left to right.

    ``offset`` is where ``text`` starts in the article, so spans point into it.
    """
    found: list[FigureMention] = []
    taken: list[tuple[int, int, str]] = []
    present = {k for k, rx in _cue_filters().items() if rx.search(text)}
    for kind, rule, pattern in _patterns():
        if kind not in present:
            continue
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            # On a rejected match, look again just after its count: "2016 Sixteen civilians were killed".
            pos = m.start("count") + 1
            cstart, cend = m.span("count")
            if any(s <= cstart < e and (k == kind or (kind in ("killed", "injured") and k in ("killed", "injured")))
                   for s, e, k in taken):
                continue
            parsed = _count_value(m.group("count"))
            if parsed is None:
                continue
            value, low, high, qual = parsed
            noun = (m.groupdict().get("noun") or "")
            if value in YEARS and not re.match(r"\s*(?:people|civilians|[a-z]+s)\b", noun or text[cend:cend + 15]):
                continue
            if qual == "exact":
                qual = _qualifier(m)
                if "at least" in noun.lower():
                    qual = "at_least"
            if rule.endswith("count-before-cue") and _other_kind_cue(kind).search(text[cend:m.start("cue")]):
                continue  # "70 injured with dozens of dead": the count's own cue comes first
            if kind in ("killed", "injured") and m.start("count") > 0:
                # "one of the" / "first", "second": ordinal or partitive, not a count of people.
                if re.match(r"\s+of\s+(?:the|those)\b", text[cend:cend + 10]):
                    continue
                # "..., three of which died in hospital": a part of a group told before, not the toll
                # ("killing 3 of them", with the cue first, is the toll).
                if rule.endswith("count-before-cue") and re.match(r"\s+of\s+(?:which|whom)\b", text[cend:cend + 12]):
                    continue
            group = _group(noun + " " + m.group("count") + " " + text[cend:cend + 25]) if kind in ("killed", "injured") else None
            start, end = m.start(), m.end()
            joined = _add_coordinated(text, m, rule, value) if kind in ("killed", "injured") and value else None
            if joined is not None:
                value, start, end, nouns = joined
                parts = {_group(nouns), group}
                group = "mixed" if {"civilians", "combatants"} <= parts else (group if group != "unknown" else _group(nouns))
                rule = f"{rule}+coordinated"
            span = Span(offset + cstart, offset + cend, m.group("count"), rule)
            figure = Figure(value=value, qualifier=qual, low=low, high=high, group=group,
                            text=text[start:end], span=span)
            incl = bool(re.search(rf"\b(?:{_alt(cues()['inclusion'])})\s+(?:{_alt(cues()['qualifiers']['at_least'])}\s+)?$",
                                  text[max(0, start - 30):start], re.I))
            if rule.startswith(("killed:count-before-cue", "injured:count-before-cue")) and \
                    re.search(r"\bamong\b", text[cend:m.start("cue")], re.I):
                incl = True  # "70 children were among those killed": a part of the toll, not the toll
            if incl and rule.startswith(("killed:count-before-cue", "injured:count-before-cue")) and \
                    re.search(r"\band\s+(?:\w+ly\s+)?$", text[cend:m.start("cue")], re.I):
                continue  # "killed 38 including 14 children and wounded 250": the subgroup ends the clause
            found.append(FigureMention(kind, figure, rule, offset + start, offset + end, included=incl))
            taken.append((m.start(), m.end(), kind) if kind in ("killed", "injured") else (cstart, cend, kind))
            pos = m.end()
    found.sort(key=lambda f: f.start)
    return found


def main_figure(mentions: list[FigureMention], kind: str) -> FigureMention | None:
    """The headline figure of a kind: the first one not inside an "including ..." aside."""
    of_kind = [f for f in mentions if f.kind == kind]
    for f in of_kind:
        if not f.included:
            return f
    return of_kind[0] if of_kind else None
