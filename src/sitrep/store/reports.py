"""Reading stored events back as linking ``Report``s."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterator

from sqlalchemy import Connection, func, select

from ..link.records import Report, SlotValue
from . import schema


# The opening of an article names its main incident's particulars (town, weapon, toll).
LEAD_CHARS = 600


def _date(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s) if s else None
    except ValueError:
        return None


def load_reports(conn: Connection) -> Iterator[Report]:
    e, a, f, p = schema.events, schema.articles, schema.figures, schema.places
    figures: dict[int, dict[str, SlotValue]] = defaultdict(dict)
    for fr in conn.execute(select(f.c.event_id, f.c.slot, f.c.value, f.c.qualifier, f.c.low, f.c.high, f.c.text)):
        figures[fr.event_id][fr.slot] = SlotValue(fr.value, fr.qualifier or "exact", fr.low, fr.high, fr.text)
    query = (select(e.c.id, e.c.article_id, e.c.event_index, e.c.type, e.c.salience, e.c.date, e.c.date_end,
                    e.c.place, e.c.admin1, e.c.country, e.c.lat, e.c.lon, e.c.actor1, e.c.actor2,
                    e.c.source, e.c.evidence, e.c.acled_sub_event_type,
                    a.c.outlet, a.c.published, a.c.title, a.c.cited_sources,
                    func.substr(a.c.text, 1, LEAD_CHARS).label("lead"), p.c.precision)
             .join(a, a.c.id == e.c.article_id).outerjoin(p, p.c.id == e.c.place_id)
             .order_by(e.c.article_id, e.c.event_index))
    for r in conn.execute(query):
        yield Report(
            article_id=r.article_id, event_index=r.event_index, type=r.type, salience=r.salience or "secondary",
            date=_date(r.date), date_end=_date(r.date_end), published=_date(r.published),
            place=r.place, admin1=r.admin1, country=r.country, lat=r.lat, lon=r.lon, precision=r.precision,
            actor1=r.actor1, actor2=r.actor2, source=r.source, outlet=r.outlet, evidence=r.evidence or "",
            title=r.title, acled_sub_event_type=r.acled_sub_event_type, figures=figures.get(r.id, {}),
            cited_sources=tuple(r.cited_sources or ()), event_id=r.id,
            lead=r.lead if r.salience == "main" else "")
