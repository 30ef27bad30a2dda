"""Clean: a raw document becomes an ``Article``.

``clean_document(raw)`` repairs encoding damage, finds the title, reads the
header (datelines, credits, the title printed again), separates boilerplate
from body, and finds the publication date, the outlet and the agencies the
text relays.  ``Article.text`` is what every extractor reads: header line,
blank line, body -- with no boilerplate in it.  ``Article.spans`` says how each
document field was found; a span whose evidence lies outside ``Article.text``
(metadata, removed furniture) has ``start == end == -1`` and its rule names
where it came from (``meta:...``, ``boilerplate:...``).
"""
from __future__ import annotations

from ..records import Article, RawDocument, Span
from .boilerplate import headline_links, strip_boilerplate
from .credits import canonical, find_credits, resolve_outlet
from .dates import parse_date, search_dateline, search_early_dateline
from .header import read_header, split_title
from .language import detect_language
from .repair import repair_text

__all__ = ["clean_document", "CleaningError"]


class CleaningError(ValueError):
    """The document has no article text left to work on."""


def _outside(value: str, rule: str) -> Span:
    return Span(start=-1, end=-1, text=value, rule=rule)


def clean_document(raw: RawDocument) -> Article:
    meta = raw.meta or {}
    text, notes = repair_text(raw.raw)
    warnings = list(meta.get("warnings", [])) + notes
    meta_title = repair_text(str(meta["title"]))[0] if meta.get("title") else None
    title, body = split_title(text, meta_title)
    header = read_header(body, title)
    body_text, furniture, related = strip_boilerplate(header.body)
    furniture = header.furniture + furniture
    related = related + headline_links(furniture)
    head_line = header.line
    article_text = f"{head_line}\n\n{body_text}" if head_line and body_text else (head_line or body_text)
    if not body_text.strip():
        raise CleaningError("no article text left after removing the title, header and boilerplate")

    article = Article(id=raw.id, text=article_text, title=title, uri=raw.uri, format=raw.format,
                      raw=raw.raw, boilerplate=[p["text"] for p in furniture], related=related,
                      warnings=warnings)
    article.meta = {
        "boilerplate_rules": [{"text": p["text"], "rule": p["rule"], "kind": p["kind"]} for p in furniture],
        "removed": header.removed,
        **{k: v for k, v in meta.items() if k not in ("warnings", "title")},
    }
    if title:
        article.spans["title"] = _outside(title, "meta:title" if meta_title else "txt:first-line")

    _set_published(article, header, meta, furniture)
    name, record, rule, evidence = resolve_outlet(meta, title, furniture)
    if name:
        article.outlet, article.outlet_record = name, record
        article.spans["outlet"] = _outside(evidence or name, rule or "")
    _set_cited_sources(article, header, furniture)

    lang, prob = detect_language(body_text)
    article.language = lang
    if lang and lang != "en":
        article.warnings.append(f"non-English text (language {lang}, p={prob:.2f}); extraction expects English")
    return article


def _set_published(article: Article, header, meta: dict, furniture: list[dict]) -> None:
    for i, part in enumerate(header.parts):
        if part.date:
            start = header.offset_of(i)
            article.published = part.date
            article.spans["published"] = Span(start, start + len(part.text), part.text, part.rule)
            return
    hit = search_early_dateline(article.text)
    if hit:
        when, m, pattern = hit
        article.published = when
        article.spans["published"] = Span(m.start(), m.end(), m.group(0), f"dateline-early:{pattern.id}")
        return
    if meta.get("published"):
        parsed = parse_date(str(meta["published"]))
        if parsed:
            article.published = parsed[0]
            article.spans["published"] = _outside(str(meta["published"]), f"meta:published:{parsed[1]}")
            return
        article.warnings.append(f"unreadable publication date in metadata: {meta['published']!r}")
    for piece in furniture:
        hit = search_dateline(piece["text"])
        if hit:
            article.published = hit[0]
            article.spans["published"] = _outside(hit[1].group(0), f"boilerplate:{hit[2].id}")
            return


def _set_cited_sources(article: Article, header, furniture: list[dict]) -> None:
    own = article.outlet
    seen: set[str] = set()
    for i, part in enumerate(header.parts):
        name = canonical(part.text) if part.rule == "credit:leading-agency" else None
        if name and name != own and name not in seen:
            seen.add(name)
            article.cited_sources.append(name)
            start = header.offset_of(i)
            article.spans[f"cited_sources[{len(article.cited_sources) - 1}]"] = Span(
                start, start + len(part.text), part.text, part.rule)
    for name, start, end, rule in find_credits(article.text):
        if name == own or name in seen:
            continue
        seen.add(name)
        article.cited_sources.append(name)
        article.spans[f"cited_sources[{len(article.cited_sources) - 1}]"] = Span(
            start, end, article.text[start:end], rule)
    for piece in furniture:
        for name, start, end, rule in find_credits(piece["text"]):
            if name == own or name in seen:
                continue
            seen.add(name)
            article.cited_sources.append(name)
            article.spans[f"cited_sources[{len(article.cited_sources) - 1}]"] = _outside(
                piece["text"][start:end], f"boilerplate:{rule}")
