"""Separate page furniture from article body in plain text.

Two kinds of rule:

* patterns (``data/boilerplate_patterns.jsonl``): donation appeals, share and
  comment prompts, "Related ..." blocks, tag lines, captions closed by a photo
  credit, Reuters credits lines, stray counters, PHP/JSON dumps of related
  articles.  They work inside one long paragraph too, as FA-KES texts are.
* layout rules for texts that keep their line breaks: a short standalone line
  between the headline and the first paragraph is an image caption; short
  fragments among furniture lines at the end are furniture too.

Nothing is thrown away: every piece removed is returned verbatim with the
rule that removed it, and related-article dumps are parsed into links.
"""
from __future__ import annotations

import json
import re
from typing import Any

from .patterns import Pattern, cached_patterns

LONG_LINE_WORDS = 20     # a line this long is body text, not a caption or widget
CAPTION_MAX_WORDS = 15
TAIL_FRAGMENT_MAX_WORDS = 12
SELF_SPEAKING_KINDS = {"donation", "comment_prompt", "share_prompt", "standards", "footer"}


def boilerplate_patterns() -> tuple[Pattern, ...]:
    return cached_patterns("boilerplate_patterns.jsonl")


def _matches(text: str, headlines: dict[tuple[int, str], dict[str, Any]] | None = None
             ) -> list[tuple[int, int, str, str]]:
    """Every pattern hit as ``(start, end, rule, kind)``; a hit's ``headline(s)`` group goes
    into ``headlines`` keyed by ``(start, rule)``."""
    found = []
    for pattern in boilerplate_patterns():
        groups = pattern.regex.groupindex
        for m in pattern.finditer(text):
            start, end = m.span("bp" if "bp" in groups else 0)
            if end > start and text[start:end].strip():
                found.append((start, end, pattern.id, pattern.kind))
                name = next((g for g in ("headline", "headlines") if g in groups and m.group(g)), None)
                if headlines is not None and name:
                    headlines[(start, pattern.id)] = {"headlines": m.group(name), "unsplit": name == "headlines"}
    return found


def _merge(spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Overlapping matches become one piece, named by the one that starts first."""
    merged: list[list[Any]] = []
    for start, end, rule, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            continue
        merged.append([start, end, rule, kind])
    return [tuple(m) for m in merged]  # type: ignore[misc]


def _line_spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _covered(span: tuple[int, int], pieces: list[tuple[int, int, str, str]], text: str) -> bool:
    start, end = span
    chars = [i for i in range(start, end) if not text[i].isspace()]
    return bool(chars) and all(any(p[0] <= i < p[1] for p in pieces) for i in chars)


def _words(s: str) -> int:
    return len(s.split())


def _layout_rules(text: str, pieces: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Captions under the headline and fragments among end furniture (line-broken texts only)."""
    lines = [(s, e) for s, e in _line_spans(text) if text[s:e].strip()]
    if len(lines) < 3:
        return []
    long_idx = [i for i, (s, e) in enumerate(lines) if _words(text[s:e]) >= LONG_LINE_WORDS]
    if not long_idx:
        return []
    extra: list[tuple[int, int, str, str]] = []
    from .credits import credit_patterns  # late: credits needs the outlet table
    reports = [p for p in credit_patterns() if p.spec.get("any_name")]
    for s, e in lines[:long_idx[0]][:2]:
        line = text[s:e].strip()
        if (_words(line) <= CAPTION_MAX_WORDS and not line.endswith(":")
                and not _covered((s, e), pieces, text) and not any(p.regex.search(line) for p in reports)):
            lead = len(text[s:e]) - len(text[s:e].lstrip())
            extra.append((s + lead, e, "lead-caption", "caption"))
    seen_furniture = False
    for s, e in lines[long_idx[-1] + 1:]:
        if _covered((s, e), pieces, text):
            seen_furniture = True
        elif seen_furniture and _words(text[s:e]) <= TAIL_FRAGMENT_MAX_WORDS:
            lead = len(text[s:e]) - len(text[s:e].lstrip())
            extra.append((s + lead, e, "tail-fragment", "widget"))
    return extra


def parse_related(blob: str) -> list[dict[str, Any]]:
    """Links from a PHP ``string(N) "[...]"`` dump or a raw JSON list of articles."""
    m = re.search(r"string\(\d+\) \"(.*)\"\s*$", blob.strip(), re.S)
    payload = m.group(1) if m else blob.strip()
    try:
        items = json.loads(payload)
    except json.JSONDecodeError:
        # A cut-off dump still names its articles: take each {...} that parses.
        items = []
        for obj in re.findall(r"\{[^{}]*\}", payload):
            try:
                items.append(json.loads(obj))
            except json.JSONDecodeError:
                continue
    links = []
    for item in items if isinstance(items, list) else [items]:
        if not isinstance(item, dict) or not (item.get("title") or item.get("url")):
            continue
        link = {"title": item.get("title"), "id": item.get("id")}
        for key in ("url", "link", "href"):
            if item.get(key):
                link["url"] = item[key]
                break
        if item.get("pic") or item.get("image"):
            link["image"] = item.get("pic") or item.get("image")
        links.append({k: v for k, v in link.items() if v is not None})
    return links


def headline_links(pieces: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``Article.related`` entries from "Read also <headline>" and "Related <headlines>" pieces.

    A pattern marks the headline with a named group, ``headline`` (one title) or
    ``headlines`` (titles glued together with nothing to split them on: the entry
    says ``"unsplit": True``); ``strip_boilerplate`` copies it onto the piece.
    """
    links: list[dict[str, Any]] = []
    for piece in pieces:
        title = " ".join((piece.get("headlines") or "").split()).strip(" |-")
        if title:
            link: dict[str, Any] = {"title": title, "rule": piece["rule"]}
            if piece.get("unsplit", True):
                link["unsplit"] = True
            links.append(link)
    return links


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n[ \t]+(?=\S)", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def strip_boilerplate(text: str) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    """``(body, boilerplate pieces, related links)``.

    Each piece is ``{"text", "rule", "kind"}`` with the text verbatim.
    """
    headlines: dict[tuple[int, str], dict[str, Any]] = {}
    pieces = _merge(_matches(text, headlines))
    pieces = _merge(pieces + _layout_rules(text, pieces))
    items: list[dict[str, Any]] = []
    related: list[dict[str, Any]] = []
    kept: list[str] = []
    pos = 0
    for start, end, rule, kind in pieces:
        kept.append(text[pos:start])
        pos = end
        piece = text[start:end].strip()
        items.append({"text": piece, "rule": rule, "kind": kind, **headlines.get((start, rule), {})})
        if kind == "related_dump":
            related.extend(parse_related(piece))
    kept.append(text[pos:])
    return _tidy("".join(kept)), items, related
