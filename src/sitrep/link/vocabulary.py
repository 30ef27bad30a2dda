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
# The headline plus about the first paragraph: the part of a news story that states the incident.
HEADLINE_CHARS = 300


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


def headline_words(r: Report) -> frozenset[str]:
    """Words of the article's title and first paragraph, for its main events only."""
    if r.salience != "main":
        return frozenset()
    return frozenset(w.lower() for w in _WORD.findall(f"{r.title or ''} {r.lead[:HEADLINE_CHARS]}"))


class Vocabulary:
    def __init__(self, reports: list[Report]) -> None:
        self.words = [report_words(r) for r in reports]
        self._index = {id(r): i for i, r in enumerate(reports)}
        self.df = df = Counter(w for ws in self.words for w in ws)
        n = max(len(reports), 1)
        self.idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
        self.norm = [math.sqrt(sum(self.idf[w] ** 2 for w in ws)) for ws in self.words]
        self.headlines = [headline_words(r) for r in reports]
        # Headline words counted once per article: a blocking key must be shared by two articles.
        seen_articles: dict[str, frozenset[str]] = {}
        for r, ws in zip(reports, self.headlines):
            if ws:
                seen_articles[r.article_id] = seen_articles.get(r.article_id, frozenset()) | ws
        self.headline_df = Counter(w for ws in seen_articles.values() for w in ws)
        self.articles = max(len(seen_articles), 1)
        self.headline_norm = [math.sqrt(sum(self.idf.get(w, 0.0) ** 2 for w in ws)) for ws in self.headlines]

    def similarity(self, a: Report, b: Report) -> float:
        """Cosine of the two reports' idf-weighted word sets, 0..1."""
        i, j = self._index[id(a)], self._index[id(b)]
        if not self.norm[i] or not self.norm[j]:
            return 0.0
        shared = self.words[i] & self.words[j]
        return sum(self.idf[w] ** 2 for w in shared) / (self.norm[i] * self.norm[j])

    def headline_similarity(self, a: Report, b: Report) -> float:
        """Cosine of the idf-weighted words of two main reports' headlines and first paragraphs, 0..1
        (0 when either is not a main report)."""
        i, j = self._index[id(a)], self._index[id(b)]
        if not self.headline_norm[i] or not self.headline_norm[j]:
            return 0.0
        shared = self.headlines[i] & self.headlines[j]
        return sum(self.idf.get(w, 0.0) ** 2 for w in shared) / (self.headline_norm[i] * self.headline_norm[j])

    def rare_words(self, r: Report, k: int, max_share: float) -> set[str]:
        """Up to k of the report's rarest words that some other report shares (blocking keys);
        words of more than ``max_share`` of all reports are never keys."""
        i = self._index[id(r)]
        limit = max(3, max_share * len(self.words))
        usable = [w for w in self.words[i] if not w.startswith("@") and 2 <= self.df[w] <= limit]
        return set(sorted(usable, key=lambda w: (-self.idf[w], w))[:k])

    def headline_keys(self, r: Report, k: int, max_share: float) -> set[str]:
        """Up to k of the rarest words of a main report's headline and first paragraph that
        another article's headline shares; words of more than ``max_share`` of the articles'
        headlines ("killed", "Syria") are never keys, which caps the size of every block."""
        i = self._index[id(r)]
        limit = max(3, max_share * self.articles)
        usable = [w for w in self.headlines[i] if 2 <= self.headline_df[w] <= limit]
        return set(sorted(usable, key=lambda w: (self.headline_df[w], w))[:k])
