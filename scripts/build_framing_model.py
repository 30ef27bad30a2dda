"""Train src/sitrep/data/framing_model.jsonl from the PTC build split.

    .venv/bin/python scripts/build_framing_model.py [--ptc DIR] [--out FILE] [--cache DIR]

Needs scikit-learn (build time only; ``sitrep`` runs the model in pure Python).
Deterministic: the same corpus and versions give the same file.  Steps:

1. Load the Propaganda Techniques Corpus (Da San Martino et al. 2019/2020) and
   keep its *build* split (``split_ptc``, 240 articles); the 60 evaluation
   articles are never read here.
2. Parse each article with the sitrep pipeline (``sitrep.analyze.nlp``), cut
   it into the sentences the component scores (``sentence_units``) and build
   each sentence's features (``sentence_features``).  A sentence is positive
   for a technique when a gold span of it overlaps the sentence.
3. Drop n-grams that are routine vocabulary in conflict reporting: found in
   a share of the unlabelled FA-KES articles (``--domain``) at least
   DOMAIN_RATIO times their share of build articles ("killed", "forces").
   In PTC they sit inside loaded-language spans; in war news they are the
   news.  Every DOMAIN_CHECK_EVERY-th FA-KES row is left out, so that
   ``bench/framing_eval.py`` can measure the detection rate on conflict news
   the build never saw.
4. Per technique, choose the regularisation C and the decision threshold by
   line-level F1 over out-of-fold probabilities: 5 folds of whole build
   articles, each model trained on the other 4 with the n-gram vocabulary of
   those 4 (an n-gram must occur in >= MIN_ARTICLES articles).
5. Train on all 240 build articles with the chosen C; drop weights below
   MIN_WEIGHT in magnitude; write a meta line and one line per technique.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_framing_lexicon import load_domain_texts  # noqa: E402

from sitrep.extract.framing_model import (  # noqa: E402
    MODEL_PATH, FramingModel, TechniqueModel, hand_cue_hits, lexicon_hits, model_to_lines,
    ngram_keys,
    sentence_features, sentence_units,
)
from sitrep.extract.framing_ptc import (  # noqa: E402
    TECHNIQUES, PTCArticle, default_root, load_ptc, split_ptc,
)

FOLDS = 5
MIN_ARTICLES = 3
C_GRID = [0.05, 0.1, 0.2, 0.5, 1.0]
MIN_WEIGHT = 0.02
F1_TOLERANCE = 0.01
DOMAIN_RATIO = 1.5
DOMAIN_CHECK_EVERY = 10
# Lowest threshold tried: rarer techniques peak there.
MIN_THRESHOLD = 0.04


def fold_of(article_id: str) -> int:
    return int(hashlib.sha1(f"ptc-fold:{article_id}".encode()).hexdigest(), 16) % FOLDS


def parse_build(build: list[PTCArticle], cache: Path | None):
    from spacy.tokens import DocBin
    from sitrep.analyze import nlp
    pipeline = nlp()
    if cache and (cache / "build.spacy").exists():
        docs = list(DocBin().from_disk(cache / "build.spacy").get_docs(pipeline.vocab))
        if [d.text for d in docs] == [a.text for a in build]:
            return docs
    docs = list(pipeline.pipe([a.text for a in build], batch_size=16))
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(cache / "build.spacy")
    return docs


def sentence_rows(article: PTCArticle, doc) -> list[dict]:
    """One row per scored sentence: features, gold labels and the PTC line it
    falls in (F1 is counted on lines, as bench/framing_eval.py does)."""
    cues = hand_cue_hits(lexicon_hits(doc))
    lines = article.lines()
    rows = []
    for k, (start, end) in enumerate(sentence_units(doc)):
        span = doc[start:end]
        s, e = span.start_char, span.end_char
        line = next((i for i, (ls, le) in enumerate(lines) if ls < e and s < le), -1)
        labels = {t for t, gs, ge in article.spans if gs < e and s < ge}
        rows.append({"article": article.id, "line": line, "labels": labels,
                     "features": sentence_features(doc, start, end, first=k == 0, cue_hits=cues)})
    return rows


def domain_rows(path: Path | None) -> list[str]:
    """FA-KES article texts (CC BY 4.0), less the rows kept for the rate check."""
    return [t for i, t in enumerate(load_domain_texts(path)) if i % DOMAIN_CHECK_EVERY]


def routine_ngrams(rows: list[dict], n_articles: int, domain_texts: list[str], tokenizer) -> set[str]:
    """n-gram features more common, by share of articles, in the domain reference."""
    if not domain_texts:
        return set()
    ptc_df: dict[str, set[str]] = {}
    for row in rows:
        for f in row["features"]:
            if f.startswith("w:"):
                ptc_df.setdefault(f, set()).add(row["article"])
    domain_df: dict[str, int] = {}
    for doc in tokenizer.pipe(domain_texts):
        tokens = [t for t in doc if not t.is_space]
        for key in {k for k, _, _ in ngram_keys(tokens)}:
            if key in ptc_df:
                domain_df[key] = domain_df.get(key, 0) + 1
    return {k for k, n in domain_df.items()
            if n / len(domain_texts) >= DOMAIN_RATIO * len(ptc_df[k]) / n_articles}


ROUTINE: set[str] = set()


def vocabulary(rows: list[dict]) -> set[str]:
    """n-grams found in >= MIN_ARTICLES articles and not ROUTINE, plus every cue and signal."""
    seen: dict[str, set[str]] = {}
    for row in rows:
        for f in row["features"]:
            seen.setdefault(f, set()).add(row["article"])
    return {f for f, arts in seen.items()
            if not f.startswith("w:") or (len(arts) >= MIN_ARTICLES and f not in ROUTINE)}


def matrix(rows: list[dict], vocab: set[str], vectorizer: DictVectorizer | None = None):
    dicts = [{f: 1 for f in row["features"] if f in vocab} for row in rows]
    if vectorizer is None:
        vectorizer = DictVectorizer()
        return vectorizer.fit_transform(dicts), vectorizer
    return vectorizer.transform(dicts), vectorizer


def fit(x, y, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    model.fit(x, y)
    return model


def line_f1(rows: list[dict], probs: np.ndarray, technique: str, threshold: float):
    """Line-level (precision, recall, F1): a line is predicted when any of its
    sentences scores >= threshold, gold when any of its sentences is labelled."""
    predicted, gold = set(), set()
    for row, p in zip(rows, probs):
        key = (row["article"], row["line"])
        if p >= threshold:
            predicted.add(key)
        if technique in row["labels"]:
            gold.add(key)
    tp = len(predicted & gold)
    prec = tp / len(predicted) if predicted else 0.0
    rec = tp / len(gold) if gold else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def best_threshold(rows, probs, technique):
    """(F1, threshold, P, R): the highest threshold whose F1 is within
    F1_TOLERANCE of the best (F1 is flat near its peak; fewer, surer flags)."""
    curve = []
    for threshold in np.round(np.arange(MIN_THRESHOLD, 0.9, 0.01), 2):
        p, r, f = line_f1(rows, probs, technique, float(threshold))
        curve.append((f, float(threshold), p, r))
    top = max(f for f, _, _, _ in curve)
    return max((c for c in curve if c[0] >= top - F1_TOLERANCE), key=lambda c: c[1])


def out_of_fold(rows: list[dict]) -> dict[float, dict[str, np.ndarray]]:
    """{C: {technique: probability per row}} from models that never saw the row's article."""
    folds = np.array([fold_of(r["article"]) for r in rows])
    out = {c: {t: np.zeros(len(rows)) for t in TECHNIQUES} for c in C_GRID}
    for k in range(FOLDS):
        train = [r for r, f in zip(rows, folds) if f != k]
        test_idx = np.where(folds == k)[0]
        x_train, vec = matrix(train, vocabulary(train))
        x_test, _ = matrix([rows[i] for i in test_idx], set(vec.vocabulary_), vec)
        for technique in TECHNIQUES:
            y = np.array([technique in r["labels"] for r in train])
            for c in C_GRID:
                out[c][technique][test_idx] = fit(x_train, y, c).predict_proba(x_test)[:, 1]
        print(f"  fold {k + 1}/{FOLDS} done", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=default_root())
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cache", type=Path, default=None,
                        help="keep the parsed build split here (DocBin) between runs")
    parser.add_argument("--domain", type=Path,
                        default=default_root().parent / "fakes" / "fakes_dev.csv",
                        help="CSV with an article_content column: unlabelled conflict reporting")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    build, _held_out = split_ptc(load_ptc(args.ptc))
    docs = parse_build(build, args.cache)
    rows = [row for article, doc in zip(build, docs) for row in sentence_rows(article, doc)]
    print(f"build split: {len(build)} articles, {len(rows)} sentences "
          f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)

    from sitrep.analyze import nlp
    ROUTINE.update(routine_ngrams(rows, len(build), domain_rows(args.domain), nlp().tokenizer))
    print(f"  routine in the domain reference, not used: {len(ROUTINE)} n-grams, e.g. "
          f"{sorted(ROUTINE, key=len)[:25]}", file=sys.stderr)

    oof = out_of_fold(rows)
    chosen = {}
    for technique in TECHNIQUES:
        best = max(((best_threshold(rows, oof[c][technique], technique), c) for c in C_GRID),
                   key=lambda bc: (round(bc[0][0], 4), -bc[1]))
        (f1, threshold, p, r), c = best
        chosen[technique] = (c, threshold, p, r, f1)
        print(f"  {technique:27s} C={c} threshold={threshold:.2f} "
              f"out-of-fold line P={p:.2f} R={r:.2f} F1={f1:.2f}", file=sys.stderr)

    x, vec = matrix(rows, vocabulary(rows))
    names = vec.get_feature_names_out()
    models = []
    for technique in TECHNIQUES:
        c, threshold, p, r, f1 = chosen[technique]
        y = np.array([technique in row["labels"] for row in rows])
        fitted = fit(x, y, c)
        weights = {str(names[j]): float(w) for j, w in enumerate(fitted.coef_[0])
                   if abs(w) >= MIN_WEIGHT}
        models.append(TechniqueModel(technique, float(fitted.intercept_[0]), threshold, weights))

    import sklearn
    meta = {
        "what": "framing technique classifier: logistic regression per technique over "
                "sentence features (sitrep.extract.framing_model.sentence_features)",
        "source": "derived from the Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11), "
                  f"build split ({len(build)} of 300 training articles) only; cite G. Da San "
                  "Martino et al., 'Fine-Grained Analysis of Propaganda in News Articles', "
                  "EMNLP-IJCNLP 2019, and SemEval-2020 Task 11 (Da San Martino et al. 2020)",
        "licence": "PTC is distributed for research use; these weights are derived from it "
                   "and are for research use, with the citation above",
        "built_by": f"scripts/build_framing_model.py (scikit-learn {sklearn.__version__}, "
                    f"liblinear; {FOLDS}-fold out-of-fold tuning; n-grams in >= "
                    f"{MIN_ARTICLES} articles; |weight| >= {MIN_WEIGHT}; {len(ROUTINE)} n-grams "
                    f"routine in FA-KES conflict news (Abu Salem et al., ICWSM 2019, CC BY 4.0; "
                    f"every {DOMAIN_CHECK_EVERY}th row left out) not used)",
        "tuning": {t: {"C": v[0], "threshold": v[1], "oof_line_precision": round(v[2], 3),
                       "oof_line_recall": round(v[3], 3), "oof_line_f1": round(v[4], 3)}
                   for t, v in chosen.items()},
    }
    model = FramingModel(models, meta)
    args.out.write_text("\n".join(model_to_lines(model)) + "\n", encoding="utf-8")
    sizes = {m.technique: len(m.weights) for m in models}
    print(f"wrote {args.out}: weights per technique {sizes} "
          f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
