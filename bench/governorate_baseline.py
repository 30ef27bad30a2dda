#!/usr/bin/env python3
"""How well places alone find an article's governorate, before any event logic.

    .venv/bin/python bench/governorate_baseline.py [--shared ../shared] [--json]

1. Gold coverage: for each dev gold event with a location, does
   ``gazetteer().lookup(name)`` (else the admin1 named) land in the gold admin1?
2. FA-KES: for each article of corpus/fakes/fakes_dev.csv, is the admin1 of
   ``dominant_place(find_places(title + text))`` the crowd-coded governorate?
   FA-KES codes 12 governorates in lower case with its own spellings; its
   "damascus" covers Rif Dimashq too (it has no separate label for it).
3. Load time and memory of ``gazetteer()``.
"""
from __future__ import annotations

import argparse
import csv
import glob
import json
import resource
import sys
import time
from pathlib import Path

FAKES_LABELS = {  # FA-KES label -> the admin1 names sitrep outputs that it covers
    "aleppo": {"Aleppo"}, "damascus": {"Damascus", "Rif Dimashq"}, "idlib": {"Idlib"},
    "raqqa": {"Raqqa"}, "deir ezzor": {"Deir ez-Zor"}, "homs": {"Homs"}, "hasakeh": {"Hasakah"},
    "hama": {"Hama"}, "daraa": {"Daraa"}, "lattakia": {"Latakia"}, "quneitra": {"Quneitra"},
    "tartous": {"Tartus"}, "sweida": {"As-Suwayda"},
}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(shared: Path) -> tuple[dict, list]:
    from sitrep.extract.places import dominant_place, find_places, gazetteer
    before = rss_mb()
    t0 = time.perf_counter()
    gaz = gazetteer()
    load_s = time.perf_counter() - t0
    out: dict = {"gazetteer_load_s": round(load_s, 3), "gazetteer_rss_mb": round(rss_mb() - before, 1)}

    total = ok = 0
    for path in sorted(glob.glob(str(shared / "gold" / "dev" / "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            for ev in json.loads(line).get("events", []):
                loc = ev.get("location") or {}
                if not loc.get("admin1"):
                    continue
                total += 1
                hit = (gaz.lookup(loc["name"], loc.get("country")) if loc.get("name") else None) \
                    or gaz.lookup(loc["admin1"], loc.get("country"))
                ok += bool(hit and hit.admin1 == loc["admin1"])
    out["gold_events_with_admin1"] = total
    out["gold_admin1_resolved"] = round(ok / max(1, total), 3)

    rows = list(csv.DictReader(open(shared / "corpus" / "fakes" / "fakes_dev.csv", encoding="utf-8")))
    right, misses = 0, []
    t0 = time.perf_counter()
    for r in rows:
        place = dominant_place(find_places(r["article_title"] + ".\n" + r["article_content"]))
        want = FAKES_LABELS.get(r["location"].strip().lower(), {r["location"]})
        if place is not None and place.admin1 in want:
            right += 1
        else:
            misses.append((r["unit_id"], r["location"], place.name if place else None,
                           place.admin1 if place else None))
    out["fakes_articles"] = len(rows)
    out["fakes_dominant_admin1_accuracy"] = round(right / max(1, len(rows)), 3)
    out["fakes_seconds_per_article"] = round((time.perf_counter() - t0) / max(1, len(rows)), 4)
    return out, misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list FA-KES misses")
    args = ap.parse_args(argv)
    out, misses = measure(Path(args.shared))
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k}: {v}")
    if args.misses:
        for m in misses:
            print("MISS", *m, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
