"""Speaker phrases and the tables behind them: actor canonicalisation, states,
titles, and the clean-up punctuation-poor text needs.

Helpers for ``speakers.SpeakerResolver``; each takes tokens or strings and
knows nothing of the article's earlier speakers.
"""
from __future__ import annotations

from spacy.tokens import Token

from .claim_lexicons import government_names, role_lexicon

# Actor types that name victims, not a body that speaks.
NOT_SPEAKER_TYPES = {"civilians"}
# Tokens a dateline glues onto the first subject in texts that lost their punctuation.
DATELINE_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL"}


def canonical_actor(text: str) -> tuple[str, str] | None:
    """The actor table's canonical name and type for a phrase, when the table is installed.

    Victim categories ("residents" -> civilians) are not speakers' organisations: "camp
    residents told reporters" keeps its description."""
    try:
        from .actors import actor_table
    except ImportError:  # the actor table lands with the events work; degrade to raw names
        return None
    try:
        hit = actor_table().canonical(text)
    except Exception:  # a broken alias file must not stop claim extraction
        return None
    return None if hit is None or hit[1] in NOT_SPEAKER_TYPES else hit


def article_actor_mentions(text: str) -> list:
    try:
        from .actors import find_actors
    except ImportError:
        return []
    try:
        return find_actors(text)
    except Exception:  # a broken alias file must not stop claim extraction
        return []


def resolve_generic_speaker(mention, mentions: list) -> str | None:
    """"a monitor said": the monitor the article names, near the mention or anywhere in it."""
    try:
        from .actors import resolve_generic
    except ImportError:
        return None
    resolved = resolve_generic(mention, mentions)
    # Only a proper name will do: "activists" is a kind of source, not the monitor meant.
    if resolved and resolved != mention.canonical and resolved[:1].isupper():
        return resolved
    named = [m for m in mentions if not m.generic and m.canonical[:1].isupper()
             and (m.kind == mention.kind or m.actor_type == mention.actor_type)]
    if named:
        return min(named, key=lambda m: abs(m.start - mention.start)).canonical
    return None


def restore_possessive(text: str) -> str:
    """FA-KES dropped apostrophes: "AFPs correspondent" -> "AFP correspondent"."""
    return " ".join(w[:-1] if len(w) > 2 and w[-1] == "s" and w[:-1].isupper() else w for w in text.split())


def government_of(text: str) -> str | None:
    low = text.strip().lower()
    for suffix in ("'s", "’s"):
        low = low.removesuffix(suffix)
    return government_names().get(low)


def is_title_word(word: str) -> bool:
    roles = role_lexicon()
    low = word.lower()
    return low in roles.titles or low.rstrip(".") in roles.titles or low + "." in roles.titles


def subtree_without(head: Token, skip: set[str]) -> list[Token]:
    """``head`` and its descendants, leaving out children attached by a ``skip`` relation."""
    keep, stack = {head.i}, [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in skip:
                continue
            keep.add(child.i)
            stack.append(child)
    return [head.doc[i] for i in sorted(keep)]


def drop_dateline(tokens: list[Token], head: Token) -> list[Token]:
    """'Jul 2016 Syrian state TV', '2014 Activists': leading date and number tokens glued on by a
    dateline, and anything before a line break, are not part of the speaker."""
    out = [t for t in tokens if not (t.i < head.i and "\n" in head.doc.text[t.idx:head.idx])]
    while out and out[0].i < head.i and (out[0].ent_type_ in DATELINE_ENTS or out[0].like_num
                                          or out[0].is_space or out[0].is_punct):
        out = out[1:]
    return out or [head]


def title_role(tokens: list[Token], exclude: set[int]) -> str | None:
    """The longest title in the tokens, outside the person's name."""
    roles = role_lexicon()
    words = [(t.i, t.text.lower()) for t in tokens if t.i not in exclude and not t.is_punct]
    best: str | None = None
    for a in range(len(words)):
        for b in range(a + 1, min(len(words), a + roles.max_words) + 1):
            phrase = " ".join(w for _, w in words[a:b])
            if (roles.is_title(phrase) or roles.is_source_noun(phrase)) and (best is None or len(phrase) > len(best)):
                best = phrase
    return best


def clean_name(text: str) -> str:
    text = text.strip()
    for suffix in ("’s", "'s"):
        text = text.removesuffix(suffix)
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()
