"""What linking works on and produces: reports in, incidents out.

A ``Report`` is one event record of one article, flattened with what
linking needs from its article (outlet, publication date, cited sources).
Linking never touches the database; ``sitrep.store`` builds reports from
rows and writes incidents back.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SlotValue:
    """One report's count for a slot ("killed", "corridors" ...)."""

    value: int | None
    qualifier: str = "exact"
    low: int | None = None
    high: int | None = None
    text: str | None = None


@dataclass
class Report:
    article_id: str
    event_index: int
    type: str
    salience: str = "secondary"
    date: dt.date | None = None
    date_end: dt.date | None = None
    published: dt.date | None = None
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None   # of the place: point, admin2, admin1, country
    actor1: str | None = None
    actor2: str | None = None
    source: str | None = None
    outlet: str | None = None
    evidence: str = ""
    title: str | None = None
    lead: str = ""                 # the article's opening words, compared for its main events
    acled_sub_event_type: str | None = None
    figures: dict[str, SlotValue] = field(default_factory=dict)
    cited_sources: tuple[str, ...] = ()
    event_id: int | None = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.event_index)


@dataclass
class Contradiction:
    slot: str                      # a figure slot, or "perpetrator"
    values: list[dict[str, Any]]   # [{value, qualifier, source, outlet, article_id}]
    within_article: bool = False
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"slot": self.slot, "values": self.values, "within_article": self.within_article,
                "description": self.description}


@dataclass
class Incident:
    id: str
    type: str
    family: str
    reports: list[Report]
    acled_sub_event_type: str | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    actors: list[str] = field(default_factory=list)
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    contradictions: list[Contradiction] = field(default_factory=list)
    origins: dict[tuple[str, int], str] = field(default_factory=dict)
    # Report key -> why it joined the incident: "score", "same_text", "same_story" (its article
    # tells the same story as another member's, whatever type, place or date its event was given)
    # or "follow_up" (a later story naming the incident's town, see followups.py).
    link_rules: dict[tuple[str, int], str] = field(default_factory=dict)
    independent_origins: int = 0
    grade: str = "single source"

    @property
    def contested(self) -> bool:
        # Two voices disagreeing count even inside one article (a ministry says six, TASS eight).
        return bool(self.contradictions)

    def to_dict(self) -> dict[str, Any]:
        """The incident JSON of ``sitrep incidents --json`` and the API."""
        return {
            "id": self.id, "type": self.type, "acled_sub_event_type": self.acled_sub_event_type,
            "date": self.date.isoformat() if self.date else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "place": {"name": self.place, "admin1": self.admin1, "country": self.country,
                      "lat": self.lat, "lon": self.lon, "precision": self.precision},
            "actors": list(self.actors),
            "figures": self.figures,
            "reports": [{"article_id": r.article_id, "event_index": r.event_index, "salience": r.salience,
                         "outlet": r.outlet, "source": r.source, "origin": self.origins.get(r.key),
                         "link_rule": self.link_rules.get(r.key)}
                        for r in self.reports],
            "contradictions": [c.to_dict() for c in self.contradictions],
            "independent_origins": self.independent_origins,
            "grade": self.grade,
        }
