"""Interim minimal cleaner: replaced by the full clean stage."""
from __future__ import annotations

from ..records import Article, RawDocument


def clean_document(raw: RawDocument) -> Article:
    text = raw.raw.replace("\r\n", "\n")
    title = None
    lines = text.split("\n")
    if len(lines) > 2 and lines[0].strip() and not lines[1].strip():
        title = lines[0].strip()
        text = "\n".join(lines[2:]).strip()
    return Article(id=raw.id, text=text, title=title, uri=raw.uri, format=raw.format, raw=raw.raw)
