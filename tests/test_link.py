"""Linking: blocking, scoring, clustering, consolidation, contradictions, independence."""
from __future__ import annotations

import dataclasses
import datetime as dt

from test_store_fixtures import incident_of, killed, report

from sitrep.link import link_reports
from sitrep.link.blocking import candidate_pairs
from sitrep.link.figures import compatible, compatible_groups
from sitrep.link.knowledge import actor_sides, fold_name
from sitrep.link.records import SlotValue


# -- figures -------------------------------------------------------------------

def test_at_least_seventy_and_dozens_are_compatible():
    assert compatible(SlotValue(70, "at_least"), SlotValue(None, "about", low=24))


def test_six_and_eight_exact_contradict():
    assert not compatible(SlotValue(6), SlotValue(8))
    assert compatible_groups([SlotValue(6), SlotValue(8), SlotValue(6)]) == [[0, 2], [1]]


def test_about_and_up_to_and_range():
    assert compatible(SlotValue(100, "about"), SlotValue(95))
    assert not compatible(SlotValue(100, "about"), SlotValue(60))
    assert compatible(SlotValue(20, "up_to"), SlotValue(15))
    assert not compatible(SlotValue(20, "up_to"), SlotValue(25))
    assert compatible(SlotValue(None, "range", low=10, high=20), SlotValue(12))


def test_more_than_excludes_the_number_itself():
    assert not compatible(SlotValue(60, "more_than"), SlotValue(60))
    assert compatible(SlotValue(60, "more_than"), SlotValue(72))


# -- knowledge -------------------------------------------------------------------

def test_fold_name_joins_transliterations():
    assert fold_name("Deir ez-Zor") == fold_name("Deir Ezzor") == fold_name("deir al-zor")
    assert fold_name("Hasakah") == fold_name("Hasakeh")
    assert fold_name("Khan Shaykhun") == fold_name("Khan Sheikhoun")
    assert fold_name("Hama") != fold_name("Homs")


def test_actor_sides():
    assert actor_sides("Syrian Army") == actor_sides("regime forces") == {"syrian_government"}
    assert actor_sides("unidentified armed group") == frozenset()
    assert actor_sides("Russian and Syrian air forces") == {"russia", "syrian_government"}
    assert actor_sides("Free Syrian Army") == {"opposition"}  # not the Syrian army inside its name


def test_a_joint_actor_agrees_with_either_side_only_weakly():
    from sitrep.link.scoring import actor_agreement
    russian, syrian = report("a", actor1="Russian Aerospace Forces"), report("b", actor1="Syrian Arab Army")
    joint, unnamed = report("c", actor1="Russian and Syrian air forces"), report("d", actor1=None)
    rebels = report("e", actor1="Free Syrian Army")
    assert actor_agreement(russian, report("f", actor1="Russian air force")) == 1.0
    assert actor_agreement(russian, syrian) == actor_agreement(joint, rebels) == 0.1
    assert actor_agreement(joint, russian) == actor_agreement(joint, syrian) == actor_agreement(joint, unnamed) == 0.5


# -- blocking -----------------------------------------------------------------------

def test_blocking_pairs_only_same_family_place_and_window():
    reps = [report("a"), report("b", date="2017-04-05"),
            report("c", date="2017-05-20"),                       # six weeks later
            report("d", place="Douma", admin1="Rif Dimashq"),     # another governorate
            report("e", "armed_clash")]                           # ground fighting, another family
    pairs = set(candidate_pairs(reps))
    assert pairs == {(0, 1)}


def test_blocking_meets_neighbouring_grid_cells():
    a = report("a", place="Village A", admin1="Idlib", lat=35.49, lon=36.49)
    b = report("b", place="Village B", admin1="Hama", lat=35.51, lon=36.51)
    assert set(candidate_pairs([a, b])) == {(0, 1)}


def test_blocking_cost_grows_linearly():
    def synthetic(n):
        places = [("P%d" % k, "G%d" % (k % 14)) for k in range(200)]
        # Twenty reports a day over 200 places: more reports means a longer period, same density.
        return [report(f"x{i}", date=(dt.date(2016, 1, 1) + dt.timedelta(days=i // 20)).isoformat(),
                       place=places[(i * 37) % 200][0], admin1=places[(i * 37) % 200][1]) for i in range(n)]
    small, large = (sum(1 for _ in candidate_pairs(synthetic(n))) for n in (1000, 4000))
    assert large <= 4 * small * 1.3


# -- incidents ------------------------------------------------------------------------

def background_reports(n=40):
    """Other incidents elsewhere, so that word weights (idf) are those of a real archive."""
    towns = ["Douma", "Darayya", "Manbij", "Tadmur", "Qusayr", "Azaz", "Jisr al-Shughur", "Maarat al-Numan"]
    govs = ["Rif Dimashq", "Rif Dimashq", "Aleppo", "Homs", "Homs", "Aleppo", "Idlib", "Idlib"]
    return [report(f"bg{i}", ("air_strike", "shelling", "bombing", "armed_clash")[i % 4], place=towns[i % 8],
                   admin1=govs[i % 8], date=f"2016-{1 + i % 12:02d}-{1 + i % 27:02d}",
                   evidence=f"{('air strikes', 'shelling', 'a car bomb', 'clashes')[i % 4]} killed {i + 3} people "
                            f"in {towns[i % 8]}, the monitor said") for i in range(n)]


def test_one_attack_across_outlets_is_one_incident():
    reps = background_reports() + [report("reuters", "chemical_attack", outlet="Reuters", killed=killed(58),
                   evidence="suspected chemical attack in Khan Shaykhun killed 58"),
            report("sana", "air_strike", outlet="SANA", date="2017-04-05", place="Khan Sheikhoun",
                   evidence="air strike on a depot in Khan Sheikhoun"),
            report("ahram", "chemical_attack", outlet="Ahram", place=None, killed=killed(70, "at_least"),
                   evidence="chemical attack in Idlib province killed at least 70"),
            report("other", "shelling", outlet="X", place="Saraqib", date="2017-04-04",
                   evidence="shelling in Saraqib")]
    result = link_reports(reps)
    inc = incident_of(result, "reuters")
    assert {r.article_id for r in inc.reports} == {"reuters", "sana", "ahram"}
    assert inc.type == "chemical_attack"
    assert inc.figures["killed"]["low"] == 58 and inc.figures["killed"]["best"] in (58, 70)
    # 58 and "at least 70" cannot both be true: reported as a contradiction, not hidden.
    assert [c.slot for c in inc.contradictions] == ["killed"]
    assert incident_of(result, "other") is not inc


def test_incompatible_exact_tolls_contradict_with_sources():
    reps = [report("a", killed=killed(6), source="SOHR", outlet="A"),
            report("b", killed=killed(8), source="White Helmets", outlet="B")]
    inc = link_reports(reps).incidents[0]
    assert inc.grade == "contested"
    (c,) = inc.contradictions
    assert c.slot == "killed" and not c.within_article
    assert {(v["value"], v["source"], v["article_id"]) for v in c.values} == {(6, "SOHR", "a"), (8, "White Helmets", "b")}


def test_perpetrator_contradiction():
    reps = [report("us", actor1="Syrian Air Force", source="US Department of Defense", outlet="Reuters"),
            report("ru", actor1="rebels", source="Russian Ministry of Defence", outlet="TASS")]
    inc = link_reports(reps).incidents[0]
    assert [c.slot for c in inc.contradictions] == ["perpetrator"]
    assert inc.grade == "contested"


def test_distinct_events_of_one_article_stay_apart():
    reps = [report("a", index=0, date="2016-10-22", place="Mosul", admin1="Nineveh"),
            report("a", index=1, date="2016-10-21", place="Mosul", admin1="Nineveh", salience="secondary")]
    assert len(link_reports(reps).incidents) == 2


def test_background_events_are_not_linked():
    reps = [report("a"), report("b", salience="background")]
    result = link_reports(reps)
    assert [r.article_id for i in result.incidents for r in i.reports] == ["a"]


def test_undated_report_joins_by_publication_date():
    reps = [report("a", date="2017-04-04"), report("b", date=None, published="2017-04-05")]
    assert len(link_reports(reps).incidents) == 1


def test_incident_ids_are_stable_across_relinks():
    reps = [report("a"), report("b", date="2017-04-05")]
    first = link_reports(reps).incidents[0].id
    second = link_reports(list(reversed(reps)) + [report("c", date="2017-06-01")])
    assert first in {i.id for i in second.incidents}


# -- independence ------------------------------------------------------------------------

def test_two_outlets_quoting_tass_count_once():
    reps = [report("a", outlet="Sputnik", source="TASS"), report("b", outlet="Al Alam", source="TASS")]
    inc = link_reports(reps).incidents[0]
    assert inc.independent_origins == 1 and inc.grade == "single source"


def test_independent_outlets_corroborate():
    reps = [report("a", outlet="Reuters"), report("b", outlet="SANA")]
    inc = link_reports(reps).incidents[0]
    assert inc.independent_origins == 2 and inc.grade == "corroborated"


def test_copied_wire_story_counts_once_and_is_a_near_duplicate():
    story = ("A suspected chemical attack killed dozens of people in the rebel-held town of Khan Shaykhun "
             "in Idlib province on Tuesday, a monitor and medical workers said, in what would be one of the "
             "deadliest such incidents of the war.")
    texts = {"a": story, "b": "Reprinted. " + story + " More at our site."}
    reps = [report("a", outlet="Jordan Times"), report("b", outlet="Asharq Al-Awsat")]
    result = link_reports(reps, article_texts=texts)
    assert [(a, b) for a, b, _ in result.near_duplicates] == [("a", "b")]
    assert result.incidents[0].independent_origins == 1


def test_toll_rising_over_days_is_a_revision_not_a_contradiction():
    reps = [report("a", killed=killed(58), published="2017-04-04", outlet="A"),
            report("b", killed=killed(86, "at_least"), published="2017-04-05", outlet="B")]
    inc = link_reports(reps).incidents[0]
    assert not inc.contradictions and inc.figures["killed"]["revised_upward"]
    falling = [report("a", killed=killed(86), published="2017-04-04", outlet="A"),
               report("b", killed=killed(58), published="2017-04-05", outlet="B")]
    assert [c.slot for c in link_reports(falling).incidents[0].contradictions] == ["killed"]


def test_low_and_high_are_reported_numbers():
    reps = [report("a", killed=killed(100, "up_to"), outlet="A", source="X"),
            report("b", killed=killed(None, "about", low=24), outlet="B", source="Y"),
            report("c", killed=killed(60, "more_than"), outlet="C", source="Z")]
    fig = link_reports(reps).incidents[0].figures["killed"]
    assert (fig["low"], fig["high"]) == (24, 100)
    assert [v["article_id"] for v in fig["values"]] == ["a", "b", "c"]


# -- article-level evidence and place tolerance ----------------------------------

def test_places_a_few_km_apart_agree_far_ones_do_not():
    from sitrep.link.cluster import Place, places_agree
    ghouta, suburbs = Place("ghouta", 33.55, 36.42), Place("suburbs", 33.57, 36.40)
    aleppo_town = Place("azaz", 36.59, 37.05)
    assert places_agree({ghouta}, {suburbs})
    assert not places_agree({ghouta}, {aleppo_town})
    assert places_agree(set(), {aleppo_town})


def test_one_event_named_at_two_granularities_in_one_article_is_one_event():
    from sitrep.link.blocking import date_window
    from sitrep.link.cluster import same_article_compatible
    main = report("a", "chemical_attack", place="Eastern Ghouta", admin1="Rif Dimashq", lat=33.55, lon=36.42)
    near = report("a", "chemical_attack", index=1, place="Douma", admin1="Rif Dimashq", lat=33.57, lon=36.40,
                  salience="secondary")
    far = report("a", "chemical_attack", index=2, place="Azaz", admin1="Aleppo", lat=36.59, lon=37.05,
                 salience="secondary")
    general = report("a", "chemical_attack", index=3, place="Rif Dimashq", admin1="Rif Dimashq", salience="secondary")
    w = date_window
    assert same_article_compatible(main, near, w(main), w(near))
    assert same_article_compatible(main, general, w(main), w(general))
    assert not same_article_compatible(main, far, w(main), w(far))


def headline_report(article_id, title, place, admin1, lat, lon, date="2015-02-22"):
    r = report(article_id, "bombing", place=place, admin1=admin1, lat=lat, lon=lon, date=date, published=date)
    r.title = title
    return r


def test_shared_rare_headline_words_make_candidates_despite_a_wrong_place():
    from sitrep.link import link_reports as link
    from sitrep.link.vocabulary import Vocabulary
    background = [headline_report(f"bg{i}", f"Bomb kills {i + 2} in Syria town", "Homs", "Homs", 34.73, 36.71,
                                  date=f"2015-{1 + i % 12:02d}-{1 + i % 27:02d}") for i in range(60)]
    right = headline_report("nna", "Suicide bomber kills 4 in Assad clan hometown Qardaha", "Qardaha", "Latakia",
                            35.45, 36.06)
    # The second outlet's event was placed in Paris (a quoted minister): place blocks never meet.
    wrong = headline_report("sabah", "Ambulance suicide bomber kills 4 in Qardaha, Assad clan hometown", "Paris",
                            "Ile-de-France", 48.85, 2.35)
    vocab = Vocabulary(background + [right, wrong])
    keys = vocab.headline_keys(right, 4, 0.02)
    # Keys are words only these two headlines share; "kills" (in every headline) never is one.
    assert keys and keys <= {"suicide", "bomber", "assad", "clan", "hometown", "qardaha"}
    inc = incident_of(link(background + [right, wrong]), "nna")
    assert {r.article_id for r in inc.reports} == {"nna", "sabah"}


def test_lead_story_dated_days_before_publication_is_placed_by_publication():
    from sitrep.link.blocking import MAIN_EVENT_MAX_AGE, date_window, to_date
    stale = report("a", date="2015-02-15", published="2015-02-21")
    assert (dt.date(2015, 2, 21) - dt.date(2015, 2, 15)).days > MAIN_EVENT_MAX_AGE
    assert to_date(date_window(stale).end) == dt.date(2015, 2, 21)
    fresh = report("a", date="2015-02-20", published="2015-02-21")
    assert to_date(date_window(fresh).start) == dt.date(2015, 2, 20)


# -- one event told twice, whole-article places ----------------------------------------------

def test_one_toll_told_across_midnight_is_one_event():
    # "The blast on Sunday night killed 30 ... on Monday IS claimed it": one town, one type, one toll.
    main = report("a", "bombing", date="2016-08-15", place="Atmeh", killed=killed(30))
    night = report("a", "bombing", index=1, date="2016-08-14", place="Atmeh", killed=killed(30),
                   salience="secondary")
    other = report("b", "bombing", date="2016-08-14", place="Atmeh", killed=killed(30))
    result = link_reports([main, night, other])
    assert incident_of(result, "a") is incident_of(result, "a", 1) is incident_of(result, "b")


def test_different_tolls_a_day_apart_in_one_article_stay_two_events():
    main = report("a", "bombing", date="2016-08-15", place="Atmeh", killed=killed(30))
    earlier = report("a", "bombing", index=1, date="2016-08-14", place="Atmeh", killed=killed(4),
                     salience="secondary")
    result = link_reports([main, earlier])
    assert incident_of(result, "a") is not incident_of(result, "a", 1)


def test_lead_placed_at_governorate_level_agrees_through_its_articles_towns():
    from sitrep.link.blocking import date_window
    from sitrep.link.scoring import ARTICLE_TOWN_AGREEMENT, score_pair
    vague = report("a", "chemical_attack", place="rural Idlib", admin1="Idlib")
    town = report("b", "chemical_attack", place="Saraqib", admin1="Idlib")
    towns = {"a": frozenset({fold_name("town of Saraqib")}), "b": frozenset({fold_name("Saraqib")})}
    w = date_window(vague)
    plain = score_pair(vague, town, w, w)
    whole = score_pair(vague, town, w, w, article_towns=towns)
    assert plain.features["place"] < ARTICLE_TOWN_AGREEMENT == whole.features["place"]
    assert whole.score > plain.score
    # A town both articles name may be a side event of either: leads of two types gain nothing.
    strike = dataclasses.replace(town, type="air_strike")
    assert score_pair(vague, strike, w, w, article_towns=towns).score == score_pair(vague, strike, w, w).score


def test_a_governorate_level_lead_does_not_chain_two_towns():
    # Governorate-level leads link with each of two towns' leads, never the towns with each other.
    vague = report("a", "air_strike", place="Aleppo", admin1="Aleppo", evidence="raids across the province")
    north = report("b", "air_strike", place="Azaz", admin1="Aleppo", lat=36.586, lon=37.046, evidence="market hit")
    south = report("c", "air_strike", place="Khan Tuman", admin1="Aleppo", lat=36.09, lon=37.03,
                   evidence="clinic destroyed")
    result = link_reports([vague, north, south])
    assert incident_of(result, "b") is not incident_of(result, "c")


def test_lead_at_a_side_town_joins_the_lead_whose_town_its_article_reports():
    # Article a's lead was placed at a side mention (Handarat); a also reports the Manbij strikes.
    side = report("a", "air_strike", place="Handarat", admin1="Aleppo", lat=36.27, lon=37.19,
                  evidence="coalition strikes killed civilians")
    also = report("a", "air_strike", index=1, salience="secondary", place="Manbij", admin1="Aleppo",
                  lat=36.53, lon=37.95, evidence="villages near Manbij")
    vague = report("c", "air_strike", place="Aleppo countryside", admin1="Aleppo", evidence="dozens killed")
    manbij = report("b", "air_strike", place="Manbij", admin1="Aleppo", lat=36.53, lon=37.95,
                    evidence="coalition airstrikes on villages killed civilians")
    result = link_reports([side, also, vague, manbij])
    assert incident_of(result, "a") is incident_of(result, "b")


def test_one_campaigns_daily_strikes_do_not_chain_into_one_incident():
    # The same words every day ("Russian strikes near Mayadin"), each day a day after the last.
    days = ["2017-10-05", "2017-10-07", "2017-10-09", "2017-10-11"]
    reports = [report(f"d{k}", "air_strike", place="Mayadin", admin1="Deir ez-Zor", date=d, published=d,
                      lat=35.02, lon=40.45, evidence="Russian airstrikes destroyed a Daesh command post near Mayadin")
               for k, d in enumerate(days)]
    result = link_reports(reports)
    for inc in result.incidents:
        dates = [r.date for r in inc.reports]
        assert (max(dates) - min(dates)).days <= 3
