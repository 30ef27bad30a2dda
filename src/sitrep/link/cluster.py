"""Grouping scored pairs into incidents.

Single linkage over the pairs above the threshold, pairs of two lead
stories first, then strongest first, with guards against chaining: an
incident may not span more than ``MAX_INCIDENT_DAYS``; two reports of one
article join only when they can be one event told twice (types that can
name one event, agreeing places, dates that do not differ, or a day apart
when they repeat one toll in one town) — an article
lists distinct events separately, except when it repeats one in another
voice ("six corridors", then TASS's "eight"); and a same-story link (two
headlines telling one story) must be backed by most of the lead-report
pairs across the two groups (average linkage).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from rapidfuzz import fuzz

from .blocking import Window
from .figures import compatible
from .knowledge import fold_name, one_event_types
from .records import Report
from .scoring import km_apart

# An incident's dated reports lie within this many days: the night's toll told the next day, the
# revised toll two days on. A week allowed chains of one campaign's daily strikes (tuned on the tune
# half of the hand-judged FA-KES incidents: 7 and 5 days gave 0.798, 4 and 3 days 0.809, 2 days 0.812
# with less recall). Follow-ups days later join by their own rule (followups.py).
MAX_INCIDENT_DAYS = 3
# Two reports of one article dated apart are two events ("a strike on Friday, another on Saturday") ...
SAME_ARTICLE_DAYS = 0
# ... unless they are one event told twice across midnight ("the blast on Sunday night", "on Monday
# the toll rose"): a day apart at most, of one type, in one named town, each with a killed or injured
# count and every shared count compatible. A repeated toll identifies the event; without one, a town
# named on two days of an offensive holds two events.
TOLD_TWICE_DAYS = 1
TOLL_SLOTS = ("killed", "injured")


# A same-story merge (two articles' headlines tell one story, see story.py) must be backed by this
# share of the lead-report pairs across the two groups scoring at least STORY_SUPPORT: average
# linkage, so one loosely worded headline cannot chain two stories into one incident.
STORY_SUPPORT_SHARE = 0.5
STORY_SUPPORT = 0.15

# Two named places this close can be one incident's ("Eastern Ghouta" and "the suburbs of Damascus").
PLACE_AGREE_KM = 25.0


@dataclass(frozen=True)
class Place:
    name: str
    lat: float | None
    lon: float | None
    country: str = ""


def specific_place(r: Report) -> Place | None:
    """The report's place when it is finer than its governorate (a town, a district)."""
    p = fold_name(r.place)
    return Place(p, r.lat, r.lon, fold_name(r.country)) if p and p != fold_name(r.admin1) else None


def places_agree(a: set[Place], b: set[Place]) -> bool:
    """Two sets of specific places can be one incident's: empty, shared, spelled alike or near.
    Places in two different countries do not disagree: one is where a reaction was voiced."""
    if not a or not b or a & b:
        return True
    for x in a:
        for y in b:
            if x.country and y.country and x.country != y.country:
                return True
            if x.name == y.name or fuzz.ratio(x.name, y.name) >= 80:
                return True
            km = km_apart(x, y)
            if km is not None and km <= PLACE_AGREE_KM:
                return True
    return False


def same_article_compatible(a: Report, b: Report, wa: Window | None, wb: Window | None) -> bool:
    """Two reports of one article can be one event told twice: types that can name one event
    (``one_event_types``: a clash and a territory change), places that agree
    (one a governorate-level mention of the other, or near it) and dates that do not differ."""
    if not one_event_types(a.type, b.type):
        return False
    pa, pb = specific_place(a), specific_place(b)
    if fold_name(a.place) != fold_name(b.place) and not (pa is None or pb is None or places_agree({pa}, {pb})):
        return False
    if a.date is not None and b.date is not None:
        days = SAME_ARTICLE_DAYS if not told_twice(a, b) else TOLD_TWICE_DAYS
        return (abs((a.date - b.date).days) <= days
                and abs(((a.date_end or a.date) - (b.date_end or b.date)).days) <= days)
    return True


def told_twice(a: Report, b: Report) -> bool:
    """Two reports of one article that repeat one event's toll: same type, same named town, and
    compatible killed / injured counts (each report has one; every slot both have agrees)."""
    pa, pb = specific_place(a), specific_place(b)
    if a.type != b.type or pa is None or pb is None or pa.name != pb.name:
        return False
    shared = [s for s in TOLL_SLOTS if s in a.figures and s in b.figures
              and a.figures[s].value is not None and b.figures[s].value is not None]
    return bool(shared) and all(compatible(a.figures[s], b.figures[s]) for s in shared)


class _Clusters:
    def __init__(self, reports: list[Report], windows: list[Window | None],
                 story_score: Callable[[int, int], float] | None = None,
                 article_towns: dict[str, frozenset[str]] | None = None) -> None:
        self.story_score = story_score
        self.article_towns = article_towns or {}
        # Report index -> the rule of the link that brought it (and its group) into its incident.
        self.rules: dict[int, str] = {}
        self.parent = list(range(len(reports)))
        self.members = {i: [i] for i in range(len(reports))}
        self.span = {i: (w.start, w.end) if (w := windows[i]) and (reports[i].date or reports[i].published) else None
                     for i in range(len(reports))}
        self.has_main = {i: reports[i].salience == "main" for i in range(len(reports))}
        self.places = {i: {p} if (p := specific_place(reports[i])) else set() for i in range(len(reports))}
        self.reports, self.windows = reports, windows

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def story_supported(self, ri: int, rj: int) -> bool:
        """Average linkage for same-story merges: enough lead-report pairs across the two groups
        tell one story (see STORY_SUPPORT_SHARE)."""
        leads_i = [m for m in self.members[ri] if self.reports[m].salience == "main"]
        leads_j = [m for m in self.members[rj] if self.reports[m].salience == "main"]
        pairs = [(a, b) for a in leads_i for b in leads_j
                 if self.reports[a].article_id != self.reports[b].article_id]
        if not pairs or self.story_score is None:
            return False
        backed = sum(self.story_score(a, b) >= STORY_SUPPORT for a, b in pairs)
        return backed >= STORY_SUPPORT_SHARE * len(pairs)

    def lead_town_named(self, i: int, j: int) -> bool:
        """Two lead stories whose towns each article names: the other lead's town is among the places
        of this article's reports (a lead placed at a side mention, "Handarat", while the article also
        reports the strikes on "Manbij" that the other lead is about)."""
        a, b = self.reports[i], self.reports[j]
        if a.salience != "main" or b.salience != "main":
            return False
        pa, pb = specific_place(a), specific_place(b)
        towns_a = self.article_towns.get(a.article_id, frozenset())
        towns_b = self.article_towns.get(b.article_id, frozenset())
        return (pa is not None and pa.name in towns_b) or (pb is not None and pb.name in towns_a)

    def try_union(self, i: int, j: int, same_story: bool = False, story: bool = False) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        si, sj = self.span[ri], self.span[rj]
        if si and sj and max(si[1], sj[1]) - min(si[0], sj[0]) > MAX_INCIDENT_DAYS:
            return False
        # Two lead stories join only on direct evidence between them, never through a passing
        # mention (a secondary report) that resembles both.
        if self.has_main[ri] and self.has_main[rj] and not (
                self.reports[i].salience == "main" and self.reports[j].salience == "main"):
            return False
        if story and not self.story_supported(ri, rj):
            return False
        # A governorate-level report must not chain two different towns into one incident.
        if not (same_story or story) and not places_agree(self.places[ri], self.places[rj]) \
                and not self.lead_town_named(i, j):
            return False
        small, large = sorted((ri, rj), key=lambda r: len(self.members[r]))
        by_article = defaultdict(list)
        for m in self.members[large]:
            by_article[self.reports[m].article_id].append(m)
        for m in self.members[small]:
            for other in by_article.get(self.reports[m].article_id, ()):
                if not same_article_compatible(self.reports[m], self.reports[other],
                                               self.windows[m], self.windows[other]):
                    return False
        rule = "same_story" if story else "same_text" if same_story else "score"
        for m in self.members[small]:
            self.rules.setdefault(m, rule)
        self.parent[small] = large
        self.members[large].extend(self.members.pop(small))
        self.span[large] = (min(si[0], sj[0]), max(si[1], sj[1])) if si and sj else (si or sj)
        del self.span[small]
        self.places[large] |= self.places.pop(small)
        self.has_main[large] = self.has_main[large] or self.has_main.pop(small)
        return True


def cluster(reports: list[Report], windows: list[Window | None],
            scored_pairs: list[tuple[float, int, int]], threshold: float,
            same_story: set[tuple[int, int]] = frozenset(),
            story_pairs: set[tuple[int, int]] = frozenset(),
            story_score: Callable[[int, int], float] | None = None,
            rules: dict[int, str] | None = None,
            article_towns: dict[str, frozenset[str]] | None = None) -> list[list[int]]:
    """Index groups, one per incident (singletons included), in input order. Pairs in
    ``same_story`` (two lead stories whose words agree strongly) join even when their places
    disagree; pairs in ``story_pairs`` (two articles telling one story, see story.py) too, when
    ``story_score`` backs the merge across the two groups' lead reports. ``rules``, when given,
    receives for each report that joined another the rule of that link: ``score`` (pair score),
    ``same_text`` (lead stories whose words agree strongly) or ``same_story``."""
    clusters = _Clusters(reports, windows, story_score, article_towns)
    # Lead stories first: two articles' main events are the incidents; the secondary reports then
    # join them, and one of them (a passing mention dated a day off) cannot keep two leads apart.
    ordered = sorted(((reports[i].salience == "main" and reports[j].salience == "main", score, i, j)
                      for score, i, j in scored_pairs if score >= threshold),
                     reverse=True)
    for _, score, i, j in ordered:
        clusters.try_union(i, j, (i, j) in same_story, (i, j) in story_pairs)
    if rules is not None:
        rules.update(clusters.rules)
    return sorted((sorted(m) for m in clusters.members.values()), key=lambda m: m[0])
