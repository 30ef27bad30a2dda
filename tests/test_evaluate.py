import copy
import importlib.util
import json
from pathlib import Path

import pytest

from sitrep.evaluate import load_records, score
from sitrep.evaluate.matching import location_match, same_place, place_key, speaker_match

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _event(**kw):
    base = {"type": "air_strike", "salience": "main", "date": "2016-10-25", "date_end": None,
            "location": {"name": "Mosul", "admin1": "Nineveh", "country": "Iraq"},
            "killed": {"value": 60, "qualifier": "more_than"}, "evidence": "airstrikes on Mosul"}
    base.update(kw)
    return base


def test_place_spellings_and_direction_words_match():
    assert place_key("Deir Ezzor") == place_key("Deir ez-Zor")
    assert same_place(place_key("western Aleppo countryside"), place_key("Aleppo"))
    assert location_match({"name": "Khan Sheikhoun", "admin1": "Idlib"}, {"name": "Khan Shaykhun"})
    assert not location_match({"name": "Homs", "admin1": "Homs"}, {"name": "Hama", "admin1": "Hama"})


def test_speaker_matches_by_surname_or_org():
    assert speaker_match({"speaker": "Igor Konashenkov"}, {"speaker": "Konashenkov"})
    assert speaker_match({"speaker": None, "speaker_org": "Syrian Observatory for Human Rights"},
                         {"speaker_org": "Syrian Observatory for Human Rights"})
    assert not speaker_match({"speaker": "John Kirby"}, {"speaker": "Igor Konashenkov"})


def test_event_and_figure_metrics():
    gold = {"a": {"id": "a", "published": "2016-10-25", "events": [
        _event(), _event(type="ceasefire", salience="background", killed=None)], "claims": []}}
    perfect = copy.deepcopy(gold)
    m, _ = score(gold, perfect)
    assert m["event_f1"] == 1.0 and m["killed_accuracy"] == 1.0 and m["published_accuracy"] == 1.0

    wrong = {"a": {"id": "a", "published": "2016-10-24", "events": [
        _event(date="2016-10-20"), _event(killed={"value": 6})]}}
    m, lines = score(gold, wrong, detail=True)
    # the second prediction matches (dates within a day) but its figure is wrong; the first is spurious
    assert m["event_precision"] == 0.5 and m["event_recall"] == 1.0
    assert m["killed_accuracy"] == 0.0 and m["published_accuracy"] == 0.0
    assert any("SPURIOUS" in line for line in lines)


def test_claims_are_matched_by_text_and_attributed_by_speaker():
    gold = {"a": {"id": "a", "claims": [
        {"speaker": "Igor Konashenkov", "text": "the coalition flew 25 sorties over Mosul"}]}}
    pred = {"a": {"id": "a", "claims": [
        {"speaker": "Konashenkov", "text": "In the past day alone the coalition flew 25 sorties over Mosul"},
        {"speaker": "nobody", "text": "unrelated words entirely"}]}}
    m, _ = score(gold, pred)
    assert m["claim_f1"] == pytest.approx(2 / 3)
    assert m["attributed_claim_f1"] == pytest.approx(2 / 3)


@pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="needs ../shared")
def test_agrees_with_the_project_scorer_on_dev_gold(tmp_path):
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "tools" / "score.py")
    shared_score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared_score)
    gold_paths = sorted((SHARED / "gold" / "dev").glob("*.jsonl"))
    gold = load_records(gold_paths)
    # A degraded prediction: every other event dropped, dates shifted, figures changed.
    pred = {}
    for aid, rec in gold.items():
        rec = copy.deepcopy(rec)
        rec["events"] = rec["events"][::2]
        for i, e in enumerate(rec["events"]):
            if i % 3 == 0 and e.get("date"):
                e["date"] = "2000-01-01"
            if e.get("killed") and i % 2:
                e["killed"] = {"value": 1}
        rec["claims"] = rec["claims"][1:]
        pred[aid] = rec
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("\n".join(json.dumps(r) for r in pred.values()))
    ours, our_lines = score(gold, load_records([pred_path]), detail=True)
    theirs, their_lines = shared_score.score(shared_score.load(map(str, gold_paths)),
                                             shared_score.load([str(pred_path)]), detail=True)
    assert ours == theirs
    assert our_lines == their_lines
