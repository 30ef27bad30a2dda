"""Who published the article, and which agencies and outlets it says it relays.

Credit patterns live in ``data/credit_patterns.jsonl``; the names they may
credit are the outlet table's names and aliases (``sitrep.outlets``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..outlets import outlet_table
from .boilerplate import SELF_SPEAKING_KINDS
from .patterns import Pattern, load_patterns

SITE_SUFFIX = re.compile(r"\s[|\u2013\u2014-]\s(?P<site>[^|\u2013\u2014-]{2,40})$")


@lru_cache(maxsize=1)
def name_regex() -> str:
    """Every curated outlet name and alias as one alternation, longest first, whole words."""
    table = outlet_table()
    names = [n for rec in table.records if rec["name"] != rec["domain"]
             for n in [rec["name"], *rec["aliases"]] if not n.islower()]
    names = sorted(set(names), key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])"


@lru_cache(maxsize=1)
def credit_patterns() -> tuple[Pattern, ...]:
    return tuple(load_patterns("credit_patterns.jsonl", {"NAME": name_regex()}))


def canonical(name: str, allow_unknown: bool = False) -> str | None:
    rec = outlet_table().lookup(name)
    if rec:
        return rec["name"]
    return " ".join(name.split()) if allow_unknown else None


def find_credits(text: str) -> list[tuple[str, int, int, str]]:
    """``(canonical name, start, end, rule)`` for every credit in ``text``, in text order."""
    names_only = re.compile(name_regex())
    found: list[tuple[str, int, int, str]] = []
    for pattern in credit_patterns():
        for m in pattern.finditer(text):
            groups = pattern.regex.groupindex
            if "names" in groups and m.group("names"):
                base = m.start("names")
                for nm in names_only.finditer(m.group("names")):
                    name = canonical(nm.group(0))
                    if name:
                        found.append((name, base + nm.start(), base + nm.end(), f"credit:{pattern.id}"))
            elif "name" in groups and m.group("name"):
                name = canonical(m.group("name"), allow_unknown=bool(pattern.spec.get("any_name")))
                if name:
                    found.append((name, m.start("name"), m.end("name"), f"credit:{pattern.id}"))
    return sorted(found, key=lambda f: f[1])


def resolve_outlet(meta: dict[str, Any], title: str | None,
                   furniture: list[dict[str, Any]]) -> tuple[str | None, dict | None, str | None, str | None]:
    """``(name, record, rule, evidence)`` from metadata, domain, the title's site
    suffix, or the site naming itself in its own furniture ("If you enjoy OffG's content")."""
    table = outlet_table()
    given = meta.get("outlet")
    if given:
        rec = table.lookup(str(given))
        return (rec["name"] if rec else str(given)), rec, "meta:outlet", str(given)
    for key in ("url", "hostname"):
        if meta.get(key):
            rec = table.lookup(str(meta[key]))
            if rec:
                return rec["name"], rec, f"meta:{key}", str(meta[key])
    for candidate in (title, meta.get("page_title")):
        m = SITE_SUFFIX.search(candidate or "")
        if m:
            rec = table.lookup(m.group("site").strip())
            if rec:
                return rec["name"], rec, "title:site-suffix", m.group("site").strip()
    names = re.compile(name_regex())
    for piece in furniture:
        if piece.get("kind") not in SELF_SPEAKING_KINDS:
            continue
        m = names.search(piece["text"])
        if m:
            rec = table.lookup(m.group(0))
            if rec:
                return rec["name"], rec, "furniture:self-reference", piece["text"]
    return None, None, None, None
