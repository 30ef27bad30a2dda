"""Component "provenance": where the outlet got its story.

``Article.cited_sources`` keeps the wire credits the cleaner found and adds
the agencies, outlets and monitors the text relies on: claim speakers that
are media or monitors, and outlets named as the source of a report
("RT reported", "told SANA", "according to Press TV").

``Article.provenance`` is the chain from the outlet back to the original
claimant: the outlet itself, the outlets it credits for the whole story
(wire credits, in the order they appear), then the organisation (or
person) behind most of the article's claims: OffGuardian <- Al Masdar News
<- TASS <- Russian Ministry of Defence.
"""
from __future__ import annotations

from collections import Counter

from ..outlets import outlet_table
from ..records import Article, Span
from ..registry import components
from .attribution import claim_source
from .speakers import canonical_actor

# Actor types whose statements are reporting others rather than acting.
RELAYING_TYPES = {"media", "monitor"}
# Cleaner credit rules that credit the whole story ("Al Masdar News reports:", "(TASS) ...",
# "... --Reuters"), as opposed to a single statement inside it ("RT reported").
WHOLE_STORY_CREDITS = {"credit:x-reports-colon", "credit:paren-credit", "credit:trailing-dash-credit",
                       "credit:dateline", "credit:byline", "credit:leading-agency"}


def outlet_record(name: str | None) -> dict | None:
    return outlet_table().lookup(name) if name else None


def story_voice(article: Article) -> tuple[str, Span | None] | None:
    """The agency whose story the outlet relays ("(TASS) ...", "AFP Sunday 30 Oct ..."), innermost
    credit last: the voice of every sentence nobody else is quoted for."""
    voice = None
    for i, credited in enumerate(article.cited_sources):
        span = article.spans.get(f"cited_sources[{i}]")
        record = outlet_record(credited)
        if getattr(span, "rule", None) in WHOLE_STORY_CREDITS and record and record.get("kind") == "agency":
            voice = (record["name"], span)
    return voice


def _same(a: str, b: str) -> bool:
    if a.lower() == b.lower():
        return True
    ra, rb = outlet_record(a), outlet_record(b)
    return bool(ra and rb and ra.get("name") == rb.get("name"))


def _add(names: list[str], name: str | None) -> bool:
    if name and not any(_same(name, n) for n in names):
        names.append(name)
        return True
    return False


def relayed_sources(article: Article) -> list[tuple[str, Span | None]]:
    """Outlets and monitors among the claim speakers, in text order, with where they are named."""
    out: list[tuple[str, Span | None]] = []
    for claim in article.claims:
        for name in (claim.speaker_org, claim.speaker):
            if not name:
                continue
            record = outlet_record(name)
            actor = canonical_actor(name)
            if record is not None:
                out.append((record.get("name") or name, claim.speaker_span))
            elif actor is not None and actor[1] in RELAYING_TYPES:
                out.append((actor[0], claim.speaker_span))
    return out


def original_claimant(article: Article) -> str | None:
    """The organisation (or person) behind most claims that is not itself relaying."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, claim in enumerate(article.claims):
        source = claim_source(claim)
        if not source or outlet_record(source) is not None or not source[:1].isupper():
            continue  # relayers are links of the chain already; "local sources" is no claimant
        counts[source] += 1
        first.setdefault(source, i)
    if not counts:
        return None
    return max(counts, key=lambda s: (counts[s], -first[s]))


def build_provenance(article: Article) -> None:
    if article.outlet_record is None and article.outlet:
        article.outlet_record = outlet_record(article.outlet)
    # The cleaner's wire credits that cover the whole story, in text order.
    credited = [name for i, name in enumerate(article.cited_sources)
                if getattr(article.spans.get(f"cited_sources[{i}]"), "rule", None) in WHOLE_STORY_CREDITS]
    for name, span in relayed_sources(article):
        if _add(article.cited_sources, name) and span is not None:
            key = f"cited_sources[{len(article.cited_sources) - 1}]"
            article.spans[key] = Span(span.start, span.end, span.text, "provenance:claim_speaker")
    chain: list[str] = []
    outlet_name = (article.outlet_record or {}).get("name") or article.outlet
    _add(chain, outlet_name)
    for name in credited:
        if outlet_record(name) is not None:
            _add(chain, name)
    _add(chain, original_claimant(article))
    article.provenance = chain


@components.register("provenance")
def extract_provenance(article, doc) -> None:
    build_provenance(article)
