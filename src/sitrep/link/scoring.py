"""How alike two reports are, from 0 to 1, and why.

Each feature gives an agreement in [0, 1] (0.5 when a side is silent);
the score is their weighted mean. The weights favour place and date, the
two things a reporter rarely gets wrong about an incident, over actors and
figures, on which outlets legitimately disagree.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from rapidfuzz import fuzz

from .blocking import Window, window_gap
from .figures import compatible
from .knowledge import actor_sides, family, fold_name
from .records import Report
from .vocabulary import Vocabulary

# Same governorate, same day and same kind of event is not enough (many Aleppo strikes a day):
# the words the reports share, weighted by rarity, carry the most weight.
# Place weighs little here because blocking has already required a shared place or rare word.
WEIGHTS = {"place": 0.12, "date": 0.20, "type": 0.18, "actors": 0.08, "figures": 0.02, "text": 0.40}
# Added when two reports name the same town (not a governorate or its capital): rare and telling.
SAME_TOWN_BONUS = 0.08
# Two reports are one incident from this score up (tuned on the tune half of the hand-judged FA-KES
# incidents, bench/link_pairs_eval.py; see docs/store.md). Tune half over 0.48-0.58 with the story
# threshold 0.25-0.40: F1 0.736-0.821, best at 0.54 with story.py's 0.30.
LINK_THRESHOLD = 0.54
DATE_AGREEMENT = {0: 1.0, 1: 0.75, 2: 0.45, 3: 0.2}


@dataclass
class PairScore:
    score: float
    features: dict[str, float]


def km_apart(a, b) -> float | None:
    """Great-circle distance between two things with ``lat``/``lon`` (reports, places); None when unknown."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# A lead story placed in another country than the other report's was placed where a reaction was
# voiced (Paris, Washington, Moscow), not where the incident was: its place says nothing either way.
ABROAD_AGREEMENT = 0.5


def abroad(a: Report, b: Report) -> bool:
    """Two reports placed in different countries, one of them an article's main event."""
    return bool(a.country and b.country and fold_name(a.country) != fold_name(b.country)
                and "main" in (a.salience, b.salience))


def place_agreement(a: Report, b: Report) -> float:
    if abroad(a, b):
        return ABROAD_AGREEMENT
    pa, pb = fold_name(a.place), fold_name(b.place)
    aa, ab = fold_name(a.admin1), fold_name(b.admin1)
    # A report that names only the governorate (or its capital city) is "general".
    a_general, b_general = (not pa or pa == aa), (not pb or pb == ab)
    if pa and pa == pb:
        # "Aleppo" and "Aleppo" agree as little as a governorate does; one town is strong evidence.
        return 0.5 if a_general and b_general else 1.0
    km = km_apart(a, b)
    if km is not None and not a_general and not b_general:
        return 1.0 if km < 5 else 0.8 if km < 20 else 0.5 if km < 50 else 0.0
    if pa and pb and fuzz.ratio(pa, pb) >= 85:
        return 0.9
    region_a, region_b = aa or pa, ab or pb
    if region_a and region_b and (region_a == region_b or region_a == pb or region_b == pa):
        # Consistent but less sure; two different towns of one governorate are likely two incidents.
        return 0.5 if (a_general or b_general) else 0.1
    if km is not None and km < 60:
        # A city and a town of the next governorate (Damascus and its countryside).
        return 0.35
    return 0.0


def date_agreement(wa: Window | None, wb: Window | None) -> float:
    gap = window_gap(wa, wb)
    if gap is None:
        return 0.5
    return DATE_AGREEMENT.get(gap, 0.0)


def publication_agreement(a: Report, b: Report) -> float:
    """Two articles' leads published on the same days are likely news of the same days,
    whatever date each extractor resolved for its event."""
    if a.salience != "main" or b.salience != "main" or a.published is None or b.published is None:
        return 0.0
    return 0.9 * DATE_AGREEMENT.get(abs((a.published - b.published).days), 0.0)


def type_agreement(a: Report, b: Report) -> float:
    if a.type == b.type:
        return 1.0
    return 0.6 if family(a.type) == family(b.type) else 0.3


def actor_agreement(a: Report, b: Report) -> float:
    sa, sb = actor_sides(a.actor1), actor_sides(b.actor1)
    if not sa or not sb:
        return 0.5
    if not sa & sb:
        return 0.1
    # "Russian and Syrian jets" agree with either air force, as weakly as an unnamed one.
    return 1.0 if len(sa) == 1 and len(sb) == 1 else 0.5


def figure_agreement(a: Report, b: Report) -> float:
    shared = [s for s in a.figures if s in b.figures]
    if not shared:
        return 0.5
    ok = sum(compatible(a.figures[s], b.figures[s]) for s in shared)
    # Tolls are revised upward for days: disagreeing counts are weak evidence of two incidents.
    return 0.4 + 0.6 * ok / len(shared)


def text_agreement(a: Report, b: Report, vocab: "Vocabulary | None" = None) -> float:
    if vocab is not None:
        return max(vocab.similarity(a, b), vocab.headline_similarity(a, b))
    best = 0.0
    if a.evidence and b.evidence:
        best = fuzz.token_set_ratio(a.evidence, b.evidence) / 100
    if a.title and b.title and a.salience == "main" and b.salience == "main":
        best = max(best, fuzz.token_set_ratio(a.title, b.title) / 100)
    return best


# Two lead stories whose articles both name one town (the other article's lead town, or a town
# both articles' reports share) agree on place this much, whatever place each lead was given: an
# extractor often places a lead at governorate level ("rural Idlib") or at a neighbouring town.
ARTICLE_TOWN_AGREEMENT = 0.8
SHARED_ARTICLE_TOWN_BONUS = 0.05


def town_key(r: Report) -> str:
    """The report's place folded, when finer than its governorate; else ""."""
    p = fold_name(r.place)
    return p if p and p != fold_name(r.admin1) else ""


def article_place_agreement(a: Report, b: Report, towns_a: frozenset[str], towns_b: frozenset[str],
                            place: float) -> tuple[float, float]:
    """(place agreement, bonus) for two lead stories given every town each article names.
    One lead's town named anywhere in the other article is as good as a near town; a town both
    articles name, with leads that do not disagree, adds a little."""
    ta, tb = town_key(a), town_key(b)
    if (ta and ta in towns_b) or (tb and tb in towns_a):
        return max(place, ARTICLE_TOWN_AGREEMENT), 0.0
    if place >= 0.5 and towns_a & towns_b:
        return place, SHARED_ARTICLE_TOWN_BONUS
    return place, 0.0


def score_pair(a: Report, b: Report, wa: Window | None, wb: Window | None,
               vocab: "Vocabulary | None" = None,
               article_towns: "dict[str, frozenset[str]] | None" = None) -> PairScore:
    """``article_towns`` (article id -> towns its reports name) lets two lead stories agree on
    place through their whole articles, not only their leads' places."""
    f = {"place": place_agreement(a, b), "date": max(date_agreement(wa, wb), publication_agreement(a, b)), "type": type_agreement(a, b),
         "actors": actor_agreement(a, b), "figures": figure_agreement(a, b),
         "text": text_agreement(a, b, vocab)}
    bonus = 0.0
    # Only for leads of one type: a town both articles name may be a side event of either.
    if (article_towns is not None and a.salience == b.salience == "main" and a.type == b.type
            and not abroad(a, b)):
        f["place"], bonus = article_place_agreement(
            a, b, article_towns.get(a.article_id, frozenset()), article_towns.get(b.article_id, frozenset()),
            f["place"])
    score = sum(WEIGHTS[k] * v for k, v in f.items()) + bonus
    if f["place"] >= 0.99:
        score += SAME_TOWN_BONUS
    return PairScore(min(score, 1.0), f)
