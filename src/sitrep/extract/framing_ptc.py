"""The Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11) as the
framing component sees it: articles, gold spans mapped to sitrep technique
names, a fixed build/evaluation split, and the two scores used to measure
``framing`` (sentence level and span overlap).

Used by ``scripts/build_framing_lexicon.py`` (build split only),
``bench/framing_eval.py`` (evaluation split only) and the tests. The corpus
itself is never shipped; only cue words derived from the build split are.

Cite: G. Da San Martino et al., "Fine-Grained Analysis of Propaganda in News
Articles", EMNLP 2019; and SemEval-2020 Task 11 (Da San Martino et al. 2020).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

# PTC label -> sitrep technique.  PTC merges whataboutism with straw men and
# red herring; we keep the merged class under the name analysts search for.
PTC_TECHNIQUES = {
    "Loaded_Language": "loaded_language",
    "Name_Calling,Labeling": "name_calling",
    "Whataboutism,Straw_Men,Red_Herring": "whataboutism",
    "Doubt": "doubt",
    "Appeal_to_fear-prejudice": "appeal_to_fear",
    "Exaggeration,Minimisation": "exaggeration_minimisation",
    "Flag-Waving": "flag_waving",
}
TECHNIQUES = tuple(PTC_TECHNIQUES.values())

# 60 of the 300 training articles are held out for evaluation.  The split is
# by a hash of the article id, so it is fixed, needs no file, and does not
# follow the id order (ids were assigned in batches per source).
EVAL_SHARE = 60


@dataclass
class PTCArticle:
    id: str
    text: str
    # (technique, start, end) with sitrep technique names; other PTC
    # techniques (repetition, slogans, ...) are dropped.
    spans: list[tuple[str, int, int]] = field(default_factory=list)

    def lines(self) -> list[tuple[int, int]]:
        """Non-empty lines as (start, end): PTC stores one sentence a line."""
        out, pos = [], 0
        for line in self.text.split("\n"):
            if line.strip():
                out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out


def default_root() -> Path:
    """$SITREP_PTC, else ``shared/corpus/ptc`` beside the repository checkout."""
    if os.environ.get("SITREP_PTC"):
        return Path(os.environ["SITREP_PTC"])
    # src/sitrep/extract/framing_ptc.py -> repository root -> its parent
    return Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "ptc"


def load_ptc(root: Path | None = None) -> list[PTCArticle]:
    root = Path(root) if root else default_root()
    articles: dict[str, PTCArticle] = {}
    for path in sorted((root / "train-articles").glob("article*.txt")):
        art_id = path.stem.removeprefix("article")
        articles[art_id] = PTCArticle(art_id, path.read_text(encoding="utf-8"))
    with open(root / "train-task2-TC.labels", encoding="utf-8") as labels:
        for row in labels:
            parts = row.rstrip("\n").split("\t")
            if len(parts) != 4 or parts[0] not in articles:
                continue
            technique = PTC_TECHNIQUES.get(parts[1])
            if technique:
                articles[parts[0]].spans.append((technique, int(parts[2]), int(parts[3])))
    return [articles[k] for k in sorted(articles)]


def _split_key(art_id: str) -> str:
    return hashlib.sha1(f"ptc-split:{art_id}".encode()).hexdigest()


def split_ptc(articles: list[PTCArticle]) -> tuple[list[PTCArticle], list[PTCArticle]]:
    """(build, evaluation): the EVAL_SHARE articles with the lowest hash are evaluation."""
    ordered = sorted(articles, key=lambda a: _split_key(a.id))
    eval_ids = {a.id for a in ordered[:EVAL_SHARE]}
    build = [a for a in articles if a.id not in eval_ids]
    held = [a for a in articles if a.id in eval_ids]
    return build, held


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def sentence_counts(article: PTCArticle, predicted: Iterable[tuple[str, int, int]],
                    techniques: Iterable[str] = TECHNIQUES) -> dict[str, Counts]:
    """Per technique, counts over the article's lines: a line is positive when
    a span of that technique (gold or predicted) overlaps it."""
    predicted = list(predicted)
    out = {}
    lines = article.lines()
    for technique in techniques:
        gold_spans = [(s, e) for t, s, e in article.spans if t == technique]
        pred_spans = [(s, e) for t, s, e in predicted if t == technique]
        c = Counts()
        for ls, le in lines:
            g = any(_overlaps(ls, le, s, e) for s, e in gold_spans)
            p = any(_overlaps(ls, le, s, e) for s, e in pred_spans)
            c.tp += g and p
            c.fp += p and not g
            c.fn += g and not p
        out[technique] = c
    return out


@dataclass
class SpanScore:
    """Span-overlap score: a predicted span is right when it overlaps a gold
    span of its technique (precision); a gold span is found when a predicted
    span overlaps it (recall).  Kept as two sides because one predicted span
    may overlap several gold spans and the other way round."""

    pred_ok: int = 0
    pred_all: int = 0
    gold_found: int = 0
    gold_all: int = 0

    def add(self, predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> None:
        self.pred_all += len(predicted)
        self.pred_ok += sum(any(_overlaps(ps, pe, s, e) for s, e in gold) for ps, pe in predicted)
        self.gold_all += len(gold)
        self.gold_found += sum(any(_overlaps(gs, ge, s, e) for s, e in predicted) for gs, ge in gold)

    @property
    def precision(self) -> float:
        return self.pred_ok / self.pred_all if self.pred_all else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold_all if self.gold_all else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
