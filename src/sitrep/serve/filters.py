"""Query parameters shared by the incident page and the incident API, so the
two filter the same way."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from fastapi import Query

PAGE_SIZE = 50
MAX_LIMIT = 500


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@dataclass
class IncidentFilters:
    type: str | None = None
    place: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None
    actor: str | None = None
    contested: bool | None = None
    q: str | None = None

    def store_kwargs(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("since", "until"):
            if out[key] is not None:
                out[key] = out[key].isoformat()
        return out

    def active(self) -> bool:
        return any(v not in (None, False) for v in asdict(self).values())


def _date(value: str | None) -> dt.date | None:
    # An empty date box in the filter form sends "since=": treat it as unset, not an error.
    value = _clean(value)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        from fastapi import HTTPException
        raise HTTPException(422, f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def incident_filters(
    type: str | None = Query(None, description="event type, e.g. air_strike"),
    place: str | None = Query(None, description="place, admin1 or country name"),
    since: str | None = Query(None, description="first date, YYYY-MM-DD"),
    until: str | None = Query(None, description="last date, YYYY-MM-DD"),
    outlet: str | None = Query(None, description="an outlet that reported it"),
    actor: str | None = Query(None, description="an actor involved"),
    contested: bool | None = Query(None, description="only incidents whose sources contradict each other"),
    q: str | None = Query(None, description="full-text search in the reports"),
) -> IncidentFilters:
    return IncidentFilters(type=_clean(type), place=_clean(place), since=_date(since), until=_date(until),
                           outlet=_clean(outlet), actor=_clean(actor), contested=contested or None, q=_clean(q))


@dataclass
class Paging:
    limit: int
    offset: int


def paging(limit: int = Query(PAGE_SIZE, ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}"),
           offset: int = Query(0, ge=0, description="records to skip")) -> Paging:
    return Paging(limit, offset)
