"""The application factory: one store, the page and API routers, packaged
static files, and headers that keep hostile article text inert."""
from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from . import api, docs, pages
from .templating import templates

# No inline script or style may run: even if some text slipped past escaping,
# the browser would refuse to execute it.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def open_store(db: Any):
    """A store from a path or URL; an object that already has the read API is used as is."""
    if hasattr(db, "get_incident"):
        return db
    from ..store import Store
    return Store.open(str(db))


def create_app(db: Any) -> FastAPI:
    """The dashboard and API over ``db`` (a path, a SQLAlchemy URL, or a Store)."""
    app = FastAPI(
        title="sitrep",
        version=__version__,
        description="Conflict reporting, cross-checked: articles, events, claims and incidents "
                    "with consolidated figures, contradictions and independent origins.",
        # FastAPI's own /docs and /redoc load their scripts from a CDN; ours are packaged.
        docs_url=None, redoc_url=None,
    )
    app.state.store = open_store(db)
    static_dir = resources.files("sitrep.serve") / "static"
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")
    app.include_router(api.router)
    app.include_router(docs.router)
    app.include_router(pages.router)
    app.add_middleware(GZipMiddleware, minimum_size=2000)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "detail": exc.detail},
                                          status_code=exc.status_code)

    return app
