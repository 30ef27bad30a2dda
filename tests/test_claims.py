"""Claims: direct, split, colon and partial quotes; reported speech; stance; spans."""
from __future__ import annotations

import pytest

from sitrep.analyze import nlp
from sitrep.extract.claims import find_claims, shorten
from sitrep.extract.quotes import find_quotes
from sitrep.records import Article


def claims_of(text: str, outlet: str | None = None):
    article = Article(id="t", text=text, outlet=outlet)
    return find_claims(article, nlp()(text))


def only(claims, **want):
    hits = [c for c in claims if all(getattr(c, k) == v for k, v in want.items())]
    assert len(hits) == 1, (want, [(c.text, c.speaker, c.speaker_org, c.cue) for c in claims])
    return hits[0]


def test_find_quotes_handles_curly_straight_and_paragraph_end():
    text = 'He said “one two.” Then "three four" and\n"five six\nseven'
    quotes = [q.content(text) for q in find_quotes(text)]
    # The quote left open closes at its paragraph's end; "seven" is outside it.
    assert quotes == ["one two.", "three four", "five six"]


def test_direct_quote_with_cue_after_resolves_pronoun_to_full_speaker():
    text = ("The coalition has conducted 21 air strikes on Mosul, Russian Defense Ministry Spokesman "
            "Igor Konashenkov said on Tuesday.\n“Mosul is being bombed daily from B-52H bombers,” he said.")
    claims = claims_of(text)
    reported = only(claims, direct=False)
    assert reported.speaker == "Igor Konashenkov"
    assert reported.speaker_org == "Russian Ministry of Defence"
    assert reported.speaker_role == "spokesman"
    assert reported.text.startswith("The coalition has conducted 21 air strikes")
    quoted = only(claims, direct=True)
    assert quoted.text == "Mosul is being bombed daily from B-52H bombers"
    assert quoted.speaker == "Igor Konashenkov" and quoted.speaker_span.rule == "speaker:pronoun"


def test_split_quote_is_one_claim_joined_by_ellipsis():
    text = ('Gen. Sergey Rudskoy spoke in Moscow. "We are closely monitoring the situation," he added, '
            '"and we see no substantial progress."')
    claim = only(claims_of(text), direct=True)
    assert claim.text == ("We are closely monitoring the situation ... "
                          "and we see no substantial progress.")
    assert claim.speaker == "Sergey Rudskoy" and claim.cue == "added"


def test_colon_introduced_quote():
    claim = only(claims_of('Foreign Minister William Hague told reporters: "This will wake up some who '
                           'supported the regime."'), direct=True)
    assert claim.speaker == "William Hague" and claim.cue == "told"
    assert claim.text.startswith("This will wake up")


def test_reported_speech_without_commas_names_the_monitor_the_article_names():
    text = ("Nearly 70 children were among those killed in the bombing a monitor said on Sunday. "
            "At least 68 children were among the 126 people killed the Syrian Observatory for Human Rights said.")
    claims = claims_of(text)
    first = claims[0]
    assert first.text == "Nearly 70 children were among those killed in the bombing"
    assert first.speaker_org == "Syrian Observatory for Human Rights"
    assert first.direct is False and first.cue == "said"


def test_according_to_takes_the_rest_of_the_sentence():
    claim = only(claims_of("At least 12 people were killed in the raid according to the Syrian Observatory "
                           "for Human Rights."), cue="according to")
    assert claim.speaker_org == "Syrian Observatory for Human Rights"
    assert claim.text == "At least 12 people were killed in the raid"


@pytest.mark.parametrize("sentence, stance, text", [
    ("The Ahrar al-Sham rebel group denied any involvement.", "deny", "any involvement"),
    ("The Syrian opposition accused government forces of killing civilians.", "accuse",
     "government forces of killing civilians"),
    ("World powers urged President Bashar al-Assad to allow inspectors in.", "call",
     "President Bashar al-Assad to allow inspectors in"),
])
def test_stance_comes_from_the_cue_lexicon(sentence, stance, text):
    claim = claims_of(sentence)[0]
    assert claim.stance == stance and claim.text == text


def test_partial_quote_inside_reported_speech_is_direct():
    claim = claims_of('The OPCW said it was "seriously concerned" by the reports of a gas attack.')[0]
    assert claim.direct is True
    assert "seriously concerned" in claim.text


def test_spans_point_into_the_text():
    text = "Fighting lasted all night, an AFP correspondent said."
    claim = claims_of(text)[0]
    assert text[claim.span.start:claim.span.end] == claim.text
    assert text[claim.cue_span.start:claim.cue_span.end] == "said"
    assert claim.cue_span.rule == "cue_verbs:say"
    assert claim.speaker_org == "AFP" and claim.speaker_role == "correspondent"


def test_no_claim_without_a_speaker():
    assert claims_of("The first two attacks were reported in Hama province.") == []
    assert claims_of('Activists in "helmets" of "white" worked there.') == []


def test_outlet_reporter_speaks_for_the_outlet():
    claim = claims_of("A reporter in Aleppo said that six civilians were killed by rocket shells.",
                      outlet="SANA")[0]
    assert claim.speaker_org == "SANA"


def test_long_claims_are_shortened_with_ellipsis():
    long_text = " ".join(f"w{i}" for i in range(200))
    short = shorten(long_text)
    assert " ... " in short and short.startswith("w0 ") and short.endswith("w199")
    assert shorten("a few words") == "a few words"


def test_a_capitalised_said_after_a_name_is_a_surname_not_a_cue():
    text = "The photo was taken by REUTERS Rodi Said Middle East on Monday."
    assert find_claims(Article(id="t", text=text), nlp()(text)) == []


def test_a_co_speaker_before_and_is_not_part_of_the_claim():
    text = "Government air strikes killed twenty people in the city of Homs on Sunday a monitor and residents said."
    claim = find_claims(Article(id="t", text=text), nlp()(text))[0]
    assert claim.text == "Government air strikes killed twenty people in the city of Homs on Sunday"


def test_speaker_hung_inside_relative_clause_of_a_mute_subject_is_the_name_before_the_cue():
    # Comma-less wire copy: the parser takes "raids" for the subject of "said" and hangs the
    # monitor inside the relative clause; the named phrase right before the cue speaks.
    text = ("Jisr al-Shughur in Idlib province suffered a series a air raids which killed six people "
            "including two men and a girl the Syrian Observatory for Human Rights said.")
    claim = only(claims_of(text), cue="said")
    assert claim.speaker_org == "Syrian Observatory for Human Rights"
    assert claim.text.startswith("Jisr al-Shughur in Idlib province suffered")


def test_reporter_citing_a_source_attributes_the_claim_to_the_cited_source():
    text = ("Government troops killed 40 militants near Palmyra and its outskirts state media reported "
            "citing a military source. The source said two tanks were destroyed in the fighting.")
    claims = claims_of(text)
    cited = only(claims, cue="reported")
    assert cited.speaker_org == "Syrian military" and cited.speaker_role == "military source"
    assert cited.text.startswith("Government troops killed 40 militants")
    assert "citing" not in cited.text


def test_reporter_in_copy_credited_to_an_agency_is_that_agency():
    # No publisher known, but the cleaner credited the whole story to an agency: its reporter is it.
    from sitrep.records import Span

    text = "A reporter in Homs said that four civilians were killed by rocket shells on Monday."
    article = Article(id="t", text=text, cited_sources=["SANA"],
                      spans={"cited_sources[0]": Span(0, 0, "SANA", "credit:dateline")})
    claim = only(find_claims(article, nlp()(text)), cue="said")
    assert claim.speaker_org == "SANA"
    # A credit for one statement only ("RT reported") does not make the outlet the story's voice.
    article.spans["cited_sources[0]"] = Span(0, 0, "SANA", "credit:inline")
    assert only(find_claims(article, nlp()(text)), cue="said").speaker_org != "SANA"


def test_inverted_speaker_after_a_comma_less_content_is_the_subject_that_can_speak():
    # The parser reads the content clause as a second subject of "said".
    text = ("In fresh raids Syrian regime helicopters bombed opposition-held parts of Daraa late on Monday "
            "said the Syrian Observatory for Human Rights (SOHR).")
    claim = only(claims_of(text), cue="said")
    assert claim.speaker_org == "Syrian Observatory for Human Rights"
    assert claim.text.startswith("In fresh raids Syrian regime helicopters bombed")


def test_adding_shares_the_speaker_of_its_cue_not_that_cues_listener():
    text = ('"Government forces shelled a wedding party with mortars killing at least four people" local '
            'activist Omar Hamdan told The New Arab adding that dozens of others were wounded.')
    added = only(claims_of(text), cue="adding")
    assert added.speaker == "Omar Hamdan"
    assert added.text == "dozens of others were wounded"


def test_according_to_without_comma_splits_the_source_name_from_the_content():
    text = "According to the Syrian Observatory heavy shelling has hit the southern province in recent weeks."
    claim = only(claims_of(text), cue="According to")
    assert claim.speaker_org == "Syrian Observatory for Human Rights"
    assert claim.text == "heavy shelling has hit the southern province in recent weeks"
    # A source qualified by a place keeps its whole phrase.
    text = "According to a military source in the Idlib Governorate the army killed at least 30 militants on Monday."
    assert only(claims_of(text), cue="According to").speaker_org == "Syrian military"


def test_witnesses_right_before_the_cue_speak_when_the_parsed_subject_cannot():
    text = ("Separately the sound of heavy shelling including blasts could be heard from the Turkish border "
            "town of Kilis about 30 miles (48 km) north of the Syrian city of Azaz witnesses said.")
    claim = only(claims_of(text), cue="said")
    assert claim.speaker_role == "witnesses"
    assert claim.text.startswith("Separately the sound of heavy shelling")


def test_of_two_speakers_split_by_the_parser_the_first_named_leads():
    text = ("Heavy bombing on the city has killed at least 60 civilians including children the monitor and "
            "a civil defence official said. The Syrian Observatory for Human Rights said the raids continued.")
    toll = only(claims_of(text), cue="said", text="Heavy bombing on the city has killed at least 60 civilians "
                                                 "including children")
    assert toll.speaker_org == "Syrian Observatory for Human Rights"


def test_state_news_agency_descriptor_is_sana():
    claim = only(claims_of("Air raids killed nine people in Daraa on Monday Syrias state-run news agency said."),
                 cue="said")
    assert claim.speaker_org == "SANA"
