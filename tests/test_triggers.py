"""The trigger lexicon: valid entries, longest match wins, dependency patterns, hypotheticals."""
import pytest

from sitrep.extract.acled import sub_event_types
from sitrep.extract.triggers import find_triggers, is_hypothetical, lexicon
from sitrep.records import EVENT_TYPES


def labels(text):
    return [(t.text, t.label) for t in find_triggers(text)]


def test_every_entry_is_valid():
    ids = set()
    for entry in lexicon().entries:
        assert entry["label"] in EVENT_TYPES, entry
        assert entry["acled"] is None or entry["acled"] in sub_event_types(), entry
        assert ("pattern" in entry) != ("dep" in entry), entry
        assert entry["id"] not in ids
        ids.add(entry["id"])


def test_longest_match_wins():
    assert [lab for _, lab in labels("helicopters dropped barrel bombs on the town")] == ["air_strike"]
    assert labels("a suicide car bomb hit the convoy")[0][1] == "bombing"
    assert labels("no flights for two weeks") == [("no flights", "ceasefire")]
    assert labels("Russian warplanes have performed no flights in Aleppo")[-1][1] == "ceasefire"


@pytest.mark.parametrize("text,label", [
    ("Air strikes hit the market", "air_strike"),
    ("rebels fired mortar shells at the district", "shelling"),
    ("a car bomb exploded near the mosque", "bombing"),
    ("a chlorine gas attack on the town", "chemical_attack"),
    ("heavy clashes broke out near the airport", "armed_clash"),
    ("government forces recaptured the town", "territory_change"),
    ("gunmen kidnapped two doctors", "attack_on_civilians"),
    ("a three-day truce began", "ceasefire"),
    ("six humanitarian corridors", "humanitarian"),
    ("thousands fled the fighting", "displacement"),
    ("police arrested 12 men", "arrest"),
])
def test_each_type_has_triggers(text, label):
    assert label in [lab for _, lab in labels(text)]


@pytest.fixture(scope="module")
def nlp():
    from sitrep.analyze import nlp as load
    return load()


def test_dependency_pattern_aircraft_subject(nlp):
    doc = nlp("Jets belonging to the government and its Russian allies pounded the rebel positions overnight.")
    found = find_triggers(doc.text, 0, doc[:])
    assert any(t.id == "air_strike:dep-aircraft-subject" and t.text == "pounded" for t in found)


@pytest.mark.parametrize("text,expected", [
    ("The offensive may force hundreds of thousands to flee the city.", "modal"),
    ("The army denied that it had shelled the town.", "verb"),
    ("Rebels shelled the town on Monday.", None),
    ("The army threatened to respond after rebels shelled the town on Monday.", None),
])
def test_hypotheticals_and_denials(nlp, text, expected):
    doc = nlp(text)
    sent = next(doc.sents)
    trigger = [t for t in find_triggers(doc.text, 0, sent) if t.label in ("displacement", "shelling")][0]
    reason = is_hypothetical(sent, trigger)
    assert (reason.split(":")[0] if reason else None) == expected


def test_coordinated_verbs_share_the_combatant_object(nlp):
    doc = nlp("Government forces killed 12 and captured 20 Nusra fighters near Hama.")
    found = find_triggers(doc.text, 0, doc[:])
    assert any(t.id == "armed_clash:dep-killed-combatants" and t.text == "killed" for t in found)


def test_aircraft_in_support_make_no_air_strike(nlp):
    doc = nlp("Ground troops supported by the air force pounded militant positions east of Homs.")
    assert not [t for t in find_triggers(doc.text, 0, doc[:]) if t.label == "air_strike"]


@pytest.mark.parametrize("text,kept", [
    ("The army said it killed 30 militants, among them two suicide bombers, near Hama.", False),
    ("A suicide bomber blew up a truck at a checkpoint near Hama.", True),
    ("Two people were killed by a suicide bomber near Hama.", True),
])
def test_suicide_bombers_are_events_only_as_doers(nlp, text, kept):
    from sitrep.extract.triggers import not_an_occurrence
    doc = nlp(text)
    sent = next(doc.sents)
    bombers = [t for t in find_triggers(doc.text, 0, sent) if t.id == "bombing:suicide-bomber"]
    assert bombers and (not_an_occurrence(sent, bombers[0]) is None) == kept



@pytest.mark.parametrize("text", [
    "Tehran went on developing and testing ballistic missiles despite the deal.",
    "The president turned to the country's illicit ballistic missile program.",
    "The port served for the shipment of sophisticated rockets to the militia.",
    "Inspectors oversaw the destruction of chemical weapons stocks.",
    "The war became the ground for the execution of its regional ambitions.",
])
def test_a_weapon_or_an_execution_named_as_a_thing_is_no_event(text):
    assert not [lab for _, lab in labels(text) if lab in ("shelling", "chemical_attack", "attack_on_civilians")]


@pytest.mark.parametrize("text,label", [
    ("Rebels fired rockets at the city, killing three.", "shelling"),
    ("A ballistic missile hit the market on Tuesday.", "shelling"),
    ("Militants executed five prisoners in the square.", "attack_on_civilians"),
    ("The regime used chemical weapons on the town.", "chemical_attack"),
])
def test_weapons_used_are_still_events(text, label):
    assert label in [lab for _, lab in labels(text)]


def test_demonstrated_that_is_no_protest():
    assert not labels("He first demonstrated that the threat was real.")
    assert labels("Thousands demonstrated in the capital against the siege.") == [("demonstrated", "other")]
