"""Score the ``framing`` component on the PTC evaluation split.

    .venv/bin/python bench/framing_eval.py [--ptc DIR] [--markdown]
        [--method model|lexicon] [--origin all|hand|ptc-build]

``--method model`` (default) scores what the component ships: the sentence
classifier of ``framing_model.py``; ``--method lexicon`` scores the cue
lexicon alone (``--origin`` picks which cues).  Only the 60 evaluation
articles of ``split_ptc`` are read (lexicon and model are built from the
other 240).  Two scores per technique:

* sentence level: PTC stores one sentence a line; a line is positive for a
  technique when a gold (or predicted) span of it overlaps the line;
* span overlap: a predicted span is right when it overlaps a gold span of
  its technique; a gold span is found when some predicted span overlaps it.

Cost: the spaCy parse (the full sitrep pipeline model) and the framing pass
are timed per article on the same documents; the ratio is what matters.

Conflict news: the last line counts detections on 60 unlabelled FA-KES
articles (``--fakes``; every 10th row, the rows the model build leaves out),
so a change that floods war reporting with hits shows up next to the scores.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.analyze import nlp  # noqa: E402
from sitrep.extract.framing import (  # noqa: E402
    CueMatcher, count_words, find_framing, load_cues,
)
from sitrep.extract.framing_model import load_model, predict_framing, sentence_units  # noqa: E402
from sitrep.extract.framing_ptc import (  # noqa: E402
    TECHNIQUES, Counts, SpanScore, default_root, load_ptc, sentence_counts, split_ptc,
)


# Every 10th FA-KES row: the rows scripts/build_framing_model.py leaves out
# of its routine-vocabulary filter (DOMAIN_CHECK_EVERY), at most 60 of them.
FAKES_EVERY, FAKES_MAX = 10, 60


def make_finder(method: str, origin: str, pipeline):
    """(doc -> hits, size in words) for the model or the lexicon alone."""
    if method == "model":
        model = load_model()
        predict_framing(pipeline("Warm-up."), model)  # compiles the lexicon matcher
        return (lambda doc: predict_framing(doc, model),
                f"{sum(len(m.weights) for m in model.models)} weights")
    cues = [c for c in load_cues() if origin == "all" or c.origin == origin]
    matcher = CueMatcher(cues, pipeline.vocab)
    return lambda doc: find_framing(doc, matcher), f"{len(cues)} cues"


def domain_rate(find, pipeline, fakes: Path) -> dict | None:
    """Detections on conflict news (FA-KES, unlabelled): hits per 1,000 words
    and share of sentences flagged, per technique."""
    if not fakes.exists():
        return None
    csv.field_size_limit(sys.maxsize)
    with open(fakes, encoding="utf-8", newline="") as rows:
        texts = [row["article_content"] for row in csv.DictReader(rows)]
    texts = texts[::FAKES_EVERY][:FAKES_MAX]
    hits = words = sentences = 0
    flagged = {t: 0 for t in TECHNIQUES}
    any_flagged = 0
    for doc in pipeline.pipe(texts):
        found = find(doc)
        hits += len(found)
        words += count_words(doc.text)
        sentences += len(sentence_units(doc))
        any_flagged += len({h["sentence_start"] for h in found})
        for technique in TECHNIQUES:
            flagged[technique] += len({h["sentence_start"] for h in found if h["technique"] == technique})
    return {"articles": len(texts), "words": words, "sentences": sentences, "hits": hits,
            "any": any_flagged, "flagged": flagged}


def evaluate(origin: str = "all", ptc: Path | None = None, method: str = "model",
             fakes: Path | None = None) -> dict:
    _build, held_out = split_ptc(load_ptc(ptc))
    pipeline = nlp()
    started = time.perf_counter()
    find, size = make_finder(method, origin, pipeline)
    compile_s = time.perf_counter() - started

    sentence = {t: Counts() for t in TECHNIQUES}
    span = {t: SpanScore() for t in TECHNIQUES}
    parse_s = framing_s = 0.0
    words = 0
    for article in held_out:
        started = time.perf_counter()
        doc = pipeline(article.text)
        parse_s += time.perf_counter() - started
        started = time.perf_counter()
        hits = find(doc)
        framing_s += time.perf_counter() - started
        words += sum(not (t.is_punct or t.is_space) for t in doc)
        predicted = [(h["technique"], h["start"], h["end"]) for h in hits]
        for technique, counts in sentence_counts(article, predicted).items():
            sentence[technique].add(counts)
        for technique in TECHNIQUES:
            span[technique].add([(s, e) for t, s, e in predicted if t == technique],
                                [(s, e) for t, s, e in article.spans if t == technique])
    domain = domain_rate(find, pipeline, fakes) if fakes else None
    return {"articles": len(held_out), "method": method, "size": size, "domain": domain,
            "sentence": sentence, "span": span,
            "parse_s": parse_s, "framing_s": framing_s, "compile_s": compile_s, "words": words}


def table(result: dict, markdown: bool) -> str:
    header = ["technique", "sent P", "sent R", "sent F1", "gold sents",
              "span P", "span R", "span F1", "gold spans"]
    rows = []
    micro, micro_span = Counts(), SpanScore()
    for technique in TECHNIQUES:
        s, p = result["sentence"][technique], result["span"][technique]
        micro.add(s)
        for field in ("pred_ok", "pred_all", "gold_found", "gold_all"):
            setattr(micro_span, field, getattr(micro_span, field) + getattr(p, field))
        rows.append([technique, s.precision, s.recall, s.f1, s.tp + s.fn,
                     p.precision, p.recall, p.f1, p.gold_all])
    rows.append(["micro (all 7)", micro.precision, micro.recall, micro.f1, micro.tp + micro.fn,
                 micro_span.precision, micro_span.recall, micro_span.f1, micro_span.gold_all])
    cells = [[c if isinstance(c, str) else (f"{c:.2f}" if isinstance(c, float) else str(c))
              for c in row] for row in rows]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in cells]
    else:
        widths = [max(len(r[i]) for r in cells + [header]) for i in range(len(header))]
        lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths))]
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    n = result["articles"]
    lines.append("")
    lines.append(
        f"{result['method']}: {n} articles, {result['words']} words, {result['size']}; "
        f"parse {1000 * result['parse_s'] / n:.1f} ms/article, "
        f"framing {1000 * result['framing_s'] / n:.2f} ms/article "
        f"({100 * result['framing_s'] / result['parse_s']:.1f}% of parse); "
        f"loaded once in {1000 * result['compile_s']:.0f} ms")
    domain = result.get("domain")
    if domain:
        per_technique = ", ".join(f"{t} {100 * n / domain['sentences']:.1f}%"
                                  for t, n in domain["flagged"].items())
        lines.append(
            f"FA-KES conflict news ({domain['articles']} articles, {domain['words']} words, "
            f"{domain['sentences']} sentences): {domain['hits']} hits "
            f"({1000 * domain['hits'] / domain['words']:.1f} per 1,000 words), "
            f"{100 * domain['any'] / domain['sentences']:.1f}% of sentences flagged; "
            f"{per_technique}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="framing on the PTC evaluation split")
    parser.add_argument("--ptc", type=Path, default=default_root())
    parser.add_argument("--method", choices=["model", "lexicon"], default="model")
    parser.add_argument("--origin", choices=["all", "hand", "ptc-build"], default="all")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--fakes", type=Path,
                        default=default_root().parent / "fakes" / "fakes_dev.csv",
                        help="FA-KES CSV for the detection rate on conflict news ('' to skip)")
    args = parser.parse_args(argv)
    if not (args.ptc / "train-task2-TC.labels").exists():
        print(f"PTC not found at {args.ptc} (set --ptc or $SITREP_PTC)", file=sys.stderr)
        return 2
    print(table(evaluate(args.origin, args.ptc, args.method,
                         args.fakes if str(args.fakes) not in ("", ".") else None), args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
