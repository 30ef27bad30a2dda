"""Event triggers: the words that say something happened, and what kind of thing.

The lexicon is ``data/event_triggers.jsonl``, one entry a line (after spaCy's
``patterns.jsonl``): a ``pattern`` (a regular expression matched on word
boundaries) or a ``dep`` pattern (a verb and the words its subject or
object must contain in the dependency parse), each with the event ``label``,
the ACLED sub-event type and a ``strength`` (2 makes an event alone; 1 needs
support from a figure, a place or a stronger trigger). Where two matches
overlap the longer one wins, so "barrel bombs" is an air strike and not a
bombing, and "no flights for two weeks" is a pause and not a strike.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


# "army units backed by the Air Force ... targeting gatherings": aircraft named as support of a
# ground operation; the operation is the event, not an air strike of its own.
_SUPPORT = re.compile(r"\b(?:backed|supported|aided|covered|assisted|escorted|helped)\s+by\s+(?:the\s+)?(?:\w+\s+){0,2}$"
                      r"|\bwith\s+(?:the\s+)?(?:\w+\s+)?(?:support|cover|backing|help)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)
@dataclass
class Trigger:
    start: int
    end: int
    text: str
    label: str
    entry: dict = field(repr=False)

    @property
    def id(self) -> str:
        return self.entry["id"]

    @property
    def strength(self) -> int:
        return int(self.entry.get("strength", 2))


@dataclass
class Lexicon:
    entries: list[dict]
    patterns: list[tuple[dict, re.Pattern]]
    dep_entries: list[dict]
    # All patterns in one: one pass tells whether a sentence has any trigger at all.
    any_pattern: re.Pattern | None = None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lines = resources.files("sitrep.data").joinpath("event_triggers.jsonl").read_text("utf-8").splitlines()
    entries = [json.loads(line) for line in lines if line.strip()]
    entries = [e for e in entries if "_meta" not in e]
    patterns = [(e, re.compile(rf"(?<![\w-])(?:{e['pattern']})(?![\w-])", re.I)) for e in entries if "pattern" in e]
    # The word-edge guards once around the alternatives, not inside each: the same sentences pass,
    # and the engine tests the look-behind once per position instead of once per pattern.
    any_pattern = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{e['pattern']})" for e, _ in patterns) + r")(?![\w-])",
                             re.I)
    return Lexicon(entries, patterns, [e for e in entries if "dep" in e], any_pattern)


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def event_cues() -> dict:
    return json.loads(resources.files("sitrep.data").joinpath("event_cues.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _not_event_contexts() -> list[tuple[frozenset[str], re.Pattern | None, re.Pattern | None, re.Pattern | None]]:
    """(trigger ids or labels, the trigger's words, words before, words after) that make a trigger
    name no event (``not_event_contexts`` in data/event_cues.json: a missile programme, the
    execution of a plan, "demonstrated that")."""
    def rx(c, key):
        return re.compile(c[key], re.I) if c.get(key) else None
    return [(frozenset(c["triggers"]), rx(c, "word"), rx(c, "before"), rx(c, "after"))
            for c in event_cues().get("not_event_contexts", [])]


def names_no_event(text: str, trigger: Trigger, offset: int = 0) -> bool:
    """The words around the trigger make it a thing, not an occurrence (see ``_not_event_contexts``)."""
    start, end = trigger.start - offset, trigger.end - offset
    for keys, word, before, after in _not_event_contexts():
        if (trigger.id not in keys and trigger.label not in keys) or (word is not None and not word.match(trigger.text)):
            continue
        if (before is not None and before.search(text[max(0, start - 60):start])) or \
                (after is not None and after.match(text[end:end + 80])):
            return True
    return False


def _dep_matches(sent, lex: Lexicon) -> list[Trigger]:
    """Dependency patterns: a verb whose subject (or agent) / object contains one of the given words."""
    out = []
    for token in sent:
        low = token.lower_
        for e in lex.dep_entries:
            dep = e["dep"]
            if low not in dep["verb"]:
                continue
            wanted = set(dep.get("subj", [])) | set(dep.get("obj", []))
            roles = ("nsubj", "nsubjpass", "agent") if "subj" in dep else ("dobj", "obj", "attr")
            for child in _arguments(token):
                if child.dep_ not in roles:
                    continue
                words = {t.lower_ for t in child.subtree} if child.dep_ != "agent" else \
                    {t.lower_ for c in child.children for t in c.subtree}
                if words & wanted:
                    out.append(Trigger(token.idx, token.idx + len(token.text), token.text, e["label"], e))
                    break
    return out


def _arguments(token):
    """A verb's dependents, plus those it shares with a coordinated verb: in "killed 28 and
    wounded 30 militants" the object hangs on "wounded" but is killed's object too."""
    yield from token.children
    for conj in token.children:
        if conj.dep_ == "conj" and conj.pos_ in ("VERB", "AUX"):
            yield from (c for c in conj.children if c.dep_ in ("dobj", "obj"))


def find_triggers(text: str, offset: int = 0, sent=None) -> list[Trigger]:
    """Trigger matches in one sentence, overlaps resolved (longest first), left to right.

    ``sent`` is the spaCy span of the sentence, when there is one, for the
    dependency patterns; offsets are article offsets (``offset`` is where
    ``text`` starts).
    """
    lex = lexicon()
    found = [Trigger(offset + m.start(), offset + m.end(), m.group(0), e["label"], e)
             for e, rx in lex.patterns for m in rx.finditer(text)] if lex.any_pattern.search(text) else []
    if sent is not None:
        # First, so that on a tie the parse wins: "The Air Force shelled" is an air strike.
        found = _dep_matches(sent, lex) + found
    found = [t for t in found if not (t.label in ("air_strike", "shelling") and _SUPPORT.search(
        text[max(0, t.start - offset - 40):t.start - offset])) and not names_no_event(text, t, offset)]
    found.sort(key=lambda t: (-(t.end - t.start), -t.strength, t.start))
    kept: list[Trigger] = []
    for t in found:
        if any(k.start < t.end and t.start < k.end for k in kept):
            continue
        kept.append(t)
    return sorted(kept, key=lambda t: t.start)


# Subordinators of clauses that report what happened, whatever the main clause does with it.
FACTUAL_MARKS = frozenset({"after", "since", "because", "as", "when", "while"})


def is_hypothetical(sent, trigger: Trigger) -> str | None:
    """Why the trigger does not report something that happened (modal, warning, denial), or None.

    Uses the parse: the trigger's token and the verbs above it are checked
    for a modal auxiliary, a negation or a verb of warning, calling or
    denying. ``sent`` is the spaCy sentence span holding the trigger.
    """
    cues = event_cues()
    modals, verbs, negs = set(cues["modals"]), set(cues["hypothetical_verbs"]), set(cues["negations"])
    token = next((t for t in sent if t.idx <= trigger.start < t.idx + len(t.text) + 1), None)
    if token is None:
        return None
    if trigger.label == "ceasefire":
        negs = set()  # "no strikes" is how a pause is reported
    steps, node = 0, token
    while steps < 6:
        for child in node.children:
            low = child.lower_
            if child.dep_ == "aux" and low in modals:
                return f"modal:{low}"
            if child.dep_ == "neg" and low in negs:
                return f"negated:{low}"
            if child.dep_ == "det" and low == "no" and negs and node is token:
                return "negated:no"
            if child.dep_ == "mark" and low in ("if", "unless", "whether"):
                return f"conditional:{low}"
        if any(c.dep_ == "mark" and c.lower_ in FACTUAL_MARKS for c in node.children):
            return None  # "threatened ... after Turkish jets raided villages": the after-clause happened
        if node.lower_ in verbs and node is not token:
            return f"verb:{node.lower_}"
        if node.head is node:
            break
        node = node.head
        steps += 1
    return None


def trigger_head(sent, trigger: Trigger):
    """The last token of the trigger (the head of "suicide bombers", "the besieged"), or None."""
    toks = [t for t in sent if trigger.start <= t.idx < trigger.end]
    return toks[-1] if toks else None


def not_an_occurrence(sent, trigger: Trigger) -> str | None:
    """Why a trigger word names no event here, by its grammar, or None.

    A person noun ("militants including the suicide bombers") is an event only as the doer
    (subject, or the agent after "by"); a state adjective ("the besieged town") describes how
    a place is, not something that happened.
    """
    entry = trigger.entry
    if not (entry.get("person") or entry.get("state_adjective")) or sent is None:
        return None
    head = trigger_head(sent, trigger)
    if head is None:
        return None
    if entry.get("person"):
        doer = head.dep_ in ("nsubj", "nsubjpass") or (head.dep_ == "pobj" and head.head.lower_ == "by")
        return None if doer else f"person-not-doer:{head.dep_}"
    if head.dep_ == "amod" or (head.pos_ == "ADJ" and head.dep_ != "ROOT"):
        return "state-adjective"
    return None

