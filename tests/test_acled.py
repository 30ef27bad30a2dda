"""ACLED sub-event types: the lexicon's defaults and the rules that turn on actors and manner."""
import pytest

from sitrep.extract.acled import acled_sub_event_type, actor_kind, protest_sub_event, sub_event_types
from sitrep.extract.triggers import find_triggers


def sub_type(text, actor1_type=None):
    t = find_triggers(text)[0]
    return acled_sub_event_type(t.label, t.entry, text, actor1_type)


def test_names_are_acleds_25():
    names = sub_event_types()
    assert len(names) == 25 and len(set(names)) == 25
    assert "Shelling/artillery/missile attack" in names and "Remote explosive/landmine/IED" in names


def test_actor_kinds():
    assert actor_kind("state_force") == "state"
    assert actor_kind("armed_group") == "nonstate"
    assert actor_kind("monitor") is None and actor_kind(None) is None


def test_territory_turns_on_who_took_it():
    assert sub_type("government forces recaptured the town", "state_force") == "Government regains territory"
    assert sub_type("the militants captured the town", "armed_group") == "Non-state actor overtakes territory"
    assert sub_type("the town was handed over to the army") == "Non-violent transfer of territory"


def test_explosives():
    assert sub_type("a suicide bomber blew himself up") == "Suicide bomb"
    assert sub_type("a roadside bomb exploded") == "Remote explosive/landmine/IED"
    assert sub_type("gunmen threw a grenade at the shop") == "Grenade"


@pytest.mark.parametrize("text,expected", [
    ("Hundreds protested peacefully in the square.", "Peaceful protest"),
    ("Police dispersed the protest with tear gas.", "Protest with intervention"),
    ("Security forces opened fire on protesters, killing three.", "Excessive force against protesters"),
    ("Protesters threw stones and burned tyres.", "Violent demonstration"),
    ("A mob lynched a man accused of theft.", "Mob violence"),
])
def test_protest_sub_types(text, expected):
    t = find_triggers(text)[0]
    assert t.entry.get("protest")
    assert protest_sub_event(text, t.entry) == expected


def test_main_event_of_acled_style_snippets():
    from sitrep.analyze import nlp
    from sitrep.extract.events import find_events
    from sitrep.records import Article
    cases = [
        ("On 5 March 2020, Russian warplanes carried out air strikes on Maarat al-Numan, killing 4 civilians.",
         "Air/drone strike"),
        ("On 3 March 2020, Syrian regime forces shelled the town of Kafr Nabl in Idlib. 2 civilians were killed.",
         "Shelling/artillery/missile attack"),
        ("Regime forces arrested 12 young men in a raid on Tal Shihab, Daraa.", "Arrests"),
        ("Around 200 people protested in Idlib city against the regime offensive.", "Peaceful protest"),
    ]
    for text, expected in cases:
        events = find_events(Article(id="snippet", text=text), nlp()(text))
        main = next(e for e in events if e.salience == "main")
        assert main.acled_sub_event_type == expected, text
