"""Event, figure, date, claim and document-field metrics over gold/predicted records.

An event matches when type, place and start date (within a day) agree;
background gold events are optional. A claim matches when the texts share
most words, and is attributed right when the speaker agrees.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Iterable

from .matching import (date_match, day, figure_value, jaccard, location_match, overlap,
                       speaker_match, words)


class GoldFormatError(ValueError):
    pass


def load_records(paths: Iterable[str | Path]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldFormatError(f"{path}:{n}: not JSON: {exc}") from None
                out[str(rec.get("id"))] = rec
    return out


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _match_events(gold_events: list[dict], pred_events: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs, best first: required gold before background, same place
    before same admin1, closer evidence text first."""
    cands = []
    for gi, ge in enumerate(gold_events):
        for pi, pe in enumerate(pred_events):
            if pe.get("type") != ge.get("type") or not date_match(ge, pe):
                continue
            if not location_match(ge.get("location"), pe.get("location"), coarse=True):
                continue
            fine = location_match(ge.get("location"), pe.get("location"), coarse=False)
            cands.append((ge.get("salience") == "background", not fine,
                          -jaccard(ge.get("evidence"), pe.get("evidence")), gi, pi))
    cands.sort()
    pairs, gused, pused = [], set(), set()
    for *_, gi, pi in cands:
        if gi in gused or pi in pused:
            continue
        gused.add(gi)
        pused.add(pi)
        pairs.append((gold_events[gi], pred_events[pi]))
    return pairs


def _score_event_pair(c: Counter, ge: dict, pe: dict) -> None:
    c["tp"] += 1
    for k in ("killed", "injured"):
        gv = figure_value(ge.get(k))
        if gv is not None:
            c[k + "_n"] += 1
            c[k + "_ok"] += int(figure_value(pe.get(k)) == gv)
    if day(ge.get("date")):
        c["date_n"] += 1
        c["date_ok"] += int(day(ge.get("date")) == day(pe.get("date")))
    gactor = words(ge.get("actor1"))
    if gactor:
        c["actor_n"] += 1
        c["actor_ok"] += int(bool(gactor & words(pe.get("actor1"))))
    if ge.get("source"):
        c["src_n"] += 1
        c["src_ok"] += int(bool(words(ge.get("source")) & words(pe.get("source"))))


def _loose_hits(required: list[dict], pred_events: list[dict]) -> int:
    used, hits = set(), 0
    for ge in required:
        for pi, pe in enumerate(pred_events):
            if pi not in used and pe.get("type") == ge.get("type") and location_match(ge.get("location"), pe.get("location")):
                used.add(pi)
                hits += 1
                break
    return hits


def _score_claims(c: Counter, gold_claims: list[dict], pred_claims: list[dict]) -> None:
    c["gclaims"] += len(gold_claims)
    c["pclaims"] += len(pred_claims)
    cands = sorted((-jaccard(gc.get("text"), pc.get("text")), gi, pi)
                   for gi, gc in enumerate(gold_claims) for pi, pc in enumerate(pred_claims)
                   if overlap(gc.get("text"), pc.get("text")) >= 0.5)
    gdone, pdone = set(), set()
    for _, gi, pi in cands:
        if gi in gdone or pi in pdone:
            continue
        gdone.add(gi)
        pdone.add(pi)
        c["claim_tp"] += 1
        c["claim_attr"] += int(speaker_match(gold_claims[gi], pred_claims[pi]))


def _event_line(aid: str, kind: str, e: dict) -> str:
    return (f"{aid}  {kind:8s} {e.get('type')} @ {(e.get('location') or {}).get('name')} "
            f"{e.get('date')} | {str(e.get('evidence'))[:90]}")


def score(gold: dict[str, dict], pred: dict[str, dict], detail: bool = False) -> tuple[dict, list[str]]:
    c: Counter = Counter()
    lines: list[str] = []
    for aid, g in gold.items():
        p = pred.get(aid)
        if p is None:
            c["missing_ids"] += 1
            p = {}
        gev, pev = g.get("events") or [], p.get("events") or []
        c["npred"] += len(pev)
        required = [e for e in gev if e.get("salience") != "background"]
        c["req"] += len(required)
        pairs = _match_events(gev, pev)
        for ge, pe in pairs:
            if ge.get("salience") == "background":
                c["opt_hit"] += 1
            else:
                _score_event_pair(c, ge, pe)
        c["loose_tp"] += _loose_hits(required, pev)
        if detail:
            matched_g = {id(ge) for ge, _ in pairs}
            matched_p = {id(pe) for _, pe in pairs}
            lines += [_event_line(aid, "MISSED", ge) for ge in required if id(ge) not in matched_g]
            lines += [_event_line(aid, "SPURIOUS", pe) for pe in pev if id(pe) not in matched_p]
        _score_claims(c, g.get("claims") or [], p.get("claims") or [])
        if g.get("published"):
            c["pub_n"] += 1
            c["pub_ok"] += int(day(g.get("published")) == day(p.get("published")))
        gb, pb = g.get("boilerplate") or [], p.get("boilerplate") or []
        c["bp_gold"] += len(gb)
        c["bp_pred"] += len(pb)
        c["bp_hit"] += sum(1 for b in gb if any(overlap(b, x) >= 0.8 for x in pb))
        c["bp_ok"] += sum(1 for x in pb if any(overlap(b, x) >= 0.8 for b in gb))
    return _metrics(c, len(gold)), lines


def _metrics(c: Counter, n_articles: int) -> dict:
    scored = max(1, c["npred"] - c["opt_hit"])
    P, R = c["tp"] / scored, c["tp"] / max(1, c["req"])
    LP, LR = c["loose_tp"] / scored, c["loose_tp"] / max(1, c["req"])
    cp, cr = c["claim_tp"] / max(1, c["pclaims"]), c["claim_tp"] / max(1, c["gclaims"])
    ap, ar = c["claim_attr"] / max(1, c["pclaims"]), c["claim_attr"] / max(1, c["gclaims"])
    return {
        "articles": n_articles, "articles_missing": c["missing_ids"],
        "event_precision": P, "event_recall": R, "event_f1": _f1(P, R),
        "event_f1_type_place": _f1(LP, LR),
        "killed_accuracy": c["killed_ok"] / max(1, c["killed_n"]), "killed_n": c["killed_n"],
        "injured_accuracy": c["injured_ok"] / max(1, c["injured_n"]), "injured_n": c["injured_n"],
        "event_date_accuracy": c["date_ok"] / max(1, c["date_n"]),
        "actor1_accuracy": c["actor_ok"] / max(1, c["actor_n"]),
        "event_source_accuracy": c["src_ok"] / max(1, c["src_n"]),
        "claim_f1": _f1(cp, cr), "attributed_claim_f1": _f1(ap, ar),
        "published_accuracy": c["pub_ok"] / max(1, c["pub_n"]),
        "boilerplate_f1": (_f1(c["bp_ok"] / max(1, c["bp_pred"]), c["bp_hit"] / max(1, c["bp_gold"]))
                           if c["bp_gold"] else None),
    }


def format_metrics(metrics: dict) -> str:
    return "\n".join(f"{k:24s} {v:.3f}" if isinstance(v, float) else f"{k:24s} {v}"
                     for k, v in metrics.items())
