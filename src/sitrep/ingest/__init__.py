"""Ingest: read any source into raw documents.

``read_sources(["corpus/", "feed.rss", "https://...", "-"], max_bytes=..., text_col=...)``
yields one ``RawDocument`` per article, or a ``DocumentError`` with a reason for
a document that cannot be read; it never raises for bad input, so one broken
file does not end a batch.

One reader per format, registered in ``sitrep.registry.readers``:
``txt``, ``html``, ``json``, ``jsonl``, ``csv``, ``feed`` (RSS/Atom), ``url``.
A new format is a function ``(Source, ReadOptions) -> Iterator[RawDocument |
DocumentError]`` registered under its name.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator

from ..records import DocumentError, RawDocument
from ..registry import readers
from . import documents, records_readers, web  # noqa: F401  (register the readers)
from .options import DEFAULT_MAX_BYTES, ReadOptions
from .sources import InputError, Source, expand, sniff_format

__all__ = ["read_sources", "ReadOptions", "DEFAULT_MAX_BYTES", "Source"]


def _reader_for(source: Source, options: ReadOptions):
    fmt = source.format
    if fmt is None:
        # No telling extension: look at the first bytes.
        try:
            head = source.read_bytes(options)[:2048]
        except InputError:
            head = b""
        fmt = sniff_format(head)
    return readers.get(fmt)


def _read_one(source: Source, options: ReadOptions) -> Iterator[RawDocument | DocumentError]:
    try:
        reader = _reader_for(source, options)
    except KeyError as exc:
        yield DocumentError(source.stem, source.uri, str(exc).strip('"'))
        return
    try:
        yield from reader(source, options)
    except InputError as exc:
        yield DocumentError(options.id_prefix + source.stem, source.uri, str(exc))
    except Exception as exc:  # a reader bug must cost one document, not the batch
        yield DocumentError(options.id_prefix + source.stem, source.uri,
                            f"could not read: {type(exc).__name__}: {exc}")


def read_sources(paths: Iterable[str], options: ReadOptions | None = None,
                 **kwargs: Any) -> Iterator[RawDocument | DocumentError]:
    """Every document in ``paths`` (files, directories, URLs, ``-`` for stdin).

    Settings come as a ``ReadOptions`` or as keywords (``max_bytes``,
    ``text_col``/``text_field``, ``id_col``, ``input_format``, ...).  Ids that
    repeat within one run get ``~2``, ``~3``... so every record stays addressable.
    """
    if options is None:
        options = ReadOptions.from_kwargs(**kwargs)
    seen: dict[str, int] = {}
    for item in expand(list(paths), options):
        if isinstance(item, tuple):
            path, reason = item
            yield DocumentError(path, path, reason)
            continue
        for doc in _read_one(item, options):
            if isinstance(doc, RawDocument):
                n = seen.get(doc.id, 0) + 1
                seen[doc.id] = n
                if n > 1:
                    doc.meta.setdefault("warnings", []).append(f"duplicate id {doc.id!r}; renamed {doc.id}~{n}")
                    doc.id = f"{doc.id}~{n}"
            yield doc
