"""Follow-up stories attached to the incident they follow up on.

A reaction or a follow-up (a president's condemnation, test results on the
victims, a minister calling for an inquiry) tells of an incident days after
it. The extractor dates its main event on the day of the statement and may
place it where the statement was made (Moscow, Washington), so the pair
score keeps it apart. An event coder attaches such a story when the
attachment is unambiguous, and so does this step, after clustering:

- the incident is reported by at least ``MIN_ANCHOR_ARTICLES`` articles and
  names a town (a place finer than its governorate);
- the story is one article's, published within ``FOLLOWUP_DAYS`` after the
  incident began, with a lead whose type can tell the same story, dated no
  earlier than the incident;
- its lead is placed in the incident's governorate, abroad (a reaction), or
  nowhere;
- the article names one of the incident's towns (any spelling that folds
  alike: "Khan Sheikhoun", "Khan Shaykhun");
- exactly one incident fits.

Candidates come from a sweep over the incidents' start days, so the cost
stays linear in the number of incidents.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable

from .blocking import Window
from .knowledge import fold_name, story_compatible
from .records import Report
from .story import FOLLOWUP_DAYS

MIN_ANCHOR_ARTICLES = 2
# Folded town names shorter than this ("hms", "azz") match too many words by chance.
MIN_TOWN_KEY = 4
# Longest place name, in words, looked for in an article's text.
MAX_NAME_WORDS = 4
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


@dataclass
class _Anchor:
    group: int
    type: str
    start: int                 # ordinal day the incident began
    country: str
    admin1: str
    towns: frozenset[str]      # folded names of its main reports' towns
    articles: int


def _lead(reports: list[Report], group: list[int]) -> int | None:
    mains = [i for i in group if reports[i].salience == "main"]
    return min(mains, key=lambda i: (reports[i].article_id, reports[i].event_index)) if mains else None


def _anchor(reports: list[Report], windows: list[Window | None], k: int, group: list[int]) -> _Anchor | None:
    mains = [reports[i] for i in group if reports[i].salience == "main"]
    articles = {r.article_id for r in mains}
    starts = [w.start for i in group if reports[i].salience == "main" and (w := windows[i]) is not None]
    if len(articles) < MIN_ANCHOR_ARTICLES or not starts:
        return None
    towns = frozenset(t for r in mains if len(t := fold_name(r.place)) >= MIN_TOWN_KEY and t != fold_name(r.admin1))
    if not towns:
        return None

    def vote(values):
        tally = Counter(v for v in values if v)
        return tally.most_common(1)[0][0] if tally else ""
    return _Anchor(group=k, type=vote(r.type for r in mains), start=min(starts),
                   country=vote(fold_name(r.country) for r in mains), admin1=vote(fold_name(r.admin1) for r in mains),
                   towns=towns, articles=len(articles))


def _fits(anchor: _Anchor, lead: Report, window: Window | None) -> bool:
    # "other" is compatible with every type in story.py; here it would attach any story at all.
    if "other" in (anchor.type, lead.type) or not story_compatible(anchor.type, lead.type):
        return False
    published = (lead.published or lead.date)
    if published is None or not 0 <= published.toordinal() - anchor.start <= FOLLOWUP_DAYS:
        return False
    if window is not None and window.start < anchor.start:
        return False
    country, admin1 = fold_name(lead.country), fold_name(lead.admin1)
    abroad = bool(country and anchor.country and country != anchor.country)
    return abroad or not admin1 or admin1 == anchor.admin1


def folded_names(text: str, max_words: int = MAX_NAME_WORDS) -> set[str]:
    """Every run of up to ``max_words`` words of the text, folded like place names."""
    words = _WORD.findall(text)
    out = set()
    for n in range(1, max_words + 1):
        for i in range(len(words) - n + 1):
            out.add(fold_name(" ".join(words[i:i + n])))
    return out


def attach_followups(reports: list[Report], windows: list[Window | None], groups: list[list[int]],
                     article_text: Callable[[set[str]], dict[str, str]] | None = None) -> tuple[list[list[int]], set[int]]:
    """Groups with each unambiguous follow-up story merged into its incident, and the indices of the
    reports that joined as follow-ups. ``article_text`` gives the texts of articles by id; without
    it, an article's title, lead and evidence stand in."""
    anchors = [a for k, g in enumerate(groups) if (a := _anchor(reports, windows, k, g)) is not None]
    anchors.sort(key=lambda a: a.start)
    starts = [a.start for a in anchors]
    candidates: dict[int, list[_Anchor]] = {}
    for k, g in enumerate(groups):
        lead = _lead(reports, g)
        if lead is None or len({reports[i].article_id for i in g if reports[i].salience == "main"}) != 1:
            continue
        r = reports[lead]
        published = r.published or r.date
        if published is None:
            continue
        day = published.toordinal()
        lo, hi = bisect.bisect_left(starts, day - FOLLOWUP_DAYS), bisect.bisect_right(starts, day)
        fits = [a for a in anchors[lo:hi] if a.group != k and _fits(a, r, windows[lead])]
        if fits:
            candidates[k] = fits
    if not candidates:
        return groups, set()
    leads = {k: reports[_lead(reports, groups[k])] for k in candidates}
    wanted = {r.article_id for r in leads.values()}
    texts = article_text(wanted) if article_text is not None else {}
    evidence: dict[str, list[str]] = defaultdict(list)
    for r in reports:
        if r.article_id in wanted:
            evidence[r.article_id].append(r.evidence)
    target: dict[int, int] = {}
    for k, fits in candidates.items():
        lead = leads[k]
        text = texts.get(lead.article_id) or " ".join([lead.title or "", lead.lead] + evidence[lead.article_id])
        names = folded_names(text)
        named = [a for a in fits if a.towns & names]
        if len(named) == 1:
            target[k] = named[0].group
    merged = [list(g) for g in groups]
    followers: set[int] = set()
    for k, into in target.items():
        merged[into].extend(groups[k])
        followers.update(groups[k])
        merged[k] = []
    return [sorted(g) for g in merged if g], followers
