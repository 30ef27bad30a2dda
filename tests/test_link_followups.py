"""Follow-up stories attached to the one incident they follow up on (sitrep.link.followups)."""
from __future__ import annotations

import datetime as dt

from test_store_fixtures import incident_of, killed, report

from sitrep.link import link_reports
from sitrep.link.followups import FOLLOWUP_DAYS, folded_names
from sitrep.link.knowledge import fold_name


def gas_attack_reports():
    """Two outlets' lead stories of one gas attack in a town, on the day it happened."""
    return [
        report("a", "chemical_attack", place="Khan Shaykhun", admin1="Idlib", lat=35.44, lon=36.65,
               published="2017-04-04", killed=killed(58), evidence="gas attack on the town killed 58"),
        report("b", "chemical_attack", place="Khan Shaykhun", admin1="Idlib", lat=35.44, lon=36.65,
               published="2017-04-04", killed=killed(72), evidence="toxic gas killed 72 people in the town"),
    ]


def reaction(article_id="r", *, place="Moscow", admin1="Moscow", country="Russia", date="2017-04-10",
             published="2017-04-10", type_="chemical_attack", evidence="the minister urged an inquiry into "
             "the attack on Khan Sheikhoun"):
    return report(article_id, type_, place=place, admin1=admin1, country=country, date=date,
                  published=published, evidence=evidence)


def test_a_reaction_days_later_and_abroad_joins_the_incident_it_names():
    result = link_reports(gas_attack_reports() + [reaction()])
    inc = incident_of(result, "r")
    assert inc is incident_of(result, "a") is incident_of(result, "b")
    assert inc.link_rules[("r", 0)] == "follow_up"
    # The reaction is dated on the day of the statement: the incident keeps the day of the attack.
    assert inc.date == dt.date(2017, 4, 4) and inc.date_end is None


def test_a_follow_up_in_the_incidents_governorate_joins_it():
    later = reaction(place="Idlib province", admin1="Idlib", country="Syria",
                     evidence="tests on victims of the Khan Shaykhun attack point to sarin")
    result = link_reports(gas_attack_reports() + [later])
    assert incident_of(result, "r") is incident_of(result, "a")


def test_a_story_that_does_not_name_the_incidents_town_stays_apart():
    result = link_reports(gas_attack_reports() + [reaction(evidence="the minister urged an inquiry")])
    assert incident_of(result, "r") is not incident_of(result, "a")


def test_the_article_text_counts_when_given():
    vague = reaction(evidence="the minister urged an inquiry")
    texts = {"r": "The minister urged an inquiry. Victims in Khan Shaikhoun were treated in Turkey."}
    result = link_reports(gas_attack_reports() + [vague], article_texts=texts)
    assert incident_of(result, "r") is incident_of(result, "a")


def test_a_story_published_too_late_or_before_the_incident_stays_apart():
    late = dt.date(2017, 4, 4) + dt.timedelta(days=FOLLOWUP_DAYS + 1)
    result = link_reports(gas_attack_reports() + [reaction(date=late.isoformat(), published=late.isoformat())])
    assert incident_of(result, "r") is not incident_of(result, "a")
    earlier = reaction(date="2017-04-02", published="2017-04-05")
    result = link_reports(gas_attack_reports() + [earlier])
    assert incident_of(result, "r") is not incident_of(result, "a")


def test_a_story_of_another_kind_or_of_another_governorate_stays_apart():
    for other in (reaction(type_="ceasefire"), reaction(type_="other"),
                  reaction(place="Douma", admin1="Rif Dimashq", country="Syria")):
        result = link_reports(gas_attack_reports() + [other])
        assert incident_of(result, "r") is not incident_of(result, "a"), other


def test_a_single_article_is_no_incident_to_follow_up():
    result = link_reports(gas_attack_reports()[:1] + [reaction()])
    assert incident_of(result, "r") is not incident_of(result, "a")


def test_two_fitting_incidents_make_the_story_ambiguous():
    # Two incidents in towns of one name's spellings ... or both named by the article: attach to neither.
    second = [report(k, "chemical_attack", place="Saraqib", admin1="Idlib", lat=35.86, lon=36.8,
                     date="2017-04-06", published="2017-04-06", evidence="chlorine dropped on Saraqib")
              for k in ("c", "d")]
    both = reaction(evidence="the minister spoke of Khan Sheikhoun and of Saraqib")
    result = link_reports(gas_attack_reports() + second + [both])
    assert incident_of(result, "c") is not incident_of(result, "a")
    assert incident_of(result, "r") not in (incident_of(result, "a"), incident_of(result, "c"))


def test_folded_names_match_transliterations():
    names = folded_names("Victims from Khan Sheikhoun, in Idlib, were taken to Turkey.")
    assert {fold_name("Khan Shaykhun"), fold_name("Idlib")} <= names
