"""One incident from its reports: type, date, place, actors, figures, contradictions.

Figures are consolidated per slot as UCDP does (best, low, high) with every
reported value kept next to its source, outlet and article. A slot whose
values cannot all be true, or a perpetrator named on incompatible sides,
becomes a ``Contradiction`` listing each side with its sources.
"""
from __future__ import annotations

import hashlib
import statistics
from collections import Counter

from .blocking import Window, to_date
from .figures import compatible_groups, point
from .knowledge import actor_sides, family
from .records import Contradiction, Incident, Report

SALIENCE_WEIGHT = {"main": 3, "secondary": 2, "background": 1}
# Tolls are revised upward for days after an attack ("58 killed", next day "at least 86"): in these
# slots a higher count published later is a revision, not a contradiction.
REVISED_SLOTS = {"killed", "injured"}
# Above this many values a slot is not checked pair by pair for revisions.
REVISION_CHECK_LIMIT = 200
# Who-did-it only matters for violence; for a truce or a corridor, actor1 is the party announcing it.
PERPETRATOR_FAMILIES = {"remote_violence", "ground_fighting", "violence_against_civilians"}


def incident_id(reports: list[Report]) -> str:
    first = min(r.key for r in reports)
    return "inc-" + hashlib.sha1(f"{first[0]}#{first[1]}".encode()).hexdigest()[:12]


def _vote(values: list[tuple[str | None, int]]) -> str | None:
    tally: Counter = Counter()
    for v, w in values:
        if v:
            tally[v] += w
    return tally.most_common(1)[0][0] if tally else None


def _value_entry(r: Report, slot: str) -> dict:
    v = r.figures[slot]
    return {"value": v.value, "qualifier": v.qualifier, "low": v.low, "high": v.high, "text": v.text,
            "source": r.source, "outlet": r.outlet, "article_id": r.article_id, "event_index": r.event_index}


def consolidate_figures(reports: list[Report]) -> tuple[dict, list[Contradiction]]:
    figures: dict[str, dict] = {}
    contradictions: list[Contradiction] = []
    slots = sorted({s for r in reports for s in r.figures})
    for slot in slots:
        holders = [r for r in reports if slot in r.figures]
        values = [r.figures[slot] for r in holders]
        points = sorted(p for v in values if (p := point(v)) is not None)
        # Low and high are the lowest and highest numbers reported, as UCDP's low and high
        # estimates are: "up to 100" says 100, not 0; "more than 60" says 60.
        lows = [x for v in values if (x := v.low if v.low is not None else v.value) is not None]
        highs = [x for v in values if (x := v.high if v.high is not None else v.value) is not None]
        entries = [_value_entry(r, slot) for r in holders]
        figures[slot] = {
            "best": int(statistics.median_low(points)) if points else None,
            "low": int(min(lows)) if lows else None,
            "high": int(max(highs)) if highs else None,
            "values": entries,
        }
        groups = compatible_groups(values)
        if len(groups) > 1 and slot in REVISED_SLOTS and is_upward_revision(holders, values):
            figures[slot]["revised_upward"] = True
            continue
        if len(groups) > 1:
            sides = []
            for g, members in enumerate(groups):
                for i in members:
                    sides.append({**entries[i], "side": g})
            contradictions.append(Contradiction(
                slot=slot, values=sides, within_article=len({r.article_id for r in holders}) == 1,
                description=f"{slot}: " + " vs ".join(
                    "/".join(sorted({entries[i]["text"] or str(point(values[i])) for i in members}))
                    for members in groups)))
    return figures, contradictions


def is_upward_revision(holders: list[Report], values: list) -> bool:
    """Whether every disagreement in a slot is a later report giving a higher count."""
    from .figures import compatible
    if len(values) > REVISION_CHECK_LIMIT:
        return False
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            if compatible(values[i], values[j]):
                continue
            pi, pj = holders[i].published, holders[j].published
            xi, xj = point(values[i]), point(values[j])
            if pi is None or pj is None or pi == pj or xi is None or xj is None:
                return False
            if (pi < pj) != (xi < xj):
                return False
    return True


def perpetrator_contradiction(reports: list[Report]) -> Contradiction | None:
    named = [(r, actor_sides(r.actor1)) for r in reports if family(r.type) in PERPETRATOR_FAMILIES]
    named = [(r, s) for r, s in named if s]
    if len(named) < 2:
        return None
    # Sides that overlap agree; group reports by connected overlap.
    groups: list[tuple[set, list[Report]]] = []
    for r, sides in named:
        hit = [g for g in groups if g[0] & sides]
        merged_sides, merged = set(sides), [r]
        for g in hit:
            merged_sides |= g[0]
            merged.extend(g[1])
            groups.remove(g)
        groups.append((merged_sides, merged))
    if len(groups) < 2:
        return None
    values = [{"value": r.actor1, "source": r.source, "outlet": r.outlet, "article_id": r.article_id,
               "event_index": r.event_index, "side": g} for g, (_, rs) in enumerate(groups) for r in rs]
    return Contradiction(slot="perpetrator", values=values,
                         within_article=len({r.article_id for _, rs in groups for r in rs}) == 1,
                         description="perpetrator: " + " vs ".join(
                             "/".join(sorted({r.actor1 for r in rs})) for _, rs in groups))


def build_incident(reports: list[Report], windows: list[Window | None]) -> Incident:
    weights = [SALIENCE_WEIGHT.get(r.salience, 1) for r in reports]
    itype = _vote([(r.type, w) for r, w in zip(reports, weights)]) or reports[0].type
    dated = [w for r, w in zip(reports, windows) if r.date is not None and w is not None]
    start = min(w.start for w in dated) if dated else None
    end = max(w.end for w in dated) if dated else None
    place = _vote([(r.place, w) for r, w in zip(reports, weights)])
    at_place = [r for r in reports if r.place == place] or reports
    anchor = next((r for r in at_place if r.lat is not None), at_place[0])
    actors: Counter = Counter()
    for r in reports:
        for a in (r.actor1, r.actor2):
            if a:
                actors[a] += 1
    figures, contradictions = consolidate_figures(reports)
    who = perpetrator_contradiction(reports)
    if who:
        contradictions.insert(0, who)
    return Incident(
        id=incident_id(reports), type=itype, family=family(itype), reports=reports,
        acled_sub_event_type=_vote([(r.acled_sub_event_type, w) for r, w in zip(reports, weights)]),
        date=to_date(start) if start is not None else None,
        date_end=to_date(end) if end is not None and end != start else None,
        place=place, admin1=_vote([(r.admin1, 1) for r in at_place]) or _vote([(r.admin1, 1) for r in reports]),
        country=_vote([(r.country, 1) for r in reports]), lat=anchor.lat, lon=anchor.lon,
        precision=anchor.precision,
        actors=[a for a, _ in actors.most_common()], figures=figures, contradictions=contradictions)
