"""sitrep.link: event reports of many articles grouped into incidents.

``link_reports(reports)`` runs the five steps of DESIGN.md's
"Cross-document linking": blocking (``blocking``), pairwise scoring
(``scoring``), clustering (``cluster``), consolidation and contradictions
(``consolidate``), independence and grade (``independence``). Article-level
"same story" evidence (``story``) adds links between the main events of
articles whose headlines tell one story, whatever type, place or date the
extractor gave each; follow-up stories (``followups``) join the incident they
follow up on when only one fits. It works on plain ``Report`` records and never
touches the database.
"""
from __future__ import annotations

import gc
from typing import Callable
from dataclasses import dataclass, field

from .blocking import candidate_pairs, date_window
from .cluster import cluster
from .followups import attach_followups
from .consolidate import build_incident
from .knowledge import family, link_threshold_offset
from .independence import co_incident_article_pairs, grade_incidents, near_duplicate_pairs, story_groups
from .records import Contradiction, Incident, Report, SlotValue
from .scoring import LINK_THRESHOLD, score_pair, town_key
from .story import STORY_THRESHOLD, Stories
from .vocabulary import Vocabulary

# Background events are history ("230,000 killed since 2011"), not news of an incident.
LINKED_SALIENCE = ("main", "secondary")
# Lead stories also meet by their rarest words ("Qamishli", "sarin", "convoy"): this many words
# each, used by at most this share of all reports (common words would make blocks quadratic).
LEAD_BLOCK_WORDS = 4
LEAD_BLOCK_MAX_SHARE = 0.01
# Two lead stories whose headlines and words agree this much tell one story: their extracted
# places may disagree (one was placed where a minister spoke) without keeping them apart.
SAME_STORY_TEXT = 0.5
# Lead stories also meet by rare words their headlines (title + first paragraph) share with another
# article's: this many each, none used by more than this share of the articles' headlines.
HEADLINE_BLOCK_WORDS = 4
HEADLINE_BLOCK_MAX_SHARE = 0.02


@dataclass
class LinkResult:
    incidents: list[Incident]
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)
    pairs_scored: int = 0


def threshold_offset(a: Report, b: Report) -> float:
    """The stricter of the two families' offsets to the link threshold."""
    return max(link_threshold_offset(family(a.type)), link_threshold_offset(family(b.type)))


def link_reports(reports: list[Report],
                 article_texts: dict[str, str] | Callable[[set[str]], dict[str, str]] | None = None,
                 threshold: float = LINK_THRESHOLD) -> LinkResult:
    """Incidents from reports. ``article_texts`` (a dict, or a function from article ids to
    texts) enables near-duplicate detection, which counts copied stories as one origin."""
    # Linking allocates millions of small objects that all live to the end; the cyclic garbage
    # collector rescanning them is pure overhead (it doubled the time at 200k reports).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _link(reports, article_texts, threshold)
    finally:
        if enabled:
            gc.enable()


def _link(reports: list[Report], article_texts, threshold: float) -> LinkResult:
    linked = [r for r in reports if r.salience in LINKED_SALIENCE]
    windows = [date_window(r) for r in linked]
    vocab = Vocabulary(linked)
    word_keys = [{("word", w) for w in vocab.rare_words(r, LEAD_BLOCK_WORDS, LEAD_BLOCK_MAX_SHARE)}
                 | {("headline", w) for w in vocab.headline_keys(r, HEADLINE_BLOCK_WORDS, HEADLINE_BLOCK_MAX_SHARE)}
                 if r.salience == "main" else set() for r in linked]
    towns: dict[str, set[str]] = {}
    for r in linked:
        if (t := town_key(r)):
            towns.setdefault(r.article_id, set()).add(t)
    article_towns = {a: frozenset(t) for a, t in towns.items()}
    scored, compared, same_story = [], 0, set()
    for i, j in candidate_pairs(linked, word_keys):
        compared += 1
        pair = score_pair(linked[i], linked[j], windows[i], windows[j], vocab, article_towns)
        # Scores are shifted by the pair's family threshold so one cut-off serves all families.
        s = pair.score - threshold_offset(linked[i], linked[j])
        if s >= threshold:
            scored.append((s, i, j))
            if pair.features["text"] >= SAME_STORY_TEXT and linked[i].salience == linked[j].salience == "main":
                same_story.add((i, j))
    # Two articles telling one story put their main events in one incident, whatever type, place
    # or date the extractor gave each (the incident keeps the majority's).
    stories = Stories(linked)
    story_pairs: set[tuple[int, int]] = set()
    for i, j, s in stories.same_story_pairs(STORY_THRESHOLD):
        story_pairs.add((i, j))
        scored.append((threshold + 1.0 + s, i, j))
    compared += stories.compared
    rules: dict[int, str] = {}
    groups = cluster(linked, windows, scored, threshold, same_story, story_pairs, stories.report_score, rules,
                     article_towns)
    texts = article_texts if callable(article_texts) or article_texts is None else (
        lambda ids: {a: article_texts[a] for a in ids if a in article_texts})
    groups, followers = attach_followups(linked, windows, groups, texts)
    rules.update({i: "follow_up" for i in followers})
    # A follow-up is dated on the day of its statement, not of the incident: it does not stretch the span.
    incidents = [build_incident([linked[i] for i in g], [None if i in followers else windows[i] for i in g])
                 for g in groups]
    for inc, g in zip(incidents, groups):
        inc.link_rules = {linked[i].key: rules[i] for i in g if i in rules}
    duplicates: list[tuple[str, str, float]] = []
    if article_texts is not None:
        pairs = co_incident_article_pairs(incidents)
        if callable(article_texts):
            # Only the articles that share an incident need their text.
            article_texts = article_texts({a for p in pairs for a in p})
        duplicates = near_duplicate_pairs(pairs, article_texts)
    grade_incidents(incidents, story_groups(duplicates))
    return LinkResult(incidents=incidents, near_duplicates=duplicates, pairs_scored=compared)


__all__ = ["link_reports", "LinkResult", "Report", "SlotValue", "Incident", "Contradiction", "LINK_THRESHOLD"]
