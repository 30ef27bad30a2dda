"""The JSON API under /api/: the same filters and paging as the pages."""
from __future__ import annotations

import hmac
import os
from typing import Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from pydantic import BaseModel, Field

from .filters import IncidentFilters, Paging, _clean, _date, incident_filters, paging

router = APIRouter(prefix="/api", tags=["api"])
TOKEN_ENV = "SITREP_TOKEN"


def store_of(request: Request):
    return request.app.state.store


def page(items: list, pg: Paging, total: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"items": items, "count": len(items), "limit": pg.limit, "offset": pg.offset}
    if total is not None:
        out["total"] = total
    return out


@router.get("/articles", summary="Articles, newest first; q searches their text")
def list_articles(request: Request, outlet: str | None = Query(None, description="outlet name, exactly"),
                  q: str | None = Query(None, description="full-text search in title and text"),
                  pg: Paging = Depends(paging)):
    store = store_of(request)
    return page(store.list_articles(limit=pg.limit, offset=pg.offset, outlet=_clean(outlet), q=_clean(q)), pg)


@router.get("/articles/{article_id:path}", summary="One article with its text, events, claims and incidents")
def get_article(request: Request, article_id: str):
    article = store_of(request).get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return article


@router.get("/events", summary="Event reports (one per article and event)")
def list_events(request: Request, type: str | None = Query(None, description="event type, e.g. shelling"),
                place: str | None = Query(None, description="place, admin1 or country name"),
                since: str | None = Query(None, description="first date, YYYY-MM-DD"),
                until: str | None = Query(None, description="last date, YYYY-MM-DD"),
                pg: Paging = Depends(paging)):
    since_d, until_d = _date(since), _date(until)
    items = store_of(request).list_events(
        type=_clean(type), place=_clean(place), since=since_d.isoformat() if since_d else None,
        until=until_d.isoformat() if until_d else None, limit=pg.limit, offset=pg.offset)
    return page(items, pg)


@router.get("/claims", summary="Attributed claims")
def list_claims(request: Request, article_id: str | None = Query(None, description="claims of this article"),
                speaker: str | None = Query(None, description="speaker or their organisation (substring)"),
                pg: Paging = Depends(paging)):
    items = store_of(request).list_claims(article_id=_clean(article_id), speaker=_clean(speaker),
                                          limit=pg.limit, offset=pg.offset)
    return page(items, pg)


@router.get("/incidents", summary="Incidents: reports of one event across articles, consolidated")
def list_incidents(request: Request, filters: IncidentFilters = Depends(incident_filters),
                   pg: Paging = Depends(paging)):
    store = store_of(request)
    kwargs = filters.store_kwargs()
    items = store.list_incidents(**kwargs, limit=pg.limit, offset=pg.offset)
    return page(items, pg, total=store.count_incidents(**kwargs))


@router.get("/incidents/{incident_id}", summary="One incident with figures, reports and contradictions")
def get_incident(request: Request, incident_id: str):
    incident = store_of(request).get_incident(incident_id)
    if incident is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return incident


@router.get("/outlets", summary="Outlets with their reports, contradictions, affiliation and reliability")
def list_outlets(request: Request):
    return {"items": store_of(request).list_outlets()}


@router.get("/stats", summary="Counts and the timeline of events and casualties")
def stats(request: Request):
    return store_of(request).stats()


class DocumentIn(BaseModel):
    id: str = Field(description="document id; becomes the article id")
    text: str = Field(description="the document as fetched (plain text or HTML)")
    format: Literal["txt", "html"] = Field("txt", description="txt (plain text, title on the first line) or html")
    uri: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict, description="outlet, published, title ... when known")


class IngestRequest(BaseModel):
    documents: list[DocumentIn] = Field(max_length=500)


def require_token(authorization: str | None = Header(None)) -> None:
    """Writes need ``Authorization: Bearer $SITREP_TOKEN``; with no token configured they are off."""
    expected = os.environ.get(TOKEN_ENV)
    if not expected:
        raise HTTPException(403, f"ingest is disabled: start the server with {TOKEN_ENV} set")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


def raw_documents(documents: list[DocumentIn]) -> list:
    """The posted documents as the pipeline's raw documents (HTML through the HTML reader)."""
    from ..ingest.documents import html_to_document
    from ..records import DocumentError, RawDocument

    out: list[RawDocument | DocumentError] = []
    for d in documents:
        uri = d.uri or f"api:{d.id}"
        if d.format == "html":
            doc = html_to_document(d.text, uri, d.id, [])
            if isinstance(doc, RawDocument):
                doc.meta = {**doc.meta, **d.meta}
            out.append(doc)
        elif not d.text.strip():
            out.append(DocumentError(d.id, uri, "empty document (no text)"))
        else:
            out.append(RawDocument(id=d.id, uri=uri, raw=d.text, format="txt", meta=dict(d.meta)))
    return out


@router.post("/ingest", summary="Extract and store documents, then relink (needs the bearer token)",
             dependencies=[Depends(require_token)])
def ingest(request: Request, body: IngestRequest):
    from ..pipeline import process_many
    from ..records import DocumentError

    articles, errors = [], []
    for item in process_many(raw_documents(body.documents)):
        if isinstance(item, DocumentError):
            errors.append({"id": item.id, "reason": item.reason})
        else:
            articles.append(item)
    store = store_of(request)
    stats = store.add_articles(articles) if articles else None
    if articles:
        store.relink()
    return {"stored": [a.id for a in articles], "errors": errors, "stats": _plain(stats)}


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (dict, list, str, int, float, bool)):
        return value
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return str(value)
