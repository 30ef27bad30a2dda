"""Article-level "same story" evidence: two articles whose leads tell one story.

Two reports of one incident often disagree on what the extractor made of
their main event: its type (a town "recaptured" vs "clashes"; a "bombing"
vs an "attack on civilians"), its place (a reaction placed where a
minister spoke, a wrong village) or its date (a weekday resolved to the
wrong week). Their headlines still tell one story: the same rare words,
the same toll, the same places, published within days. This module finds
such article pairs without comparing all pairs and scores them:

- candidates: an inverted index over each article's rarest headline
  words (title and first paragraph, numbers included), none used by more
  than a small share of the articles, swept by publication date;
- score: the idf-weighted cosine of the headlines, plus a shared count
  ("at least 58" and "58"), plus a shared place mentioned anywhere in the
  two articles' reports, minus a penalty for event types that cannot be
  one story (``data/link/event_families.json``, ``same_story_types``) and
  for days between publications. The whole articles' words (headline
  and every report's evidence) stand in for the headlines when they
  agree more, and a follow-up published up to FOLLOWUP_DAYS later counts
  when its lead is dated on the first lead's event days.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterator

from .blocking import Window, date_window, window_gap
from .knowledge import fold_name, story_compatible
from .records import Report

# Words of three letters or more, and numbers (tolls, counts): "58" shared by two headlines is telling.
_TOKEN = re.compile(r"[^\W\d_]{3,}|\d[\d,]*", re.UNICODE)
HEADLINE_CHARS = 300
# Candidate keys per article, and the share of articles above which a word is never a key.
KEYS_PER_ARTICLE = 8
KEY_MAX_SHARE = 0.02
# Publication days two reports of one story may lie apart (follow-ups, a day's lag across time zones).
STORY_DAYS = 3
# A follow-up published up to this many days later (a toll update, an inquiry) tells the same story
# when its lead is dated on the first lead's event days (within FOLLOWUP_EVENT_DAYS): the event dates
# agree, not only the words. Such a lead keeps an old date only when it names it (blocking.date_window).
FOLLOWUP_DAYS = 9
FOLLOWUP_EVENT_DAYS = 1
# Two articles tell one story from this score up (tuned on the tune half of the hand-judged
# FA-KES incidents, bench/link_pairs_eval.py).
STORY_THRESHOLD = 0.30
SHARED_COUNT_BONUS = 0.08
# The whole articles' word cosine counts this much less than the headlines' (bodies share more words
# by chance); at 0.05 it added false pairs on the tune half, from 0.10 up it changed nothing there.
BODY_OFFSET = 0.10
SHARED_PLACE_BONUS = 0.04
TYPE_PENALTY = 0.10
DAY_PENALTY = 0.03
# Counts below this ("two killed", "3 injured") are too common to say "same story".
MIN_TELLING_COUNT = 5


def headline_tokens(title: str | None, lead: str) -> frozenset[str]:
    text = f"{title or ''} {lead[:HEADLINE_CHARS]}"
    return frozenset(t.lower().replace(",", "") for t in _TOKEN.findall(text))


@dataclass
class _Article:
    report: int                   # index of the article's main report
    tokens: frozenset[str]
    published: int | None         # ordinal day
    places: frozenset[str]        # every place and governorate its reports name, folded
    counts: frozenset[int]        # killed / injured counts of its reports
    type: str
    event: Window | None = None   # the lead report's date window
    body: frozenset[str] = frozenset()   # headline tokens and those of every report's evidence


class Stories:
    """Main reports grouped by article, with what says two articles tell one story."""

    def __init__(self, reports: list[Report]) -> None:
        by_article: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(reports):
            by_article[r.article_id].append(i)
        self.articles: list[_Article] = []
        self.of_report: dict[int, int] = {}
        for idx in by_article.values():
            mains = [i for i in idx if reports[i].salience == "main"]
            if not mains:
                continue
            first = min(mains, key=lambda i: reports[i].event_index)
            lead, mine = reports[first], [reports[i] for i in idx]
            self.articles.append(_Article(
                report=first,
                tokens=headline_tokens(lead.title, lead.lead or lead.evidence),
                published=(lead.published or lead.date).toordinal() if (lead.published or lead.date) else None,
                places=frozenset(fold_name(p) for r in mine for p in (r.place, r.admin1) if p),
                counts=frozenset(v.value for r in mine for s in ("killed", "injured")
                                 if (v := r.figures.get(s)) and v.value and v.value >= MIN_TELLING_COUNT),
                type=lead.type, event=date_window(lead),
                body=frozenset(t.lower().replace(",", "") for r in mine for t in _TOKEN.findall(r.evidence or ""))))
        self.of_report = {a.report: k for k, a in enumerate(self.articles)}
        n = max(len(self.articles), 1)
        self.df = Counter(t for a in self.articles for t in a.tokens)
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in self.df.items()}
        self.norm = [math.sqrt(sum(self.idf[t] ** 2 for t in a.tokens)) for a in self.articles]
        for a in self.articles:
            a.body = a.body | a.tokens
        self.body_df = Counter(t for a in self.articles for t in a.body)
        self.body_idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in self.body_df.items()}
        self.body_norm = [math.sqrt(sum(self.body_idf[t] ** 2 for t in a.body)) for a in self.articles]
        self._limit = max(3, KEY_MAX_SHARE * n)
        self.compared = 0   # article pairs scored, for the benchmark

    def keys(self, a: _Article) -> list[str]:
        usable = [t for t in a.tokens if 2 <= self.df[t] <= self._limit]
        return sorted(usable, key=lambda t: (self.df[t], t))[:KEYS_PER_ARTICLE]

    def candidate_pairs(self) -> Iterator[tuple[int, int]]:
        """Article index pairs sharing a rare headline word, published within FOLLOWUP_DAYS."""
        blocks: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for k, a in enumerate(self.articles):
            if a.published is None:
                continue
            for t in self.keys(a):
                blocks[t].append((a.published, k))
        seen: set[tuple[int, int]] = set()
        for members in blocks.values():
            members.sort()
            for x in range(len(members)):
                day, i = members[x]
                y = x + 1
                while y < len(members) and members[y][0] <= day + FOLLOWUP_DAYS:
                    j = members[y][1]
                    pair = (i, j) if i < j else (j, i)
                    if pair not in seen:
                        seen.add(pair)
                        yield pair
                    y += 1

    def score(self, i: int, j: int) -> float:
        """How surely articles i and j tell one story (about 0..1; 0 when published too far apart)."""
        a, b = self.articles[i], self.articles[j]
        if a.published is None or b.published is None:
            return 0.0
        gap = abs(a.published - b.published)
        if gap > STORY_DAYS:
            # A later follow-up: only when its lead is dated on the first one's event days.
            event_gap = window_gap(a.event, b.event)
            if gap > FOLLOWUP_DAYS or event_gap is None or event_gap > FOLLOWUP_EVENT_DAYS:
                return 0.0
            gap = max(STORY_DAYS, event_gap)
        if not self.norm[i] or not self.norm[j]:
            return 0.0
        s = sum(self.idf[t] ** 2 for t in a.tokens & b.tokens) / (self.norm[i] * self.norm[j])
        if self.body_norm[i] and self.body_norm[j]:
            body = sum(self.body_idf[t] ** 2 for t in a.body & b.body) / (self.body_norm[i] * self.body_norm[j])
            s = max(s, body - BODY_OFFSET)
        if a.counts & b.counts:
            s += SHARED_COUNT_BONUS
        if a.places & b.places:
            s += SHARED_PLACE_BONUS
        if not story_compatible(a.type, b.type):
            s -= TYPE_PENALTY
        return s - DAY_PENALTY * gap

    def report_score(self, ri: int, rj: int) -> float:
        """``score`` for two reports: their articles' when both are their articles' lead reports."""
        i, j = self.of_report.get(ri), self.of_report.get(rj)
        return 0.0 if i is None or j is None or i == j else self.score(i, j)

    def same_story_pairs(self, threshold: float = STORY_THRESHOLD) -> Iterator[tuple[int, int, float]]:
        """(report index, report index, score) of the lead reports of article pairs telling one story."""
        for i, j in self.candidate_pairs():
            self.compared += 1
            s = self.score(i, j)
            if s >= threshold:
                ri, rj = self.articles[i].report, self.articles[j].report
                yield (ri, rj, s) if ri < rj else (rj, ri, s)
