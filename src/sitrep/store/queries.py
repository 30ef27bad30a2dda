"""The read side of the store: plain dicts for the CLI, the API and the web pages."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, exists, func, or_, select

from . import schema, search
from .incident_rows import incident_dicts

A, E, C, I, M, X, P = (schema.articles, schema.events, schema.claims, schema.incidents,
                       schema.incident_members, schema.contradictions, schema.places)

ARTICLE_LIST_COLUMNS = (A.c.id, A.c.title, A.c.outlet, A.c.published, A.c.uri, A.c.format, A.c.language,
                        A.c.n_events, A.c.n_claims, A.c.stored_at, A.c.pipeline_version)


def _like(col, needle: str):
    return func.lower(col).like(f"%{needle.lower()}%")


def _article_dict(row) -> dict[str, Any]:
    return dict(row._mapping)


def list_articles(conn: Connection, limit: int, offset: int, outlet: str | None, q: str | None) -> list[dict]:
    query = select(*ARTICLE_LIST_COLUMNS)
    if outlet:
        query = query.where(A.c.outlet == outlet)
    if q:
        ids = [i for i, _ in search.matching_article_ids(conn, q, limit=10000)]
        query = query.where(A.c.id.in_(ids or [""]))
    query = query.order_by(A.c.published.desc(), A.c.id).limit(limit).offset(offset)
    return [_article_dict(r) for r in conn.execute(query)]


def search_articles(conn: Connection, q: str, limit: int) -> list[dict]:
    hits = search.matching_article_ids(conn, q, limit=limit)
    if not hits:
        return []
    rows = {r.id: _article_dict(r) for r in conn.execute(
        select(*ARTICLE_LIST_COLUMNS, func.substr(A.c.text, 1, 300).label("snippet"))
        .where(A.c.id.in_([i for i, _ in hits])))}
    return [dict(rows[i], rank=rank) for i, rank in hits if i in rows]


def get_article(conn: Connection, article_id: str) -> dict | None:
    row = conn.execute(select(A).where(A.c.id == article_id)).first()
    if row is None:
        return None
    out = dict(row._mapping)
    out["spans"] = {s.field: {"start": s.start, "end": s.end, "text": s.text, "rule": s.rule}
                    for s in conn.execute(select(schema.spans).where(schema.spans.c.article_id == article_id,
                                                                     schema.spans.c.owner == "article"))}
    incident_of = dict(conn.execute(select(E.c.event_index, M.c.incident_id).join(M, M.c.event_id == E.c.id)
                                    .where(E.c.article_id == article_id)).all())
    out["events"] = []
    for ev in conn.execute(select(E.c.event_index, E.c.record).where(E.c.article_id == article_id)
                           .order_by(E.c.event_index)):
        record = dict(ev.record or {})
        record["incident_id"] = incident_of.get(ev.event_index)
        out["events"].append(record)
    out["claims"] = [r.record for r in conn.execute(select(C.c.record).where(C.c.article_id == article_id)
                                                    .order_by(C.c.claim_index))]
    out["incident_ids"] = sorted({i for i in incident_of.values() if i})
    out["near_duplicates"] = [
        {"article_id": r.article_b if r.article_a == article_id else r.article_a, "similarity": r.similarity}
        for r in conn.execute(select(schema.near_duplicates).where(or_(
            schema.near_duplicates.c.article_a == article_id, schema.near_duplicates.c.article_b == article_id)))]
    return out


def list_events(conn: Connection, type: str | None, place: str | None, since: str | None, until: str | None,
                limit: int, offset: int) -> list[dict]:
    cols = [c for c in E.c if c.name != "record"]
    query = (select(*cols, A.c.outlet, A.c.published, M.c.incident_id, P.c.precision)
             .join(A, A.c.id == E.c.article_id).outerjoin(M, M.c.event_id == E.c.id)
             .outerjoin(P, P.c.id == E.c.place_id))
    if type:
        query = query.where(E.c.type == type)
    if place:
        query = query.where(or_(_like(E.c.place, place), _like(E.c.admin1, place), _like(E.c.country, place)))
    if since:
        query = query.where(func.coalesce(E.c.date_end, E.c.date) >= since)
    if until:
        query = query.where(E.c.date <= until)
    query = query.order_by(E.c.date.desc(), E.c.article_id, E.c.event_index).limit(limit).offset(offset)
    return [dict(r._mapping) for r in conn.execute(query)]


def list_claims(conn: Connection, article_id: str | None, speaker: str | None, limit: int, offset: int) -> list[dict]:
    cols = [c for c in C.c if c.name != "record"]
    query = select(*cols, A.c.outlet, A.c.published).join(A, A.c.id == C.c.article_id)
    if article_id:
        query = query.where(C.c.article_id == article_id)
    if speaker:
        query = query.where(or_(_like(C.c.speaker, speaker), _like(C.c.speaker_org, speaker)))
    query = query.order_by(C.c.article_id, C.c.claim_index).limit(limit).offset(offset)
    return [dict(r._mapping) for r in conn.execute(query)]


@dataclass
class IncidentFilter:
    type: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    actor: str | None = None
    contested: bool | None = None
    q: str | None = None

    def conditions(self, conn: Connection) -> list:
        where = []
        if self.type:
            where.append(I.c.type == self.type)
        if self.place:
            where.append(or_(_like(I.c.place, self.place), _like(I.c.admin1, self.place),
                             _like(I.c.country, self.place)))
        if self.since:
            where.append(func.coalesce(I.c.date_end, I.c.date) >= str(self.since))
        if self.until:
            where.append(I.c.date <= str(self.until))
        if self.outlet:
            where.append(exists().where(and_(M.c.incident_id == I.c.id, M.c.outlet == self.outlet)))
        if self.actor:
            where.append(exists().where(and_(M.c.incident_id == I.c.id, E.c.id == M.c.event_id,
                                             or_(_like(E.c.actor1, self.actor), _like(E.c.actor2, self.actor)))))
        if self.contested is not None:
            where.append(I.c.contested == bool(self.contested))
        if self.q:
            ids = [i for i, _ in search.matching_article_ids(conn, self.q, limit=10000)]
            where.append(or_(_like(I.c.summary, self.q), _like(I.c.place, self.q),
                             exists().where(and_(M.c.incident_id == I.c.id, M.c.article_id.in_(ids or [""])))))
        return where


def list_incidents(conn: Connection, flt: IncidentFilter, limit: int | None, offset: int) -> list[dict]:
    query = (select(I).where(*flt.conditions(conn))
             .order_by(I.c.date.is_(None), I.c.date.desc(), I.c.n_reports.desc(), I.c.id).offset(offset))
    if limit is not None:
        query = query.limit(limit)
    return incident_dicts(conn, list(conn.execute(query)))


def count_incidents(conn: Connection, flt: IncidentFilter) -> int:
    return conn.execute(select(func.count()).select_from(I).where(*flt.conditions(conn))).scalar() or 0


def get_incident(conn: Connection, incident_id: str) -> dict | None:
    rows = list(conn.execute(select(I).where(I.c.id == incident_id)))
    found = incident_dicts(conn, rows)
    return found[0] if found else None


def list_outlets(conn: Connection) -> list[dict]:
    articles = dict(conn.execute(select(A.c.outlet, func.count()).group_by(A.c.outlet)).all())
    reports = dict(conn.execute(select(A.c.outlet, func.count()).join(E, E.c.article_id == A.c.id)
                                .group_by(A.c.outlet)).all())
    contradicted: Counter = Counter()
    for (values,) in conn.execute(select(X.c.sides)):
        for outlet in {v.get("outlet") for v in values or [] if v.get("outlet")}:
            contradicted[outlet] += 1
    known = {r.name: r for r in conn.execute(select(schema.outlets))}
    out = []
    names = {n for n in set(articles) | set(known) if n}
    for name in sorted(names, key=lambda n: (-(articles.get(n) or 0), n)):
        rec = known.get(name)
        out.append({"name": name, "articles": articles.get(name, 0), "reports": reports.get(name, 0),
                    "contradicted": contradicted.get(name, 0),
                    "country": rec.country if rec else None,
                    "state_affiliation": rec.state_affiliation if rec else None,
                    "reliability": rec.reliability if rec else None})
    return out


def stats(conn: Connection) -> dict[str, Any]:
    def count(t) -> int:
        return conn.execute(select(func.count()).select_from(t)).scalar() or 0

    timeline: dict[tuple, dict] = {}
    for r in conn.execute(select(E.c.date, E.c.type, func.count()).where(E.c.date.is_not(None))
                          .group_by(E.c.date, E.c.type)):
        timeline[(r[0], r[1])] = {"date": r[0], "type": r[1], "events": r[2], "incidents": 0, "killed": 0}
    # Killed per day from consolidated incidents, so one toll told by five outlets counts once.
    for r in conn.execute(select(I.c.date, I.c.type, func.count(), func.sum(I.c.killed_best))
                          .where(I.c.date.is_not(None)).group_by(I.c.date, I.c.type)):
        row = timeline.setdefault((r[0], r[1]), {"date": r[0], "type": r[1], "events": 0, "incidents": 0, "killed": 0})
        row["incidents"], row["killed"] = r[2], int(r[3] or 0)
    grades = dict(conn.execute(select(I.c.grade, func.count()).group_by(I.c.grade)).all())
    return {
        "articles": count(A), "events": count(E), "claims": count(C), "incidents": count(I),
        "contradictions": count(X), "outlets": count(schema.outlets), "places": count(schema.places),
        "actors": count(schema.actors), "near_duplicates": count(schema.near_duplicates),
        "contested_incidents": conn.execute(select(func.count()).select_from(I).where(I.c.contested.is_(True))).scalar() or 0,
        "grades": grades,
        "timeline": [timeline[k] for k in sorted(timeline)],
    }
