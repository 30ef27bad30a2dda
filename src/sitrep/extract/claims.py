"""Component "claims": attributed statements, direct and reported.

Three passes over the parsed article, in text order:

1. **Quotes with an adjacent cue**: ``"...," he said``, ``X said: "..."``,
   and split quotes ``"...," he said, "..."`` (one claim, joined by "...").
2. **Reported speech**: a cue verb from ``data/cue_verbs.jsonl`` with a
   speaker (its subject, the subject it shares as "saying"/"adding", or the
   object of "according to") and a content slot read from the dependency
   parse: a clausal complement ("said that ..."), the clause before the
   speaker ("..., a monitor said"), or the object ("denied any
   involvement", "urged an end to the war"). Quoted words inside the
   content make the claim ``direct``.
3. **Continued quotes**: a quote that stands as a sentence of its own right
   after a claim continues that claim's speaker.

The FA-KES texts have lost most commas and apostrophes, so no rule relies on
a comma between content and speaker.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Token

from ..records import Claim, Span
from ..registry import components
from .claim_lexicons import CueEntry, cue_lexicon
from .cue_grammar import CueGrammar
from .quotes import Quote, find_quotes, quote_at
from .speakers import Speaker, SpeakerResolver

# Longest claim text kept verbatim; longer ones keep their head and tail around "...".
MAX_WORDS = 90
HEAD_WORDS, TAIL_WORDS = 55, 25
# How far a cue may sit from the quote it introduces or closes, in tokens.
ADJACENT_TOKENS = 24
# A quote standing alone continues the previous claim's speaker within this many characters.
CONTINUATION_CHARS = 600
STRIP = " \t\n,;:.-–—\"“”„«»'‘’"


@dataclass
class Found:
    """A claim found but not yet given its speaker (speakers are resolved in text order)."""

    cue: Token
    speaker_head: Token
    start: int          # content span
    end: int
    direct: bool
    rule: str
    cue_end: int | None = None
    text: str | None = None
    claim: Claim | None = None


def _span(doc_text: str, start: int, end: int, rule: str) -> Span:
    return Span(start, end, doc_text[start:end], rule)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in STRIP:
        start += 1
    while end > start and text[end - 1] in STRIP:
        end -= 1
    # A leading "that" belongs to the cue, not the content.
    if text[start:start + 5].lower() == "that " and end - start > 5:
        start += 5
    return start, end


def shorten(text: str) -> str:
    words = text.split()
    if len(words) <= MAX_WORDS:
        return text
    return " ".join(words[:HEAD_WORDS]) + " ... " + " ".join(words[-TAIL_WORDS:])


def outlet_name(article) -> str | None:
    """The outlet whose voice the copy is: the publisher, else the agency the cleaner credits for
    the whole story (a "SANA" dateline), so "a reporter in Aleppo said" there is that agency."""
    from .provenance import WHOLE_STORY_CREDITS, outlet_record

    record = article.outlet_record
    if record is None and article.outlet:
        record = outlet_record(article.outlet)
    name = (record or {}).get("name") or article.outlet
    if name:
        return name
    for i, credited in enumerate(article.cited_sources):
        span = article.spans.get(f"cited_sources[{i}]")
        if getattr(span, "rule", None) in WHOLE_STORY_CREDITS and outlet_record(credited) is not None:
            return (outlet_record(credited) or {}).get("name") or credited
    return None


class ClaimFinder:
    def __init__(self, article, doc) -> None:
        self.article = article
        self.doc = doc
        grammar = CueGrammar(doc)
        self.cue_entry = grammar.cue_entry
        self.speaker_head = grammar.speaker_head
        self.content_span = grammar.content_span
        self.cited_source = grammar.cited_source
        self.leading_name = grammar.leading_name
        self.co_speaker = grammar.co_speaker
        self.text = article.text
        self.quotes = find_quotes(self.text)
        self.speakers = SpeakerResolver(doc, outlet=outlet_name(article))
        self.lex = cue_lexicon()
        self.found: list[Found] = []
        self.used_cues: set[int] = set()
        # Token start and end offsets, ascending: a quote's neighbours by bisection, not a scan of the doc.
        self.token_starts = [t.idx for t in doc]
        self.token_ends = [t.idx + len(t) for t in doc]

    # -- cue recognition ------------------------------------------------------

    # -- pass 1: quotes with adjacent cues -------------------------------------

    def tokens_between(self, start: int, end: int) -> list[Token]:
        return [t for t in self.doc if t.idx >= start and t.idx + len(t) <= end]

    def cue_after(self, q: Quote) -> Token | None:
        first = self.doc[bisect_left(self.token_starts, q.open_mark):][:1]
        if first:
            # A quote inside the content of a cue that comes before it belongs to that cue
            # ("told AFP the assault was "massive" and insisted ..." is one claim of "told").
            for t in first[0].sent:
                if t.idx >= q.open_mark:
                    break
                if self.cue_entry(t) and self.speaker_head(t) is not None:
                    return None
        k = bisect_left(self.token_starts, q.outer_end)
        after = list(self.doc[k:k + ADJACENT_TOKENS])
        for t in after:
            if t.text in ("“", '"', "”") or (t.is_sent_start and t.idx > q.outer_end + 2):
                return None
            if t.text in (".", "!", "?") and t.idx > q.outer_end + 1:
                return None
            entry = self.cue_entry(t)
            if entry and entry.kind == "verb" and quote_at(self.quotes, t.idx, t.idx + len(t)) is None:
                return t
        return None

    def cue_before(self, q: Quote) -> Token | None:
        k = bisect_right(self.token_ends, q.open_mark)
        before = list(self.doc[max(0, k - ADJACENT_TOKENS):k])
        for t in reversed(before):
            if t.text in (".", "!", "?", "”", '"'):
                return None
            entry = self.cue_entry(t)
            if entry and entry.kind == "verb":
                between = [b for b in before if b.i > t.i]
                # Only linking words may stand between the cue and the quote: punctuation, the
                # cue's own prepositions and listener ("told AFP:", "saying in a statement").
                if all(b.is_punct or self._attached_to(b, t) for b in between):
                    return t
                return None
        return None

    @staticmethod
    def _attached_to(tok: Token, cue: Token) -> bool:
        while tok.head.i != tok.i:
            if tok.head.i == cue.i:
                return tok.dep_ in ("prep", "dative", "dobj", "npadvmod", "advmod", "punct", "prt")
            tok = tok.head
        return False

    def quote_claims(self) -> None:
        last_after: tuple[int, Found] | None = None
        for q in self.quotes:
            content = q.content(self.text)
            if not content or any(ch in content for ch in "{}<>|") or '":' in content:
                continue  # markup or JSON left in the text, not speech
            cue = self.cue_before(q)
            if cue is not None and last_after and last_after[0] == cue.i:
                # Split quote: "...," he said, "..."
                f = last_after[1]
                f.text = (f.text or self.text[f.start:f.end]) + " ... " + content
                f.end = max(f.end, q.end)
                f.rule = "quote:split"
                continue
            after = self.cue_after(q)
            if after is not None:
                cue = after
            if cue is None or cue.i in self.used_cues:
                continue
            head = self.speaker_head(cue)
            if head is None:
                continue
            start, end = self._quote_text_span(q, after is not None)
            found = self._add(head, cue, start, end, direct=True,
                              rule="quote:cue_after" if after is not None else "quote:cue_before")
            if after is not None:
                last_after = (cue.i, found)

    def _quote_text_span(self, q: Quote, cue_after: bool) -> tuple[int, int]:
        """The quote, widened to the sentence start when the quote only finishes a sentence
        the outlet began ('the warplanes “have performed no flights,” he stressed')."""
        start, end = q.start, q.end
        if cue_after:
            first = self.doc[bisect_left(self.token_starts, q.open_mark):][:1]
            if first:
                sent = first[0].sent
                lead = self.text[sent.start_char:q.open_mark]
                if len(lead.split()) >= 2 and not any(m in lead for m in '"“”') and \
                        not any(self.cue_entry(t) for t in sent if t.idx < q.open_mark):
                    start = sent.start_char
        return _trim(self.text, start, end)

    # -- pass 2: reported speech -----------------------------------------------

    def reported_claims(self) -> None:
        for tok in self.doc:
            if tok.i in self.used_cues:
                continue
            entry = self.cue_entry(tok)
            if entry is None or quote_at(self.quotes, tok.idx, tok.idx + len(tok)) is not None:
                continue
            if entry.kind == "phrase":
                self._according_to(tok, entry)
                continue
            subj = self.speaker_head(tok)
            if subj is None:
                continue
            span = self.content_span(tok, subj)
            if span is None:
                continue
            start, end = _trim(self.text, *span)
            if len(self.text[start:end].split()) < 2 or self._covered(start, end):
                continue
            direct = any(start <= q.start and q.end <= end + 1 for q in self.quotes)
            # "... media reported citing a military source": the cited source makes the claim; of
            # "a monitor and activists said", the speaker named first.
            speaker = self.cited_source(tok) or self.co_speaker(tok, subj) or subj
            self._add(speaker, tok, start, end, direct=direct, rule=f"reported:{entry.cue}")

    def _according_to(self, tok: Token, entry: CueEntry) -> None:
        to = self.doc[tok.i + 1]
        pobj = [c for c in to.children if c.dep_ == "pobj"]
        if not pobj:
            return
        sent = tok.sent
        speaker = pobj[0]
        phrase = sorted({tok.i, to.i} | {t.i for t in pobj[0].subtree})
        before = [t for t in sent if t.i < phrase[0]]
        named = self.leading_name(pobj[0]) if len([t for t in before if not t.is_punct]) < 2 else None
        if named is not None:  # "According to the Observatory heavy bombardment has ...": no comma
            speaker, last = named
            phrase = [i for i in phrase if i <= last.i]
        after = [t for t in sent if t.i > phrase[-1]]
        parts = [p for p in (before, after) if len([t for t in p if not t.is_punct]) >= 2]
        if not parts:
            return
        start = parts[0][0].idx
        end = parts[-1][-1].idx + len(parts[-1][-1])
        start, end = _trim(self.text, start, end)
        if self._covered(start, end):
            return
        direct = any(start <= q.start and q.end <= end + 1 for q in self.quotes)
        self._add(speaker, tok, start, end, direct=direct, rule="reported:according to",
                  cue_end=to.idx + len(to))

    # -- pass 3: quotes continuing the previous speaker ------------------------

    def continued_quotes(self, claims: list[Found]) -> list[Found]:
        out: list[Found] = []
        for q in self.quotes:
            start, end = _trim(self.text, q.start, q.end)
            if self._covered(start, end) or len(self.text[start:end].split()) < 4:
                continue
            lead = self.text[:q.open_mark].rstrip(" \t")
            if lead and lead[-1] not in ".!?\n:”\"":
                continue  # the quote sits inside the outlet's own sentence
            previous = [f for f in claims + out if f.end <= q.open_mark]
            if not previous:
                continue
            prev = max(previous, key=lambda f: f.end)
            if q.open_mark - prev.end > CONTINUATION_CHARS or not prev.direct or prev.claim is None:
                continue
            c = prev.claim
            claim = Claim(text=shorten(self.text[start:end]), speaker=c.speaker, speaker_org=c.speaker_org,
                          speaker_role=c.speaker_role, cue=c.cue, direct=True, stance=c.stance,
                          span=_span(self.text, start, end, "quote:continuation"), cue_span=c.cue_span,
                          speaker_span=c.speaker_span, article_id=self.article.id)
            out.append(Found(prev.cue, prev.speaker_head, start, end, True, "quote:continuation", claim=claim))
        return out

    # -- helpers ----------------------------------------------------------------

    def _covered(self, start: int, end: int) -> bool:
        """Most of the range already belongs to a claim."""
        for f in self.found:
            inter = min(end, f.end) - max(start, f.start)
            if inter > 0.6 * (end - start):
                return True
        return False

    def _add(self, head: Token, cue: Token, start: int, end: int, direct: bool, rule: str,
             cue_end: int | None = None) -> Found:
        found = Found(cue, head, start, end, direct, rule, cue_end)
        self.found.append(found)
        self.used_cues.add(cue.i)
        return found

    def _claim(self, f: Found, speaker: Speaker) -> Claim:
        entry = self.cue_entry(f.cue)
        cue = f.cue
        cue_end = f.cue_end if f.cue_end is not None else cue.idx + len(cue)
        particle = [c for c in cue.children if entry and c.text.lower() in entry.particles and c.i > cue.i]
        if particle:
            cue_end = particle[0].idx + len(particle[0])
        return Claim(
            text=shorten(f.text or self.text[f.start:f.end]),
            speaker=speaker.name, speaker_org=speaker.org, speaker_role=speaker.role,
            cue=self.text[cue.idx:cue_end], direct=f.direct, stance=entry.stance if entry else "assert",
            span=_span(self.text, f.start, f.end, f.rule),
            cue_span=_span(self.text, cue.idx, cue_end, entry.rule if entry else "cue"),
            speaker_span=_span(self.text, speaker.start, speaker.end, speaker.rule),
            article_id=self.article.id,
        )

    def run(self) -> list[Claim]:
        self.quote_claims()
        self.reported_claims()
        # Speakers resolve in text order so "he" and "the group" find whoever spoke last.
        made: list[Found] = []
        for f in sorted(self.found, key=lambda f: (min(f.speaker_head.i, f.cue.i), f.start)):
            speaker = self.speakers.resolve(f.speaker_head, (f.start, f.end), f.cue)
            if speaker is None:
                continue
            f.claim = self._claim(f, speaker)
            made.append(f)
        self.found = made
        made = made + self.continued_quotes(made)
        made.sort(key=lambda f: f.start)
        return [f.claim for f in made]


def find_claims(article, doc) -> list[Claim]:
    return ClaimFinder(article, doc).run()


@components.register("claims")
def extract_claims(article, doc) -> None:
    article.claims = find_claims(article, doc)
