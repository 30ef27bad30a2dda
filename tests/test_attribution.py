"""Attribution: events stated inside a claim, next to its cue, or continuing its account."""
from __future__ import annotations

from sitrep.analyze import nlp
from sitrep.extract.attribution import attribute_events
from sitrep.records import Article, Claim, Event, Span


def span_of(text: str, part: str, rule: str = "test") -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part, rule)


def event_at(text: str, evidence: str, index: int) -> Event:
    return Event(type="air_strike", evidence=evidence, evidence_span=span_of(text, evidence), index=index)


def claim_at(text: str, content: str, cue: str, speaker: str, org: str | None, who: str | None = None) -> Claim:
    return Claim(text=content, speaker=speaker, speaker_org=org, cue=cue, span=span_of(text, content),
                 cue_span=span_of(text, cue), speaker_span=span_of(text, who or speaker))


TEXT = ("Air strikes killed 16 civilians in Idlib, the Observatory said. "
        "Another seven people were killed in raids on Kafr Takharim.\n"
        "Rebels shelled the western districts of Aleppo on Friday.")


def build() -> Article:
    article = Article(id="t", text=TEXT)
    article.claims = [claim_at(TEXT, "Air strikes killed 16 civilians in Idlib", "said", None,
                               "Syrian Observatory for Human Rights", who="the Observatory")]
    article.events = [
        event_at(TEXT, "Air strikes killed 16 civilians in Idlib", 0),
        event_at(TEXT, "Another seven people were killed in raids on Kafr Takharim", 1),
        event_at(TEXT, "Rebels shelled the western districts of Aleppo on Friday", 2),
    ]
    return article


def test_event_inside_claim_takes_the_speaker_org_and_is_listed_by_the_claim():
    article = build()
    attribute_events(article, nlp()(article.text))
    first = article.events[0]
    assert first.source == "Syrian Observatory for Human Rights"
    assert first.spans["source"].rule == "attribution:inside_claim"
    assert first.spans["source"].text == "the Observatory"
    assert article.claims[0].event_ids == [0, 1]


def test_account_runs_on_to_the_next_sentence_but_not_past_a_paragraph():
    article = build()
    attribute_events(article, nlp()(article.text))
    assert article.events[1].source == "Syrian Observatory for Human Rights"
    assert article.events[1].spans["source"].rule == "attribution:continuation"
    assert article.events[2].source is None  # the outlet's own voice


def test_same_sentence_cue_attributes_evidence_outside_the_content():
    text = "Besides, the city has six humanitarian corridors, Konashenkov said, adding that gunmen shell them."
    article = Article(id="t", text=text)
    article.claims = [claim_at(text, "gunmen shell them", "adding", "Igor Konashenkov",
                               "Russian Ministry of Defence", who="Konashenkov")]
    article.events = [event_at(text, "the city has six humanitarian corridors", 0)]
    attribute_events(article, nlp()(text))
    assert article.events[0].source == "Russian Ministry of Defence"
    assert article.events[0].spans["source"].rule == "attribution:same_sentence"


def test_person_without_organisation_is_the_source():
    text = '"A regime helicopter dropped six barrels of chlorine," Abu Shadi al-Hamwi told The New Arab.'
    article = Article(id="t", text=text)
    article.claims = [claim_at(text, "A regime helicopter dropped six barrels of chlorine", "told",
                               "Abu Shadi al-Hamwi", None)]
    article.events = [event_at(text, "A regime helicopter dropped six barrels of chlorine", 3)]
    attribute_events(article, nlp()(text))
    assert article.events[0].source == "Abu Shadi al-Hamwi"
    assert article.claims[0].event_ids == [3]


def test_summary_sentence_takes_the_attribution_that_opens_the_next_sentence():
    text = ("Two civilians were killed in rocket attacks on Deir Ezzor city. "
            "A source at Deir Ezzor Governorate told SANA that terrorists fired rocket shells on the city.")
    article = Article(id="t", text=text)
    article.claims = [claim_at(text, "terrorists fired rocket shells on the city", "told", None,
                               "Deir Ezzor Governorate", who="A source at Deir Ezzor Governorate")]
    article.events = [event_at(text, "Two civilians were killed in rocket attacks on Deir Ezzor city", 0)]
    attribute_events(article, nlp()(text))
    assert article.events[0].source == "Deir Ezzor Governorate"
    assert article.events[0].spans["source"].rule == "attribution:lead"


def test_between_two_accounts_the_one_naming_the_events_place_wins():
    from sitrep.records import Location

    text = ("A police source said that rocket shells hit the Midan district of Aleppo. "
            "Later a man was wounded in shelling on Nubl. "
            "Residents of the town told SANA that gunmen shelled Nubl with mortars.")
    article = Article(id="t", text=text)
    article.claims = [
        claim_at(text, "rocket shells hit the Midan district of Aleppo", "said", None, "police",
                 who="A police source"),
        claim_at(text, "gunmen shelled Nubl with mortars", "told", None, "residents",
                 who="Residents of the town"),
    ]
    wounded = event_at(text, "Later a man was wounded in shelling on Nubl", 0)
    wounded.location = Location(name="Nubl", span=span_of(text, "Nubl"))
    article.events = [wounded]
    attribute_events(article, nlp()(text))
    assert wounded.source == "residents"
    assert wounded.spans["source"].rule == "attribution:lead"
    # Without the place in the later account, the earlier one runs on.
    wounded.location = Location(name="Zahraa")
    attribute_events(article, nlp()(text))
    assert wounded.source == "police"


def test_lead_toll_restated_and_attributed_in_the_next_sentence_takes_that_source():
    from sitrep.records import Figure

    text = ("At least 12 people were killed in air raids on Saraqeb. "
            "Twelve civilians died in the raids on Sunday a monitoring group said. "
            "Markets in the town were closed.")
    article = Article(id="t", text=text)
    article.claims = [claim_at(text, "Twelve civilians died in the raids on Sunday", "said", None,
                               "Syrian Observatory for Human Rights", who="a monitoring group")]
    lead = event_at(text, "At least 12 people were killed in air raids on Saraqeb", 0)
    lead.killed = Figure(12, "at_least")
    article.events = [lead]
    attribute_events(article, nlp()(text))
    assert lead.source == "Syrian Observatory for Human Rights"
    assert lead.spans["source"].rule == "attribution:lead"
    # A different toll is a different account: the outlet's own voice.
    other = event_at(text, "At least 12 people were killed in air raids on Saraqeb", 0)
    other.killed = Figure(40, "at_least")
    article.events = [other]
    attribute_events(article, nlp()(text))
    assert other.source is None


def test_named_person_beats_a_generic_description_as_source():
    text = "Shells killed four people in Madaya, media activist Omar Hamdan said."
    article = Article(id="t", text=text)
    article.claims = [claim_at(text, "Shells killed four people in Madaya", "said", "Omar Hamdan", "activists")]
    article.events = [event_at(text, "Shells killed four people in Madaya", 0)]
    attribute_events(article, nlp()(text))
    assert article.events[0].source == "Omar Hamdan"
    # A named organisation stays the source.
    article.claims[0].speaker_org = "Syrian Civil Defence"
    attribute_events(article, nlp()(text))
    assert article.events[0].source == "Syrian Civil Defence"


def test_headline_toll_given_again_by_a_later_claim_takes_its_source():
    from sitrep.records import Figure

    text = ("Over 40 militants died as the army repelled an attack on the airport. "
            "The fighting lasted for hours. "
            "According to a military source the army killed at least 40 militants on Monday.")
    article = Article(id="t", text=text)
    article.claims = [claim_at(text, "the army killed at least 40 militants on Monday", "According to", None,
                               "Syrian military", who="a military source")]
    headline = event_at(text, "Over 40 militants died as the army repelled an attack on the airport", 0)
    headline.killed = Figure(40, "at_least")
    article.events = [headline]
    attribute_events(article, nlp()(text))
    assert headline.source == "Syrian military"
    assert headline.spans["source"].rule == "attribution:restated"


def test_events_told_in_the_copys_own_voice_take_the_relayed_agency():
    text = "(TASS) Eight humanitarian corridors were opened in Aleppo for civilians."
    article = Article(id="t", text=text, cited_sources=["TASS"],
                      spans={"cited_sources[0]": Span(1, 5, "TASS", "credit:paren-credit")})
    article.events = [event_at(text, "Eight humanitarian corridors were opened in Aleppo for civilians", 0)]
    attribute_events(article, nlp()(text))
    assert article.events[0].source == "TASS"
    assert article.events[0].spans["source"].rule == "attribution:story-voice"


def test_a_credit_for_one_statement_is_not_the_voice_of_the_story():
    text = "Eight humanitarian corridors were opened in Aleppo, RT reported."
    article = Article(id="t", text=text, cited_sources=["RT"],
                      spans={"cited_sources[0]": Span(52, 54, "RT", "credit:x-reported")})
    article.events = [event_at(text, "Eight humanitarian corridors were opened in Aleppo", 0)]
    attribute_events(article, nlp()(text))
    assert article.events[0].source != "TASS"
    assert (article.events[0].spans.get("source") is None
            or article.events[0].spans["source"].rule != "attribution:story-voice")
