"""Speaker phrases and the tables behind them: actor canonicalisation, states,
titles, and the clean-up punctuation-poor text needs.

Helpers for ``speakers.SpeakerResolver``; each takes tokens or strings, and
the article's earlier speakers only where they are passed in.
"""
from __future__ import annotations

from spacy.tokens import Token

from .claim_lexicons import country_adjectives, government_names, role_lexicon

# Actor types that name victims, not a body that speaks.
NOT_SPEAKER_TYPES = {"civilians"}
# Tokens a dateline glues onto the first subject in texts that lost their punctuation.
DATELINE_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL"}
# Words before a speaker noun that say nothing about who it is.
DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "another", "some", "one"}
# Nouns that stand for an organisation already named ("the group said", "the Observatory said").
ORG_ANAPHORS = {"group", "organisation", "organization", "agency", "monitor", "watchdog", "body",
                "observatory", "network", "committee", "ministry", "office", "centre", "center",
                "media", "outlet", "channel", "newspaper", "broadcaster", "command", "council",
                "institute", "commission", "society", "association", "foundation", "department"}
# Nouns so generic that "the group said", "the aid organization said" mean whichever body spoke last.
GENERIC_ORG_NOUNS = {"group", "organisation", "organization", "body", "agency", "watchdog", "monitor"}


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
    # The last token before the head whose trailing text holds a line break; tokens up to it go.
    # (Doc.text would join the whole document's tokens on every call.)
    low = min((t.i for t in tokens), default=head.i)
    cut = next((j for j in range(head.i - 1, low - 1, -1) if "\n" in head.doc[j].text_with_ws), -1)
    out = [t for t in tokens if not (t.i < head.i and t.i <= cut)]
    while out and out[0].i < head.i and (out[0].ent_type_ in DATELINE_ENTS or out[0].like_num
                                          or out[0].is_space or out[0].is_punct):
        out = out[1:]
    return out or [head]


def speaker_run(tokens: list[Token], head: Token, claim: tuple[int, int] | None,
                cue: Token | None) -> list[Token]:
    """The run of tokens around ``head`` short of the claim (a character range), the cue, a
    skipped clause and edge punctuation. In punctuation-poor text a subtree can swallow the
    claim, or skip a clause and pick up the full stop after it ("Aleppo A military source
    [announced ...].")."""
    def excluded(t: Token) -> bool:
        return bool(claim and claim[0] <= t.idx < claim[1]) or bool(cue and t.i == cue.i)

    def bridgeable(a: Token, b: Token) -> bool:
        # A gap left by "and" or a hyphen joins; one left by a clause or the claim does not.
        return all(not excluded(t) and t.pos_ not in ("VERB", "AUX") for t in head.doc[a.i + 1:b.i])

    kept = [t for t in tokens if not excluded(t)]
    at = next((k for k, t in enumerate(kept) if t.i == head.i), None)
    if at is None:
        return tokens
    lo = hi = at
    while lo > 0 and bridgeable(kept[lo - 1], kept[lo]):
        lo -= 1
    while hi + 1 < len(kept) and bridgeable(kept[hi], kept[hi + 1]):
        hi += 1
    while lo < at and kept[lo].is_punct:
        lo += 1
    while hi > at and kept[hi].is_punct and not (kept[hi].text in ")]" and any(t.text in "([" for t in kept[lo:hi])):
        hi -= 1
    return kept[lo:hi + 1]


def untitled(tokens) -> list[Token]:
    """A name's tokens without the titles before it ("Gen. Sergey Rudskoy" -> "Sergey Rudskoy")."""
    toks = list(tokens)
    while toks and is_title_word(toks[0].text):
        toks = toks[1:]
    return toks


def name_of(tokens: list[Token]) -> str:
    """The text the tokens cover, cleaned of a possessive and a leading "the"."""
    # The span's own text is the same characters, without joining the whole document's tokens.
    return clean_name(tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text)


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


def describing_phrase(core: list[Token], conj: list[Token], seen: list) -> str | None:
    """Unnamed and not in the table: the describing noun phrase itself ("local sources"), or
    an organisation among ``seen`` speakers that "the group" stands for."""
    adjectives = country_adjectives()
    # "Syrias opposition" (an apostrophe lost) -> "Syrian opposition".
    words = [adjectives.get(t.text.lower(), t.text) if t.i < core[-1].i else t.text
             for t in core if not t.is_punct and not t.is_space]
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    if not words:
        return None
    head_word = words[-1].lower()
    # "the Britain-based group": where a body is based does not make it a new one.
    unplaced = [w for k, w in enumerate(words)
                if w.lower() != "based" and not (k + 1 < len(words) and words[k + 1].lower() == "based")]
    if head_word in ORG_ANAPHORS and len(unplaced) <= 2:
        # "the group said", "the Observatory said": an organisation that has already spoken.
        for earlier in reversed(seen):
            if not earlier.name and earlier.org and head_word in earlier.org.lower():
                return earlier.org
        if head_word in GENERIC_ORG_NOUNS:
            for earlier in reversed(seen):
                if not earlier.name and earlier.org:
                    return earlier.org
    for c in conj:
        # "The Observatory and residents said": keep both.
        other = [t.text for t in c.subtree if not t.is_punct and t.text.lower() not in DETERMINERS]
        words = words + ["and"] + other
    phrase = restore_possessive(" ".join(words))
    return phrase if len(words) <= 8 else None
