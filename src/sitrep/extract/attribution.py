"""Component "attribution": who asserts each event.

Runs after "events" and "claims". An event is attributed to a claim's
speaker when

1. its evidence lies inside the claim's content (``attribution:inside_claim``):
   "the coalition flew 25 sorties" inside Konashenkov's quote;
2. else its evidence shares a sentence with the claim's cue
   (``attribution:same_sentence``): "..., according to the Observatory",
   "Besides, the city has six humanitarian corridors, Konashenkov said";
3. else it follows a claim within the same paragraph, at most
   ``CONTINUATION_SENTENCES`` sentences on, with no other attribution in
   between (``attribution:continuation``): wire copy states the source once
   and runs on with its account ("..., the Observatory said. Another seven
   people were killed in raids on Kafr Takharim.");
4. else the very next sentence opens with an attribution whose content
   follows it (``attribution:lead``): agency copy states the toll, then
   "A source at the Governorate told SANA that ...", or the next sentence's
   claim restates the event's toll ("At least 16 killed. Sixteen civilians
   were killed, a monitor said"). Where both 3 and 4 apply, the account
   whose content names the event's place wins;
5. else a later claim restates the event's toll (``attribution:restated``):
   the outlet's headline figure, then "According to a military source the
   army killed at least 50 militants".

The source is the speaker's organisation, or the speaker when no
organisation is known or the organisation is only a description
("activists"). The claim lists the events it asserts in ``Claim.event_ids``.
An event in the outlet's own voice keeps ``source`` null: nothing here
guesses a source for unattributed text.
"""
from __future__ import annotations

from ..records import Article, Claim, Event, Span
from ..registry import components

# Share of the evidence that must lie inside a claim's content.
INSIDE_SHARE = 0.5
# How many sentences an account runs on after its attribution.
CONTINUATION_SENTENCES = 2
# Smallest toll that ties a lead sentence to the next sentence's claim (1 and 2 recur by chance).
MIN_TOLL = 3


def claim_source(claim: Claim) -> str | None:
    """The organisation behind a claim, else its speaker. A generic description in place of an
    organisation ("activists" for "media activist Abdul Wahab") gives way to the named person."""
    org = claim.speaker_org
    if org and claim.speaker and not org[:1].isupper():
        return claim.speaker
    return org or claim.speaker


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _sentences(doc) -> list[tuple[int, int]]:
    return [] if doc is None else [(s.start_char, s.end_char) for s in doc.sents]


def _sentence_index(sentences: list[tuple[int, int]], start: int) -> int | None:
    for i, (a, b) in enumerate(sentences):
        if a <= start < b:
            return i
    return None


def _continued_claim(text: str, sentences: list[tuple[int, int]], k: int, claims: list[Claim]) -> Claim | None:
    """The claim whose account sentence ``k`` continues, if any."""
    for back in range(1, CONTINUATION_SENTENCES + 1):
        j = k - back
        if j < 0:
            return None
        a, b = sentences[j]
        in_sentence = [c for c in claims if c.cue_span is not None and a <= c.cue_span.start < b
                       and claim_source(c)]
        if in_sentence:
            claim = max(in_sentence, key=lambda c: c.cue_span.start)
            if "\n" in text[claim.cue_span.end:sentences[k][0]]:
                return None  # a new paragraph starts a new account
            return claim
    return None


def claim_for_event(event: Event, claims: list[Claim], doc) -> tuple[Claim, str] | None:
    ev = event.evidence_span
    if ev is None or ev.end <= ev.start:
        return None
    length = ev.end - ev.start
    best: tuple[float, Claim] | None = None
    for claim in claims:
        if claim.span is None or not claim_source(claim):
            continue
        share = _overlap(ev.start, ev.end, claim.span.start, claim.span.end) / length
        if share >= INSIDE_SHARE and (best is None or share > best[0]):
            best = (share, claim)
    if best is not None:
        return best[1], "attribution:inside_claim"
    sentences = _sentences(doc)
    k = _sentence_index(sentences, ev.start)
    if k is None:
        return None
    a, b = sentences[k]
    for claim in claims:
        cue = claim.cue_span
        if cue is not None and claim_source(claim) and a <= cue.start < b:
            return claim, "attribution:same_sentence"
    continued = _continued_claim(doc.text, sentences, k, claims)
    following = _lead_of_claim(doc.text, sentences, k, claims, event)
    if continued is not None and following is not None and _names_place(following, event) \
            and not _names_place(continued, event):
        # "... a source at the police said. In the meantime a woman was hurt in al-Fouaa. Local
        # sources in the town told SANA that al-Fouaa was shelled": the account that names the
        # event's place is the one it belongs to.
        return following, "attribution:lead"
    if continued is not None:
        return continued, "attribution:continuation"
    if following is not None:
        return following, "attribution:lead"
    restated = [c for c in claims if c.span is not None and c.span.start > ev.end and claim_source(c)
                and _restates_toll(c, event)]
    if restated:
        # A headline toll in the outlet's words that a later claim gives again ("Over 50 militants
        # killed ... According to a military source the army killed at least 50 militants").
        return min(restated, key=lambda c: c.span.start), "attribution:restated"
    return None


def _names_place(claim: Claim, event: Event) -> bool:
    """Whether the claim's content names the event's place, canonical or as the text spells it."""
    loc = event.location
    if loc is None:
        return False
    content = (claim.text or "").lower()
    names = [loc.name, loc.span.text if loc.span is not None else None]
    return any(n and n.lower() in content for n in names)


def _lead_of_claim(text: str, sentences: list[tuple[int, int]], k: int, claims: list[Claim],
                   event: Event | None = None) -> Claim | None:
    """A summary sentence whose account the very next sentence attributes, in agency style:
    "Two civilians were killed in Deir Ezzor. A source at the Governorate told SANA that ..."."""
    if k + 1 >= len(sentences):
        return None
    a, b = sentences[k + 1]
    if "\n" in text[sentences[k][1]:a]:
        return None
    opening = [c for c in claims if c.cue_span is not None and claim_source(c) and a <= c.cue_span.start < b
               and c.speaker_span is not None and c.speaker_span.start < c.span.start]
    if opening:
        return opening[0]
    # "At least 16 civilians were killed in Idlib. Sixteen civilians ... were killed, a monitor said":
    # a lead whose toll the next sentence restates and attributes.
    restating = [c for c in claims if c.cue_span is not None and claim_source(c) and a <= c.cue_span.start < b
                 and event is not None and _restates_toll(c, event)]
    return restating[0] if restating else None


def _restates_toll(claim: Claim, event: Event) -> bool:
    """Whether the claim's content gives the event's death or injury toll (in digits or words)."""
    from .numbers import number_regex, parse_number

    tolls = {f.value for f in (event.killed, event.injured) if f is not None and f.value and f.value >= MIN_TOLL}
    if not tolls:
        return False
    for m in number_regex().finditer(claim.text or ""):
        n = parse_number(m.group(0))
        if n is not None and n.value in tolls:
            return True
    return False


def attribute_events(article: Article, doc=None) -> None:
    from .provenance import story_voice  # provenance builds on this module

    voice = story_voice(article)
    for claim in article.claims:
        claim.event_ids = []
    for event in article.events:
        found = claim_for_event(event, article.claims, doc)
        if found is None:
            if voice is not None:
                # Told in the copy's own voice, and the copy is an agency's story.
                event.source, credit = voice
                if credit is not None:
                    event.spans["source"] = Span(credit.start, credit.end, credit.text, "attribution:story-voice")
            continue
        claim, rule = found
        event.source = claim_source(claim)
        where = claim.speaker_span or claim.span
        if where is not None:
            event.spans["source"] = Span(where.start, where.end, where.text, rule)
        if event.index not in claim.event_ids:
            claim.event_ids.append(event.index)


@components.register("attribution")
def extract_attribution(article, doc) -> None:
    attribute_events(article, doc)
