"""Actors: alias table, case rules, longest match, generic terms."""
import datetime as dt
import json

import pytest

from sitrep.extract.actors import DATA, PATTERNS, actor_table, find_actors, resolve_generic
from sitrep.records import Article


def mentions(text):
    return [(m.text, m.canonical, m.actor_type) for m in find_actors(text)]


def test_islamic_state_aliases():
    for alias in ("ISIS", "ISIL", "IS", "Daesh", "Islamic State", "ISIS militants", "Islamic State terrorists"):
        assert actor_table().canonical(alias) == ("Islamic State", "armed_group"), alias


def test_acronyms_are_case_sensitive():
    assert mentions("This is what it is.") == []
    assert mentions("IS fighters attacked") == [("IS fighters", "Islamic State", "armed_group")]
    assert mentions("the sdf said") == []


def test_longest_alias_wins_and_offsets_hold():
    text = "The Free Syrian Army and the Syrian army clashed near ISIS-held villages; U.S.-led coalition jets struck."
    found = find_actors(text)
    for m in found:
        assert text[m.start:m.end] == m.text
    assert [m.canonical for m in found] == ["Free Syrian Army", "Syrian government forces", "Islamic State",
                                            "US-led coalition"]


def test_types_come_from_the_table():
    table = actor_table()
    assert table.canonical("Syrian Observatory for Human Rights") == ("Syrian Observatory for Human Rights", "monitor")
    assert table.canonical("the Observatory")[1] == "monitor"
    assert table.canonical("Russian Defense Ministry") == ("Russian Ministry of Defence", "government")
    assert table.canonical("Russian MoD")[0] == "Russian Ministry of Defence"
    assert table.canonical("SANA")[1] == "media"
    assert table.canonical("the regime") == ("Syrian government forces", "state_force")
    assert table.canonical("Russian Defense Ministry spokesman Igor Konashenkov")[0] == "Russian Ministry of Defence"
    assert table.canonical("terrorists") is None  # generic: no canonical without context
    assert table.canonical("nobody in particular") is None


def test_generic_terms_resolve_to_the_named_group_nearby():
    text = "Daesh attacked the town. The terrorists killed six civilians."
    found = find_actors(text)
    generic = next(m for m in found if m.generic)
    assert resolve_generic(generic, found) == "Islamic State"
    civilians = next(m for m in found if m.canonical == "civilians")
    assert resolve_generic(civilians, found) == "civilians"


def test_generic_terms_fall_back_to_their_default():
    found = find_actors("Terrorists shelled a school.")
    assert resolve_generic(found[0], found) == "unidentified armed group"
    found = find_actors("Rebels shelled a school.")
    assert resolve_generic(found[0], found) == "opposition rebels"


def test_rebels_do_not_become_the_islamic_state():
    text = "Islamic State fighters withdrew. Rebels entered the town."
    found = find_actors(text)
    rebels = next(m for m in found if m.generic)
    assert resolve_generic(rebels, found) == "opposition rebels"


def test_data_file_is_well_formed():
    rows = [json.loads(line) for line in open(DATA, encoding="utf-8") if line.strip()]
    assert "meta" in rows[0] and rows[0]["meta"]["licence"]
    types = set(rows[0]["meta"]["types"])
    for r in rows[1:]:
        assert r["type"] in types, r
        assert ("canonical" in r) != ("generic" in r), r
        if "generic" in r:
            assert r["default"] and r["resolves_to"], r


# --- perpetrators named without a fixed alias (data/actor_patterns.json) ---

def named(text):
    return [(m.text, m.canonical) for m in find_actors(text) if not m.generic]


def test_nationality_adjective_and_military_noun_name_the_force():
    found = find_actors("Turkish combat planes hit a village near Afrin.")
    assert [(m.text, m.canonical) for m in found] == [("Turkish combat planes", "Turkish Armed Forces")]
    assert found[0].rule == "nationality:Turkish combat planes"
    assert named("Russia's aerospace group carried out 40 strikes.") == [
        ("Russia's aerospace group", "Russian Aerospace Forces")]
    assert named("American cruise missiles hit the airbase.") == [("American cruise missiles", "US Armed Forces")]
    assert named("Regime bombing raids killed nine.") == [("Regime bombing raids", "Syrian government forces")]


def test_capitalised_nationality_adjectives_are_case_sensitive():
    assert named("Let us strike back, he said.") == []
    assert named("US strikes hit the bridge.") == [("US strikes", "US Armed Forces")]


def test_government_adjective_is_the_generic_government_forces():
    text = "Iraqi troops advanced. Government airstrikes hit the town."
    found = find_actors(text)
    strikes = next(m for m in found if m.generic)
    assert strikes.text == "Government airstrikes"
    assert resolve_generic(strikes, found) == "Iraqi government forces"


def test_a_country_acting_as_a_force():
    found = find_actors("Moscow, which launched a wave of missiles at the rebels, said nothing.")
    assert [(m.text, m.canonical) for m in found][0] == ("Moscow", "Russian Armed Forces")
    assert found[0].rule.startswith("country-subject:")
    assert named("Russia has not carried out sorties over the city.") == [("Russia", "Russian Aerospace Forces")]
    # A capital after a preposition is where things happen, not who does them.
    assert named("Rebels in Damascus shelled the old city.") == []
    assert named("Russia said the talks would go on.") == []


def test_generic_term_bound_to_the_groups_named_after_it():
    text = "Militant groups linked to Jund al-Aqsa and Hurras al-Din attacked an army post."
    found = find_actors(text)
    assert resolve_generic(found[0], found) == "Jund al-Aqsa, Hurras al-Din"
    text = "Tahrir al-Sham-affiliated gunmen attacked an army post."
    found = find_actors(text)
    gunmen = next(m for m in found if m.generic)
    assert resolve_generic(gunmen, found) == "Hayat Tahrir al-Sham"


def test_binding_needs_a_group_of_a_kind_the_term_may_stand_for():
    text = "The town was retaken by government forces from the Islamic State group."
    found = find_actors(text)
    forces = next(m for m in found if m.generic)
    assert resolve_generic(forces, found) == "Syrian government forces"


def test_plural_groups_are_not_the_one_group_named_nearby():
    text = "ISIS shelled the airport on Monday. Terrorist groups fired mortars at the market."
    found = find_actors(text)
    groups = next(m for m in found if m.generic)
    assert resolve_generic(groups, found) == "unidentified armed group"
    text = "ISIS shelled the airport on Monday. Terrorists fired mortars at the market."
    found = find_actors(text)
    assert resolve_generic(next(m for m in found if m.generic), found) == "Islamic State"


def test_short_form_stands_for_the_full_name_before_it():
    text = ("The Jordanian air force destroyed a convoy near the border on Monday, the statement said. "
            "It added that more than forty vehicles were hit in the raid and that the convoy carried weapons "
            "and fuel for the smugglers. Hezbollah fighters were not involved. "
            "The air force also hit depots further north.")
    found = find_actors(text)
    short = [m for m in found if m.generic][-1]
    assert short.text == "The air force"
    assert resolve_generic(short, found) == "Jordanian Armed Forces"


def test_a_lede_generic_looks_to_the_next_sentence_for_its_group():
    text = ("Two people died and four were hurt in a terrorist mortar attack on the old quarter of Homs city on "
            "Monday, as shoppers gathered in the streets for the evening market. A police source told the agency "
            "that Jund al-Aqsa militants fired four mortar rounds at the quarter from the farms to the north.")
    found = find_actors(text)
    lede, group = found[0], next(m for m in found if m.canonical == "Jund al-Aqsa")
    assert lede.generic and 120 < group.start - lede.end < 300
    assert resolve_generic(lede, found) == "Jund al-Aqsa"
    assert resolve_generic(lede, found) == "Jund al-Aqsa"


def test_state_generics_do_not_look_far_ahead():
    text = ("The army shelled the old quarter of the city on Monday, residents said, and the shelling went on "
            "through the night and into the morning. Turkish forces were reported elsewhere near the border.")
    found = find_actors(text)
    assert resolve_generic(found[0], found) == "unidentified armed forces"


def test_same_generic_phrase_nearby_shares_its_groups():
    text = ("Army units repelled an assault by militant groups on three posts. Dozens died among the militant "
            "groups of Jund al-Aqsa and Hurras al-Din.")
    found = find_actors(text)
    first = next(m for m in found if m.generic and m.text == "militant groups")
    assert resolve_generic(first, found) == "Jund al-Aqsa, Hurras al-Din"


def test_pattern_names_point_at_table_entries():
    table = actor_table()
    patterns = json.load(open(PATTERNS, encoding="utf-8"))
    assert patterns["meta"]["licence"] and patterns["meta"]["source"]
    for nat in patterns["nationalities"]:
        for branch in patterns["military_nouns"]:
            assert nat.get(branch, nat["ground"]) in table.by_name, (nat, branch)


# --- who did it, in a sentence (mentions._actor_roles, end to end) ---

@pytest.fixture(scope="module")
def nlp():
    from sitrep.analyze import nlp as load
    return load()


def actors_of(nlp, text):
    from sitrep.extract.events import find_events
    article = Article(id="t", text=text, published=dt.date(2016, 10, 26))
    return [(e.type, e.actor1, e.actor2) for e in find_events(article, nlp(text))]


def test_the_target_of_a_strike_is_not_its_author(nlp):
    events = actors_of(nlp, "Air strikes against the hideouts of Hurras al-Din killed 12 people in Idlib on Tuesday.")
    assert [(t, a1) for t, a1, _ in events] == [("air_strike", None)]
    assert events[0][2] == "Hurras al-Din"


def test_the_author_named_after_the_trigger(nlp):
    events = actors_of(nlp, "Hurras al-Din fled under the airstrikes of the Turkish Armed Forces near Idlib on Tuesday.")
    assert ("air_strike", "Turkish Armed Forces") in [(t, a1) for t, a1, _ in events]
    text = ("A sarin attack in Saraqib on Tuesday killed two children and left dozens struggling to breathe, "
            "an attack that doctors said was carried out by the Syrian regime.")
    assert [(t, a1) for t, a1, _ in actors_of(nlp, text)] == [("chemical_attack", "Syrian government forces")]


def test_the_first_of_a_coordinated_subject_is_actor1(nlp):
    events = actors_of(nlp, "Hezbollah and allied militiamen shelled the village of Madaya on Tuesday, killing two.")
    assert [(t, a1) for t, a1, _ in events] == [("shelling", "Hezbollah")]


def test_a_backer_is_not_the_subject(nlp):
    events = actors_of(nlp, "Iraqi troops, backed by US warplanes, stormed the village of Hamam al-Alil on Tuesday.")
    assert [a1 for _, a1, _ in events] == ["Iraqi government forces"]
    # Nor is the group that leads them: "rebels led by jihadists" are rebels.
    events = actors_of(nlp, "Opposition fighters led by jihadist groups launched an offensive on Hama on Monday.")
    assert [a1 for _, a1, _ in events] == ["opposition rebels"]


def test_a_truce_on_a_force_s_strikes_is_that_force_s(nlp):
    text = "The Kremlin said on Tuesday that a moratorium on Russian air strikes over Aleppo remained in place."
    events = dict((t, a1) for t, a1, _ in actors_of(nlp, text))
    assert events["ceasefire"] == "Russian Aerospace Forces"  # not the Kremlin, which only tells of it
    # The strikes the truce halts are Russia's too, though "on" comes before them.
    assert events.get("air_strike", "Russian Aerospace Forces") == "Russian Aerospace Forces"


def test_a_country_subject_is_actor1(nlp):
    text = "On Tuesday the rebels said Russia, which fired cruise missiles at Idlib, killed nine civilians."
    assert "Russian Armed Forces" in [a1 for _, a1, _ in actors_of(nlp, text)]


def test_two_air_forces_named_together_are_one_joint_actor():
    from sitrep.extract.actors import find_actors
    from sitrep.link.knowledge import actor_sides
    [joint] = find_actors("Meanwhile, the Russian and Syrian warplanes have made no flights over the city.")
    assert joint.canonical == "Russian and Syrian air forces"
    # For linking and contradictions it stands on both sides, so it agrees with either air force.
    assert actor_sides(joint.canonical) >= actor_sides("Russian Aerospace Forces") | actor_sides("Syrian Air Force")
