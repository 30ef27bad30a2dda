#!/usr/bin/env python3
"""Score sitrep on the blind held-out proxy set (and, with --dev, on the dev gold too).

    .venv/bin/python bench/heldout_proxy.py [--detail] [--dev] [--json]

Runs ``sitrep extract DIR --format jsonl`` on bench/data/heldout_proxy/texts
and scores the result with /work/shared/tools/score.py when it exists (the
scorer the held-out set is judged with), else with ``sitrep eval``.
``--dev`` also extracts and scores the dev gold texts from /work/shared so the
two sets print side by side from the same tree.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PROXY = REPO / "bench" / "data" / "heldout_proxy"
SCORER = SHARED / "tools" / "score.py"


def sitrep_bin() -> list[str]:
    exe = REPO / ".venv" / "bin" / "sitrep"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "sitrep"]


def extract(text_dirs: list[Path], out: Path) -> None:
    """Copy the texts into one folder (ids = file stems) and extract them to ``out``."""
    with tempfile.TemporaryDirectory(prefix="heldout_proxy_") as tmp:
        for d in text_dirs:
            for f in sorted(d.glob("*.txt")):
                shutil.copy(f, Path(tmp) / f.name)
        with out.open("w") as fh:
            subprocess.run(sitrep_bin() + ["extract", tmp, "--format", "jsonl"],
                           stdout=fh, check=True, cwd=REPO)


def score(gold: list[Path], pred: Path, detail: bool) -> tuple[dict, list[str]]:
    """Metrics as a dict plus the --detail lines (missed / spurious events)."""
    if SCORER.exists():
        cmd = [sys.executable, str(SCORER), *map(str, gold), "--pred", str(pred)]
    else:
        cmd = sitrep_bin() + ["eval", *map(str, gold), "--pred", str(pred)]
    metrics = json.loads(subprocess.run(cmd + ["--json"], capture_output=True, text=True,
                                        check=True, cwd=REPO).stdout)
    lines: list[str] = []
    if detail:
        out = subprocess.run(cmd + ["--detail"], capture_output=True, text=True,
                             check=True, cwd=REPO).stdout
        lines = [ln for ln in out.splitlines() if "  MISSED " in ln or "  SPURIOUS " in ln]
    return metrics, lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--detail", action="store_true", help="list missed and spurious events")
    ap.add_argument("--dev", action="store_true", help="also score the dev gold from /work/shared")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ap.add_argument("--keep", type=Path, help="folder to keep the prediction .jsonl files in")
    args = ap.parse_args(argv)

    sets = {"heldout_proxy": ([PROXY / "texts"], [PROXY / "gold.jsonl"])}
    if args.dev:
        dev_gold = sorted((SHARED / "gold" / "dev").glob("*.jsonl"))
        if not dev_gold:
            print("no dev gold under", SHARED, file=sys.stderr)
            return 2
        sets["dev"] = ([SHARED / "corpus" / "seeds", SHARED / "corpus" / "fakes_dev_gold"], dev_gold)

    keep = args.keep or Path(tempfile.mkdtemp(prefix="heldout_proxy_pred_"))
    keep.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    for name, (texts, gold) in sets.items():
        pred = keep / f"{name}.pred.jsonl"
        extract(texts, pred)
        metrics, lines = score(gold, pred, args.detail)
        results[name] = metrics
        for ln in lines:
            print(f"[{name}] {ln}")
    if args.json:
        print(json.dumps(results))
        return 0
    names = list(results)
    print(f"{'metric':24s}" + "".join(f"{n:>16s}" for n in names))
    for key in results[names[0]]:
        row = [results[n].get(key) for n in names]
        print(f"{key:24s}" + "".join(f"{v:16.3f}" if isinstance(v, float) else f"{str(v):>16s}" for v in row))
    print(f"predictions kept in {keep}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
