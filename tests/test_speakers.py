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


def test_speaker_span_stops_at_the_claim_and_a_skipped_clause():
    lead = claims_of("Syrian air force strikes killed at least 70 people in an opposition district outside "
                     "Damascus following rocket attacks by rebels a monitoring group said on Friday.")[0]
    assert lead.speaker_span.text == "a monitoring group"
    assert lead.speaker_org != "Syrian government forces"  # the strikes are the claim, not the speaker
    dateline = claims_of("Army units advanced on Sunday. Aleppo A military source announced on Saturday "
                         "that the army established full control over the town.")[0]
    assert dateline.speaker_span.text == "Aleppo A military source"
    assert dateline.speaker_role == "military source"


def test_a_based_in_modifier_does_not_make_a_new_group():
    claims = claims_of("The Syrian Observatory for Human Rights said nine civilians died in shelling. "
                       "The Britain-based group added that another 27 people were killed in raids.")
    assert claims[1].speaker_org == "Syrian Observatory for Human Rights"


def test_short_form_of_an_organisation_named_before():
    claims = claims_of("The Syrian Institute of Justice said it had documented 270 civilian deaths. "
                       "The Institute pointed out that the bombing had continued for ten days.")
    assert claims[1].speaker_org == "Syrian Institute of Justice"


def test_national_media_is_not_the_outlet_named_nearby():
    claim = claims_of("Kurdish media reported that a twin bombing struck a crowd in the town on Wednesday. "
                      "The SANA news agency said rescue teams were working.")[0]
    assert claim.speaker_org == "Kurdish media"


def test_a_word_of_a_title_is_not_the_organisation():
    claim = claims_of("US Secretary of State John Kerry said the US was considering new sanctions.")[0]
    assert claim.speaker == "John Kerry"
    assert claim.speaker_org != "State"


def test_a_name_parsed_as_sibling_subjects_stays_whole():
    claim = claims_of("Also on Saturday Jaish al-Islam said it had shot down a regime drone near the village.")[0]
    assert claim.speaker_span.text == "Jaish al-Islam"


def test_bare_surname_of_a_person_named_earlier_is_that_person():
    claims = claims_of("French Foreign Minister Laurent Fabius met his counterpart on Monday. "
                       "Fabius said the proposed resolution would be under Chapter 7.")
    assert claims[-1].speaker == "Laurent Fabius" and claims[-1].speaker_org is None


def test_a_source_in_a_town_is_not_the_towns_source():
    claim = claims_of("A medical source in Aleppo said the regime helicopter dropped chlorine.")[0]
    assert claim.speaker_org != "Aleppo" and claim.speaker_role == "medical source"


def test_secretary_of_defense_is_a_title():
    claim = claims_of("US Secretary of Defense Ashton Carter said that the coalition killed the operatives.")[0]
    assert claim.speaker_role == "secretary of defense" and claim.speaker_org == "US government"


def test_a_place_after_from_is_not_the_speakers_name():
    claim = claims_of('"The hospital has no more medicines or bandages" said one activist from Talbisseh.')[0]
    assert claim.speaker is None and claim.speaker_role == "activist"


def test_a_name_ending_the_previous_sentence_is_not_the_next_speaker():
    claims = claims_of("The town was shelled overnight, residents told Hassan Khaled. "
                       "A military source confirmed the air strikes.")
    assert claims[-1].speaker is None and claims[-1].speaker_org == "Syrian military"


def test_title_glued_before_a_name_without_commas_gives_the_organisation():
    # Comma-less copy: the parser hangs "SOHR head" on the content, not on the speaker.
    text = ("Four children were among 30 people killed in opposition-held areas on Friday and Saturday "
            "SOHR head Rami Abdel Rahman said.")
    claim = claims_of(text)[0]
    assert claim.speaker == "Rami Abdel Rahman"
    assert claim.speaker_org == "Syrian Observatory for Human Rights"
    assert claim.speaker_role == "head"
    text = ("Barrel bombs hit several districts including Bustan al-Qasr and al-Sakhour civil defense "
            "official Ammar Selmo told Reuters.")
    assert claims_of(text)[0].speaker_org == "Syrian Civil Defence"
    # A bare name after the content has no title to borrow.
    assert claims_of("Rockets hit the town of Saraqeb on Monday Ahmad Saleh said.")[0].speaker_org is None


def test_reporter_of_the_publishing_outlet_is_the_outlet_even_with_a_place():
    text = "A reporter in Homs said that four civilians were killed by rocket shells on Monday."
    claim = find_claims(Article(id="t", text=text, outlet="SANA"), nlp()(text))[0]
    assert claim.speaker_org == "SANA"


def test_agency_descriptor_of_the_chemical_weapons_body_is_canonicalised():
    claim = claims_of("The global chemical arms watchdog said it was gravely concerned by the reports.")[0]
    assert claim.speaker_org == "Organisation for the Prohibition of Chemical Weapons"


def test_he_refers_to_a_speaker_named_by_title_only():
    text = ('Assad denied the claims. Italy\'s foreign minister called for an urgent meeting of the Security '
            'Council after what he said was a "barbaric" attack on the town. "We cannot stay silent" he added.')
    claims = claims_of(text)
    said = [c for c in claims if c.cue == "said"][0]
    added = [c for c in claims if c.cue == "added"][0]
    assert said.speaker is None and said.speaker_role == "foreign minister"
    assert added.speaker is None and added.speaker_role == "foreign minister"
