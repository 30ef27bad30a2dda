"""Where documents come from (files, directories, stdin, URLs) and how their
bytes become text.  Readers get a ``Source`` and never open paths themselves,
so size limits and decoding are enforced in one place."""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..records import DocumentError
from .options import ReadOptions

# Extension -> reader name.  Unknown extensions are sniffed from the content.
EXTENSION_FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
# Hidden files and our own outputs are not documents.
SKIP_NAMES = {".DS_Store", "Thumbs.db"}


class InputError(Exception):
    """A source that cannot be read; the message is the reason shown to the user."""


@dataclass
class Source:
    """One input: a path, stdin, or fetched URL content, read lazily."""

    uri: str
    stem: str
    format: str | None
    size: int | None = None
    _loader: Callable[[], bytes] | None = None
    meta: dict = field(default_factory=dict)

    def read_bytes(self, options: ReadOptions) -> bytes:
        if self.size is not None and self.size > options.max_bytes:
            raise InputError(too_large(self.size, options.max_bytes))
        data = self._loader() if self._loader else b""
        if len(data) > options.max_bytes:
            raise InputError(too_large(len(data), options.max_bytes))
        return data

    def read_text(self, options: ReadOptions) -> tuple[str, list[str]]:
        return decode(self.read_bytes(options), options.encoding)

    def read_records_text(self, options: ReadOptions) -> tuple[str, list[str]]:
        """The whole text of a CSV/JSONL file: no file-size limit, because
        ``max_bytes`` applies to each record of those (see the readers)."""
        return decode(self._loader() if self._loader else b"", options.encoding)


def text_or_error(source: Source, options: ReadOptions, *, records: bool = False,
                  doc_id: str | None = None) -> tuple[str, list[str]] | DocumentError:
    """The source's text and decoding warnings, or the error that says why there is none.
    ``records``: a CSV/JSONL file, whose size limit applies per record."""
    read = source.read_records_text if records else source.read_text
    try:
        text, warnings = read(options)
    except InputError as exc:
        return DocumentError(doc_id or source.stem, source.uri, str(exc))
    if not text.strip():
        return DocumentError(doc_id or source.stem, source.uri, "empty document (no text)")
    return text, warnings


def too_large(size: int, limit: int) -> str:
    return (f"too large: {size / 1e6:.1f} MB exceeds the {limit / 1e6:g} MB limit "
            f"(raise it with --max-bytes)")


def content_id(text: str) -> str:
    """A stable id for a document that has no name of its own."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:16]


def looks_binary(data: bytes) -> str | None:
    """Why ``data`` is not text, or None.  NUL bytes never occur in text encodings we read."""
    head = data[:8192]
    if b"\x00" in head:
        return "binary data, not text (contains NUL bytes)"
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and control / len(head) > 0.05:
        return f"binary data, not text ({control} control bytes in the first {len(head)})"
    return None


def decode(data: bytes, encoding: str | None = None) -> tuple[str, list[str]]:
    """Bytes to text, with warnings.  UTF-8 first; invalid UTF-8 is read as
    Windows-1252 (what mis-declared news pages nearly always are) and flagged,
    because refusing the document would lose a readable article."""
    reason = looks_binary(data)
    if reason:
        raise InputError(reason)
    if encoding:
        try:
            return data.decode(encoding), []
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode as {encoding}: {exc}") from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        warning = (f"invalid UTF-8 at byte {exc.start}; decoded as Windows-1252 "
                   "(use --encoding to choose another)")
    try:
        return data.decode("cp1252"), [warning]
    except UnicodeDecodeError:
        return data.decode("latin-1"), [warning.replace("Windows-1252", "Latin-1")]


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def sniff_format(head: bytes) -> str:
    """A reader for content with no telling extension (stdin, URLs, odd names)."""
    text = head.lstrip().lower()
    if text.startswith(b"<?xml") or b"<rss" in text[:500] or b"<feed" in text[:500]:
        return "feed" if (b"<rss" in text or b"<feed" in text) else "html"
    if text.startswith((b"<!doctype html", b"<html", b"<")):
        return "html"
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        first = text.split(b"\n", 1)[0].strip()
        return "jsonl" if first.endswith(b"}") else "json"
    return "txt"


def file_source(path: Path, forced: str | None) -> Source:
    fmt = forced or EXTENSION_FORMATS.get(path.suffix.lower())
    return Source(uri=str(path), stem=path.stem, format=fmt, size=path.stat().st_size,
                  _loader=path.read_bytes)


def stdin_source(forced: str | None) -> Source:
    data = sys.stdin.buffer.read()
    return Source(uri="-", stem="stdin", format=forced, size=len(data), _loader=lambda: data)


def expand(paths: list[str], options: ReadOptions) -> Iterator[Source | tuple[str, str]]:
    """Each path as Sources (directories recursively, in sorted order), or
    ``(path, reason)`` when the path itself is unusable."""
    forced = options.input_format
    for raw in paths:
        if raw == "-":
            yield stdin_source(forced)
            continue
        if is_url(raw):
            yield Source(uri=raw, stem=raw, format="url", meta={"forced": forced})
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                           and p.name not in SKIP_NAMES)
            if not found:
                yield (raw, "directory has no files")
            for p in found:
                yield file_source(p, forced)
        elif path.is_file():
            yield file_source(path, forced)
        elif path.exists():
            yield (raw, "not a regular file")
        else:
            yield (raw, "no such file or directory")
