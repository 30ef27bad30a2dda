#!/usr/bin/env python3
"""Does the main event of each FA-KES article lie in its crowd-coded governorate?

    .venv/bin/python bench/governorate.py [--shared ../shared] [--json] [--misses] [--limit N]

Runs the full per-document pipeline (clean, parse, extract) on every row of
``corpus/fakes/fakes_dev.csv`` (title and content as one text document) and
compares the admin1 of the article's ``main`` event with the ``location``
column. An article without a main event, or whose main event has no admin1,
counts as a miss. FA-KES codes governorates in lower case with its own
spellings; its "damascus" covers Rif Dimashq too.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

FAKES_LABELS = {  # FA-KES label -> the admin1 names sitrep outputs that it covers
    "aleppo": {"Aleppo"}, "damascus": {"Damascus", "Rif Dimashq"}, "idlib": {"Idlib"},
    "raqqa": {"Raqqa"}, "deir ezzor": {"Deir ez-Zor"}, "homs": {"Homs"}, "hasakeh": {"Hasakah"},
    "hama": {"Hama"}, "daraa": {"Daraa"}, "lattakia": {"Latakia"}, "quneitra": {"Quneitra"},
    "tartous": {"Tartus"}, "sweida": {"As-Suwayda"},
}


def main_event(article):
    return next((e for e in article.events if e.salience == "main"), None)


def measure(shared: Path, limit: int | None = None) -> tuple[dict, list]:
    from sitrep.pipeline import process_many
    from sitrep.records import DocumentError, RawDocument

    rows = list(csv.DictReader(open(shared / "corpus" / "fakes" / "fakes_dev.csv", encoding="utf-8")))[:limit]
    gold_ids = {p.stem for p in (shared / "corpus" / "fakes_dev_gold").glob("*.txt")}
    labels = {r["unit_id"]: r["location"].strip().lower() for r in rows}
    docs = (RawDocument(r["unit_id"], f"fakes_dev.csv#{r['unit_id']}",
                        f"{r['article_title']}\n\n{r['article_content']}", "txt") for r in rows)
    right = no_event = 0
    misses = []
    t0 = time.perf_counter()
    for item in process_many(docs):
        if isinstance(item, DocumentError):
            misses.append((item.id, labels.get(item.id), "error", item.reason))
            continue
        want = FAKES_LABELS.get(labels[item.id], {labels[item.id]})
        event = main_event(item)
        admin1 = event.location.admin1 if event and event.location else None
        if event is None:
            no_event += 1
        if admin1 in want:
            right += 1
        else:
            misses.append((item.id, labels[item.id], event.location.name if event and event.location else None,
                           admin1, event.evidence[:100] if event else None))
    seconds = time.perf_counter() - t0
    held_out = [m for m in misses if not any(m[0] in g for g in gold_ids)]
    out = {
        "articles": len(rows),
        "main_event_in_governorate": round(right / max(1, len(rows)), 3),
        "articles_without_main_event": no_event,
        "misses_outside_gold_articles": len(held_out),
        "seconds": round(seconds, 1),
    }
    return out, misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list the articles whose main event is elsewhere")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "corpus" / "fakes" / "fakes_dev.csv").exists():
        print(f"no FA-KES corpus under {shared}", file=sys.stderr)
        return 2
    out, misses = measure(shared, args.limit)
    if args.misses:
        for m in misses:
            print("MISS", *m, sep="\t")
    print(json.dumps(out) if args.json else "\n".join(f"{k:32s} {v}" for k, v in out.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
