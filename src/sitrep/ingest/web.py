"""Readers for the web: RSS/Atom feeds and http(s) URLs.

Fetching is bounded: at most ``max_redirects`` redirects, ``url_timeout_s``
seconds per request, and ``max_bytes`` of body (the download stops there).
"""
from __future__ import annotations

import hashlib
import html as html_lib
import re
import time
from typing import Iterator

from ..records import DocumentError, RawDocument
from ..registry import readers
from .documents import html_to_document
from .options import ReadOptions
from .sources import InputError, Source, sniff_format, too_large

TAG = re.compile(r"<[^>]+>")
USER_AGENT = "sitrep/0.1 (+conflict-reporting research; respects robots by hand)"


def url_id(url: str) -> str:
    """A stable id for a URL (the same page always gets the same id)."""
    return "url-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


@readers.register("feed")
def read_feed(source: Source, options: ReadOptions) -> Iterator[RawDocument | DocumentError]:
    """Each entry of an RSS or Atom feed is an article; its HTML is reduced to text."""
    import feedparser

    try:
        data = source.read_bytes(options)
    except InputError as exc:
        yield DocumentError(source.stem, source.uri, str(exc))
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        why = f": {feed.bozo_exception}" if getattr(feed, "bozo", False) else ""
        yield DocumentError(source.stem, source.uri, f"feed has no entries{why}")
        return
    site = (feed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(feed.entries, 1):
        link = entry.get("link") or ""
        doc_id = options.id_prefix + (url_id(link) if link else f"{source.stem}-{n}")
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value", "")
        body = body or entry.get("summary", "")
        doc = html_to_document(f"<html><body><article>{body}</article></body></html>", link or source.uri,
                               doc_id, [], fmt="feed") if "<" in body else None
        text = doc.raw if isinstance(doc, RawDocument) else html_lib.unescape(TAG.sub(" ", body)).strip()
        if not text:
            yield DocumentError(doc_id, link or source.uri, f"feed entry {n} has no text")
            continue
        published = None
        if entry.get("published_parsed") or entry.get("updated_parsed"):
            published = time.strftime("%Y-%m-%d", entry.get("published_parsed") or entry.get("updated_parsed"))
        meta = {"title": entry.get("title"), "url": link or None, "published": published, "outlet": site,
                "feed": source.uri}
        yield RawDocument(id=doc_id, uri=link or source.uri, raw=text, format="feed",
                          meta={k: v for k, v in meta.items() if v})


def fetch(url: str, options: ReadOptions) -> tuple[bytes, str, str]:
    """``(body, content type, final url)``; raises InputError with a reason."""
    import httpx

    try:
        with httpx.Client(follow_redirects=True, max_redirects=options.max_redirects,
                          timeout=options.url_timeout_s, headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise InputError(f"HTTP {response.status_code} {response.reason_phrase}")
                declared = int(response.headers.get("content-length") or 0)
                if declared > options.max_bytes:
                    raise InputError(too_large(declared, options.max_bytes))
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > options.max_bytes:
                        raise InputError(too_large(len(body), options.max_bytes))
                return bytes(body), response.headers.get("content-type", ""), str(response.url)
    except httpx.TooManyRedirects:
        raise InputError(f"more than {options.max_redirects} redirects") from None
    except httpx.TimeoutException:
        raise InputError(f"no answer within {options.url_timeout_s:g} s") from None
    except httpx.HTTPError as exc:
        raise InputError(f"fetch failed: {type(exc).__name__}: {exc}") from None


def format_for(content_type: str, body: bytes) -> str:
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("application/rss+xml", "application/atom+xml") or ctype.endswith("/xml"):
        return "feed"
    if ctype == "text/html" or ctype == "application/xhtml+xml":
        return "html"
    if ctype == "application/json":
        return "json"
    if ctype in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if ctype == "text/csv":
        return "csv"
    return sniff_format(body[:2048])


@readers.register("url")
def read_url(source: Source, options: ReadOptions) -> Iterator[RawDocument | DocumentError]:
    url = source.uri
    try:
        body, ctype, final = fetch(url, options)
    except InputError as exc:
        yield DocumentError(url_id(url), url, str(exc))
        return
    fmt = source.meta.get("forced") or format_for(ctype, body)
    fetched = Source(uri=final, stem=url_id(url), format=fmt, size=len(body), _loader=lambda: body)
    yield from readers.get(fmt)(fetched, options)
