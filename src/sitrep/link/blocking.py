"""Candidate pairs without comparing all pairs.

A report joins one block per (event family, place key): its admin1, its
place name and, with coordinates, a grid cell and its neighbours (so two
villages 20 km apart across a governorate border still meet). Inside a
block, reports are swept in date order and only those whose date windows
overlap are paired. The cost is the number of reports times the number of
reports of one family, place and week, so it grows with the data, not
with its square.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

from .knowledge import blocking_families, fold_name
from .records import Report

# How far apart in days two reports of one incident may be dated (tolls are updated, reported late).
DATE_WINDOW = 3
# A long range ("since March") is cut to this many days for blocking; longer spans are not incidents.
MAX_SPAN = 14
# Reports with no date and no publication date meet the dated reports of their block only when the
# block is small; above this they would cost quadratic time and are linked within their article only.
UNDATED_BLOCK_LIMIT = 2000
GRID_DEGREES = 0.25


@dataclass(frozen=True)
class Window:
    start: int   # proleptic ordinal days
    end: int


# A main event is news: dated more than this many days before its article, the date is more
# likely a mis-resolved relative date ("on Tuesday" taken a week back) than the event's ...
MAIN_EVENT_MAX_AGE = 5
# ... unless its evidence or lead names that date outright ("on August 21", "21 Aug"): a follow-up
# (a toll update, a reaction, an inquiry) about an incident up to this many days old.
FOLLOWUP_MAX_AGE = 10
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")


def names_date(text: str, day: dt.date) -> bool:
    """Whether the text names the day outright: "August 21", "21 August", "Aug. 21", "21 Aug"."""
    month = _MONTHS[day.month - 1]
    pattern = rf"\b(?:{month}|{month[:3]}\.?)\s+{day.day}\b|\b{day.day}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{month}|{month[:3]}\b)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def explicitly_dated(r: Report) -> bool:
    return r.date is not None and names_date(f"{r.evidence} {r.lead}", r.date)


def date_window(r: Report) -> Window | None:
    """The days a report may be about: its dates, else the days before its publication.

    A date after the article's publication cannot be the event's, nor (for
    the article's main event) one weeks before it; such reports are placed
    by their publication date instead.
    """
    if r.date is not None and r.published is not None:
        age = (r.published - r.date).days
        if age < -1 or (r.salience == "main" and age > MAIN_EVENT_MAX_AGE
                        and not (age <= FOLLOWUP_MAX_AGE and explicitly_dated(r))):
            p = r.published.toordinal()
            return Window(p - 1, p)
    if r.date is not None:
        end = r.date_end if r.date_end and r.date_end >= r.date else r.date
        start = r.date.toordinal()
        return Window(start, min(end.toordinal(), start + MAX_SPAN))
    if r.published is not None:
        # Undated news is about the last few days before publication.
        p = r.published.toordinal()
        return Window(p - DATE_WINDOW, p)
    return None


def place_keys(r: Report) -> set[tuple]:
    keys: set[tuple] = set()
    country = fold_name(r.country)
    if r.admin1:
        keys.add(("a", country, fold_name(r.admin1)))
    if r.place:
        # A city named without admin1 ("Aleppo") meets the governorate of the same name.
        keys.add(("a", country, fold_name(r.place)))
    if r.lat is not None and r.lon is not None:
        gy, gx = int(r.lat // GRID_DEGREES), int(r.lon // GRID_DEGREES)
        keys.add(("g", gy, gx))
    return keys


def _grid_probe_keys(r: Report) -> set[tuple]:
    if r.lat is None or r.lon is None:
        return set()
    gy, gx = int(r.lat // GRID_DEGREES), int(r.lon // GRID_DEGREES)
    return {("g", gy + dy, gx + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)} - {("g", gy, gx)}


def report_windows(r: Report) -> list[Window]:
    """The windows a report is blocked under: its date window and, for an article's main
    event, the days around publication too (a mis-resolved date must not hide a lead story)."""
    own = date_window(r)
    out = [own] if own is not None else []
    if r.salience == "main" and r.published is not None:
        p = r.published.toordinal()
        pub = Window(p - 1, p)
        if own is None or own.start > pub.end + DATE_WINDOW or own.end < pub.start - DATE_WINDOW:
            out.append(pub)
    return out


def candidate_pairs(reports: list[Report], extra_keys: list[set[tuple]] | None = None
                    ) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of reports worth scoring; each pair at most once.

    ``extra_keys`` adds blocks beyond family and place (linking passes the
    rare words of each main report's lead, so a lead story with a wrong
    extracted place still meets its other reports).
    """
    blocks: dict[tuple, list[int]] = defaultdict(list)
    probes: dict[tuple, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        for fam in blocking_families(r.type):
            for key in place_keys(r):
                blocks[(fam, key)].append(i)
            for key in _grid_probe_keys(r):
                probes[(fam, key)].append(i)
        if extra_keys:
            for key in extra_keys[i]:
                blocks[key].append(i)
    windows = [report_windows(r) for r in reports]
    seen: set[tuple[int, int]] = set()
    for block_key, members in blocks.items():
        # Neighbouring grid cells are probed one way only (from the probe list into the block).
        extra = probes.get(block_key, [])
        for i, j in _sweep(members, extra, windows):
            pair = (i, j) if i < j else (j, i)
            if i != j and pair not in seen:
                seen.add(pair)
                yield pair


def _entries(members: list[int], windows: list[list[Window]]) -> list[tuple[Window, int]]:
    return sorted(((w, i) for i in members for w in windows[i]), key=lambda e: e[0].start)


def _sweep(members: list[int], probes: list[int], windows: list[list[Window]]) -> Iterator[tuple[int, int]]:
    dated = _entries(members, windows)
    n = len(dated)
    for a in range(n):
        wi, i = dated[a]
        reach = wi.end + DATE_WINDOW
        b = a + 1  # indices, not a slice: slicing copies the rest of the block for every report
        while b < n and dated[b][0].start <= reach:
            yield i, dated[b][1]
            b += 1
    if probes:
        yield from _cross_sweep(dated, _entries(probes, windows))
    undated = [i for i in members if not windows[i]]
    if undated and len(members) <= UNDATED_BLOCK_LIMIT:
        for u in undated:
            for j in members:
                if j != u:
                    yield u, j


def _cross_sweep(left: list[tuple[Window, int]], right: list[tuple[Window, int]]) -> Iterator[tuple[int, int]]:
    """Pairs from two start-sorted entry lists whose windows come within DATE_WINDOW days."""
    start = 0
    for wi, i in left:
        while start < len(right) and right[start][0].start < wi.start - DATE_WINDOW - MAX_SPAN:
            start += 1
        k = start
        while k < len(right) and right[k][0].start <= wi.end + DATE_WINDOW:
            wj, j = right[k]
            if wj.end + DATE_WINDOW >= wi.start:
                yield i, j
            k += 1


def window_gap(a: Window | None, b: Window | None) -> int | None:
    """Days between two windows (0 when they overlap); None when either is unknown."""
    if a is None or b is None:
        return None
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def to_date(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)
