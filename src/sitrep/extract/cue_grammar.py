"""Reading a cue out of the dependency parse: is this token a cue, who is its
speaker, and where is its content.

Kept apart from the claim passes in ``claims`` because this is where the
parser's mistakes on punctuation-poor text (FA-KES lost most commas) are
worked around; each workaround says which misparse it answers.
"""
from __future__ import annotations

from spacy.tokens import Token

from .claim_lexicons import CueEntry, cue_lexicon, role_lexicon
from .speakers import SpeakerResolver, canonical_actor

CONTENT_CHILD_DEPS = ("dobj", "xcomp", "prep", "attr", "oprd", "ccomp", "dative", "npadvmod", "pcomp")
TIME_PREPOSITIONS = {"in", "on", "at", "during", "by", "after", "before", "since", "while", "as", "from",
                     "to", "with", "through", "via", "over", "late", "earlier", "later"}
# "state TV reported, citing a military source": the participle that names where the reporter got it.
CITING_WORDS = {"citing", "quoting"}


class CueGrammar:
    """Cue, speaker and content slots of one parsed article."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.lex = cue_lexicon()

    def cue_entry(self, tok: Token) -> CueEntry | None:
        if tok.text.lower() == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].text.lower() == "to":
            return self.lex.phrases.get("according to")
        entry = self.lex.verb(tok.text)
        if entry is None or self._is_surname(tok):
            return None
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound"):
            # "... human shields Press TV reports.": a sentence-final cue tagged as a noun.
            nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
            prev = self.doc[tok.i - 1] if tok.i > 0 else None
            if not (tok.pos_ == "NOUN" and tok.text.lower().endswith("s") and (nxt is None or nxt.is_sent_end
                    or nxt.text in ".!?") and prev is not None
                    and (prev.pos_ == "PROPN" or prev.pos_ == "NOUN" and SpeakerResolver.can_speak(prev))):
                return None
        if entry.particles:
            if not any(c.text.lower() in entry.particles and c.dep_ in ("prt", "prep") for c in tok.children):
                return None
        return entry

    def _is_surname(self, tok: Token) -> bool:
        """"Rodi Said", "Khaled Said": a capitalised "Said" right after a name, mid-sentence, is the
        name's last word (photo credits and bylines carry them), not a cue."""
        prev = self.doc[tok.i - 1] if tok.i > 0 else None
        return (tok.text == "Said" and not tok.is_sent_start and prev is not None
                and prev.pos_ == "PROPN" and prev.text[:1].isupper())

    def speaker_head(self, cue: Token) -> Token | None:
        """The subject of the cue, or the subject it shares ("..., saying", "and added")."""
        tok = cue
        for _ in range(4):
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
            # "... parts of Aleppo early on Thursday said the Observatory": two subjects where the
            # commas were lost; the one that can speak is the speaker.
            subj.sort(key=lambda c: not SpeakerResolver.can_speak(c))
            if subj:
                right = max(t.i for t in subj[0].subtree)
                own = {t.i for c in cue.children if c.dep_ in ("prep", "advmod", "npadvmod", "punct", "aux", "neg")
                       for t in c.subtree}
                between = [i for i in range(right + 1, cue.i) if i not in own]
                if tok.i == cue.i and subj[0].i < cue.i and len(between) > 2:
                    # The parser took a far noun for the subject ("Initial results ... point to
                    # sarin Turkeys health ministry said"): the phrase right before the cue speaks.
                    near = self.adjacent_subject(cue)
                    if near is not None and near.i > right:
                        return near
                if tok.i == cue.i and subj[0].i < cue.i:
                    # "Eight persons wounded in Foua ... Meanwhile civil sources told": the noun before
                    # the cue hangs inside a clause modifying the subject, so it cannot modify it.
                    near = self.adjacent_subject(cue)
                    if near is not None and near.i != subj[0].i and self.strong_speaker(near) \
                            and near.dep_ != "pobj" and self._through_verb(near, subj[0]):
                        return near
                if tok.i == cue.i and subj[0].i < cue.i and not SpeakerResolver.can_speak(subj[0]):
                    # "... air strikes which killed seven people the Observatory for Human Rights
                    # said": the parser hung the speaker inside a relative clause of a subject
                    # that cannot speak; the named phrase right before the cue speaks.
                    near = self.adjacent_subject(cue)
                    if near is not None and near.i > subj[0].i:
                        return self._phrase_head(near, subj[0])
                return subj[0]
            agent = [c for c in tok.children if c.dep_ == "agent"]
            if agent:
                pobj = [c for c in agent[0].children if c.dep_ == "pobj"]
                return pobj[0] if pobj else None
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
                return None  # "were reported in Hama": nobody is named as saying it
            if tok.i == cue.i:
                inverted = self.inverted_subject(cue)
                if inverted is not None:
                    return inverted  # "..., said Rami Abdel Rahman head of the Observatory"
            if tok.i == cue.i and (tok.dep_ == "conj" or tok.tag_ != "VBG"):
                # "... in the 2013 declaration and activists say ...": a misparsed coordination.
                near = self.adjacent_subject(cue)
                if near is not None:
                    return near
            if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.i != tok.i:
                tok = tok.head
                continue

            if tok.dep_ == "relcl" and tok.i > tok.head.i and SpeakerResolver.can_speak(tok.head) and not any(
                    c.dep_ in ("ccomp", "dobj") and c.i > tok.i for c in tok.children):
                return tok.head
            if tok.i != cue.i and self.cue_entry(tok) is not None:
                # '"..." activist X told The New Arab adding that ...': "adding" shares the speaker
                # of the cue it hangs on, not that cue's listener right before it.
                shared = self.speaker_head(tok)
                if shared is not None:
                    return shared
            return self.adjacent_subject(cue)
        return None

    def cited_source(self, cue: Token) -> Token | None:
        """The source a reporting cue cites ("local media reported citing a military source"): the
        claim is that source's; the reporter only relays it."""
        for c in cue.children:
            if c.text.lower() in CITING_WORDS and c.i > cue.i:
                obj = [g for g in c.children if g.dep_ in ("dobj", "pobj", "attr")]
                if obj and SpeakerResolver.can_speak(obj[0]):
                    return obj[0]
        return None

    @staticmethod
    def leading_name(obj: Token) -> tuple[Token, Token] | None:
        """"According to the Syrian Observatory heavy bombardment has battered ...": with the comma
        lost, the parser runs the source's name into the content. The name the actor table knows at
        the start of ``obj``'s phrase, as (its head, its last token), when content follows it."""
        toks = sorted(obj.subtree, key=lambda t: t.i)
        for k in range(len(toks) - 1, 0, -1):
            last = toks[k - 1]
            if last.pos_ != "PROPN" or not canonical_actor(" ".join(t.text for t in toks[:k])):
                continue
            inside = {t.i for t in toks[:k]}
            if obj.i in inside:
                return None  # the object itself is the name ("a military source in the Aleppo ...")
            heads = [t for t in toks[:k] if t.head.i not in inside and t.pos_ == "PROPN"]
            return (heads[0], last) if heads else None
        return None

    @staticmethod
    def _phrase_head(tok: Token, floor: Token) -> Token:
        """The head of the name ``tok`` ends: "Rights" -> "Observatory" in "the Syrian Observatory for
        Human Rights", not climbing past ``floor``."""
        while (tok.dep_ == "pobj" and tok.pos_ == "PROPN" and tok.head.dep_ == "prep"
               and tok.head.head.pos_ == "PROPN" and floor.i < tok.head.head.i < tok.i):
            tok = tok.head.head  # only within a name: "witnesses" in "north of Azaz witnesses" stays
        return tok

    @staticmethod
    def _through_verb(tok: Token, ancestor: Token) -> bool:
        """Whether the path from ``tok`` up to ``ancestor`` passes through a verb."""
        while tok.i != ancestor.i and tok.head.i != tok.i:
            tok = tok.head
            if tok.i != ancestor.i and tok.pos_ in ("VERB", "AUX"):
                return True
        return False

    @staticmethod
    def strong_speaker(tok: Token) -> bool:
        """A noun that names a source outright: a person, an organisation, "sources", "officials"."""
        roles = role_lexicon()
        return tok.ent_type_ in ("PERSON", "ORG") or roles.is_source_noun(tok.text) or roles.is_title(tok.text)

    def inverted_subject(self, cue: Token) -> Token | None:
        """The speaker after the cue in "<content> said Rami Abdel Rahman head of ...", which the
        parser reads as the cue's object."""
        entry = self.cue_entry(cue)
        if entry is None or entry.object_is_listener:
            return None  # "told Reuters": the object is who heard it
        after = [c for c in cue.children if c.dep_ in ("dobj", "attr", "npadvmod", "oprd")
                 and c.i > cue.i and SpeakerResolver.can_speak(c) and c.ent_type_ not in ("DATE", "TIME")]
        if not after or cue.i - cue.sent.start < 3:
            return None
        cand = after[0]
        named = any(t.ent_type_ in ("PERSON", "ORG") for t in cand.subtree) or cand.pos_ == "PROPN"
        content_before = any(c.dep_ in ("ccomp", "parataxis") and c.i < cue.i for c in cue.children)
        if content_before or (named and cue.tag_ in ("VBD", "VBZ", "VBP") and cand.i - cue.i <= 4):
            return cand
        return None

    def adjacent_subject(self, cue: Token) -> Token | None:
        """The noun phrase right before a cue the parser left without a subject ("... the eastern
        districts an AFP correspondent there said"): punctuation-poor texts get misparsed so."""
        j = cue.i - 1
        while j >= cue.sent.start and self.doc[j].pos_ == "ADV":
            j -= 1
        if j < cue.sent.start:
            return None
        cand = self.doc[j]
        if cand.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
            return None
        if cand.i == cue.i - 1 and cue.pos_ == "NOUN" and (cand.pos_ == "PROPN" or SpeakerResolver.can_speak(cand)):
            return cand  # "Press TV reports."
        if cand.ent_type_ in ("GPE", "LOC", "FAC") and cand.dep_ == "pobj" and cand.head.dep_ == "prep":
            # "Activists in rural Idlib said": the place qualifies the speaker.
            owner = cand.head.head
            return owner if owner.pos_ in ("NOUN", "PROPN") and SpeakerResolver.can_speak(owner) else None
        if cand.pos_ in ("NOUN", "PROPN") and SpeakerResolver.can_speak(cand):
            return cand
        return None

    def content_span(self, cue: Token, subj: Token) -> tuple[int, int] | None:
        sent = cue.sent
        subj_tokens = sorted(subj.subtree, key=lambda t: t.i)
        if subj.i < cue.i:
            subj_tokens = [t for t in subj_tokens if t.i < cue.i]
        subj_start = subj_tokens[0]
        # "said (that) ...": a clause after the cue.
        clauses = [c for c in cue.children if c.dep_ in ("ccomp", "parataxis") and c.i > cue.i]
        if clauses:
            toks = [t for c in clauses for t in c.subtree]
            return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)
        # "denied any involvement", "urged an end to the war", "accused X of Y"; not the
        # listener of "told reporters".
        entry = self.cue_entry(cue)
        objs = [] if entry is None or entry.content == "ccomp" else [
                c for c in cue.children if c.dep_ in CONTENT_CHILD_DEPS and c.i > cue.i and c.dep_ != "dative"
                and c.i != subj.i and c.text.lower() not in CITING_WORDS
                and c.text.lower() not in TIME_PREPOSITIONS and not (c.pos_ == "PRON" and not list(c.children))
                and not (c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME"))]
        if objs:
            toks = [t for c in objs for t in c.subtree]
            return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)
        # "..., a monitor said": the clause before the speaker is the content.
        if subj_start.i > sent.start and subj.i < cue.i:
            lead = self.without_co_speaker([t for t in sent if t.i < subj_start.i])
            if self.is_clause(lead, cue):
                return lead[0].idx, lead[-1].idx + len(lead[-1])
        if subj.i > cue.i and cue.i > sent.start:
            # Inverted: "..., said Konashenkov".
            lead = [t for t in sent if t.i < cue.i]
            if self.is_clause(lead, cue):
                return lead[0].idx, lead[-1].idx + len(lead[-1])
        clause_child = any(c.dep_ in ("conj", "ccomp", "advcl") and c.i > cue.i
                           and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in cue.children)
        if subj.i < cue.i and entry is not None and entry.content != "object" \
                and (clause_child or not any(c.dep_ == "dobj" for c in cue.children)):
            # The parser lost the clause ("said the coalition bombed schools" read as a noun
            # phrase): the rest of the sentence after the cue's own adverbials.
            own = {t.i for c in cue.children if c.dep_ in ("prep", "npadvmod", "advmod", "dative", "dobj")
                   and c.i == cue.i + 1 for t in c.subtree}
            rest = [t for t in sent if t.i > cue.i and t.i not in own and not t.is_space]
            while rest and rest[-1].is_punct:
                rest.pop()
            idx = {t.i for t in rest}
            has_clause = any(t.dep_ in ("nsubj", "nsubjpass") and (t.head.i in idx or t.head.i == cue.i)
                             for t in rest)  # a subject of its own: "said the coalition bombed schools"
            if len(rest) >= 3 and has_clause and any(t.pos_ in ("VERB", "AUX") for t in rest):
                return rest[0].idx, rest[-1].idx + len(rest[-1])
        return None

    def without_co_speaker(self, lead: list[Token]) -> list[Token]:
        """"... killed 20 people a monitor and activists said": the parser takes only the last
        conjunct for the subject, so the lead ends in the other speaker and "and"; drop both."""
        chunk = self._co_speaker_chunk(lead)
        return lead if chunk is None else [t for t in lead if t.i < chunk.start]

    def co_speaker(self, cue: Token, subj: Token) -> Token | None:
        """The first of two speakers the parser split ("... a monitor and activists said"): the
        one named first leads the claim."""
        if subj.i > cue.i:
            return None
        first = min(t.i for t in subj.subtree)
        chunk = self._co_speaker_chunk([t for t in cue.sent if t.i < first])
        return None if chunk is None else chunk.root

    def _co_speaker_chunk(self, lead: list[Token]):
        if len(lead) < 4 or lead[-1].text.lower() not in ("and", "or"):
            return None
        chunk = next((c for c in self.doc.noun_chunks if c.end == lead[-1].i), None)
        # A place ends the content too ("... shelters in Syria Iraq or Turkey sources said").
        if (chunk is None or not SpeakerResolver.can_speak(chunk.root) or chunk.root.pos_ == "PRON"
                or chunk.root.ent_type_ in ("GPE", "LOC", "FAC")):
            return None
        return chunk

    def is_clause(self, tokens: list[Token], cue: Token) -> bool:
        """A stretch that reads as a statement of its own, not the cue's own adverbials."""
        if len(tokens) < 3:
            return False
        own = {t.i for c in cue.children if c.dep_ in ("prep", "npadvmod", "advmod", "advcl") for t in c.subtree}
        rest = [t for t in tokens if t.i not in own and not t.is_punct]
        return len(rest) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in rest)
