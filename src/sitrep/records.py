"""Typed records passed between pipeline stages.

Every stage takes and returns these; nothing downstream reaches into an
upstream stage's internals. ``to_gold()`` gives the shape fixed by
``shared/gold/ANNOTATION.md`` (extra keys allowed), so ``sitrep extract``
and the scorer see the same thing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

# The 12 event types of the annotation guide.
EVENT_TYPES = (
    "air_strike", "shelling", "bombing", "chemical_attack", "armed_clash",
    "territory_change", "attack_on_civilians", "ceasefire", "humanitarian",
    "displacement", "arrest", "other",
)
SALIENCE = ("main", "secondary", "background")
QUALIFIERS = ("exact", "at_least", "more_than", "about", "up_to", "range")
GROUPS = ("civilians", "combatants", "mixed", "unknown")
DATE_PRECISION = ("day", "range", "month", "year", "unknown")
STANCES = ("assert", "deny", "accuse", "call")


@dataclass
class Span:
    """Where a value came from: offsets into ``Article.text`` and the rule that found it."""

    start: int
    end: int
    text: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class RawDocument:
    """One document as read from a source, before any cleaning."""

    id: str
    uri: str
    raw: str
    format: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class DocumentError:
    """A document that could not be processed, and why (shown to the user, never raised)."""

    id: str
    uri: str
    reason: str

    def describe(self) -> str:
        """The one line every command prints for a failed document."""
        where = f" ({self.uri})" if self.uri and self.uri != self.id else ""
        return f"error: {self.id}{where}: {self.reason}"


@dataclass
class Figure:
    """A count with its qualifier: "at least 200" -> value 200, at_least."""

    value: int | None
    qualifier: str = "exact"
    low: int | None = None
    high: int | None = None
    group: str | None = None
    text: str | None = None
    span: Span | None = None

    def to_gold(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "qualifier": self.qualifier}
        if self.low is not None:
            out["low"] = self.low
        if self.high is not None:
            out["high"] = self.high
        if self.group is not None:
            out["group"] = self.group
        if self.text is not None:
            out["text"] = self.text
        if self.span is not None:
            out["span"] = self.span.to_dict()
        return out


@dataclass
class Location:
    name: str
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # point | admin2 | admin1 | country
    geonames_id: int | None = None
    span: Span | None = None

    def to_gold(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in
               ("name", "admin1", "country", "lat", "lon", "precision", "geonames_id")}
        if self.span is not None:
            out["span"] = self.span.to_dict()
        return out


@dataclass
class Event:
    type: str
    salience: str = "secondary"
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str = "unknown"
    location: Location | None = None
    actor1: str | None = None
    actor2: str | None = None
    killed: Figure | None = None
    injured: Figure | None = None
    quantities: dict[str, Figure] = field(default_factory=dict)
    source: str | None = None
    evidence: str = ""
    evidence_span: Span | None = None
    trigger: Span | None = None
    acled_sub_event_type: str | None = None
    # Spans of the other values (date, actor1, actor2, source), keyed by field name.
    spans: dict[str, Span] = field(default_factory=dict)
    article_id: str | None = None
    index: int = 0

    def to_gold(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "salience": self.salience,
            "date": self.date.isoformat() if self.date else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "date_precision": self.date_precision,
            "location": self.location.to_gold() if self.location else None,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "killed": self.killed.to_gold() if self.killed else None,
            "injured": self.injured.to_gold() if self.injured else None,
            "quantities": {k: v.to_gold() for k, v in self.quantities.items()},
            "source": self.source,
            "evidence": self.evidence,
            "acled_sub_event_type": self.acled_sub_event_type,
            "index": self.index,
            "trigger": self.trigger.to_dict() if self.trigger else None,
            "evidence_span": self.evidence_span.to_dict() if self.evidence_span else None,
            "spans": {k: v.to_dict() for k, v in self.spans.items()},
        }


@dataclass
class Claim:
    text: str
    speaker: str | None = None
    speaker_org: str | None = None
    speaker_role: str | None = None
    cue: str | None = None
    direct: bool = False
    stance: str = "assert"
    span: Span | None = None
    cue_span: Span | None = None
    speaker_span: Span | None = None
    event_ids: list[int] = field(default_factory=list)
    article_id: str | None = None

    def to_gold(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_org": self.speaker_org,
            "speaker_role": self.speaker_role,
            "cue": self.cue,
            "direct": self.direct,
            "text": self.text,
            "stance": self.stance,
            "span": self.span.to_dict() if self.span else None,
            "cue_span": self.cue_span.to_dict() if self.cue_span else None,
            "speaker_span": self.speaker_span.to_dict() if self.speaker_span else None,
            "event_ids": list(self.event_ids),
        }


@dataclass
class Article:
    """A cleaned article and, after extraction, everything found in it."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    uri: str | None = None
    format: str | None = None
    raw: str | None = None
    language: str | None = None
    cited_sources: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    related: list[dict[str, Any]] = field(default_factory=list)
    # How each document field was found: {"published": Span(..., rule="dateline:dow-mon-day-year")}.
    spans: dict[str, Span] = field(default_factory=dict)
    outlet_record: dict[str, Any] | None = None
    provenance: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    framing: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def to_gold(self, include_text: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "cited_sources": list(self.cited_sources),
            "boilerplate": list(self.boilerplate),
            "events": [e.to_gold() for e in self.events],
            "claims": [c.to_gold() for c in self.claims],
            "related": list(self.related),
            "provenance": list(self.provenance),
            "outlet_record": self.outlet_record,
            "language": self.language,
            "uri": self.uri,
            "spans": {k: v.to_dict() for k, v in self.spans.items()},
            "framing": list(self.framing),
            "warnings": list(self.warnings),
        }
        if include_text:
            out["text"] = self.text
        return out
