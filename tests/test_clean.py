"""Cleaning: encoding repair, title/header, boilerplate, dates, outlet, credits."""
import datetime as dt

from sitrep.clean import CleaningError, clean_document
from sitrep.clean.boilerplate import parse_related, strip_boilerplate
from sitrep.records import RawDocument

import pytest


def clean(text, **meta):
    return clean_document(RawDocument(id="t", uri="t.txt", raw=text, format="txt", meta=meta))


def test_mojibake_is_repaired_and_curly_quotes_kept():
    a = clean("Title here\n\nThe monitor said \u00e2\u20ac\u0153dozens\u00e2\u20ac\u009d were killed in Idlib on Monday.")
    assert "\u201cdozens\u201d" in a.text
    assert any("encoding" in w for w in a.warnings)


def test_repeated_title_and_dateline_glued_to_body():
    a = clean("Blast kills 20 rebels at border crossing\n\n"
              "Wed 05 Apr 2017 Blast kills 20 rebels at border crossing. At least 20 rebels were killed on Wednesday.")
    assert a.title == "Blast kills 20 rebels at border crossing"
    assert a.published == dt.date(2017, 4, 5)
    assert "Blast kills 20 rebels at border" not in a.text
    span = a.spans["published"]
    assert a.text[span.start:span.end] == "Wed 05 Apr 2017" and span.rule.startswith("dateline:")


@pytest.mark.parametrize("dateline,expected", [
    ("Tue Oct 25, 2016 21:36:02", dt.date(2016, 10, 25)),
    ("Date of publication 4 October 2016", dt.date(2016, 10, 4)),
    ("Last updated at Jul 262016", dt.date(2016, 7, 26)),
    ("6 September 2016", dt.date(2016, 9, 6)),
    ("Published March 3 2015", dt.date(2015, 3, 3)),
    ("12.01.2017(updated 1200 12.01.2017)", dt.date(2017, 1, 12)),
    ("13-02-2016", dt.date(2016, 2, 13)),
])
def test_datelines(dateline, expected):
    a = clean(f"Some headline about a strike\n\n{dateline} Shelling hit the town of Tadef on Monday killing three.")
    assert a.published == expected


def test_metadata_date_when_no_dateline():
    a = clean("Shelling hit the town of Tadef on Monday killing three people.", published="2016-02-01")
    assert a.published == dt.date(2016, 2, 1) and a.spans["published"].rule.startswith("meta:published")


def test_agency_credit_and_city_leading_the_body():
    a = clean("Car bomb kills 9 in Azaz\n\nCar bomb kills 9 in Azaz AFP Monday 24 Oct 2016 BEIRUT "
              "A car bomb killed nine people in Azaz on Monday, a monitor said.")
    assert a.published == dt.date(2016, 10, 24)
    assert a.text.split("\n\n")[0] == "AFP Monday 24 Oct 2016 BEIRUT"
    assert "AFP" in a.cited_sources


def test_standfirst_printed_twice_is_kept_once():
    lead = "A rocket attack hit a residential neighbourhood of Homs city leaving four dead"
    a = clean(f"Rocket attack on Homs\n\n11-03-2016 {lead} {lead}. Rescue teams worked through the night.")
    assert a.text.count(lead) == 1


def test_line_furniture_in_a_multiline_page():
    a = clean("Headline of a long story\n\n\nA photo of smoke over the city.\n\n"
              "Forces shelled the eastern districts of the city on Sunday, residents said, and at least nine "
              "people were wounded as shells hit a market and two schools in the area.\n\n"
              "Related posts and video:\n\nThe clip seen at\n\n"
              "If you like our reporting, please donate to keep us independent.\n\nCategories: news")
    assert a.boilerplate == ["A photo of smoke over the city.", "Related posts and video:", "The clip seen at",
                             "If you like our reporting, please donate to keep us independent.", "Categories: news"]
    for piece in a.boilerplate:
        assert piece not in a.text


def test_inline_furniture_in_one_paragraph():
    body = ("14.05.2017(updated 1100 14.05.2017) Get short URL 0 21 Militants shelled a district of Hama "
            "killing two civilians on Sunday. AP Photo John Smith Aid Convoy Reaches Besieged Town Near Homs "
            "The army said it returned fire. ... 21 Related Aid Convoy Reaches Town Army Repels Attack "
            "Tags shelling Hama Syria Community standardsDiscussion Comment via FacebookComment via Sputnik News")
    a = clean("Militants shell Hama\n\n" + body)
    assert a.published == dt.date(2017, 5, 14)
    assert "Get short URL 0 21" in a.boilerplate
    assert any(b.startswith("AP Photo John Smith") for b in a.boilerplate)
    assert any(b.startswith("... 21 Related") for b in a.boilerplate)
    assert "Tags shelling Hama Syria" in a.boilerplate
    assert "The army said it returned fire." in a.text and "Related" not in a.text
    assert a.outlet == "Sputnik"  # named by its own comment widget


def test_captions_and_credit_lines():
    body = ("Rebels fired rockets into the western districts on Friday. Smoke rises over a district of "
            "Aleppo on Oct. 2 2016. (AP) The offensive drew condemnation. A man walks past rubble in Idlib "
            "July 1 2016. REUTERS/Jane Doe Reporting by Jane Doe; Editing by John Roe "
            "Our Standards:The Thomson Reuters Trust Principles.")
    a = clean("Rebels fire rockets\n\n" + body)
    assert "Smoke rises over a district of Aleppo on Oct. 2 2016. (AP)" in a.boilerplate
    assert "A man walks past rubble in Idlib July 1 2016. REUTERS/Jane Doe" in a.boilerplate
    assert "Reporting by Jane Doe; Editing by John Roe" in a.boilerplate
    assert a.text.endswith("The offensive drew condemnation.")


def test_trailing_counters_initials_and_wire_credit():
    assert clean("T\n\nTroops advanced on Palmyra on Sunday. 212").boilerplate == ["212"]
    assert clean("T\n\nTroops advanced on Palmyra on Sunday. Lama/Omar").boilerplate == ["Lama/Omar"]
    a = clean("T\n\nTroops advanced on Palmyra on Sunday.--Reuters")
    assert a.boilerplate == ["--Reuters"] and a.cited_sources == ["Reuters"]


def test_php_dump_becomes_related_links():
    dump = 'string(99) "[{"id":"11","title":"Army retakes village","url":"https://x.example/11"},{"id":"12","title":"Second"}]"'
    a = clean(f"Title\n\nThe army retook two villages near Hama on Monday, a military source said.\n\n{dump}")
    assert a.boilerplate == [dump]
    assert a.related == [{"title": "Army retakes village", "id": "11", "url": "https://x.example/11"},
                         {"title": "Second", "id": "12"}]
    assert parse_related('string(10) "[{"id":"1","title":"Cut off"} ,{"id":"2","ti') == [{"title": "Cut off", "id": "1"}]


def test_wire_credits_become_cited_sources():
    a = clean("Title\n\n Example Daily reports:\n\n(TASS) The coalition flew 25 sorties, a spokesman said. "
              "Rebels fired mortars, state news agency SANA said. Press TV reported more strikes.")
    assert a.cited_sources[:4] == ["Example Daily", "TASS", "SANA", "Press TV"]
    span = a.spans["cited_sources[1]"]
    assert a.text[span.start:span.end] == "TASS"


def test_outlet_from_metadata_and_title_suffix():
    a = clean("Text of the article about shelling in Daraa on Monday.", outlet="dailysabah")
    assert a.outlet == "Daily Sabah" and a.outlet_record["country"] == "Turkey"
    b = clean("Air strikes kill 9 | Jordan Times\n\nAir strikes killed nine people in Idlib on Monday.")
    assert b.outlet == "Jordan Times" and b.spans["outlet"].rule == "title:site-suffix"


def test_non_english_is_flagged_not_dropped():
    a = clean("Titre\n\nLes frappes aériennes ont tué douze civils à Idlib mardi, selon l'Observatoire syrien "
              "des droits de l'homme, qui dispose d'un large réseau de sources.")
    assert a.language == "fr" and any("non-English" in w for w in a.warnings)


def test_nothing_left_is_an_error():
    with pytest.raises(CleaningError):
        clean("Title\n\nCategories: news")


def test_strip_boilerplate_returns_rules():
    body, items, _ = strip_boilerplate("Shells hit Deir ez-Zor on Monday. Play Video Two people died.")
    assert body == "Shells hit Deir ez-Zor on Monday. Two people died."
    assert items == [{"text": "Play Video", "rule": "play-video", "kind": "share_prompt"}]


def test_dateline_after_headline_and_standfirst():
    a = clean("Car bomb kills 10\n\nCar bomb in Homs kills ten Governor AFP Sunday 25 May 2014 "
              "Ten people were killed in a car bomb in Homs on Sunday the governor said.")
    assert a.published == dt.date(2014, 5, 25)
    span = a.spans["published"]
    assert a.text[span.start:span.end] == "Sunday 25 May 2014"


def test_prose_dates_are_not_datelines():
    a = clean("Anniversary\n\n1. Ghouta: On August 21 2013 the regime fired rockets filled with sarin on Ghouta.")
    assert a.published is None


def test_tag_list_ends_where_the_next_sentence_starts():
    a = clean("Strikes on Douma\n\nDate of publication 3 May 2016 Jets struck Douma on Monday. "
              "Tags Syria Douma airstrikes Regime Rebels Dozens of civilians were killed in the raids on Monday.")
    assert "Tags Syria Douma airstrikes Regime Rebels" in a.boilerplate
    assert "Dozens of civilians were killed in the raids on Monday." in a.text


# Inline furniture of one-paragraph scraped pages (issue 2 item 4).  The texts are
# paraphrased from the page layouts, not copied from any article.

def test_share_bar_headline_list_becomes_one_related_entry():
    a = clean("Blast kills 20 in Homs\n\nAFP Monday 3 Mar 2014 Print Tweet Views 512 Related Jordan opens "
              "second camp for refugees Talks in Geneva stall again Envoy Monitor At least 20 people were killed "
              "when a car bomb exploded in a market in Homs on Monday a monitor said. Rescuers searched the rubble.")
    assert a.published == dt.date(2014, 3, 3)
    assert a.boilerplate == ["Print Tweet Views 512 Related Jordan opens second camp for refugees "
                             "Talks in Geneva stall again Envoy Monitor"]
    assert a.related == [{"title": "Jordan opens second camp for refugees Talks in Geneva stall again Envoy Monitor",
                          "rule": "related-headline-list", "unsplit": True}]
    assert a.text.split("\n\n")[1].startswith("At least 20 people were killed")


def test_headline_list_without_a_clear_lead_is_left_alone():
    # nothing says where the headlines stop and the lead begins: eat nothing but the share bar
    text = ("Strikes in Idlib\n\nPrint Tweet Views 40 Related Envoy meets rebels in Ankara Syrian jets "
            "pound villages in Idlib on Sunday monitors say.")
    a = clean(text)
    assert a.boilerplate == ["Print Tweet Views 40"] and a.related == []
    assert "Syrian jets pound villages in Idlib" in a.text


def test_read_also_headline_between_paragraphs_and_at_the_end():
    a = clean("Aid stalls\n\nThe convoy waited at the crossing for a second day. Read more here Medic who saved "
              "toddler dies in Aleppo The opposition said the road was still under fire. Read Also")
    assert a.boilerplate == ["Read more here Medic who saved toddler dies in Aleppo", "Read Also"]
    assert a.related == [{"title": "Medic who saved toddler dies in Aleppo", "rule": "read-also-headline"}]
    assert a.text.endswith("The convoy waited at the crossing for a second day. "
                           "The opposition said the road was still under fire.")


@pytest.mark.parametrize("tail", ["English Bulletin", "Hazem Sabbagh", "R. Milhem / Ghossoun/H. Said",
                                  "Rami al-Freih/Manal", "218-11", "SSH 11", "12 MoreImage"])
def test_desk_sign_offs_at_the_end(tail):
    a = clean(f"Shells hit Aleppo\n\nTwo civilians were injured when shells hit a school in Aleppo. {tail}")
    assert a.boilerplate == [tail]
    assert a.text.endswith("hit a school in Aleppo.")


def test_outlet_self_description_and_source_footer():
    a = clean("Siege talks\n\nTalks on the siege resumed on Monday. Daily Courier English Daily Courier is the "
              "worlds leading regional daily printed in six cities. Founded in 1990 it covers the region.")
    assert a.boilerplate == ["Daily Courier English Daily Courier is the worlds leading regional daily printed "
                             "in six cities. Founded in 1990 it covers the region."]
    lead = ("Raids killed five people in Idlib on Sunday, a monitor said, and at least a dozen more were wounded "
            "when missiles hit a market and a bakery in the south of the province. Rescue teams were still digging "
            "through the rubble of two houses late in the evening, local activists said.")
    b = clean(f"Raids in Idlib\n\n{lead} Source TRTWorld and agencies "
              "Related News Talks resume in Astana | Explainer Category News A picture is worth a thousand words. "
              "Follow us on Instagram. FOLLOW TRTWORLD Subscribe Copyright 2018 TRT World. Connect with TRT World iOS Android")
    assert len(b.boilerplate) == 1 and b.boilerplate[0].startswith("Source TRTWorld and agencies Related News")
    assert b.text == lead


def test_sputnik_masthead_and_counters_keep_the_lead_number():
    a = clean("Army kills militants near Tabqa\n\nArmy kills militants near Tabqa REUTERS Jane Roe Middle East "
              "1730 28.04.2017Get short URL 0 85 12 militants were killed near Tabqa on Friday a source said.")
    assert a.published == dt.date(2017, 4, 28)
    assert any(b.startswith("Jane Roe Middle East 1730 28.04.2017Get short URL 0 85") for b in a.boilerplate)
    assert "12 militants were killed near Tabqa" in a.text
    b = clean("T\n\nPosted 07.04.2017 Get short URL Topic Strike on Air Base (200) 2510 The strike killed four people.")
    assert "Topic Strike on Air Base (200) 2510" in b.boilerplate
    assert b.text.endswith("The strike killed four people.")


def test_tag_list_stops_before_a_clause_with_an_event_verb():
    a = clean("Aleppo fighting\n\nDate of publication 4 May 2016 Fighting raged in Aleppo. Tags Syria Aleppo truce "
              "aid convoy Syrian regime and Russian jets pounded several fronts overnight. Tags Syria Raqqa Daesh "
              "The Islamic State launched a counterattack on Monday.")
    assert "Tags Syria Aleppo truce aid convoy" in a.boilerplate
    assert "Tags Syria Raqqa Daesh" in a.boilerplate
    assert "Syrian regime and Russian jets pounded several fronts overnight." in a.text
    assert "The Islamic State launched a counterattack on Monday." in a.text


def test_an_agency_named_in_capitals_is_not_cut_into_a_city_dateline():
    from sitrep.clean import clean_document
    from sitrep.records import RawDocument

    text = ("Shells hit Aleppo\n\nSANA reporter in Aleppo said that rocket shells fired by terrorists "
            "hit the al-Midan neighborhood on Tuesday, killing three civilians.")
    article = clean_document(RawDocument(id="t", uri="t.txt", raw=text, format="txt"))
    assert "SANA reporter in Aleppo said" in article.text


def test_a_pattern_is_tried_only_when_its_required_text_is_present():
    import re

    from sitrep.clean.patterns import Pattern

    caption = Pattern(id="t", regex=re.compile(r"[^.]{5,80}\(AP\)"), requires=re.compile(r"\(AP\)"))
    assert [m.group(0) for m in caption.finditer("Rescuers search the rubble (AP)")]
    lenient = Pattern(id="t", regex=re.compile(r"rubble"), requires=re.compile(r"\(AP\)"))
    assert list(lenient.finditer("Rescuers search the rubble")) == []
