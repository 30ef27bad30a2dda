"""Speakers: person, role, organisation; later mentions; unnamed sources; states."""
from __future__ import annotations

from sitrep.analyze import nlp
from sitrep.extract.claims import find_claims
from sitrep.extract.claim_lexicons import cue_lexicon, government_names, role_lexicon
from sitrep.extract.speakers import restore_possessive
from sitrep.records import Article


def claims_of(text: str):
    return find_claims(Article(id="t", text=text), nlp()(text))


def test_apposition_gives_person_role_and_organisation():
    text = ('"There were numerous attacks," Gen. Sergey Rudskoy, head of Operations in the Russian '
            'General Staff, told journalists on Tuesday.')
    claim = claims_of(text)[0]
    assert claim.speaker == "Sergey Rudskoy"
    assert claim.speaker_role == "head of Operations"
    assert claim.speaker_org == "Russian General Staff"


def test_surname_and_role_noun_resolve_to_the_earlier_speaker():
    text = ("Gen. Sergey Rudskoy, head of Operations in the Russian General Staff, said the coalition "
            "bombed schools. Rudskoy said that Russia has not conducted sorties over Aleppo. "
            "The general said the pause would continue.")
    claims = claims_of(text)
    assert [c.speaker for c in claims] == ["Sergey Rudskoy"] * 3
    assert {c.speaker_org for c in claims} == {"Russian General Staff"}
    assert claims[1].speaker_span.rule == "speaker:earlier_mention"


def test_unnamed_source_takes_the_body_it_belongs_to():
    claim = claims_of("A source at Aleppo Police Command said that a woman was killed by rocket shells.")[0]
    assert claim.speaker is None
    assert claim.speaker_org == "Aleppo Police Command"
    assert claim.speaker_role == "source"


def test_states_speak_through_capitals_and_titles():
    claims = claims_of("Moscow says it will continue a halt on air strikes over Aleppo. "
                       "Turkish Foreign Minister Mevlut Cavusoglu said the operation would continue.")
    assert claims[0].speaker_org == "Russian government"
    assert claims[1].speaker == "Mevlut Cavusoglu" and claims[1].speaker_org == "Turkish government"


def test_joint_statement_of_states_keeps_both():
    claim = claims_of("France and Britain said inspectors should be allowed immediate access.")[0]
    assert claim.speaker_org == "France and Britain"


def test_description_stays_when_nothing_names_it():
    claim = claims_of("Camp residents told reporters that two barrel bombs were dropped from a helicopter.")[0]
    assert claim.speaker is None and claim.speaker_org == "Camp residents"


def test_a_misparse_without_a_plausible_speaker_is_dropped():
    assert claims_of("The fall of the town would threaten the siege on the rebels.") == []


def test_lexicons_load_with_their_meta_lines_skipped():
    assert cue_lexicon().verb("said").cue == "say"
    assert cue_lexicon().phrases["according to"].stance == "assert"
    assert role_lexicon().is_title("spokesman") and role_lexicon().is_source_noun("military source")
    assert government_names()["moscow"] == "Russian government"


def test_restore_possessive_for_acronyms_only():
    assert restore_possessive("AFPs correspondent") == "AFP correspondent"
    assert restore_possessive("Activists said") == "Activists said"
