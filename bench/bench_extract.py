#!/usr/bin/env python3
"""Where extraction time goes: clean, parse and each component, on the same documents.

    .venv/bin/python bench/bench_extract.py --input DIR [--limit N] [--json] [--ratio]

Prints seconds per stage and per article, wall clock and CPU (``cpu_ms_per_article``:
this process's CPU time, which other jobs on a shared machine disturb far less).
``--ratio`` also runs the ``sitrep bench`` comparison against a plain
``en_core_web_sm`` parse.
Without ``--input`` it uses the bundled FA-KES sample, like ``sitrep bench``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict


def profile(docs: list, batch_size: int = 16) -> dict:
    from sitrep import extract
    from sitrep.analyze import nlp
    from sitrep.clean import clean_document
    from sitrep.registry import components

    from sitrep.cli.bench import WARM_UP
    from sitrep.pipeline import process_many
    from sitrep.records import RawDocument
    # Model and data files load once per process; keep them out of the per-stage times.
    list(process_many(iter([RawDocument("warm-up", "warm-up", WARM_UP, "txt")])))
    seconds: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    t0, c0 = time.perf_counter(), time.process_time()
    articles = []
    for raw in docs:
        try:
            articles.append(clean_document(raw))
        except Exception as exc:  # a document the cleaner refuses is reported, not timed
            print(f"{raw.id}: {exc}", file=sys.stderr)
    seconds["clean"], cpu["clean"] = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    parsed = list(nlp().pipe([a.text for a in articles], batch_size=batch_size))
    seconds["parse"], cpu["parse"] = time.perf_counter() - t0, time.process_time() - c0
    for article, doc in zip(articles, parsed):
        for name in extract.PIPELINE:
            t0, c0 = time.perf_counter(), time.process_time()
            components.get(name)(article, doc)
            seconds[f"component:{name}"] += time.perf_counter() - t0
            cpu[f"component:{name}"] += time.process_time() - c0
    n = max(1, len(articles))
    return {"articles": len(articles),
            "seconds": {k: round(v, 3) for k, v in seconds.items()},
            "ms_per_article": {k: round(1000 * v / n, 1) for k, v in seconds.items()},
            "cpu_ms_per_article": {k: round(1000 * v / n, 1) for k, v in cpu.items()}}


def main(argv: list[str] | None = None) -> int:
    from sitrep.cli.bench import default_inputs, load_documents, measure
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", action="append", metavar="PATH")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--ratio", action="store_true", help="also time against a plain spaCy parse")
    args = ap.parse_args(argv)
    paths = args.input or default_inputs()
    docs = load_documents(paths, args.limit) if paths else []
    if not docs:
        print("no documents: give --input PATH", file=sys.stderr)
        return 2
    out = profile(docs)
    if args.ratio:
        out["bench"] = measure(docs)
    print(json.dumps(out, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
