"""Turning an extracted ``Article`` into rows, as one idempotent upsert.

An article is keyed by its id. Storing it again with the same content hash
and pipeline version changes nothing; with another hash or version its old
rows (events, figures, claims, spans) are replaced inside the same
transaction, so a crash leaves either the old or the new version.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, select

from .. import PIPELINE_VERSION
from ..records import Article, Event, Figure, Span
from . import schema, search


def content_hash(raw_or_text: str) -> str:
    """The identity of a document's content: sha256 of the raw text as read."""
    return hashlib.sha256(raw_or_text.encode("utf-8", errors="replace")).hexdigest()


def article_hash(article: Article) -> str:
    return content_hash(article.raw if article.raw is not None else article.text)


@dataclass
class IngestStats:
    """What one ``add_articles`` call (or one ingest run) did."""

    stored: int = 0         # new articles
    updated: int = 0        # articles replaced (new content or newer pipeline version)
    unchanged: int = 0      # same id, hash and version: nothing written
    duplicates: int = 0     # same content already stored under another id
    errors: int = 0
    article_ids: list[str] = field(default_factory=list)

    def merge(self, other: "IngestStats") -> None:
        for name in ("stored", "updated", "unchanged", "duplicates", "errors"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.article_ids.extend(other.article_ids)

    def to_dict(self) -> dict[str, Any]:
        return {"stored": self.stored, "updated": self.updated, "unchanged": self.unchanged,
                "duplicates": self.duplicates, "errors": self.errors}


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _jsonable(value: Any) -> Any:
    """Extractors may leave dates or sets in free-form fields; JSON columns take plain JSON."""
    return json.loads(json.dumps(value, default=str)) if value is not None else None


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _label(value: Any) -> str | None:
    """A readable column value: lists of labels ("bias", "state") become "bias, state"."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value) or None
    return str(value)


def _upsert_outlet(conn: Connection, article: Article) -> None:
    if not article.outlet:
        return
    rec = _jsonable(article.outlet_record) or {}
    row = {"country": _label(rec.get("country")), "state_affiliation": _label(rec.get("state_affiliation")),
           "reliability": _label(rec.get("reliability")), "domain": _label(rec.get("domain")),
           "record": rec or None}
    t = schema.outlets
    existing = conn.execute(select(t.c.name, t.c.record).where(t.c.name == article.outlet)).first()
    if existing is None:
        conn.execute(t.insert().values(name=article.outlet, **row))
    elif rec and existing.record != rec:
        conn.execute(t.update().where(t.c.name == article.outlet).values(**row))


def _place_id(conn: Connection, event: Event, cache: dict) -> int | None:
    loc = event.location
    if loc is None or not loc.name:
        return None
    key = (loc.name, loc.admin1 or "", loc.country or "")
    if key in cache:
        return cache[key]
    t = schema.places
    pid = conn.execute(select(t.c.id).where(t.c.name == key[0], t.c.admin1 == key[1],
                                            t.c.country == key[2])).scalar()
    if pid is None:
        pid = conn.execute(t.insert().values(
            name=key[0], admin1=key[1], country=key[2], lat=loc.lat, lon=loc.lon,
            precision=loc.precision, geonames_id=loc.geonames_id)).inserted_primary_key[0]
    cache[key] = pid
    return pid


def _ensure_actors(conn: Connection, names: set[str]) -> None:
    if not names:
        return
    t = schema.actors
    known = set(conn.execute(select(t.c.name).where(t.c.name.in_(names))).scalars())
    for name in sorted(names - known):
        conn.execute(t.insert().values(name=name))


def _span_row(article_id: str, owner: str, index: int | None, field_name: str, span: Span) -> dict:
    return {"article_id": article_id, "owner": owner, "owner_index": index, "field": field_name,
            "start": span.start, "end": span.end, "text": span.text, "rule": span.rule}


def _figure_row(event_id: int, article_id: str, slot: str, fig: Figure) -> dict:
    return {"event_id": event_id, "article_id": article_id, "slot": slot, "value": fig.value,
            "qualifier": fig.qualifier, "low": fig.low, "high": fig.high, "grp": fig.group, "text": fig.text}


def _event_spans(article_id: str, i: int, ev: Event) -> list[dict]:
    rows = []
    for name, span in (("trigger", ev.trigger), ("evidence", ev.evidence_span),
                       ("location", ev.location.span if ev.location else None)):
        if span is not None:
            rows.append(_span_row(article_id, "event", i, name, span))
    for name, fig in (("killed", ev.killed), ("injured", ev.injured), *ev.quantities.items()):
        if fig is not None and fig.span is not None:
            rows.append(_span_row(article_id, "event", i, name if name in ("killed", "injured")
                                  else f"quantities.{name}", fig.span))
    rows.extend(_span_row(article_id, "event", i, name, span) for name, span in ev.spans.items())
    return rows


def _delete_article_rows(conn: Connection, article_id: str) -> None:
    # Explicit deletes rather than ON DELETE CASCADE: SQLite enforces it only with a pragma.
    event_ids = select(schema.events.c.id).where(schema.events.c.article_id == article_id)
    conn.execute(delete(schema.incident_members).where(schema.incident_members.c.event_id.in_(event_ids)))
    for t in (schema.figures, schema.spans, schema.claims, schema.events):
        conn.execute(delete(t).where(t.c.article_id == article_id))
    search.unindex_article(conn, article_id)


def write_article(conn: Connection, article: Article, run_id: int | None, place_cache: dict) -> str:
    """Store one article; returns "stored", "updated", "unchanged" or "duplicate"."""
    t = schema.articles
    digest = article.meta.get("content_hash") or article_hash(article)
    existing = conn.execute(select(t.c.content_hash, t.c.pipeline_version)
                            .where(t.c.id == article.id)).first()
    if existing is not None and tuple(existing) == (digest, PIPELINE_VERSION):
        return "unchanged"
    if existing is None:
        twin = conn.execute(select(t.c.id).where(t.c.content_hash == digest,
                                                 t.c.pipeline_version == PIPELINE_VERSION).limit(1)).first()
        if twin is not None:
            return "duplicate"
    _upsert_outlet(conn, article)
    row = {
        "title": article.title, "outlet": article.outlet, "published": _iso(article.published),
        "uri": article.uri, "format": article.format, "language": article.language,
        "content_hash": digest, "pipeline_version": PIPELINE_VERSION, "ingest_run_id": run_id,
        "stored_at": now_iso(), "n_events": len(article.events), "n_claims": len(article.claims),
        "cited_sources": list(article.cited_sources), "provenance": list(article.provenance),
        "boilerplate": list(article.boilerplate), "related": _jsonable(list(article.related)),
        "outlet_record": _jsonable(article.outlet_record), "framing": _jsonable(list(article.framing)),
        "warnings": list(article.warnings), "meta": _jsonable(article.meta or {}), "text": article.text,
        "raw": article.raw,
    }
    if existing is None:
        conn.execute(t.insert().values(id=article.id, **row))
    else:
        _delete_article_rows(conn, article.id)
        conn.execute(t.update().where(t.c.id == article.id).values(**row))

    span_rows = [_span_row(article.id, "article", None, name, span) for name, span in article.spans.items()]
    figure_rows: list[dict] = []
    _ensure_actors(conn, {a for ev in article.events for a in (ev.actor1, ev.actor2) if a})
    for i, ev in enumerate(article.events):
        loc = ev.location
        gold = ev.to_gold()
        gold["index"] = i
        event_id = conn.execute(schema.events.insert().values(
            article_id=article.id, event_index=i, type=ev.type, salience=ev.salience,
            date=_iso(ev.date), date_end=_iso(ev.date_end), date_precision=ev.date_precision,
            place_id=_place_id(conn, ev, place_cache), place=loc.name if loc else None,
            admin1=loc.admin1 if loc else None, country=loc.country if loc else None,
            lat=loc.lat if loc else None, lon=loc.lon if loc else None,
            actor1=ev.actor1, actor2=ev.actor2,
            killed=ev.killed.value if ev.killed else None,
            killed_qualifier=ev.killed.qualifier if ev.killed else None,
            injured=ev.injured.value if ev.injured else None,
            injured_qualifier=ev.injured.qualifier if ev.injured else None,
            source=ev.source, acled_sub_event_type=ev.acled_sub_event_type, evidence=ev.evidence,
            quantities={k: v.to_gold() for k, v in ev.quantities.items()}, record=gold,
        )).inserted_primary_key[0]
        for slot, fig in (("killed", ev.killed), ("injured", ev.injured), *ev.quantities.items()):
            if fig is not None:
                figure_rows.append(_figure_row(event_id, article.id, slot, fig))
        span_rows.extend(_event_spans(article.id, i, ev))
    claim_rows = []
    for i, cl in enumerate(article.claims):
        claim_rows.append({
            "article_id": article.id, "claim_index": i, "speaker": cl.speaker,
            "speaker_org": cl.speaker_org, "speaker_role": cl.speaker_role, "cue": cl.cue,
            "direct": cl.direct, "stance": cl.stance, "text": cl.text,
            "event_ids": list(cl.event_ids), "record": cl.to_gold()})
        for name, span in (("text", cl.span), ("cue", cl.cue_span), ("speaker", cl.speaker_span)):
            if span is not None:
                span_rows.append(_span_row(article.id, "claim", i, name, span))
    for table, rows in ((schema.figures, figure_rows), (schema.claims, claim_rows), (schema.spans, span_rows)):
        if rows:
            conn.execute(table.insert(), rows)
    search.index_article(conn, article.id, article.title, article.text)
    return "stored" if existing is None else "updated"
