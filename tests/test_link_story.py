"""Same-story linking: two articles whose headlines tell one story share an incident."""
from __future__ import annotations

import dataclasses

from test_store_fixtures import incident_of, killed, report

from sitrep.link import link_reports
from sitrep.link.knowledge import one_event_types, story_compatible
from sitrep.link.story import STORY_DAYS, Stories

# Unrelated lead stories, so that word rarity means something in these small sets.
FILLER = [
    ("f1", "Talks on Syria constitution resume in Geneva", "Delegations met at the United Nations office."),
    ("f2", "Turkey opens border crossing for trucks", "Trade resumed at the Bab al-Hawa gate on Monday."),
    ("f3", "Kurdish council elects new leadership", "The council met in Qamishli to vote on its bylaws."),
    ("f4", "Wheat harvest falls short in Hasakeh", "Farmers blamed drought and the price of diesel."),
]


def lead_story(article_id, title, lead, **kw):
    r = report(article_id, **kw)
    return dataclasses.replace(r, title=title, lead=lead)


def fillers(published="2014-10-29"):
    return [lead_story(a, t, l, type_="other", place=None, admin1=None, date=None, published=published)
            for a, t, l in FILLER]


def test_one_story_told_with_two_types_and_places_is_one_incident():
    a = lead_story("ahram", "IS attack on Syria gas field kills 30, monitor says",
                   "Islamic State fighters stormed the Shaer gas field in Homs province, killing 30 guards.",
                   type_="armed_clash", place="Homs", admin1="Homs", date="2014-10-29", published="2014-10-29",
                   killed=killed(30))
    b = lead_story("sabah", "IS recaptures Syrian gas field, kills 30: monitoring group",
                   "The Islamic State group recaptured the Shaer gas field east of Homs, killing 30 guards.",
                   type_="territory_change", place="Palmyra", admin1="Homs", date="2014-10-27",
                   published="2014-10-29", killed=killed(30, "at_least"), lat=34.56, lon=38.27)
    res = link_reports([a, b, *fillers()])
    inc = incident_of(res, "ahram")
    assert {r.article_id for r in inc.reports} == {"ahram", "sabah"}
    assert sorted(inc.link_rules.values()) == ["same_story"]
    assert inc.to_dict()["reports"][0]["link_rule"] in (None, "same_story")


def test_different_stories_of_one_day_and_type_stay_apart():
    a = lead_story("x", "Car bomb kills 12 at Azaz market", "A car bomb exploded in the crowded market of Azaz.",
                   type_="bombing", place="Azaz", admin1="Aleppo", date="2016-08-15", published="2016-08-15")
    b = lead_story("y", "Rebels shoot down regime jet over Hama", "Rebels said they downed a warplane near Hama.",
                   type_="armed_clash", place="Kafr Zita", admin1="Hama", date="2016-08-15", published="2016-08-15")
    res = link_reports([a, b, *fillers("2016-08-15")])
    assert incident_of(res, "x") is not incident_of(res, "y")


def test_same_headline_published_weeks_apart_is_not_a_candidate():
    title, lead = "Chlorine gas attack on Saraqib wounds 30", "Helicopters dropped chlorine on the town of Saraqib."
    a = lead_story("a", title, lead, published="2016-08-01", date="2016-08-01")
    b = lead_story("b", title, lead, published="2016-08-25", date="2016-08-25")
    c = lead_story("c", title, lead, published=f"2016-08-{1 + STORY_DAYS:02d}", date="2016-08-01")
    stories = Stories([a, b, c, *fillers("2016-08-10")])
    ids = {k: s.report for k, s in enumerate(stories.articles)}
    pairs = {(ids[i], ids[j]) for i, j in stories.candidate_pairs()}
    assert {p for p in pairs if p[0] < 3} == {(0, 2)}
    assert stories.report_score(0, 2) > 0.9 and stories.report_score(0, 1) == 0.0


def test_story_link_needs_the_support_of_most_of_the_incident():
    # Three outlets tell one Idlib hospital strike; a fourth article shares only one of their
    # headlines' words ("hospital") and is about another town: it must not be chained in.
    strike = dict(type_="air_strike", place="Maarat al-Numan", admin1="Idlib", date="2017-04-25",
                  published="2017-04-25", killed=killed(26))
    reps = [lead_story(f"s{k}", f"Air strikes hit Maarat al-Numan hospital, kill 26 ({k})",
                       "Warplanes struck the main hospital of Maarat al-Numan, killing 26 people.", **strike)
            for k in range(3)]
    other = lead_story("o", "Shelling near Aleppo hospital wounds nurses",
                       "Mortar rounds fell near the Razi hospital in Aleppo city.", type_="shelling",
                       place="Aleppo", admin1="Aleppo", date="2017-04-25", published="2017-04-25")
    res = link_reports([*reps, other, *fillers("2017-04-25")])
    inc = incident_of(res, "s0")
    assert {r.article_id for r in inc.reports} == {"s0", "s1", "s2"}


def test_main_event_placed_abroad_links_with_the_incident():
    # A reaction story placed where the minister spoke (Paris) is still the attack's report.
    a = lead_story("reuters", "France says Syria chemical attack must be investigated",
                   "France called for inspectors to reach the site of the chemical attack near Damascus.",
                   type_="chemical_attack", place="Paris", admin1="Ile-de-France", country="France",
                   date="2013-08-21", published="2013-08-21")
    b = lead_story("arabiya", "Hundreds killed in chemical attack near Damascus, opposition says",
                   "The opposition said a chemical attack killed hundreds in Eastern Ghouta.",
                   type_="chemical_attack", place="Eastern Ghouta", admin1="Rif Dimashq",
                   date="2013-08-21", published="2013-08-21")
    res = link_reports([a, b, *fillers("2013-08-21")])
    assert incident_of(res, "reuters") is incident_of(res, "arabiya")


def test_type_groups_from_data():
    assert story_compatible("armed_clash", "territory_change")
    assert story_compatible("bombing", "attack_on_civilians")
    assert story_compatible("air_strike", "chemical_attack")
    assert not story_compatible("ceasefire", "chemical_attack")
    assert one_event_types("armed_clash", "territory_change")
    assert not one_event_types("ceasefire", "humanitarian")


def test_story_merges_are_average_linked_not_chained():
    from sitrep.link.blocking import date_window
    from sitrep.link.cluster import cluster
    # A-B, B-C and C-D tell one story pairwise, nothing else does: C joins {A, B} (backed by half of
    # its pairs), D is backed by one of three and stays out.
    reps = [report(k, place=town, published="2017-04-04") for k, town in
            zip("ABCD", ("Khan Shaykhun", "Saraqib", "Ariha", "Jisr al-Shughur"))]
    strong = {(0, 1), (1, 2), (2, 3)}

    def story_score(i, j):
        return 0.9 if (min(i, j), max(i, j)) in strong else 0.0

    scored = [(1.9 - 0.1 * k, i, j) for k, (i, j) in enumerate(sorted(strong))]   # A-B strongest
    rules: dict[int, str] = {}
    groups = cluster(reps, [date_window(r) for r in reps], scored, 0.5, story_pairs=strong,
                     story_score=story_score, rules=rules)
    assert groups == [[0, 1, 2], [3]]
    assert set(rules.values()) == {"same_story"}


def test_link_rule_is_stored_and_added_to_older_databases(tmp_path):
    from sqlalchemy import inspect, text

    from sitrep.store import Store, migrations
    store = Store.open(tmp_path / "old.db")
    # Make it a version-1 database: no link_rule or incident precision column, no later step recorded.
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE incident_members DROP COLUMN link_rule"))
        conn.execute(text("ALTER TABLE incidents DROP COLUMN precision"))
        conn.execute(text("DELETE FROM schema_migrations WHERE version > 1"))
    assert migrations.migrate(store.engine) == [2, 3]
    with store.engine.connect() as conn:
        assert "link_rule" in {c["name"] for c in inspect(conn).get_columns("incident_members")}
        assert "precision" in {c["name"] for c in inspect(conn).get_columns("incidents")}
    store.close()


def test_follow_up_naming_the_incident_date_joins_it_a_week_later():
    title, lead = "Chlorine gas attack on Saraqib wounds 30", "Helicopters dropped chlorine on the town of Saraqib"
    first = lead_story("a", title, lead + ".", published="2016-08-01", date="2016-08-01")
    # A week later, a toll update on the attack "on August 1": its lead keeps that date.
    named = lead_story("b", title, lead + " on August 1.", published="2016-08-08", date="2016-08-01")
    # The same words with a date it never names (a weekday taken a week back): placed by publication.
    unnamed = lead_story("c", title, lead + ".", published="2016-08-08", date="2016-08-01")
    for later, linked in ((named, True), (unnamed, False)):
        stories = Stories([first, later, *fillers("2016-08-04")])
        assert (stories.report_score(0, 1) >= 0.3) is linked
        res = link_reports([first, later, *fillers("2016-08-04")])
        assert (incident_of(res, "a") is incident_of(res, later.article_id)) is linked
    assert STORY_DAYS < 7
