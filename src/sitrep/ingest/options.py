"""Reader settings, shared by every reader and by the CLI flags that set them."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# 10 MB: a long news article is ~50 KB; anything a thousand times larger is a
# mistake (a dump, a binary, a log) and would stall the parser.  CSV and JSONL
# files are streamed, so the limit applies to each record of those, not the file.
DEFAULT_MAX_BYTES = 10_000_000
DEFAULT_URL_TIMEOUT_S = 20.0
DEFAULT_MAX_REDIRECTS = 5

# Field names a JSON/JSONL object or CSV header is searched for, in order.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "unit_id", "doc_id", "uid"),
    "title": ("title", "article_title", "headline"),
    "text": ("text", "content", "body", "article_content", "article_text"),
    "url": ("url", "link", "uri"),
    "outlet": ("outlet", "source", "site_name", "publisher"),
    "published": ("published", "date", "pubdate", "published_at"),
}


@dataclass
class ReadOptions:
    """How to read sources.  ``*_field`` values name a JSON key or CSV column."""

    max_bytes: int = DEFAULT_MAX_BYTES
    input_format: str | None = None      # force a reader (txt, html, json, jsonl, csv, feed)
    encoding: str | None = None          # force a text encoding instead of UTF-8 + fallback
    id_field: str | None = None
    title_field: str | None = None
    text_field: str | None = None
    url_field: str | None = None
    outlet_field: str | None = None
    published_field: str | None = None
    id_prefix: str = ""
    csv_delimiter: str | None = None     # None: sniffed from the header line
    url_timeout_s: float = DEFAULT_URL_TIMEOUT_S
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> "ReadOptions":
        """Known names become settings; ``id_col``/``text_col``... are accepted as the CSV flags spell them."""
        known = {f.name for f in fields(cls)}
        aliases = {"id_col": "id_field", "title_col": "title_field", "text_col": "text_field",
                   "url_col": "url_field", "outlet_col": "outlet_field", "date_col": "published_field",
                   "published_col": "published_field", "format": "input_format"}
        settings: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in kwargs.items():
            key = aliases.get(key, key)
            if key in known and key != "extra":
                if value is not None:
                    settings[key] = value
            else:
                extra[key] = value
        return cls(**settings, extra=extra)

    def field_names(self, role: str) -> tuple[str, ...]:
        """The key(s) to look for: the user's mapping if given, else the defaults."""
        chosen = getattr(self, f"{role}_field")
        return (chosen,) if chosen else DEFAULT_FIELDS[role]
