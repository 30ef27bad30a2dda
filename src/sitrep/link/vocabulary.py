"""Text similarity of two reports, weighted by how rare the shared words are.

"Qamishli", "convoy" or "sarin" shared by two reports says more than
"killed" or "Syria"; inverse document frequency over the reports being
linked gives that weight without a hand-made stop list. A report's words
are those of its evidence sentence, plus its article's title and opening
words for the article's main event, plus its event type and place as pseudo-words.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from .knowledge import fold_name
from .records import Report

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def report_words(r: Report) -> frozenset[str]:
    text = r.evidence or ""
    if r.salience == "main":
        text = f"{r.title or ''} {r.lead} {text}"
    words = {w.lower() for w in _WORD.findall(text)}
    # The type and the place join the words, so agreeing on a rare type (a chemical attack) or a
    # rare place (a small town) weighs more than agreeing on an air strike in Aleppo.
    words.add("@type:" + r.type)
    if r.place:
        words.add("@place:" + fold_name(r.place))
    return frozenset(words)


class Vocabulary:
    def __init__(self, reports: list[Report]) -> None:
        self.words = [report_words(r) for r in reports]
        self._index = {id(r): i for i, r in enumerate(reports)}
        self.df = df = Counter(w for ws in self.words for w in ws)
        n = max(len(reports), 1)
        self.idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
        self.norm = [math.sqrt(sum(self.idf[w] ** 2 for w in ws)) for ws in self.words]

    def similarity(self, a: Report, b: Report) -> float:
        """Cosine of the two reports' idf-weighted word sets, 0..1."""
        i, j = self._index[id(a)], self._index[id(b)]
        if not self.norm[i] or not self.norm[j]:
            return 0.0
        shared = self.words[i] & self.words[j]
        return sum(self.idf[w] ** 2 for w in shared) / (self.norm[i] * self.norm[j])


    def rare_words(self, r: Report, k: int, max_share: float) -> set[str]:
        """Up to k of the report's rarest words that some other report shares (blocking keys);
        words of more than ``max_share`` of all reports are never keys."""
        i = self._index[id(r)]
        limit = max(3, max_share * len(self.words))
        usable = [w for w in self.words[i] if not w.startswith("@") and 2 <= self.df[w] <= limit]
        return set(sorted(usable, key=lambda w: (-self.idf[w], w))[:k])
