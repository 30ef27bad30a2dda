"""Score predictions against gold, with the same metrics as ``shared/tools/score.py``.

    from sitrep.evaluate import load_records, score
    metrics, lines = score(load_records(["gold.jsonl"]), load_records(["pred.jsonl"]))
"""
from .scoring import load_records, score

__all__ = ["load_records", "score"]
