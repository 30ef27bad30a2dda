"""The framing sentence model: features, scoring, spans, the shipped weights."""
from __future__ import annotations

import json

import pytest

from sitrep.extract.framing import TECHNIQUES, extract_framing
from sitrep.extract.framing_model import (
    MODEL_PATH, FramingModel, TechniqueModel, load_model, model_to_lines,
    predict_framing, sentence_features, sentence_units,
)
from framing_fixtures import PTC, nlp  # noqa: F401 (nlp: fixture)
from sitrep.records import Article



def tiny_model(threshold: float = 0.5) -> FramingModel:
    # Words chosen outside the shipped lexicon, so spans come from the model.
    return FramingModel([
        TechniqueModel("loaded_language", -3.0, threshold,
                       {"w:ghastly": 4.0, "w:ghastly plot": 0.5, "sig:exclamation": 1.0}),
        TechniqueModel("flag_waving", -3.0, threshold, {"sig:length:<=5": 5.0}),
    ], {"source": "test"})


def test_sentence_units_cut_at_line_breaks(nlp):
    doc = nlp("A title line\nThe first sentence. The second one.\n\nLast line")
    units = [doc[s:e].text.strip() for s, e in sentence_units(doc)]
    assert units == ["A title line", "The first sentence.", "The second one.", "Last line"]
    assert sentence_units(nlp("")) == []


def test_features_keep_offsets_and_drop_function_word_ngrams(nlp):
    text = "They said 12 ghastly lies in the HOUSE!"
    doc = nlp(text)
    feats = sentence_features(doc, 0, len(doc), first=True)
    assert text[slice(*feats["w:ghastly lies"])] == "ghastly lies"
    assert "w:00" not in feats and "w:00 ghastly" in feats      # digits folded
    assert "w:in the" not in feats and "w:in the house" in feats  # content word required
    assert text[slice(*feats["sig:exclamation"])] == "!"
    assert text[slice(*feats["sig:all_caps"])] == "HOUSE"
    assert feats["sig:first_sentence"] is None and feats["sig:length:<=10"] is None


def test_cue_features_count_only_inside_the_sentence(nlp):
    doc = nlp("One. Two so-called words.")
    feats = sentence_features(doc, 2, len(doc), cue_hits=[("doubt", 9, 18), ("doubt", 0, 3)])
    assert feats["cue:doubt"] == (9, 18)
    assert "cue:doubt" not in sentence_features(doc, 0, 2, cue_hits=[("doubt", 9, 18)])


def test_score_applies_threshold_and_ranks_evidence():
    model = tiny_model()
    flagged = model.score({"w:ghastly": (0, 7), "w:ghastly plot": (0, 12), "w:calm": (13, 17)})
    assert [f["technique"] for f in flagged] == ["loaded_language"]
    assert flagged[0]["probability"] == pytest.approx(1 / (1 + 2.718281828 ** -1.5), rel=1e-6)
    assert [f for f, _ in flagged[0]["evidence"]] == ["w:ghastly", "w:ghastly plot"]
    assert tiny_model(threshold=0.9).score({"w:ghastly": (0, 7)}) == []


def test_predictions_carry_span_rule_score_and_sentence(nlp):
    text = "Calm words here, nothing more to see.\nA ghastly scheme was devised by them!"
    hits = predict_framing(nlp(text), tiny_model())
    assert len(hits) == 1
    hit = hits[0]
    assert hit["technique"] == "loaded_language" and hit["text"] == "ghastly"
    assert text[hit["start"]:hit["end"]] == hit["text"]
    assert text[hit["sentence_start"]:hit["sentence_end"]] == "A ghastly scheme was devised by them!"
    assert hit["rule"] == "framing:loaded_language:model:ghastly"
    assert 0.5 <= hit["score"] <= 1 and hit["evidence"][0] == "ghastly"


def test_signals_alone_make_no_hit(nlp):
    # The flag_waving toy model fires on short sentences only: nothing to point at.
    assert predict_framing(nlp("Fine, thanks."), tiny_model()) == []


def test_model_file_round_trips(tmp_path):
    path = tmp_path / "model.jsonl"
    path.write_text("\n".join(model_to_lines(tiny_model())) + "\n", encoding="utf-8")
    again = load_model(path)
    assert again.meta == {"source": "test"}
    assert again.techniques == ["loaded_language", "flag_waving"]
    assert again.models[0].weights["w:ghastly"] == 4.0 and again.models[0].threshold == 0.5


def test_shipped_model_is_complete_and_cites_its_source():
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8").splitlines()[0])["meta"]
    assert "Propaganda Techniques Corpus" in meta["source"] and "Da San Martino" in meta["source"]
    assert "research use" in meta["licence"]
    model = load_model()
    assert model.techniques == list(TECHNIQUES)
    for technique in model.models:
        assert 0 < technique.threshold < 1 and technique.weights
        assert all(f.split(":", 1)[0] in ("w", "cue", "sig") for f in technique.weights)


def test_component_uses_the_model_and_skips_other_languages(nlp):
    text = "The corrupt, lying elites want to destroy our great nation!"
    article = Article(id="m1", text=text)
    extract_framing(article, nlp(text))
    assert article.framing
    assert all(h["rule"].startswith(f"framing:{h['technique']}:model:") for h in article.framing)
    assert all(text[h["start"]:h["end"]] == h["text"] for h in article.framing)
    foreign = Article(id="m2", text=text, language="fr")
    extract_framing(foreign, nlp(text))
    assert foreign.framing == []


def test_neutral_wire_copy_is_not_flagged(nlp):
    text = ("The ministry said 12 people were wounded in the town on Monday. "
            "Officials will meet on Tuesday to discuss the reconstruction budget.")
    assert predict_framing(nlp(text)) == []


@pytest.mark.slow
@pytest.mark.skipif(not (PTC / "train-task2-TC.labels").exists(), reason="PTC corpus absent")
def test_model_beats_chance_on_held_out_ptc():
    from sitrep.analyze import nlp as sitrep_nlp
    from sitrep.extract.framing_ptc import Counts, load_ptc, sentence_counts, split_ptc
    _build, held_out = split_ptc(load_ptc(PTC))
    pipeline = sitrep_nlp()
    micro = Counts()
    for article in held_out[:30]:
        hits = predict_framing(pipeline(article.text))
        assert all(article.text[h["start"]:h["end"]] == h["text"] for h in hits)
        for counts in sentence_counts(article, [(h["technique"], h["start"], h["end"])
                                                for h in hits]).values():
            micro.add(counts)
    # The cue lexicon alone reaches about 0.21 micro F1 on these articles.
    assert micro.f1 > 0.25 and micro.precision > 0.2


def test_lexicon_cues_of_the_technique_give_the_spans(nlp, monkeypatch):
    from sitrep.extract import framing_model
    from sitrep.extract.framing import Cue
    text = "A ghastly scheme was devised by them!"
    scheme = text.index("scheme")
    cues = [(Cue("loaded_language", "scheme", "ptc-build", 0.4), scheme, scheme + 6),
            (Cue("doubt", "devised", "hand", 0.4), text.index("devised"), text.index(" by"))]
    monkeypatch.setattr(framing_model, "lexicon_hits", lambda doc: cues)
    hits = predict_framing(nlp(text), tiny_model())
    assert [(h["technique"], h["text"], h["rule"]) for h in hits] == [
        ("loaded_language", "scheme", "framing:loaded_language:model:cue:ptc-build:scheme")]
