"""Framing signals: loaded language, labelling, whataboutism, doubt and kin.

The component ``framing`` marks cue words and phrases from
``data/framing_lexicon.jsonl`` — mined from the build split of the
Propaganda Techniques Corpus (Da San Martino et al. 2019/2020) by
``scripts/build_framing_lexicon.py``, plus hand-written cues — and fills
``Article.framing`` with one dict per hit::

    {"technique": "doubt", "start": 120, "end": 129, "text": "so-called",
     "sentence_start": 98, "sentence_end": 171,
     "rule": "framing:doubt:hand:so-called", "score": 0.105}

The registered component runs the sentence model of ``framing_model.py``
(``data/framing_model.jsonl``), which uses these cues as features and to
place its spans; ``find_framing`` below is the lexicon alone (the fallback
without a model file, and the baseline in ``bench/framing_eval.py``).

A hit is a signal that a sentence *may* use the technique, not a verdict;
``score`` is the cue's precision on the PTC build split (how often the cue
sat inside a gold span of that technique), smoothed for rare cues (see
docs/framing.md).  ``framing_summary`` aggregates hits per outlet or any group.

Cost: one PhraseMatcher and one small Matcher pass over the tokens, built
once per vocabulary per process.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..registry import components

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "framing_lexicon.jsonl"

TECHNIQUES = (
    "loaded_language", "name_calling", "whataboutism", "doubt",
    "appeal_to_fear", "exaggeration_minimisation", "flag_waving",
)


@dataclass(frozen=True)
class Cue:
    """One lexicon line: a phrase (str) or a spaCy token pattern (list)."""

    technique: str
    pattern: str | tuple
    origin: str          # "ptc-build" (mined) or "hand"
    score: float         # precision on the PTC build split, smoothed
    source: str = ""
    # Hand cues the build split contradicts stay in the file, switched off.
    active: bool = True

    @property
    def key(self) -> str:
        if isinstance(self.pattern, str):
            return self.pattern
        return json.dumps(_thaw(self.pattern), separators=(",", ":"))

    @property
    def rule(self) -> str:
        return f"framing:{self.technique}:{self.origin}:{self.key}"


def _freeze(value: Any) -> Any:
    """JSON token patterns -> hashable tuples (Cue is frozen and cached)."""
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple) and value and all(
            isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) for v in value):
        return {k: _thaw(v) for k, v in value}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def cue_from_json(row: Mapping[str, Any]) -> Cue:
    technique = row["technique"]
    if technique not in TECHNIQUES:
        raise ValueError(f"framing lexicon: unknown technique {technique!r}")
    pattern = row["pattern"]
    return Cue(technique, pattern if isinstance(pattern, str) else _freeze(pattern),
               row.get("origin", "hand"), float(row.get("score", 0.5)), row.get("source", ""),
               bool(row.get("active", True)))


def cue_to_json(cue: Cue, **extra: Any) -> dict[str, Any]:
    pattern = cue.pattern if isinstance(cue.pattern, str) else _thaw(cue.pattern)
    row = {"technique": cue.technique, "pattern": pattern, "origin": cue.origin,
           "score": round(cue.score, 3), "source": cue.source, **extra}
    if not cue.active:
        row["active"] = False
    return row


def load_cues(path: Path = LEXICON_PATH, include_inactive: bool = False) -> list[Cue]:
    cues = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                cue = cue_from_json(json.loads(line))
            except (ValueError, KeyError) as exc:
                raise ValueError(f"{path}:{number}: {exc}") from None
            if cue.active or include_inactive:
                cues.append(cue)
    return cues


class CueMatcher:
    """All cues of a lexicon compiled for one vocabulary."""

    def __init__(self, cues: Iterable[Cue], vocab: Vocab) -> None:
        self.cues: dict[str, Cue] = {}
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.tokens = Matcher(vocab)
        # Phrase patterns are tokenized exactly as articles are (English
        # defaults; en_core_web_sm does not change the tokenizer).
        tokenizer = spacy.blank("en", vocab=vocab).tokenizer
        for cue in cues:
            match_id = cue.rule
            if match_id in self.cues:
                continue
            self.cues[match_id] = cue
            if isinstance(cue.pattern, str):
                self.phrases.add(match_id, [tokenizer(cue.pattern)])
            else:
                self.tokens.add(match_id, [_thaw(cue.pattern)])

    def find(self, doc: Doc, resolve_overlaps: bool = True) -> list[tuple[Cue, int, int]]:
        """(cue, start_char, end_char) hits; where cues of one technique
        overlap, the longest (then highest-scoring) wins unless
        ``resolve_overlaps`` is False (the lexicon builder counts every cue)."""
        strings = doc.vocab.strings
        raw = [(self.cues[strings[m]], s, e) for m, s, e in self.phrases(doc)]
        if len(self.tokens):
            raw += [(self.cues[strings[m]], s, e) for m, s, e in self.tokens(doc)]
        if not resolve_overlaps:
            return [(cue, doc[s:e].start_char, doc[s:e].end_char) for cue, s, e in raw]
        raw.sort(key=lambda h: (-(h[2] - h[1]), -h[0].score, h[1]))
        named = doc.has_annotation("ENT_IOB")
        taken: dict[str, list[tuple[int, int]]] = {}
        hits = []
        for cue, start, end in raw:
            # Cues match case-blind; inside a name they are part of the name
            # ("Ahrar al-Sham" is no sham, "Brave Heart" no praise).
            if named and all(t.ent_type for t in doc[start:end]):
                continue
            spans = taken.setdefault(cue.technique, [])
            if any(start < e and s < end for s, e in spans):
                continue
            spans.append((start, end))
            span = doc[start:end]
            hits.append((cue, span.start_char, span.end_char))
        hits.sort(key=lambda h: (h[1], h[0].technique))
        return hits


@lru_cache(maxsize=1)
def default_cues() -> tuple[Cue, ...]:
    return tuple(load_cues())


# Keyed by vocabulary: one pipeline per process normally means one entry.
_MATCHERS: dict[int, tuple[Vocab, CueMatcher]] = {}


def matcher_for(vocab: Vocab) -> CueMatcher:
    entry = _MATCHERS.get(id(vocab))
    if entry is None or entry[0] is not vocab:
        entry = (vocab, CueMatcher(default_cues(), vocab))
        _MATCHERS[id(vocab)] = entry
    return entry[1]


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    if doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    return [(0, len(doc.text))] if len(doc) else []


def find_framing(doc: Doc, matcher: CueMatcher | None = None) -> list[dict[str, Any]]:
    matcher = matcher or matcher_for(doc.vocab)
    bounds = _sentence_bounds(doc)
    text = doc.text  # Doc.text joins every token on each access
    out, i = [], 0
    for cue, start, end in matcher.find(doc):  # hits come sorted by start
        while i + 1 < len(bounds) and bounds[i][1] <= start:
            i += 1
        out.append({
            "technique": cue.technique, "start": start, "end": end,
            "text": text[start:end],
            "sentence_start": bounds[i][0], "sentence_end": bounds[i][1],
            "rule": cue.rule, "score": round(cue.score, 3),
        })
    return out


@components.register("framing")
def extract_framing(article, doc) -> None:
    # The trained sentence model (framing_model.py) when shipped; the cue
    # lexicon alone otherwise.
    from .framing_model import MODEL_PATH, predict_framing
    if article.language and not article.language.lower().startswith("en"):
        # Cues and weights are English; elsewhere they match by accident.
        article.framing = []
        return
    article.framing = predict_framing(doc) if MODEL_PATH.exists() else find_framing(doc)


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    """Words for the per-1,000-words rate (letters/digits runs, hyphenated kept whole)."""
    return len(_WORD.findall(text))


def framing_summary(framing_lists_by_article: Mapping[str, list[dict]] | Iterable[list[dict]],
                    word_counts: Mapping[str, int] | int | None = None,
                    min_score: float = 0.0) -> dict[str, Any]:
    """Per-technique counts and rates for a group of articles (an outlet, a day).

    ``framing_lists_by_article``: {article_id: article.framing} (or a plain
    iterable of framing lists).  ``word_counts``: {article_id: words} or a
    total; use ``count_words(article.text)``.  Without it the rates are None.
    ``min_score``: ignore hits scored below this — the sentence probability
    for model hits; for lexicon-only hits the cue's precision on PTC (e.g.
    0.1 drops "alleged", which careful outlets use as plain hedging).

    Returns {"articles", "words", "hits", "sentences",
    "techniques": {technique: {"count", "articles", "sentences",
    "per_1000_words", "share_of_articles"}}} — every technique present, zeros
    included, so outlets compare column for column.
    """
    if isinstance(framing_lists_by_article, Mapping):
        items = list(framing_lists_by_article.items())
    else:
        items = list(enumerate(framing_lists_by_article))
    if isinstance(word_counts, Mapping):
        words: int | None = sum(int(word_counts.get(k, 0)) for k, _ in items)
    else:
        words = word_counts
    n_articles = len(items)
    stats = {t: {"count": 0, "articles": 0, "sentences": 0} for t in TECHNIQUES}
    all_sentences = 0
    for key, hits in items:
        seen_sentences: set[tuple[Any, ...]] = set()
        by_technique: dict[str, set[tuple[Any, ...]]] = {}
        for hit in hits or []:
            if hit.get("score", 1.0) < min_score:
                continue
            technique = hit["technique"]
            stats.setdefault(technique, {"count": 0, "articles": 0, "sentences": 0})
            stats[technique]["count"] += 1
            sentence = (hit.get("sentence_start"), hit.get("sentence_end"))
            by_technique.setdefault(technique, set()).add(sentence)
            seen_sentences.add(sentence)
        for technique, sentences in by_technique.items():
            stats[technique]["articles"] += 1
            stats[technique]["sentences"] += len(sentences)
        all_sentences += len(seen_sentences)
    for entry in stats.values():
        entry["per_1000_words"] = round(1000 * entry["count"] / words, 3) if words else None
        entry["share_of_articles"] = round(entry["articles"] / n_articles, 3) if n_articles else 0.0
    return {
        "articles": n_articles,
        "words": words,
        "hits": sum(e["count"] for e in stats.values()),
        "sentences": all_sentences,
        "techniques": stats,
    }
