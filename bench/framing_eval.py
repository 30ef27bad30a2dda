"""Score the ``framing`` component on the PTC evaluation split.

    .venv/bin/python bench/framing_eval.py [--ptc DIR] [--markdown] [--origin all|hand|ptc-build]

Only the 60 evaluation articles of ``split_ptc`` are read (the lexicon is
built from the other 240).  Two scores per technique:

* sentence level: PTC stores one sentence a line; a line is positive for a
  technique when a gold (or predicted) span of it overlaps the line;
* span overlap: a predicted span is right when it overlaps a gold span of
  its technique; a gold span is found when some predicted span overlaps it.

Cost: the spaCy parse (the full sitrep pipeline model) and the framing pass
are timed per article on the same documents; the ratio is what matters.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.analyze import nlp  # noqa: E402
from sitrep.extract.framing import CueMatcher, find_framing, load_cues  # noqa: E402
from sitrep.extract.framing_ptc import (  # noqa: E402
    TECHNIQUES, Counts, SpanScore, default_root, load_ptc, sentence_counts, split_ptc,
)


def evaluate(origin: str = "all", ptc: Path | None = None) -> dict:
    _build, held_out = split_ptc(load_ptc(ptc))
    pipeline = nlp()
    cues = [c for c in load_cues() if origin == "all" or c.origin == origin]
    started = time.perf_counter()
    matcher = CueMatcher(cues, pipeline.vocab)
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
        hits = find_framing(doc, matcher)
        framing_s += time.perf_counter() - started
        words += sum(not (t.is_punct or t.is_space) for t in doc)
        predicted = [(h["technique"], h["start"], h["end"]) for h in hits]
        for technique, counts in sentence_counts(article, predicted).items():
            sentence[technique].add(counts)
        for technique in TECHNIQUES:
            span[technique].add([(s, e) for t, s, e in predicted if t == technique],
                                [(s, e) for t, s, e in article.spans if t == technique])
    return {"articles": len(held_out), "cues": len(cues), "sentence": sentence, "span": span,
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
        f"{n} articles, {result['words']} words, {result['cues']} cues; "
        f"parse {1000 * result['parse_s'] / n:.1f} ms/article, "
        f"framing {1000 * result['framing_s'] / n:.2f} ms/article "
        f"({100 * result['framing_s'] / result['parse_s']:.1f}% of parse); "
        f"matcher compiled once in {1000 * result['compile_s']:.0f} ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="framing on the PTC evaluation split")
    parser.add_argument("--ptc", type=Path, default=default_root())
    parser.add_argument("--origin", choices=["all", "hand", "ptc-build"], default="all")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    if not (args.ptc / "train-task2-TC.labels").exists():
        print(f"PTC not found at {args.ptc} (set --ptc or $SITREP_PTC)", file=sys.stderr)
        return 2
    print(table(evaluate(args.origin, args.ptc), args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
