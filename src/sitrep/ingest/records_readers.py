"""Readers for files of many articles: JSON, JSON Lines and CSV.

A bad record (truncated JSON line, unbalanced CSV quote, missing text) becomes
a DocumentError naming its line; the records around it still come out.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterator

from ..records import DocumentError, RawDocument
from ..registry import readers
from .options import ReadOptions
from .sources import Source, content_id, text_or_error, too_large

ROLES = ("id", "title", "text", "url", "outlet", "published")
# A user may switch a default-mapped field off with one of these (FA-KES: its
# "date" column is the crowd-coded event date, not the publication date).
NO_FIELD = {"", "-", "none"}


def _pick(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if name.lower() in NO_FIELD:
            return None
        if name in record and record[name] not in (None, ""):
            return record[name]
    return None


def record_to_document(record: dict[str, Any], source: Source, where: str,
                       options: ReadOptions, fmt: str) -> RawDocument | DocumentError:
    """One mapped record (JSON object or CSV row) as a raw document."""
    found = {role: _pick(record, options.field_names(role)) for role in ROLES}
    label = f"{source.stem}:{where}"
    text = found["text"]
    if isinstance(text, (list, tuple)):
        text = "\n\n".join(str(t) for t in text)
    if text is None or not str(text).strip():
        names = ", ".join(options.field_names("text"))
        return DocumentError(str(found["id"] or label), source.uri,
                             f"{where}: no text (looked for {names}; choose the field with --text-col)")
    text = str(text)
    if len(text.encode("utf-8")) > options.max_bytes:
        return DocumentError(str(found["id"] or label), source.uri,
                             f"{where}: {too_large(len(text.encode('utf-8')), options.max_bytes)}")
    doc_id = options.id_prefix + (str(found["id"]).strip() if found["id"] is not None else content_id(text))
    used = {name for role in ROLES for name in options.field_names(role)}
    meta: dict[str, Any] = {role: str(found[role]).strip() for role in ("title", "url", "outlet", "published")
                            if found[role] not in (None, "")}
    meta["record"] = where
    meta["fields"] = {k: v for k, v in record.items() if k not in used and k is not None}
    return RawDocument(id=doc_id, uri=source.uri, raw=text, format=fmt, meta=meta)


def _objects(value: Any) -> list[Any] | None:
    """The article objects inside a parsed JSON document."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in ("articles", "items", "documents", "data", "results"):
            if isinstance(value.get(key), list):
                return value[key]
        return [value]
    return None


@readers.register("json")
def read_json(source: Source, options: ReadOptions) -> Iterator[RawDocument | DocumentError]:
    read = text_or_error(source, options)
    if isinstance(read, DocumentError):
        yield read
        return
    text, _ = read
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        # A .json file holding one object per line is JSON Lines in disguise.
        if text.lstrip().startswith("{") and "\n{" in text:
            yield from read_jsonl(source, options)
            return
        yield DocumentError(source.stem, source.uri, f"not valid JSON: {exc.msg} at line {exc.lineno}")
        return
    objects = _objects(parsed)
    if objects is None:
        yield DocumentError(source.stem, source.uri, "JSON holds no article objects (expected an object or a list)")
        return
    for n, obj in enumerate(objects, 1):
        if not isinstance(obj, dict):
            yield DocumentError(f"{source.stem}:item {n}", source.uri, f"item {n}: not a JSON object")
            continue
        yield record_to_document(obj, source, f"item {n}", options, "json")


@readers.register("jsonl")
def read_jsonl(source: Source, options: ReadOptions) -> Iterator[RawDocument | DocumentError]:
    read = text_or_error(source, options, records=True)
    if isinstance(read, DocumentError):
        yield read
        return
    text, _ = read
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            hint = " (truncated line?)" if "Unterminated" in exc.msg or "Expecting" in exc.msg else ""
            yield DocumentError(f"{source.stem}:line {n}", source.uri,
                                f"line {n}: not valid JSON{hint}: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(obj, dict):
            yield DocumentError(f"{source.stem}:line {n}", source.uri, f"line {n}: not a JSON object")
            continue
        yield record_to_document(obj, source, f"line {n}", options, "jsonl")


def _csv_rows(lines: list[str], delimiter: str, max_bytes: int) -> Iterator[tuple[int, list[str] | str]]:
    """``(first line number, fields)`` per record, or ``(line, reason)`` for a broken one.

    Parsing is strict, so an unbalanced quote raises instead of silently eating
    the following rows; on an error we report the record and resume at the next
    physical line, which recovers every well-formed row after it.
    """
    csv.field_size_limit(max(max_bytes, 131072))
    start = 1  # line number of the header
    while start <= len(lines):
        reader = csv.reader(io.StringIO("".join(lines[start - 1:])), delimiter=delimiter, strict=True)
        consumed = 0
        try:
            for fields in reader:
                yield start + consumed, fields
                consumed = reader.line_num
            return
        except csv.Error as exc:
            yield start + consumed, f"broken CSV quoting: {exc}"
            start = start + consumed + 1


@readers.register("csv")
def read_csv(source: Source, options: ReadOptions) -> Iterator[RawDocument | DocumentError]:
    read = text_or_error(source, options, records=True)
    if isinstance(read, DocumentError):
        yield read
        return
    text, _ = read
    lines = text.splitlines(keepends=True)
    delimiter = options.csv_delimiter or ("\t" if source.uri.endswith(".tsv") else None)
    if delimiter is None:
        header_line = lines[0]
        delimiter = max(",;\t|", key=header_line.count)
    rows = _csv_rows(lines, delimiter, options.max_bytes)
    header: list[str] | None = None
    for line_no, fields in rows:
        if header is None:
            if isinstance(fields, str):
                yield DocumentError(source.stem, source.uri, f"line {line_no}: header unreadable: {fields}")
                return
            header = [h.strip().lstrip("\ufeff") for h in fields]
            missing = [name for role in ("id", "title", "text", "outlet", "published")
                       for name in [getattr(options, f"{role}_field")]
                       if name and name.lower() not in NO_FIELD and name not in header]
            if missing:
                yield DocumentError(source.stem, source.uri,
                                    f"column(s) {', '.join(missing)} not in the header ({', '.join(header)})")
                return
            if not any(name in header for name in options.field_names("text")):
                yield DocumentError(source.stem, source.uri,
                                    f"no text column (looked for {', '.join(options.field_names('text'))}; "
                                    f"columns are {', '.join(header)}; choose one with --text-col)")
                return
            continue
        where = f"line {line_no}"
        if isinstance(fields, str):
            yield DocumentError(f"{source.stem}:{where}", source.uri, f"{where}: {fields}")
            continue
        if not any(f.strip() for f in fields):
            continue
        record = dict(zip(header, fields))
        doc = record_to_document(record, source, where, options, "csv")
        if isinstance(doc, RawDocument) and len(fields) != len(header):
            doc.meta.setdefault("warnings", []).append(
                f"{where}: {len(fields)} fields where the header has {len(header)}")
        yield doc
