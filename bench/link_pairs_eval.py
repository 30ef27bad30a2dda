"""Pair F1 of cross-outlet incident linking on the FA-KES dev articles (a noisy proxy).

The held-out gold pairs articles whose main events are one incident. On the
dev side no such gold exists; the proxy here calls two articles of
different outlets a positive pair when FA-KES's crowd coders gave them the
same governorate and the same event date. That set is noisy both ways
(one Aleppo day holds several incidents; one incident's articles are coded
a day apart), so read the numbers as a direction, not a score.

    .venv/bin/python bench/link_pairs_eval.py [--db /tmp/fakes.db] [--reuse] [--show "Khan Shaykhun"]

It ingests the CSV with the real pipeline into a SQLite store (``--reuse``
skips that when the database exists), relinks, and compares:
  - sitrep's incidents (article pairs sharing an incident through main events),
  - the baseline "same extracted governorate and same extracted date".
The hand-judged gold is scored whole and in a tuning and a check half (see
``half_of_articles``): tune link parameters on the first, report the second.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import zlib
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "fakes_dev.csv"
JUDGED = Path(__file__).resolve().parent / "data" / "fakes_dev_incidents.json"


def proxy_pairs(rows: list[dict]) -> set[tuple[str, str]]:
    groups = defaultdict(list)
    for r in rows:
        groups[(r["location"], r["date"])].append(r)
    pairs = set()
    for members in groups.values():
        for a, b in combinations(members, 2):
            if a["source"] != b["source"]:
                pairs.add(tuple(sorted((a["unit_id"], b["unit_id"]))))
    return pairs


def judged_universe(rows: list[dict]) -> set[str]:
    """Articles having another outlet's article with the same crowd-coded governorate within 2 days."""
    dated = [(r, dt.datetime.strptime(r["date"], "%m/%d/%Y").date()) for r in rows]
    out = set()
    for (a, da), (b, db) in combinations(dated, 2):
        if a["location"] == b["location"] and a["source"] != b["source"] and abs((da - db).days) <= 2:
            out.update((a["unit_id"], b["unit_id"]))
    return out


def judged_pairs(outlet_of: dict) -> set[tuple[str, str]]:
    incidents = json.loads(JUDGED.read_text(encoding="utf-8"))["incidents"]
    return cross_outlet({tuple(sorted(p)) for ids in incidents.values() for p in combinations(ids, 2)}, outlet_of)


HALVES = ("tune", "check")
# Prefixed to ids before hashing; picked from a few salts only for near-equal gold pair counts per half.
SPLIT_SALT = "split-2"


def half_of_articles() -> dict[str, str]:
    """Article id -> "tune" or "check": an incident's articles by its id, the others by their own
    (see the "_split" note of the judged file). Tune on one half, report the other untouched."""
    incidents = json.loads(JUDGED.read_text(encoding="utf-8"))["incidents"]
    out = {}
    for name, ids in incidents.items():
        for a in ids:
            out[a] = HALVES[zlib.crc32((SPLIT_SALT + name).encode()) % 2]
    return out


def half_of(article_id: str, by_incident: dict[str, str]) -> str:
    return by_incident.get(article_id) or HALVES[zlib.crc32((SPLIT_SALT + article_id).encode()) % 2]


def cross_outlet(pairs, outlet_of) -> set[tuple[str, str]]:
    return {p for p in pairs if outlet_of.get(p[0]) != outlet_of.get(p[1])}


def predicted_pairs(store) -> set[tuple[str, str]]:
    pairs = set()
    for inc in store.list_incidents(limit=None):
        arts = sorted({r["article_id"] for r in inc["reports"] if r["salience"] == "main"})
        pairs.update(combinations(arts, 2))
    return pairs


def baseline_pairs(store) -> set[tuple[str, str]]:
    """Same extracted governorate and same extracted start date of a main event."""
    groups = defaultdict(set)
    for ev in store.list_events(limit=10**7):
        if ev["salience"] == "main" and ev["admin1"] and ev["date"]:
            groups[(ev["admin1"].lower(), ev["date"])].add(ev["article_id"])
    return {p for arts in groups.values() for p in combinations(sorted(arts), 2)}


def prf(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def show_incidents(store, needle: str, rows_by_id: dict) -> None:
    print(f"\nIncidents mentioning {needle!r}:")
    for inc in store.list_incidents(q=needle, limit=20):
        if len({r["article_id"] for r in inc["reports"]}) < 2:
            continue
        print(f"  {inc['id']} {inc['date']}..{inc['date_end'] or ''} {inc['type']} at {inc['place']['name']} "
              f"({inc['place']['admin1']}): {len(inc['reports'])} reports, {inc['independent_origins']} origins, "
              f"grade {inc['grade']}")
        for slot, fig in inc["figures"].items():
            vals = ", ".join(f"{v['text'] or v['value']} [{v['outlet']}]" for v in fig["values"])
            print(f"    {slot}: best {fig['best']} low {fig['low']} high {fig['high']} <- {vals}")
        for c in inc["contradictions"]:
            print(f"    contradiction {c['description']}")
        for r in inc["reports"]:
            row = rows_by_id.get(r["article_id"], {})
            print(f"    - {r['outlet']:<14} {row.get('date', ''):>10} {row.get('location', ''):<8} "
                  f"{row.get('article_title', '')[:80]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/sitrep_fakes_link.db")
    ap.add_argument("--reuse", action="store_true", help="use the database as it is if it exists")
    ap.add_argument("--threshold", type=float, action="append",
                    help="link threshold(s) to try (default: sitrep's); the last one stays in the database")
    ap.add_argument("--write", action="store_true",
                    help='write the "## Linking quality" section of docs/BENCHMARKS.md')
    ap.add_argument("--show", default="Khan Shaykhun", help="print the multi-outlet incidents matching this")
    args = ap.parse_args()
    if not FAKES.exists():
        print(f"needs {FAKES}", file=sys.stderr)
        return 2
    from sitrep.store import Store
    from sitrep.store.ingest_run import IngestRun

    rows = list(csv.DictReader(FAKES.open(encoding="utf-8")))
    rows_by_id = {r["unit_id"]: r for r in rows}
    outlet_of = {r["unit_id"]: r["source"] for r in rows}
    db = Path(args.db)
    if db.exists() and not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    store = Store.open(db)
    if store.count_articles() == 0:
        job = IngestRun(store, show_progress=False, on_error=lambda e: None)
        job.run([str(FAKES)], reextract=False, relink=False)
        print(job.summary(), file=sys.stderr)
    for threshold in args.threshold or [None]:
        t0 = dt.datetime.now()
        store.relink(**({"threshold": threshold} if threshold is not None else {}))
        print(f"relinked in {(dt.datetime.now() - t0).total_seconds():.1f} s (threshold {threshold or 'default'})")
        table = evaluate(store, rows, outlet_of)
    if args.write:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from benchmarks_doc import write_section
        write_section(quality_markdown(table, store), ROOT / "docs" / "BENCHMARKS.md")
    if args.show:
        show_incidents(store, args.show, rows_by_id)
    return 0


def evaluate(store, rows, outlet_of) -> list[tuple]:
    table = []

    gold = proxy_pairs(rows)
    pred = cross_outlet(predicted_pairs(store), outlet_of)
    base = cross_outlet(baseline_pairs(store), outlet_of)
    crowd = gold
    print(f"proxy gold: {len(gold)} cross-outlet pairs (same crowd-coded governorate and date)")
    for name, pairs in (("sitrep incidents", pred), ("baseline same extracted admin1+date", base)):
        p, r, f = prf(pairs, gold)
        table.append(("crowd proxy", name, len(pairs), p, r, f))
        print(f"  {name:<38} pairs {len(pairs):>5}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    universe = judged_universe(rows)
    judged = judged_pairs(outlet_of)
    print(f"hand-judged gold: {len(judged)} cross-outlet pairs of one incident among {len(universe)} articles "
          f"({JUDGED.name})")
    by_incident = half_of_articles()
    for half in (None,) + HALVES:
        def keep(pair):
            return (pair[0] in universe and pair[1] in universe and
                    (half is None or half_of(pair[0], by_incident) == half_of(pair[1], by_incident) == half))
        gold_half = {p for p in judged if keep(p)}
        label = "hand-judged" + (f" {half} half" if half else "")
        print(f"  {label}: {len(gold_half)} gold pairs")
        for name, pairs in (("sitrep incidents", pred), ("baseline same extracted admin1+date", base),
                            ("same crowd-coded governorate+date", crowd)):
            inside = {p for p in pairs if keep(p)}
            p, r, f = prf(inside, gold_half)
            table.append((label, name, len(inside), p, r, f))
            print(f"    {name:<36} pairs {len(inside):>5}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    stats = store.stats()
    print(f"incidents {stats['incidents']}, grades {stats['grades']}, contradictions {stats['contradictions']}, "
          f"near-duplicate article pairs {stats['near_duplicates']}")
    return table


def quality_markdown(table: list[tuple], store) -> str:
    stats = store.stats()
    lines = ["## Linking quality", "",
             f"`bench/link_pairs_eval.py --write`, {dt.date.today().isoformat()}: the 582 FA-KES dev articles "
             "ingested with the full pipeline, relinked, and the article pairs of different outlets whose main "
             "events share an incident compared with two dev-side golds. Neither is the held-out gold:",
             "", "- *crowd proxy*: pairs with the same crowd-coded governorate and event date (noisy both ways; "
             "it is itself the kind of grouping the issue says scores 0.39 on the held-out gold);",
             "- *hand-judged*: `bench/data/fakes_dev_incidents.json` (v2: 53 multi-outlet incidents, judged from "
             "title and first paragraph under the rule written in the file, among the 328 articles that have another "
             "outlet's article of the same crowd-coded governorate within two days; conservative, doubtful pairs "
             "left out), scored whole and in two halves split by a hash of the incident id. Link parameters were "
             "tuned on the *tune* half only. The halves leave out pairs across them (always wrong when the gold is "
             "right), so *whole* is the stricter number. The tune half holds the 2013 Ghouta attack (11 articles) and "
             "the check half the 2017 Khan Shaykhun attack (12 articles): each holds about half its half's gold pairs. "
             "The check half was untouched for the first session; in the second its misses (almost all Khan "
             "Shaykhun reactions and follow-ups) were read and led to the follow-up rule (followups.py), whose "
             "parameters were set from the judging rule, not fitted; the thresholds were then re-tuned on the tune "
             "half.",
             "",
             "| gold | grouping | pairs | P | R | F1 |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for gold, name, n, p, r, f in table:
        lines.append(f"| {gold} | {name} | {n} | {p:.3f} | {r:.3f} | {f:.3f} |")
    lines += ["", f"Store after linking: {stats['incidents']} incidents, grades {stats['grades']}, "
              f"{stats['contradictions']} contradictions, {stats['near_duplicates']} near-duplicate article pairs.",
              ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
