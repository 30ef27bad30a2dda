"""Sentence-level framing classifier: one linear model per technique.

``data/framing_model.jsonl`` holds, per technique, a logistic-regression
model trained by ``scripts/build_framing_model.py`` on the build split of the
Propaganda Techniques Corpus (Da San Martino et al. 2019/2020): a bias, a
decision threshold chosen by cross-validation on the build split, and a
weight per feature.  Training needs scikit-learn; running does not — a
sentence's score is a sparse dot product over the features it contains.

Features of a sentence (the same function builds them for training):

* ``w:<n-gram>`` — lower-cased token 1–3-grams (digits folded to ``0``);
* ``cue:<technique>`` — an active hand-written cue of ``framing_lexicon.jsonl``
  of that technique fired in the sentence;
* ``sig:<name>`` — simple signals: "!", "?", quotes, an all-caps word, a
  superlative, adjective count, sentence length, first sentence of the text.

Every prediction keeps the located feature (n-gram or cue) that pushed the
score up most as its span, and names it in its rule,
``framing:<technique>:model:<feature>``; see docs/framing.md.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "framing_model.jsonl"
MAX_N = 3

# Feature -> where it sits in Article.text (first occurrence), or None for
# signals that describe the whole sentence (length, "first sentence").
Features = dict[str, "tuple[int, int] | None"]

_QUOTES = {'"', "“", "”", "‘", "’", "'", "«", "»"}
_LENGTH_BUCKETS = (5, 10, 20, 30, 45)
_CAPS_ALLOWED = 4  # shorter all-caps words are mostly acronyms (US, UN, ISIS)


def _norm(token) -> str:
    text = token.lower_.replace("’", "'")
    if any(ch.isdigit() for ch in text):
        return "".join("0" if ch.isdigit() else ch for ch in text)
    if text in _QUOTES:
        return '"'
    return text


def sentence_units(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges scored one by one: spaCy sentences, cut again at line
    breaks (PTC and most cleaned articles keep one sentence or title a line)."""
    if len(doc) == 0:
        return []
    sents = ([(s.start, s.end) for s in doc.sents] if doc.has_annotation("SENT_START")
             else [(0, len(doc))])
    units = []
    for start, end in sents:
        cut = start
        for i in range(start, end):
            if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
                if any(not t.is_space for t in doc[cut:i + 1]):
                    units.append((cut, i + 1))
                cut = i + 1
        if cut < end and any(not t.is_space for t in doc[cut:end]):
            units.append((cut, end))
    return units


def ngram_keys(tokens) -> Iterable[tuple[str, int, int]]:
    """("w:<n-gram>", first, last) for the 1..MAX_N-grams of non-space tokens
    that hold a content word.  N-grams of function words and punctuation
    only ("in the", "a") mostly stand for sentence length, which a signal
    carries; left in, they become the "evidence" of a decision."""
    norms = [_norm(t) for t in tokens]
    content = [any(ch.isalpha() for ch in w) and w not in STOP_WORDS for w in norms]
    for n in range(1, MAX_N + 1):
        for i in range(len(tokens) - n + 1):
            if any(content[i:i + n]):
                yield "w:" + " ".join(norms[i:i + n]), i, i + n - 1


def sentence_features(doc: Doc, start: int, end: int, first: bool = False,
                      cue_hits: Iterable[tuple[str, int, int]] = ()) -> Features:
    """Features of tokens doc[start:end]; ``cue_hits`` are (technique,
    start_char, end_char) lexicon hits, any of which inside the sentence count."""
    tokens = [t for t in doc[start:end] if not t.is_space]
    texts = [t.text for t in tokens]
    starts = [t.idx for t in tokens]
    ends = [s + len(x) for s, x in zip(starts, texts)]
    feats: Features = {}
    for key, i, j in ngram_keys(tokens):
        if key not in feats:
            feats[key] = (starts[i], ends[j])
    if not tokens:
        return feats
    for technique, cs, ce in cue_hits:
        if starts[0] <= cs < ends[-1]:
            feats.setdefault(f"cue:{technique}", (cs, ce))
    for i, text in enumerate(texts):
        if text == "!":
            feats.setdefault("sig:exclamation", (starts[i], ends[i]))
        elif text == "?":
            feats.setdefault("sig:question", (starts[i], ends[i]))
        elif text in _QUOTES:
            feats.setdefault("sig:quote", (starts[i], ends[i]))
        elif len(text) >= _CAPS_ALLOWED and text.isupper() and text.isalpha():
            feats.setdefault("sig:all_caps", (starts[i], ends[i]))
    if doc.has_annotation("TAG"):
        adjectives = 0
        for i, token in enumerate(tokens):
            tag = token.tag_
            if tag in ("JJS", "RBS"):
                feats.setdefault("sig:superlative", (starts[i], ends[i]))
            # Nationality adjectives ("Syrian", "Russian") name, not judge.
            if tag in ("JJ", "JJR", "JJS") and not token.ent_type:
                adjectives += 1
        feats[f"sig:adjectives:{min(adjectives, 3)}"] = None
    words = sum(any(ch.isalnum() for ch in text) for text in texts)
    bucket = next((f"<={b}" for b in _LENGTH_BUCKETS if words <= b), f">{_LENGTH_BUCKETS[-1]}")
    feats[f"sig:length:{bucket}"] = None
    if first:
        feats["sig:first_sentence"] = None
    return feats


@dataclass
class TechniqueModel:
    technique: str
    bias: float
    threshold: float             # on the probability
    weights: dict[str, float] = field(default_factory=dict)


@dataclass
class FramingModel:
    """All techniques' models, with the weights indexed by feature so a
    sentence costs one dictionary lookup per feature."""

    models: list[TechniqueModel]
    meta: dict[str, Any] = field(default_factory=dict)
    by_feature: dict[str, list[tuple[int, float]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_feature = {}
        for i, model in enumerate(self.models):
            for feature, weight in model.weights.items():
                self.by_feature.setdefault(feature, []).append((i, weight))

    @property
    def techniques(self) -> list[str]:
        return [m.technique for m in self.models]

    def score(self, feats: Features) -> list[dict[str, Any]]:
        """Per technique above its threshold: probability and the located
        features ranked by weight (evidence)."""
        totals = [m.bias for m in self.models]
        known = []
        for feature in feats:
            weights = self.by_feature.get(feature)
            if weights:
                known.append((feature, weights))
                for i, weight in weights:
                    totals[i] += weight
        out = []
        for i, model in enumerate(self.models):
            probability = _sigmoid(totals[i])
            if probability < model.threshold:
                continue
            ranked = sorted(((w, f) for f, weights in known for j, w in weights if j == i),
                            key=lambda c: (-c[0], c[1]))
            out.append({"technique": model.technique, "probability": probability,
                        "evidence": [(f, w) for w, f in ranked if w > 0]})
        return out


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def model_to_lines(model: FramingModel) -> list[str]:
    lines = [json.dumps({"meta": model.meta}, ensure_ascii=False)]
    for m in model.models:
        lines.append(json.dumps({"technique": m.technique, "bias": round(m.bias, 4),
                                 "threshold": round(m.threshold, 4),
                                 "weights": {f: round(w, 4) for f, w in sorted(m.weights.items())}},
                                ensure_ascii=False))
    return lines


def load_model(path: Path = MODEL_PATH) -> FramingModel:
    meta: dict[str, Any] = {}
    models = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            if "meta" in row:
                meta = row["meta"]
                continue
            models.append(TechniqueModel(row["technique"], float(row["bias"]),
                                         float(row["threshold"]),
                                         {f: float(w) for f, w in row["weights"].items()}))
    return FramingModel(models, meta)


@lru_cache(maxsize=1)
def default_model() -> FramingModel:
    return load_model()


def lexicon_hits(doc: Doc) -> list[tuple[Any, int, int]]:
    """(cue, start_char, end_char) hits of the active lexicon (framing.py)."""
    from .framing import matcher_for
    return matcher_for(doc.vocab).find(doc)


def hand_cue_hits(hits: Iterable[tuple[Any, int, int]]) -> list[tuple[str, int, int]]:
    """The hand-written cues among ``hits``: the model's ``cue:`` features
    (mined cues are n-grams, which the model sees directly)."""
    return [(c.technique, s, e) for c, s, e in hits if c.origin == "hand"]


def doc_features(doc: Doc, hits: list | None = None) -> list[tuple[tuple[int, int], Features]]:
    """((sentence_start_char, sentence_end_char), features) per sentence."""
    cues = hand_cue_hits(lexicon_hits(doc) if hits is None else hits)
    out = []
    for k, (start, end) in enumerate(sentence_units(doc)):
        span = doc[start:end]
        text = span.text
        lead = len(text) - len(text.lstrip())
        bounds = (span.start_char + lead, span.start_char + len(text.rstrip()))
        out.append((bounds, sentence_features(doc, start, end, first=k == 0, cue_hits=cues)))
    return out


def _is_wordy(feature: str) -> bool:
    """An n-gram a reader can see as the cue: words only, no function word at an edge."""
    if not feature.startswith("w:"):
        return False
    words = feature[2:].split()
    return (all(any(ch.isalpha() for ch in w) for w in words)
            and words[0] not in STOP_WORDS and words[-1] not in STOP_WORDS)


def _label(feature: str) -> str:
    return feature[2:] if feature.startswith("w:") else feature


def predict_framing(doc: Doc, model: FramingModel | None = None) -> list[dict[str, Any]]:
    """Hits for the (sentence, technique) pairs the model flags; see docs/framing.md.

    The span of a flagged pair is where it can be read: every lexicon cue of
    the technique in the sentence (the lexicon is mined for where PTC
    annotators put spans), else the word n-gram that raised the score most.
    A pair with neither (only signals such as length) is dropped."""
    model = model or default_model()
    text = doc.text
    hits = lexicon_hits(doc)
    out = []
    for (s_start, s_end), feats in doc_features(doc, hits):
        for flagged in model.score(feats):
            technique = flagged["technique"]
            located: list[tuple[str, tuple[int, int]]] = [
                (f"cue:{c.origin}:{c.key}", (s, e)) for c, s, e in hits
                if c.technique == technique and s_start <= s < s_end]
            if not located:
                ranked = [f for f, _ in flagged["evidence"] if feats.get(f)]
                best = next((f for f in ranked if _is_wordy(f)), None)
                best = best or next((f for f in ranked if f.startswith(("w:", "cue:"))), None)
                if best is None:
                    # Signals alone (length, "!", first sentence) say nothing a
                    # reader could check: no hit.  Foreign-language text ends here.
                    continue
                located = [(best, feats[best])]
            evidence = [_label(f) for f, _ in flagged["evidence"][:3]]
            for feature, (start, end) in located:
                out.append({
                    "technique": technique, "start": start, "end": end,
                    "text": text[start:end],
                    "sentence_start": s_start, "sentence_end": s_end,
                    "rule": f"framing:{technique}:model:{_label(feature)}",
                    "score": round(flagged["probability"], 3),
                    "evidence": evidence,
                })
    out.sort(key=lambda h: (h["start"], h["technique"]))
    return out
