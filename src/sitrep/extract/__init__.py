"""Extraction components, run in this order on every article.

Each component is a function ``(article, doc) -> None`` registered under its
name in ``sitrep.registry.components``; it fills one part of the article.
"""
from __future__ import annotations

# Order matters: attribution needs both events and claims.
PIPELINE = ["events", "claims", "attribution", "provenance", "framing"]

from . import events, claims, attribution, provenance, framing  # noqa: E402,F401  (registers)
