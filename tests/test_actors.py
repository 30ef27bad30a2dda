"""Actors: alias table, case rules, longest match, generic terms."""
import json

from sitrep.extract.actors import DATA, actor_table, find_actors, resolve_generic


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
