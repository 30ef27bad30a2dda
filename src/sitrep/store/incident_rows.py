"""Incidents between the database and their JSON shape.

``write_incidents`` replaces every linking table in one transaction (a
reader sees the old or the new linking, never half); ``incident_dicts``
turns rows back into the incident JSON of the issue.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from sqlalchemy import Connection, delete, select

from ..link.records import Incident
from . import schema


def write_incidents(conn: Connection, incidents: Iterable[Incident],
                    near_duplicates: Iterable[tuple[str, str, float]]) -> None:
    for t in schema.LINK_TABLES:
        conn.execute(delete(t))
    inc_rows, member_rows, contra_rows = [], [], []
    for inc in incidents:
        figs = inc.figures
        inc_rows.append({
            "id": inc.id, "type": inc.type, "family": inc.family,
            "acled_sub_event_type": inc.acled_sub_event_type,
            "date": inc.date.isoformat() if inc.date else None,
            "date_end": inc.date_end.isoformat() if inc.date_end else None,
            "place": inc.place, "admin1": inc.admin1, "country": inc.country, "lat": inc.lat, "lon": inc.lon,
            "precision": inc.precision, "actors": list(inc.actors),
            "killed_best": figs.get("killed", {}).get("best"),
            "injured_best": figs.get("injured", {}).get("best"),
            "figures": figs, "n_reports": len(inc.reports),
            "n_articles": len({r.article_id for r in inc.reports}),
            "outlets": sorted({r.outlet for r in inc.reports if r.outlet}),
            "independent_origins": inc.independent_origins, "grade": inc.grade,
            "contested": inc.contested,
            "summary": max(inc.reports, key=lambda r: (r.salience == "main", len(r.evidence or ""))).evidence,
        })
        for r in inc.reports:
            member_rows.append({"incident_id": inc.id, "event_id": r.event_id, "article_id": r.article_id,
                                "event_index": r.event_index, "salience": r.salience, "outlet": r.outlet,
                                "source": r.source, "origin": inc.origins.get(r.key),
                                "link_rule": inc.link_rules.get(r.key)})
        for c in inc.contradictions:
            contra_rows.append({"incident_id": inc.id, "slot": c.slot, "within_article": c.within_article,
                                "description": c.description, "sides": c.values})
    dup_rows = [{"article_a": a, "article_b": b, "similarity": s} for a, b, s in near_duplicates]
    for t, rows in ((schema.incidents, inc_rows), (schema.incident_members, member_rows),
                    (schema.contradictions, contra_rows), (schema.near_duplicates, dup_rows)):
        for i in range(0, len(rows), 5000):
            conn.execute(t.insert(), rows[i:i + 5000])


def incident_dicts(conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    """Incident rows -> the incident JSON (reports and contradictions included)."""
    if not rows:
        return []
    ids = [r.id for r in rows]
    members: dict[str, list] = defaultdict(list)
    contras: dict[str, list] = defaultdict(list)
    m, c = schema.incident_members, schema.contradictions
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for mr in conn.execute(select(m).where(m.c.incident_id.in_(chunk))
                               .order_by(m.c.incident_id, m.c.article_id, m.c.event_index)):
            members[mr.incident_id].append({"article_id": mr.article_id, "event_index": mr.event_index,
                                            "salience": mr.salience, "outlet": mr.outlet,
                                            "source": mr.source, "origin": mr.origin,
                                            "link_rule": mr.link_rule})
        for cr in conn.execute(select(c).where(c.c.incident_id.in_(chunk)).order_by(c.c.id)):
            contras[cr.incident_id].append({"slot": cr.slot, "values": cr.sides,
                                            "within_article": bool(cr.within_article),
                                            "description": cr.description})
    return [{
        "id": r.id, "type": r.type, "acled_sub_event_type": r.acled_sub_event_type,
        "date": r.date, "date_end": r.date_end,
        "place": {"name": r.place, "admin1": r.admin1, "country": r.country, "lat": r.lat, "lon": r.lon,
                  "precision": r.precision},
        "actors": r.actors or [], "figures": r.figures or {},
        "reports": members.get(r.id, []), "contradictions": contras.get(r.id, []),
        "independent_origins": r.independent_origins, "grade": r.grade,
        "contested": bool(r.contested), "outlets": r.outlets or [], "summary": r.summary,
    } for r in rows]
