"""The framing component: lexicon, matching, offsets, sentences, summary."""
from __future__ import annotations

import json

import pytest

from sitrep.extract.framing import (
    LEXICON_PATH, TECHNIQUES, Cue, CueMatcher, count_words, cue_from_json,
    extract_framing, find_framing, framing_summary, load_cues,
)
from sitrep.extract.framing_ptc import (
    PTCArticle, SpanScore, load_ptc, sentence_counts, split_ptc,
)
from framing_fixtures import PTC, nlp  # noqa: F401 (nlp: fixture)
from sitrep.records import Article
from sitrep.registry import components



def cues_for_tests() -> list[Cue]:
    return [
        Cue("doubt", "so-called", "hand", 0.4),
        Cue("doubt", "alleged", "hand", 0.1),
        Cue("whataboutism", "what about", "hand", 0.5),
        Cue("whataboutism", ({"LOWER": {"IN": ["while", "yet"]}},
                             {"IS_PUNCT": False, "OP": "{1,8}"},
                             {"LOWER": {"IN": ["remains", "remained"]}},
                             {"LOWER": "silent"}), "hand", 0.5),
        Cue("loaded_language", "barbaric", "hand", 0.5),
        Cue("name_calling", "terrorist gangs", "hand", 0.6),
        Cue("name_calling", "gangs", "ptc-build", 0.2),
    ]


def test_hits_carry_offsets_text_sentence_and_rule(nlp):
    text = ("The army shelled the town. The so-called rebels fled.\n"
            "What about the barbaric raids by terrorist gangs?")
    doc = nlp(text)
    hits = find_framing(doc, CueMatcher(cues_for_tests(), nlp.vocab))
    for hit in hits:
        assert text[hit["start"]:hit["end"]] == hit["text"]
        assert hit["sentence_start"] <= hit["start"] < hit["end"] <= hit["sentence_end"]
        assert hit["rule"].startswith(f"framing:{hit['technique']}:")
    found = {(h["technique"], h["text"]) for h in hits}
    assert ("doubt", "so-called") in found
    assert ("whataboutism", "What about") in found
    assert ("loaded_language", "barbaric") in found
    so_called = next(h for h in hits if h["text"] == "so-called")
    assert text[so_called["sentence_start"]:so_called["sentence_end"]] == "The so-called rebels fled."


def test_longest_cue_of_a_technique_wins(nlp):
    doc = nlp("Raids by terrorist gangs continued.")
    hits = find_framing(doc, CueMatcher(cues_for_tests(), nlp.vocab))
    assert [(h["technique"], h["text"]) for h in hits] == [("name_calling", "terrorist gangs")]
    every = CueMatcher(cues_for_tests(), nlp.vocab).find(doc, resolve_overlaps=False)
    assert len(every) == 2


def test_token_pattern_cue_spans_the_gap(nlp):
    text = "The West bombs Syria, while the United Nations remains silent about it."
    hits = find_framing(nlp(text), CueMatcher(cues_for_tests(), nlp.vocab))
    whatabout = [h for h in hits if h["technique"] == "whataboutism"]
    assert len(whatabout) == 1
    assert whatabout[0]["text"].startswith("while") and whatabout[0]["text"].endswith("silent")


def test_cue_inside_a_named_entity_is_not_a_hit(nlp):
    from spacy.tokens import Span
    matcher = CueMatcher([Cue("loaded_language", "sham", "ptc-build", 0.6)], nlp.vocab)
    doc = nlp("Fighters of Ahrar al-Sham held the sham vote.")
    sham = next(t.i for t in doc if t.text == "Sham")
    doc.ents = [Span(doc, sham - 2, sham + 1, label="ORG")]
    assert [h["text"] for h in find_framing(doc, matcher)] == ["sham"]


def test_neutral_text_has_no_hits(nlp):
    doc = nlp("The ministry said 12 people were wounded in the town on Monday.")
    assert find_framing(doc, CueMatcher(cues_for_tests(), nlp.vocab)) == []


def test_cue_rows_round_trip_and_reject_unknown_techniques():
    cue = cue_from_json({"technique": "doubt", "pattern": [{"LOWER": "purported"}],
                         "origin": "hand", "score": 0.3})
    assert cue.key == '[{"LOWER":"purported"}]'
    with pytest.raises(ValueError):
        cue_from_json({"technique": "propaganda", "pattern": "x"})


def test_shipped_lexicon_is_valid_and_marks_origins(nlp):
    rows = [json.loads(line) for line in LEXICON_PATH.read_text(encoding="utf-8").splitlines()]
    assert {r["origin"] for r in rows} == {"hand", "ptc-build"}
    assert all(r["technique"] in TECHNIQUES and r["source"] for r in rows)
    hand = {r["pattern"] for r in rows if r["origin"] == "hand" and isinstance(r["pattern"], str)}
    assert {"so-called", "alleged", "purported", "what about", "double standards"} <= hand
    cues = load_cues()
    assert all(c.active for c in cues)
    assert len(load_cues(include_inactive=True)) == len(rows)
    CueMatcher(cues, nlp.vocab)  # every pattern compiles


def test_lexicon_alone_finds_hand_cues(nlp):
    text = "Officials dismissed the so-called evidence. What about the double standards?"
    found = {(h["technique"], h["text"]) for h in find_framing(nlp(text))}
    assert ("doubt", "so-called") in found
    assert ("whataboutism", "double standards") in found


def test_registered_component_falls_back_to_the_lexicon_without_a_model(nlp, monkeypatch, tmp_path):
    from sitrep.extract import framing_model
    assert "framing" in components
    monkeypatch.setattr(framing_model, "MODEL_PATH", tmp_path / "absent.jsonl")
    text = "Officials dismissed the so-called evidence. What about the double standards?"
    article = Article(id="t1", text=text)
    extract_framing(article, nlp(text))
    assert ("doubt", "so-called") in {(h["technique"], h["text"]) for h in article.framing}
    assert all(":model:" not in h["rule"] for h in article.framing)


def test_summary_counts_and_rates():
    hits_a = [
        {"technique": "doubt", "sentence_start": 0, "sentence_end": 10},
        {"technique": "doubt", "sentence_start": 0, "sentence_end": 10},
        {"technique": "loaded_language", "sentence_start": 11, "sentence_end": 30},
    ]
    summary = framing_summary({"a": hits_a, "b": []}, word_counts={"a": 1500, "b": 500})
    assert summary["articles"] == 2 and summary["words"] == 2000 and summary["hits"] == 3
    assert summary["sentences"] == 2
    doubt = summary["techniques"]["doubt"]
    assert doubt == {"count": 2, "articles": 1, "sentences": 1,
                     "per_1000_words": 1.0, "share_of_articles": 0.5}
    assert summary["techniques"]["flag_waving"]["count"] == 0
    assert framing_summary([hits_a])["techniques"]["doubt"]["per_1000_words"] is None
    scored = [dict(h, score=0.05 if h["technique"] == "doubt" else 0.5) for h in hits_a]
    strict = framing_summary({"a": scored}, word_counts=1000, min_score=0.1)
    assert strict["hits"] == 1 and strict["techniques"]["doubt"]["count"] == 0


def test_count_words():
    assert count_words("The so-called ceasefire, isn't it 2 weeks old?") == 8


def test_sentence_and_span_scores_on_a_small_article():
    text = "First line is calm.\nSecond line is so-called news.\n\nThird is vile."
    gold = [("doubt", 35, 44), ("loaded_language", 61, 65)]
    article = PTCArticle("x", text, gold)
    assert article.lines() == [(0, 19), (20, 50), (52, 66)]
    predicted = [("doubt", 35, 44), ("doubt", 0, 5)]
    counts = sentence_counts(article, predicted, ["doubt", "loaded_language"])
    assert (counts["doubt"].tp, counts["doubt"].fp, counts["doubt"].fn) == (1, 1, 0)
    assert (counts["loaded_language"].tp, counts["loaded_language"].fn) == (0, 1)
    span = SpanScore()
    span.add([(35, 44), (0, 5)], [(35, 44)])
    assert (span.precision, span.recall) == (0.5, 1.0)


@pytest.mark.slow
@pytest.mark.skipif(not (PTC / "train-task2-TC.labels").exists(), reason="PTC corpus absent")
def test_ptc_split_is_fixed_and_disjoint(nlp):
    build, held_out = split_ptc(load_ptc(PTC))
    assert (len(build), len(held_out)) == (240, 60)
    assert not {a.id for a in build} & {a.id for a in held_out}
    again_build, _ = split_ptc(load_ptc(PTC))
    assert [a.id for a in build] == [a.id for a in again_build]
    # Offsets of the shipped lexicon's hits are exact on real articles.
    matcher = CueMatcher(load_cues(), nlp.vocab)
    pairs = [(a, h) for a in held_out[:10] for h in find_framing(nlp(a.text), matcher)]
    assert pairs
    assert all(a.text[h["start"]:h["end"]] == h["text"] for a, h in pairs)
    total = SpanScore()
    for article in held_out:
        predicted = [(h["start"], h["end"]) for h in find_framing(nlp(article.text), matcher)
                     if h["technique"] == "loaded_language"]
        total.add(predicted, [(s, e) for t, s, e in article.spans if t == "loaded_language"])
    # Loaded language is the best-covered technique: the cues must find some of it.
    assert total.recall > 0.05 and total.precision > 0.1
