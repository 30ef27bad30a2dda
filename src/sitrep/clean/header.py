"""The top of an article: title, the title printed again, datelines, agency
and city credits, a byline, and a lead paragraph printed twice.

Scraped text glues these to the body ("Wed 05 Apr 2017 <title>. Victims of
..."; "<title> AFP Sunday 30 Oct 2016 Syrias regime ..."), so they are read off
the front one piece at a time.  What is kept (datelines, credits, city) becomes
the article's first paragraph, so the publication date keeps a span in
``Article.text``; repeats of the title and lead are dropped.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..outlets import outlet_table
from .boilerplate import strip_boilerplate
from .dates import match_dateline


@lru_cache(maxsize=1)
def leading_credit() -> re.Pattern:
    """"AFP Monday 24 Oct 2016", "AP Syrias state TV ..." -- an agency (from the
    outlets table) leading the text, not the subject of its first sentence
    ("SANA reporter said ...")."""
    names = "|".join(re.escape(n) for n in outlet_table().agency_credits())
    return re.compile(rf"(?:{names})\b(?=\s+(?![a-z])(?!(?:News|Agency)\b))")


# "BEIRUT", "BEIRUT (Sputnik)", "DEIR EZ-ZOR (Syria) (Sputnik)", "MOSCOW, Oct 25 (Reuters) -";
# a capitalised word is taken whole ("SANA reporter ..." is no city "SAN").
CITY_DATELINE = re.compile(
    r"[A-Z][A-Z'.-]{2,}(?![A-Za-z])(?: [A-Z][A-Z'.-]{2,}(?![A-Za-z])){0,2}(?:,? [A-Z][a-z]+)?(?: \([^()\n]{1,25}\))*"
    r"\s?(?:[-\u2013\u2014:]\s?)?(?=[A-Z\"\u201c])")
BYLINE = re.compile(r"by [A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,4}\s*$")
SITE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+[^|\u2013\u2014-]{2,40}$")
RELATED_LIST = re.compile(r"Related\s\S")
LEAD_PUNCT = " \t\n.,;:-\u2013\u2014"


@dataclass
class HeaderPart:
    text: str
    rule: str
    date: dt.date | None = None


@dataclass
class Header:
    title: str | None
    parts: list[HeaderPart] = field(default_factory=list)
    body: str = ""
    removed: list[dict] = field(default_factory=list)      # repeats, dropped (not boilerplate)
    furniture: list[dict] = field(default_factory=list)    # boilerplate found in the header

    @property
    def line(self) -> str:
        return " ".join(p.text for p in self.parts)

    def offset_of(self, index: int) -> int:
        return sum(len(p.text) + 1 for p in self.parts[:index])


def split_title(text: str, meta_title: str | None) -> tuple[str | None, str]:
    """A title from metadata, or the first line when a blank line follows it."""
    if meta_title and meta_title.strip():
        return " ".join(meta_title.split()), text
    stripped = text.lstrip("\n")
    lines = stripped.split("\n")
    if len(lines) > 2 and lines[0].strip() and not lines[1].strip() and len(lines[0]) <= 300:
        return lines[0].strip(), "\n".join(lines[1:])
    return None, text


def _title_variants(title: str) -> list[str]:
    variants = [title, title.rstrip(" .")]
    suffix = SITE_SUFFIX.search(title)
    if suffix:
        variants.append(title[:suffix.start()].rstrip())
    return sorted({v for v in variants if len(v) >= 12}, key=len, reverse=True)


def _find_title(text: str, title: str | None, window: int = 1000) -> tuple[int, int] | None:
    if not title:
        return None
    head = text[:window]
    for variant in _title_variants(title):
        i = head.find(variant)
        if i < 0:
            i = head.lower().find(variant.lower())
        if i >= 0:
            return i, i + len(variant)
    return None


def drop_repeated_lead(body: str) -> tuple[str, str | None]:
    """Standfirst printed twice ("A ... martyrs. A ... martyrs. Two ...") -> once."""
    probe = body[:60]
    if len(probe) < 60:
        return body, None
    k = body.find(probe, 40)
    if 40 <= k <= 1500:
        first = body[:k].rstrip(" .\n")
        if body[k:].startswith(first):
            return body[k:], body[:k].strip()
    return body, None


def read_header(body: str, title: str | None) -> Header:
    header = Header(title=title)
    rest = body
    for _ in range(8):
        rest = rest.lstrip(LEAD_PUNCT)
        hit = match_dateline(rest)
        if hit:
            when, m, pattern = hit
            header.parts.append(HeaderPart(m.group(0).strip(), f"dateline:{pattern.id}", when))
            rest = rest[m.end():]
            continue
        found = _find_title(rest, title)
        if found and found[0] == 0:
            header.removed.append({"text": rest[:found[1]], "rule": "repeated-title"})
            rest = rest[found[1]:]
            continue
        m = leading_credit().match(rest)
        if m:
            header.parts.append(HeaderPart(m.group(0), "credit:leading-agency"))
            rest = rest[m.end():]
            continue
        m = CITY_DATELINE.match(rest)
        if m and len(m.group(0).split()) <= 6:
            header.parts.append(HeaderPart(m.group(0).strip(), "dateline:city"))
            rest = rest[m.end():]
            continue
        if found:
            # Something stands between here and the title printed again: a byline
            # or share bar.  Take it only if it is furniture, not a paragraph.
            before = rest[:found[0]]
            kept, items, _ = strip_boilerplate(before)
            kept = kept.strip(LEAD_PUNCT)
            if RELATED_LIST.match(kept):
                # a related-articles list between the share bar and the title printed again
                items.append({"text": kept, "rule": "header-related-list", "kind": "related",
                              "headlines": kept[len("Related"):]})
                kept = ""
            if len(kept) <= 60 and (not kept or BYLINE.match(kept) or items):
                header.furniture.extend(items)
                if kept:
                    header.parts.append(HeaderPart(kept, "byline" if BYLINE.match(kept) else "header:other"))
                header.removed.append({"text": rest[found[0]:found[1]], "rule": "repeated-title"})
                rest = rest[found[1]:]
                continue
        break
    rest = rest.lstrip(LEAD_PUNCT) if header.parts or header.removed else rest.strip("\n")
    rest, repeated = drop_repeated_lead(rest)
    if repeated:
        header.removed.append({"text": repeated, "rule": "repeated-lead"})
    header.body = rest
    return header
