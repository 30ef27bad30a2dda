"""Server-rendered pages: overview, incidents, one incident, articles, one
article, outlets."""
from __future__ import annotations

import math
from collections import OrderedDict
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ..records import EVENT_TYPES
from .charts import build_timeline
from .filters import PAGE_SIZE, IncidentFilters, _clean, incident_filters
from .geo import incident_map
from .highlight import KINDS, highlight, kinds_present, marks_for
from .templating import is_contested, templates

router = APIRouter(include_in_schema=False)
MAP_LIMIT = 2000


def store_of(request: Request):
    return request.app.state.store


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


def counts_of(stats: dict) -> dict[str, int]:
    """The overview's headline numbers, from ``Store.stats()``."""
    names = {"articles": "articles", "events": "events", "claims": "claims", "incidents": "incidents",
             "contested": "contested_incidents", "outlets": "outlets"}
    return {shown: stats[key] for shown, key in names.items() if isinstance(stats.get(key), int)}


@router.get("/", response_class=HTMLResponse)
def overview(request: Request):
    store = store_of(request)
    stats = store.stats() or {}
    placed = store.list_incidents(limit=MAP_LIMIT)
    contested = store.list_incidents(contested=True, limit=8)
    # most reported first: where several outlets (and, better, several origins) speak
    most_reported = sorted((i for i in placed if len(i.get("reports") or []) > 1),
                           key=lambda i: (-len(i.get("reports") or []), -(i.get("independent_origins") or 0)))[:6]
    return render(request, "overview.html", counts=counts_of(stats),
                  timeline=build_timeline(stats.get("timeline") or []),
                  map=incident_map(placed), contested=contested, most_reported=most_reported, nav="overview")


@router.get("/incidents", response_class=HTMLResponse)
def incidents(request: Request, filters: IncidentFilters = Depends(incident_filters),
              page: int = Query(1, ge=1)):
    store = store_of(request)
    kwargs = filters.store_kwargs()
    total = store.count_incidents(**kwargs)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    rows = store.list_incidents(**kwargs, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    outlets = sorted({o.get("name") or "" for o in store.list_outlets()} - {""})
    return render(request, "incidents.html", rows=rows, total=total, page=page, pages=pages,
                  filters=filters, types=EVENT_TYPES, outlets=outlets, nav="incidents",
                  first=(page - 1) * PAGE_SIZE + 1)


def _event_of(article: dict | None, index: Any) -> dict:
    events = (article or {}).get("events") or []
    if isinstance(index, int) and 0 <= index < len(events):
        return events[index]
    for ev in events:  # stores may renumber; fall back on the event's own index
        if ev.get("index") == index:
            return ev
    return {}


def reports_by_outlet(store, incident: dict) -> list[dict]:
    """The incident's reports grouped into one column per outlet, each with
    its article's title and the event's own evidence and figures."""
    articles: dict[str, dict | None] = {}
    columns: "OrderedDict[str, dict]" = OrderedDict()
    for report in incident.get("reports") or []:
        aid = report.get("article_id")
        if aid not in articles:
            articles[aid] = store.get_article(aid)
        article = articles[aid] or {}
        outlet = report.get("outlet") or article.get("outlet") or "unknown outlet"
        column = columns.setdefault(outlet, {"outlet": outlet, "record": article.get("outlet_record"), "reports": []})
        column["reports"].append({**report, "title": article.get("title") or aid,
                                  "published": article.get("published"),
                                  "event": _event_of(article, report.get("event_index"))})
    return list(columns.values())


def _nice_top(value: float) -> int:
    """A round scale end a little above the largest value (10, 20, 50, 100 ...)."""
    candidates = [s * 10 ** e for e in range(0, 12) for s in (1, 2, 5)]
    return next(c for c in candidates if c >= value * 1.05)


def figure_scales(incident: dict) -> list[dict]:
    """Per slot: the consolidated figure and every reported value placed on a
    0..max scale (percent positions), so disagreement is visible at a glance."""
    contradicted = {c.get("slot") for c in incident.get("contradictions") or []}
    out = []
    for slot, fig in (incident.get("figures") or {}).items():
        values = [dict(v, value=v.get("value") if v.get("value") is not None else v.get("low"))
                  for v in fig.get("values") or []]
        values = [v for v in values if isinstance(v["value"], (int, float))]
        numbers = [v["value"] for v in values] + [x for x in (fig.get("low"), fig.get("high"), fig.get("best"))
                                                  if isinstance(x, (int, float))]
        top = _nice_top(max(numbers) if numbers else 0)

        def pos(x: Any) -> float | None:
            return round(100 * x / top, 2) if isinstance(x, (int, float)) else None

        out.append({"slot": slot, "fig": fig, "contradicted": slot in contradicted, "top": top,
                    "low": pos(fig.get("low")), "high": pos(fig.get("high")), "best": pos(fig.get("best")),
                    "dots": [{"x": pos(v["value"]), **v} for v in values]})
    return out


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident(request: Request, incident_id: str):
    store = store_of(request)
    inc = store.get_incident(incident_id)
    if inc is None:
        raise HTTPException(404, f"No incident {incident_id}")
    return render(request, "incident.html", inc=inc, columns=reports_by_outlet(store, inc),
                  scales=figure_scales(inc), contested=is_contested(inc), nav="incidents")


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, q: str | None = None, outlet: str | None = None, page: int = Query(1, ge=1)):
    store = store_of(request)
    q, outlet = _clean(q), _clean(outlet)
    rows = store.list_articles(limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE, outlet=outlet, q=q)
    outlets = sorted({o.get("name") or "" for o in store.list_outlets()} - {""})
    return render(request, "articles.html", rows=rows[:PAGE_SIZE], more=len(rows) > PAGE_SIZE,
                  page=page, q=q or "", outlet=outlet or "", outlets=outlets, nav="articles")


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str):
    art = store_of(request).get_article(article_id)
    if art is None:
        raise HTTPException(404, f"No article {article_id}")
    marks = marks_for(art)
    return render(request, "article.html", art=art, body=highlight(art.get("text") or "", marks),
                  legend=kinds_present(marks), all_kinds=KINDS, nav="articles")


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request):
    return render(request, "outlets.html", rows=store_of(request).list_outlets(), nav="outlets")
