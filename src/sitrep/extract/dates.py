"""Event dates, resolved against the publication date.

Published Tuesday 2016-10-25: "on Tuesday" is 2016-10-25, "last Friday"
2016-10-21, "yesterday" 2016-10-24, "overnight" the night before
(2016-10-24), "in the past day" the range 2016-10-24..25, "in the past
three days" 2016-10-22..25, "since last Tuesday" 2016-10-18..25, "earlier
this week" 2016-10-24..25, "last week" the previous calendar week, "October
18" 2016-10-18 (the latest such day not after publication), "in March 2011"
the month, "in 2015" the year. Without a publication date only the
expressions that carry their own year resolve; the rest are ``unknown``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .numbers import number_pattern, parse_number

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
              "oct": 10, "nov": 11, "dec": 12}
ONE_DAY = dt.timedelta(days=1)


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date | None
    date_end: dt.date | None
    precision: str  # day | range | month | year | unknown
    rule: str


_WD = "|".join(WEEKDAYS)
_MONTH = "|".join(sorted(list(MONTHS) + [f"{a}\\.?" for a in MONTH_ABBR], key=len, reverse=True))
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_N = number_pattern()

# Order matters: the longer, more specific expression wins where two overlap.
RULES: list[tuple[str, re.Pattern]] = [(name, re.compile(rx, re.I)) for name, rx in [
    ("since-last-weekday", rf"\bsince\s+last\s+(?P<wd>{_WD})\b"),
    ("since-weekday", rf"\bsince\s+(?P<wd>{_WD})\b"),
    ("since-month-day", rf"\bsince\s+(?:(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})|(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}))\b(?:,?\s+(?P<y>{_YEAR}))?"),
    ("since-month-year", rf"\bsince\s+(?:(?:early|late|mid)[\s-]+)?(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b"),
    ("since-year", rf"\bsince\s+(?P<y>{_YEAR})\b"),
    ("month-day-year", rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b"),
    ("day-month-year", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b"),
    ("month-day", rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?!\s*(?:,\s*)?(?:{_YEAR}|\d))"),
    ("day-month", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})\b(?!,?\s+{_YEAR})"),
    ("month-year", rf"\b(?:in\s+|of\s+|late\s+|early\s+|mid[\s-])?(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b"),
    ("last-month-name", rf"\blast\s+(?P<m>{_MONTH})\b"),
    ("in-month", rf"\b(?:in|since|during|late|early|mid)[\s-]+(?P<m>{_MONTH})\b(?!\s+{_DAY})"),
    ("in-year", rf"\b(?:in|since|during|of)\s+(?P<y>{_YEAR})\b"),
    ("past-day", r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:day|24\s+hours|twenty-four\s+hours)\b"
                 r"|\b(?:past|last)\s+24\s+hours\b"),
    ("past-n-days", rf"\b(?:in|over|during|within|for)\s+the\s+(?:past|last|previous)\s+(?P<n>{_N})\s+days\b"),
    ("past-week", r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+week\b"),
    ("last-weekday", rf"\blast\s+(?P<wd>{_WD})\b"),
    # "Wednesday's strike", and "Wednesdays strike" in texts stripped of apostrophes.
    ("weekday", rf"\b(?P<wd>{_WD})(?:['’]?s)?\b"),
    ("yesterday", r"\byesterday\b|\blast\s+night\b|\bovernight\b"),
    ("today", r"\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b"),
    ("earlier-this-week", r"\b(?:earlier|early)\s+this\s+week\b|\bthis\s+week\b"),
    ("last-week", r"\blast\s+week\b|\ba\s+week\s+ago\b"),
    ("days-ago", rf"\b(?P<n>{_N})\s+days\s+ago\b"),
    ("last-month", r"\blast\s+month\b"),
    ("last-year", r"\blast\s+year\b|\ba\s+year\s+ago\b|\bthe\s+previous\s+year\b"),
    ("years-ago", rf"\b(?P<n>{_N})\s+years\s+ago\b"),
    ("n-days-of", rf"\b(?P<n>{_N})\s+days\s+of\b"),
]]


def _month(text: str) -> int:
    t = text.lower().rstrip(".")
    return MONTHS.get(t) or MONTH_ABBR[t]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))


def _latest_weekday(wd: str, pub: dt.date, strictly_before: bool) -> dt.date:
    back = (pub.weekday() - WEEKDAYS.index(wd.lower())) % 7
    if strictly_before and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _without_year(m: int, d: int, pub: dt.date | None) -> dt.date | None:
    """A day named without its year is the latest such day not after publication (a day's slack)."""
    if pub is None:
        return None
    day = _safe_date(pub.year, m, d)
    if day and day > pub + ONE_DAY:
        day = _safe_date(pub.year - 1, m, d)
    return day


def _month_start(m: int, pub: dt.date | None, year: int | None = None) -> dt.date | None:
    if year is not None:
        return dt.date(year, m, 1)
    if pub is None:
        return None
    return dt.date(pub.year if m <= pub.month else pub.year - 1, m, 1)


def resolve(rule: str, m: re.Match, pub: dt.date | None):
    """(date, date_end, precision) for one matched expression."""
    g = m.groupdict()
    n = parse_number(g["n"]) if g.get("n") else None
    n = n.value if n and n.value else None
    y = int(g["y"]) if g.get("y") else None
    if rule == "month-day-year" or rule == "day-month-year":
        return _safe_date(y, _month(g["m"]), _day(g["d"])), None, "day"
    if rule == "month-year":
        return dt.date(y, _month(g["m"]), 1), None, "month"
    if rule == "in-year":
        return dt.date(y, 1, 1), None, "year"
    if rule == "since-year":
        return dt.date(y, 1, 1), pub, "range"
    if rule == "since-month-year":
        return dt.date(y, _month(g["m"]), 1), pub, "range"
    if rule in ("month-day", "day-month"):
        return _without_year(_month(g["m"]), _day(g["d"]), pub), None, "day"
    if rule == "since-month-day":
        mon, d = (g["m1"], g["d1"]) if g.get("m1") else (g["m2"], g["d2"])
        start = _safe_date(y, _month(mon), _day(d)) if y else _without_year(_month(mon), _day(d), pub)
        return start, pub, "range"
    if rule == "in-month":
        return _month_start(_month(g["m"]), pub), None, "month"
    if rule == "last-month-name":
        mon = _month(g["m"])
        if pub is None:
            return None, None, "unknown"
        return dt.date(pub.year if mon < pub.month else pub.year - 1, mon, 1), None, "month"
    if pub is None:
        return None, None, "unknown"
    if rule == "since-last-weekday":
        return _latest_weekday(g["wd"], pub, True), pub, "range"
    if rule == "since-weekday":
        return _latest_weekday(g["wd"], pub, True), pub, "range"
    if rule == "last-weekday":
        return _latest_weekday(g["wd"], pub, True), None, "day"
    if rule == "weekday":
        return _latest_weekday(g["wd"], pub, False), None, "day"
    if rule == "yesterday":
        return pub - ONE_DAY, None, "day"
    if rule == "today":
        return pub, None, "day"
    if rule == "past-day":
        return pub - ONE_DAY, pub, "range"
    if rule in ("past-n-days", "n-days-of") and n and n < 400:
        return pub - dt.timedelta(days=n), pub, "range"
    if rule == "past-week":
        return pub - dt.timedelta(days=7), pub, "range"
    if rule == "days-ago" and n and n < 400:
        return pub - dt.timedelta(days=n), None, "day"
    if rule == "earlier-this-week":
        return pub - dt.timedelta(days=pub.weekday()), pub, "range"
    if rule == "last-week":
        monday = pub - dt.timedelta(days=pub.weekday() + 7)
        return monday, monday + dt.timedelta(days=6), "range"
    if rule == "last-month":
        first = pub.replace(day=1) - ONE_DAY
        return first.replace(day=1), None, "month"
    if rule == "last-year":
        return dt.date(pub.year - 1, 1, 1), None, "year"
    if rule == "years-ago" and n and n < 100:
        return dt.date(pub.year - n, 1, 1), None, "year"
    return None, None, "unknown"


# Words without which no rule can match: most sentences are skipped with one search.
_ANY_DATE_WORD = re.compile(
    rf"(?:{_WD}|{_MONTH}|{_YEAR}|yesterday|today|tonight|overnight|morning|afternoon|evening|night|"
    r"week|month|years?|days?|hours|ago)", re.I)


def find_dates(text: str, published: dt.date | None, offset: int = 0) -> list[DateMention]:
    """Every date expression in ``text``, resolved; overlapping matches keep the earlier rule."""
    found: list[DateMention] = []
    if not _ANY_DATE_WORD.search(text):
        return found
    taken: list[tuple[int, int]] = []
    for rule, pattern in RULES:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if rule == "in-month" and m.group("m").lower() == "may" and not re.match(r"(?i)in\s", m.group(0)):
                continue
            date, end, precision = resolve(rule, m, published)
            if rule in ("month-day", "day-month") and m.group("m").lower().rstrip(".") in ("may", "mar", "march") \
                    and not re.search(r"\d", m.group(0)):
                continue
            taken.append(m.span())
            found.append(DateMention(offset + m.start(), offset + m.end(), m.group(0), date, end,
                                     precision if date else "unknown", f"date:{rule}"))
    found.sort(key=lambda d: d.start)
    return found
