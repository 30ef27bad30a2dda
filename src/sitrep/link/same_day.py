"""Lead stories of one governorate and one day: the baseline evidence the scorer must not lose.

Two articles' main events placed in one governorate (admin1) on the same
day or a day apart are often one incident whose words differ too much for
the pair score (one outlet's "school bombing" is another's "double
terrorist attack"; a wrong village extracted for one of them). Such a pair
links when its types can tell one story (``same_story_types`` in
``data/link/event_families.json``: one broad family of violence, or of
humanitarian and ceasefire news) or when its articles' headlines agree
(story.py). The clustering guards still apply (place, span, one article's
events), so a governorate-wide day cannot chain two towns' incidents.

Candidates come from one block per (country, admin1, day) of main events;
a block larger than ``MAX_BLOCK`` (a busy front on a busy day, or the
synthetic benchmark's replicas) is skipped: so many lead stories of one
governorate and day are no evidence of one incident, and the cost stays
linear.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterator

from .blocking import Window, window_gap
from .knowledge import fold_name, story_compatible
from .records import Report

# Days between two lead stories' date windows (0: overlapping).
MAX_DAYS_APART = 0
# More lead stories than this in one governorate and day: no evidence of one incident.
MAX_BLOCK = 6
# Headlines agreeing this much (story.py's score) let types of different broad families link.
HEADLINE_AGREEMENT = 0.15


def same_place_day_pairs(reports: list[Report], windows: list[Window | None],
                         story_score: Callable[[int, int], float]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of main events of different articles, one admin1, days within
    MAX_DAYS_APART, whose types tell one story or whose headlines agree."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        w = windows[i]
        # A multi-day span ("since March") is a campaign, not a day's incident.
        if r.salience != "main" or not r.admin1 or w is None or w.end != w.start:
            continue
        blocks[(fold_name(r.country), fold_name(r.admin1), w.start)].append(i)
    seen: set[tuple[int, int]] = set()
    for (country, admin1, day), members in blocks.items():
        near = [m for d in range(-MAX_DAYS_APART, 1) for m in blocks.get((country, admin1, day + d), ())]
        if len(near) > MAX_BLOCK:
            continue
        for i in members:
            for j in near:
                a, b = reports[i], reports[j]
                pair = (i, j) if i < j else (j, i)
                if i == j or a.article_id == b.article_id or pair in seen:
                    continue
                gap = window_gap(windows[i], windows[j])
                if gap is None or gap > MAX_DAYS_APART:
                    continue
                if story_compatible(a.type, b.type) or story_score(i, j) >= HEADLINE_AGREEMENT:
                    seen.add(pair)
                    yield pair
