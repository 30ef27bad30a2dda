"""Build src/sitrep/data/framing_lexicon.jsonl from the PTC build split.

    .venv/bin/python scripts/build_framing_lexicon.py [--ptc DIR] [--out FILE]

Reproducible: the same corpus gives the same file.  Steps:

1. Load the Propaganda Techniques Corpus (Da San Martino et al. 2019/2020)
   and keep only its *build* split (``split_ptc``); the 60 evaluation
   articles are never read here.
2. Mine token n-grams (1-3 tokens, lower-cased) and count, per technique,
   how often an occurrence overlaps a gold span of that technique.
   A cue's score is hits / (occurrences + 2): its precision, pulled towards
   zero when it is rare.
3. Choose, per technique, the minimum score and the minimum number of
   distinct articles a cue must be found in, by line-level F1 on a 60-article
   tuning part of the build split (cues mined from the other 180).
4. Mine again on all 240 build articles with the chosen settings.
5. Drop mined cues that are routine vocabulary in conflict reporting: more
   common (by share of articles) in the unlabelled FA-KES texts than in PTC.
6. Keep the hand-written cues already in the lexicon (origin "hand"),
   re-scoring them on the build split; write hand cues then mined cues.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import defaultdict
from itertools import accumulate
from pathlib import Path

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import PhraseMatcher

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.extract.framing import (  # noqa: E402
    LEXICON_PATH, TECHNIQUES, Cue, CueMatcher, cue_to_json, load_cues,
)
from sitrep.extract.framing_ptc import (  # noqa: E402
    Counts, PTCArticle, default_root, load_ptc, sentence_counts, split_ptc,
)

MAX_N = 3
MIN_HITS = 3
SMOOTHING = 2
# A mined cue must be right at least one time in five on the build split: below
# that, words like "story" or "knows" would flag doubt in every article.
SCORE_GRID = [round(0.2 + 0.05 * i, 2) for i in range(11)]   # 0.20 .. 0.70
# A cue must sit inside the technique's spans in at least this many build
# articles; below 3, quotes repeated across articles on one story slip in.
ARTICLE_GRID = [3, 4, 5]
# Tokens written with a capital inside a sentence this often are names
# (people, parties, places): topical, so they do not generalise.
NAME_SHARE = 0.8
# A longer n-gram is kept only when it beats every selected part of it by this.
LONGER_GAIN = 0.05
# Unlabelled conflict reporting (FA-KES texts, CC BY 4.0) as a domain reference:
# a mined cue found in a larger share of its articles than of PTC's, times this
# ratio, is routine war vocabulary there ("explosive", "destruction") and its
# PTC meaning does not carry over.
DOMAIN_RATIO = 1.5
TUNE_SHARE = 60
# A hand cue is switched off (kept in the file, "active": false) when the build
# split shows it often and almost never inside a span of its technique.
HAND_MIN_EVIDENCE = 10
HAND_MIN_PRECISION = 0.05


def tune_split(build: list[PTCArticle]) -> tuple[list[PTCArticle], list[PTCArticle]]:
    key = lambda a: hashlib.sha1(f"ptc-tune:{a.id}".encode()).hexdigest()  # noqa: E731
    tune_ids = {a.id for a in sorted(build, key=key)[:TUNE_SHARE]}
    return [a for a in build if a.id not in tune_ids], [a for a in build if a.id in tune_ids]


def _is_content(token) -> bool:
    return not (token.is_space or token.is_punct or token.like_num
                or any(ch.isdigit() for ch in token.text) or "\n" in token.text)


def _coverage(article: PTCArticle) -> dict[str, list[int]]:
    """Per technique, prefix sums over characters covered by its gold spans."""
    out = {}
    for technique in TECHNIQUES:
        mask = [0] * (len(article.text) + 1)
        for t, s, e in article.spans:
            if t == technique:
                for i in range(max(0, s), min(e, len(article.text))):
                    mask[i] = 1
        out[technique] = [0] + list(accumulate(mask))
    return out


_SENTENCE_OPENERS = {".", "!", "?", ":", '"', "“", "‘", "'", "(", "-", "—", "–"}


def name_like_tokens(docs) -> set[str]:
    """Lower-cased tokens capitalised in >= NAME_SHARE of their mid-sentence uses."""
    capital, seen = defaultdict(int), defaultdict(int)
    for doc in docs:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if not token.is_alpha or previous.is_space or previous.text in _SENTENCE_OPENERS:
                continue
            seen[token.lower_] += 1
            capital[token.lower_] += token.text[0].isupper()
    return {t for t, n in seen.items() if capital[t] >= NAME_SHARE * n}


def mine(articles: list[PTCArticle], tokenizer) -> dict[str, dict]:
    """n-gram -> {"total", "docs", "hits": {technique: n}, "hit_docs": {technique: set}}."""
    stats: dict[str, dict] = defaultdict(lambda: {"total": 0, "docs": set(),
                                                  "hits": defaultdict(int),
                                                  "hit_docs": defaultdict(set)})
    docs = [tokenizer(article.text) for article in articles]
    names = name_like_tokens(docs)
    for article, doc in zip(articles, docs):
        covered = _coverage(article)
        for i in range(len(doc)):
            for n in range(1, MAX_N + 1):
                span = doc[i:i + n]
                if len(span) < n or not (_is_content(span[0]) and _is_content(span[-1])):
                    continue
                if any(t.is_space or "\n" in t.text or any(c.isdigit() for c in t.text) for t in span):
                    continue
                # Function words at either edge add nothing a shorter cue lacks.
                if span[0].lower_ in STOP_WORDS or span[-1].lower_ in STOP_WORDS:
                    continue
                if any(t.lower_ in names for t in span):
                    continue
                key = span.text.lower()
                entry = stats[key]
                entry["total"] += 1
                entry["docs"].add(article.id)
                start, end = span.start_char, span.end_char
                for technique, prefix in covered.items():
                    if prefix[end] - prefix[start] > 0:
                        entry["hits"][technique] += 1
                        entry["hit_docs"][technique].add(article.id)
    return stats


def load_domain_texts(path: Path | None) -> list[str]:
    if path is None or not path.exists():
        print(f"no domain reference at {path}: routine-vocabulary filter off", file=sys.stderr)
        return []
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as rows:
        return [row["article_content"] for row in csv.DictReader(rows)]


def mark_routine(stats: dict[str, dict], n_articles: int, domain_docs: list, tokenizer) -> None:
    """Set entry["domain_df"] and entry["routine"] on every candidate cue."""
    if not domain_docs:
        return
    candidates = [k for k, e in stats.items() if max(e["hits"].values(), default=0) >= MIN_HITS]
    matcher = PhraseMatcher(tokenizer.vocab, attr="LOWER")
    for key in candidates:
        matcher.add(key, [tokenizer(key)])
    seen: dict[str, int] = defaultdict(int)
    for doc in domain_docs:
        for key in {tokenizer.vocab.strings[m] for m, _, _ in matcher(doc)}:
            seen[key] += 1
    for key in candidates:
        entry = stats[key]
        entry["domain_df"] = seen[key] / len(domain_docs)
        ptc_df = len(entry["docs"]) / n_articles
        entry["routine"] = entry["domain_df"] > 0 and entry["domain_df"] >= DOMAIN_RATIO * ptc_df


def score(hits: int, total: int) -> float:
    return hits / (total + SMOOTHING)


def select(stats: dict[str, dict], technique: str, min_score: float,
           min_articles: int) -> list[Cue]:
    cues = []
    for key, entry in stats.items():
        hits = entry["hits"].get(technique, 0)
        if hits < MIN_HITS or len(entry["hit_docs"].get(technique, ())) < min_articles:
            continue
        if entry.get("routine"):
            continue
        s = score(hits, entry["total"])
        if s >= min_score:
            cues.append(Cue(technique, key, "ptc-build", s,
                            f"PTC build split: {hits}/{entry['total']} occurrences in "
                            f"{len(entry['hit_docs'][technique])} articles"
                            + (f"; FA-KES df {entry['domain_df']:.3f}" if "domain_df" in entry else "")))
    return drop_redundant(cues)


def drop_redundant(cues: list[Cue]) -> list[Cue]:
    """Drop an n-gram when a selected shorter cue inside it scores nearly as well."""
    by_pattern = {c.pattern: c for c in cues}
    kept = []
    for cue in cues:
        words = cue.pattern.split()
        parts = {" ".join(words[i:j]) for i in range(len(words))
                 for j in range(i + 1, len(words) + 1)} - {cue.pattern}
        if any(p in by_pattern and by_pattern[p].score + LONGER_GAIN >= cue.score for p in parts):
            continue
        kept.append(cue)
    return kept


def predict(cues: list[Cue], articles: list[PTCArticle], tokenizer) -> dict[str, list]:
    matcher = CueMatcher(cues, tokenizer.vocab)
    return {a.id: [(c.technique, s, e) for c, s, e in matcher.find(tokenizer(a.text))]
            for a in articles}


def line_f1(predicted: dict[str, list], articles: list[PTCArticle], technique: str) -> Counts:
    total = Counts()
    for article in articles:
        total.add(sentence_counts(article, predicted[article.id], [technique])[technique])
    return total


def tune(stats, tune_part, hand: list[Cue], tokenizer) -> dict[str, tuple[float, int]]:
    chosen = {}
    for technique in TECHNIQUES:
        best = None
        hand_t = [c for c in hand if c.technique == technique]
        for min_articles in ARTICLE_GRID:
            for min_score in SCORE_GRID:
                cues = select(stats, technique, min_score, min_articles) + hand_t
                counts = line_f1(predict(cues, tune_part, tokenizer), tune_part, technique)
                # Ties go to the stricter setting (fewer, surer cues).
                candidate = (round(counts.f1, 4), min_score, min_articles)
                if best is None or candidate > best[0]:
                    best = (candidate, counts)
        (f1, min_score, min_articles), counts = best
        print(f"  {technique:27s} min_score={min_score:.2f} min_articles={min_articles} "
              f"tune P={counts.precision:.2f} R={counts.recall:.2f} F1={f1:.2f}", file=sys.stderr)
        chosen[technique] = (min_score, min_articles)
    return chosen


def rescore_hand(hand: list[Cue], build: list[PTCArticle], tokenizer) -> list[tuple[Cue, dict]]:
    """Hand cues keep their pattern; their score becomes their build-split
    precision, and strong contrary evidence switches them off."""
    matcher = CueMatcher(hand, tokenizer.vocab)
    hits, totals = defaultdict(int), defaultdict(int)
    for article in build:
        covered = _coverage(article)
        for cue, s, e in matcher.find(tokenizer(article.text), resolve_overlaps=False):
            totals[cue.rule] += 1
            hits[cue.rule] += covered[cue.technique][e] - covered[cue.technique][s] > 0
    out = []
    for cue in hand:
        total = totals[cue.rule]
        # Someone judged the cue a signal, so it starts at an even chance
        # (Laplace): unseen in PTC -> 0.5; 1 in 17 -> 0.11.
        new_score = (hits[cue.rule] + 1) / (total + 2)
        active = not (total >= HAND_MIN_EVIDENCE and hits[cue.rule] / total < HAND_MIN_PRECISION)
        out.append((Cue(cue.technique, cue.pattern, "hand", new_score, cue.source, active),
                    {"ptc_build": f"{hits[cue.rule]}/{total}"}))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=default_root())
    parser.add_argument("--out", type=Path, default=LEXICON_PATH)
    parser.add_argument("--domain", type=Path,
                        default=default_root().parent / "fakes" / "fakes_dev.csv",
                        help="CSV with an article_content column: unlabelled conflict reporting")
    args = parser.parse_args(argv)

    tokenizer = spacy.blank("en").tokenizer
    build, _held_out = split_ptc(load_ptc(args.ptc))
    hand = ([c for c in load_cues(args.out, include_inactive=True) if c.origin == "hand"]
            if args.out.exists() else [])
    print(f"build split: {len(build)} articles; {len(hand)} hand cues", file=sys.stderr)

    domain_docs = list(tokenizer.pipe(load_domain_texts(args.domain)))
    mine_part, tune_part = tune_split(build)
    # Tuning sees the hand cues as they will ship: switched off where the
    # build evidence says so (rescore_hand reads only build articles).
    hand = [c for c, _ in rescore_hand(hand, build, tokenizer)]
    tune_stats = mine(mine_part, tokenizer)
    mark_routine(tune_stats, len(mine_part), domain_docs, tokenizer)
    chosen = tune(tune_stats, tune_part,
                  [c for c in hand if c.active], tokenizer)

    stats = mine(build, tokenizer)
    mark_routine(stats, len(build), domain_docs, tokenizer)
    routine = sorted(k for k, e in stats.items() if e.get("routine"))
    print(f"  routine in the domain reference, not mined: {routine}", file=sys.stderr)
    mined = []
    for technique in TECHNIQUES:
        min_score, min_articles = chosen[technique]
        hand_patterns = {c.pattern for c in hand if c.technique == technique}
        cues = [c for c in select(stats, technique, min_score, min_articles)
                if c.pattern not in hand_patterns]
        mined += sorted(cues, key=lambda c: (-c.score, c.pattern))
    hand_lines = rescore_hand(hand, build, tokenizer)
    for cue, extra in hand_lines:
        if not cue.active:
            print(f"  hand cue off: {cue.technique} {cue.key} ({extra['ptc_build']})", file=sys.stderr)

    with open(args.out, "w", encoding="utf-8") as out:
        for cue, extra in hand_lines:
            out.write(json.dumps(cue_to_json(cue, **extra), ensure_ascii=False) + "\n")
        for cue in mined:
            out.write(json.dumps(cue_to_json(cue), ensure_ascii=False) + "\n")
    counts = {t: sum(c.technique == t for c in mined) for t in TECHNIQUES}
    print(f"wrote {args.out}: {len(hand_lines)} hand + {len(mined)} mined cues {counts}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
