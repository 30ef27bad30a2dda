"""FastAPI REST API and the web dashboard over a sitrep store.

``create_app(db)`` builds the application; ``sitrep serve`` runs it with
uvicorn. Pages live in ``pages``, the JSON API in ``api``, the self-hosted
API docs in ``docs``.
"""
from .app import create_app

__all__ = ["create_app"]
