"""Extracted articles as flat rows and back, for columnar files.

An article row holds the gold record (``Article.to_gold``) as JSON plus the
fields the gold shape leaves out but the store keeps (``raw``, ``format``,
``meta``), so ``article_from_row(article_row(a))`` gives back an article the
store writes exactly as it would have written ``a``.  Event rows are the
events flattened, one per event, for querying the Parquet without sitrep.

Pure Python: no Dask or pyarrow here, so the loader is usable anywhere.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from ..records import Article, Claim, DocumentError, Event, Figure, Location, Span


def to_json(value: Any) -> str:
    # Extractors may leave dates or sets in free-form fields (meta, framing); JSON takes strings.
    return json.dumps(value, ensure_ascii=False, default=str)


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _plain_fields(cls, gold: dict[str, Any], handled: set[str]) -> dict[str, Any]:
    """The keys of ``gold`` that are fields of ``cls`` and need no conversion.

    Taking every matching field (not a fixed list) keeps the loader right when
    an optional field is added to a record and to its ``to_gold``.
    """
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in gold.items() if k in names and k not in handled}


def span_from_gold(d: dict[str, Any] | None) -> Span | None:
    if d is None:
        return None
    return Span(start=d["start"], end=d["end"], text=d["text"], rule=d["rule"])


def _spans(d: dict[str, Any] | None) -> dict[str, Span]:
    return {k: span_from_gold(v) for k, v in (d or {}).items() if v is not None}


def figure_from_gold(d: dict[str, Any] | None) -> Figure | None:
    if d is None:
        return None
    return Figure(**_plain_fields(Figure, d, {"span"}), span=span_from_gold(d.get("span")))


def location_from_gold(d: dict[str, Any] | None) -> Location | None:
    if d is None:
        return None
    return Location(**_plain_fields(Location, d, {"span"}), span=span_from_gold(d.get("span")))


def event_from_gold(d: dict[str, Any], article_id: str | None = None) -> Event:
    special = {"date", "date_end", "location", "killed", "injured", "quantities", "trigger",
               "evidence_span", "spans", "article_id"}
    return Event(
        **_plain_fields(Event, d, special),
        date=_date(d.get("date")), date_end=_date(d.get("date_end")),
        location=location_from_gold(d.get("location")),
        killed=figure_from_gold(d.get("killed")), injured=figure_from_gold(d.get("injured")),
        quantities={k: figure_from_gold(v) for k, v in (d.get("quantities") or {}).items() if v is not None},
        trigger=span_from_gold(d.get("trigger")), evidence_span=span_from_gold(d.get("evidence_span")),
        spans=_spans(d.get("spans")), article_id=article_id,
    )


def claim_from_gold(d: dict[str, Any], article_id: str | None = None) -> Claim:
    special = {"span", "cue_span", "speaker_span", "event_ids", "article_id"}
    return Claim(
        **_plain_fields(Claim, d, special),
        span=span_from_gold(d.get("span")), cue_span=span_from_gold(d.get("cue_span")),
        speaker_span=span_from_gold(d.get("speaker_span")),
        event_ids=list(d.get("event_ids") or []), article_id=article_id,
    )


def article_from_gold(gold: dict[str, Any], text: str | None = None, raw: str | None = None,
                      format: str | None = None, meta: dict[str, Any] | None = None) -> Article:
    """An ``Article`` rebuilt from its gold record (the inverse of ``Article.to_gold``).

    ``text`` is needed when the record was written without it; ``raw``,
    ``format`` and ``meta`` are not part of the gold shape and come separately.
    """
    article_id = gold["id"]
    special = {"text", "published", "events", "claims", "spans", "raw", "format", "meta"}
    body = text if text is not None else gold.get("text")
    if body is None:
        raise ValueError(f"{article_id}: the record has no text and none was given")
    return Article(
        **_plain_fields(Article, gold, special),
        text=body, published=_date(gold.get("published")),
        events=[event_from_gold(e, article_id) for e in gold.get("events") or []],
        claims=[claim_from_gold(c, article_id) for c in gold.get("claims") or []],
        spans=_spans(gold.get("spans")),
        raw=raw, format=format, meta=dict(meta or {}),
    )


# -- rows -----------------------------------------------------------------------

def article_row(article: Article, partition: int) -> dict[str, Any]:
    """One row of the articles dataset."""
    return {
        "id": article.id, "partition": partition,
        "title": article.title, "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "uri": article.uri, "format": article.format, "language": article.language,
        "n_events": len(article.events), "n_claims": len(article.claims),
        "content_hash": article.meta.get("content_hash"),
        "text": article.text, "raw": article.raw,
        "gold": to_json(article.to_gold(include_text=False)),
        "meta": to_json(article.meta or {}),
    }


def article_from_row(row: dict[str, Any]) -> Article:
    return article_from_gold(json.loads(row["gold"]), text=row["text"], raw=row.get("raw"),
                             format=row.get("format"), meta=json.loads(row.get("meta") or "{}"))


def _figure_value(fig: Figure | None) -> tuple[int | None, str | None]:
    if fig is None:
        return None, None
    # The column is an integer; a stray float or numeric string must not cost the partition.
    try:
        value = int(fig.value) if fig.value is not None else None
    except (TypeError, ValueError):
        value = None
    return value, fig.qualifier


def event_rows(article: Article) -> list[dict[str, Any]]:
    """The events of an article, one flat row each (the gold event as JSON in ``record``)."""
    rows = []
    for i, ev in enumerate(article.events):
        loc = ev.location
        killed, killed_q = _figure_value(ev.killed)
        injured, injured_q = _figure_value(ev.injured)
        gold = ev.to_gold()
        gold["index"] = i
        rows.append({
            "article_id": article.id, "event_index": i, "type": ev.type, "salience": ev.salience,
            "date": ev.date.isoformat() if ev.date else None,
            "date_end": ev.date_end.isoformat() if ev.date_end else None,
            "date_precision": ev.date_precision,
            "place": loc.name if loc else None, "admin1": loc.admin1 if loc else None,
            "country": loc.country if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
            "actor1": ev.actor1, "actor2": ev.actor2,
            "killed": killed, "killed_qualifier": killed_q,
            "injured": injured, "injured_qualifier": injured_q,
            "source": ev.source, "outlet": article.outlet,
            "published": article.published.isoformat() if article.published else None,
            "acled_sub_event_type": ev.acled_sub_event_type, "evidence": ev.evidence,
            "record": to_json(gold),
        })
    return rows


def error_row(error: DocumentError, partition: int) -> dict[str, Any]:
    return {"id": error.id, "uri": error.uri, "reason": error.reason, "partition": partition}
