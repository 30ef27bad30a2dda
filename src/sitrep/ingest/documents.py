"""Readers for single documents: plain text and HTML pages."""
from __future__ import annotations

import re
from html import unescape
from typing import Iterator

from ..records import DocumentError, RawDocument
from ..registry import readers
from .options import ReadOptions
from .sources import Source, text_or_error


@readers.register("txt")
def read_txt(source: Source, options: ReadOptions) -> Iterator[RawDocument | DocumentError]:
    """One file, one article.  The title (first line followed by a blank line) is found by clean."""
    doc_id = options.id_prefix + source.stem
    read = text_or_error(source, options, doc_id=doc_id)
    if isinstance(read, DocumentError):
        yield read
        return
    text, warnings = read
    yield RawDocument(id=doc_id, uri=source.uri, raw=text, format="txt",
                      meta={"warnings": warnings, **source.meta})


def html_to_document(html: str, uri: str, doc_id: str, warnings: list[str],
                     fmt: str = "html") -> RawDocument | DocumentError:
    """Main text and metadata of an HTML page, by trafilatura."""
    import trafilatura

    url = uri if uri.startswith(("http://", "https://")) else None
    try:
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                            include_comments=False, favor_recall=True)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        return DocumentError(doc_id, uri, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    data = found.as_dict() if found is not None and hasattr(found, "as_dict") else (found or {})
    text = (data.get("text") or "").strip()
    if not text:
        return DocumentError(doc_id, uri, "HTML has no article text (empty or missing <body>)")
    meta = {
        "title": data.get("title"),
        # The <title> element keeps the site suffix ("... | Jordan Times") that trafilatura trims.
        "page_title": _page_title(html),
        "published": data.get("date"),
        "outlet": data.get("sitename"),
        "hostname": data.get("hostname"),
        "url": data.get("url") or url,
        "author": data.get("author"),
        "tags": list(data.get("tags") or []) + list(data.get("categories") or []),
        "warnings": warnings,
    }
    return RawDocument(id=doc_id, uri=uri, raw=text, format=fmt,
                       meta={k: v for k, v in meta.items() if v not in (None, [], "")})


def _page_title(html: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", html[:20000], re.I | re.S)
    if m is None:
        return None
    return " ".join(unescape(m.group(1)).split()) or None


@readers.register("html")
def read_html(source: Source, options: ReadOptions) -> Iterator[RawDocument | DocumentError]:
    doc_id = options.id_prefix + source.stem
    read = text_or_error(source, options, doc_id=doc_id)
    if isinstance(read, DocumentError):
        yield read
        return
    html, warnings = read
    yield html_to_document(html, source.uri, doc_id, warnings)
