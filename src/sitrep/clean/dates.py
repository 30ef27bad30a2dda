"""Publication dates from datelines ("Tue Oct 25, 2016 21:36:02", "Wed 05 Apr 2017",
"Date of publication 4 October 2016", "Last updated at Jul 262016", "20.07.2016")
and from metadata strings.  Patterns: ``data/dateline_patterns.jsonl``."""
from __future__ import annotations

import datetime as dt
import re

from .patterns import Pattern, cached_patterns

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


def dateline_patterns() -> tuple[Pattern, ...]:
    return cached_patterns("dateline_patterns.jsonl")


def date_from_match(match: re.Match, pattern: Pattern) -> dt.date | None:
    parts = match.groupdict()
    month_text = parts["month"].rstrip(".").lower()
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text[:3])
    try:
        return dt.date(int(parts["year"]), month or 0, int(parts["day"]))
    except (TypeError, ValueError):
        # 13/05/2016 under a month-first pattern: read it the other way round
        if pattern.spec.get("order") in ("mdy", "dmy") and month_text.isdigit():
            try:
                return dt.date(int(parts["year"]), int(parts["day"]), int(month_text))
            except ValueError:
                return None
        return None


def match_dateline(text: str, pos: int = 0) -> tuple[dt.date, re.Match, Pattern] | None:
    """A dateline starting exactly at ``pos``; the longest match wins."""
    best = None
    for pattern in dateline_patterns():
        m = pattern.regex.match(text, pos)
        if not m:
            continue
        when = date_from_match(m, pattern)
        if when and (best is None or m.end() > best[1].end()):
            best = (when, m, pattern)
    return best


def search_dateline(text: str) -> tuple[dt.date, re.Match, Pattern] | None:
    """The first dateline anywhere in ``text`` (used on furniture such as 'Last Update: ...')."""
    found = []
    for pattern in dateline_patterns():
        for m in pattern.finditer(text):
            when = date_from_match(m, pattern)
            if when:
                found.append((m.start(), -m.end(), when, m, pattern))
                break
    if not found:
        return None
    _, _, when, m, pattern = min(found, key=lambda f: (f[0], f[1]))
    return when, m, pattern


def parse_date(value: str) -> tuple[dt.date, str] | None:
    """A metadata date string (ISO, '4/5/2017', 'Wed 05 Apr 2017' ...) and the rule that read it."""
    value = value.strip()
    if not value:
        return None
    hit = match_dateline(value) or search_dateline(value)
    if hit:
        return hit[0], hit[2].id
    return None


EARLY_CREDIT = re.compile(r"\b(?:AFP|AP|Reuters|REUTERS|AA|TASS|SANA|Sputnik|UPI|DPA|Xinhua|IRNA)\s+")


def search_early_dateline(text: str, limit: int = 400) -> tuple[dt.date, re.Match, Pattern] | None:
    """A dateline in the first lines that the header reader could not take off the
    front (Al-Ahram puts "AFP Friday 20 Jun 2014" after a headline and standfirst).
    Only unambiguous forms count: 'early' patterns, or any form right after a credit."""
    head = text[:limit]
    hits = []
    for m in EARLY_CREDIT.finditer(head):
        hit = match_dateline(head, m.end())
        if hit:
            hits.append((m.end(), hit))
    for pattern in dateline_patterns():
        if not pattern.spec.get("early"):
            continue
        for m in pattern.finditer(head):
            when = date_from_match(m, pattern)
            if when:
                hits.append((m.start(), (when, m, pattern)))
                break
    return min(hits, key=lambda h: h[0])[1] if hits else None
