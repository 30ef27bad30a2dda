"""Casualty figures and counts: numbers, number words, qualifiers, groups."""
import pytest

from sitrep.extract.figures import find_figures, main_figure
from sitrep.extract.numbers import number_regex, parse_number


def figures(text, kind):
    return [f.figure for f in find_figures(text) if f.kind == kind]


@pytest.mark.parametrize("text,value,low", [
    ("six", 6, None), ("twenty-one", 21, None), ("Thirty-five", 35, None), ("1,300", 1300, None),
    ("1.5 million", 1500000, None), ("a hundred", 100, None), ("one hundred and twenty", 120, None),
    ("dozens", None, 24), ("scores", None, 40), ("hundreds", None, 200), ("hundreds of thousands", None, 200000),
])
def test_parse_number(text, value, low):
    n = parse_number(text)
    assert (n.value, n.low) == (value, low)
    assert number_regex().fullmatch(text)


def test_count_before_cue_skips_the_including_aside():
    [f] = figures("Sixteen civilians including three children were killed on Monday", "killed")
    assert (f.value, f.qualifier, f.group) == (16, "exact", "civilians")


def test_active_cue_with_qualifiers_and_injured():
    text = "Over 60 civilians have been killed and at least 200 injured during three days of airstrikes"
    [k], [i] = figures(text, "killed"), figures(text, "injured")
    assert (k.value, k.qualifier) == (60, "more_than")
    assert (i.value, i.qualifier) == (200, "at_least")
    assert figures(text, "days")[0].value == 3


def test_vague_words_and_enumerations():
    text = "One woman and one of her children were killed in a rocket attack while dozens of others were wounded."
    [k], [i] = figures(text, "killed"), figures(text, "injured")
    assert k.value == 2
    assert (i.value, i.low, i.qualifier) == (None, 24, "about")


def test_up_to_and_about_and_postfix_at_least():
    assert figures("Air strikes killed up to 22 people", "killed")[0].qualifier == "up_to"
    assert figures("soldiers who recently slew nearly 170 terrorists", "killed")[0].qualifier == "about"
    f = figures("125 terrorists at least were killed", "killed")[0]
    assert (f.value, f.qualifier, f.group) == (125, "at_least", "combatants")


def test_range():
    f = figures("between 10 and 15 people were killed", "killed")[0]
    assert (f.value, f.low, f.high, f.qualifier) == (None, 10, 15, "range")


def test_left_dead_and_quantities():
    text = "A mortar attack left three civilians dead and six others injured"
    assert figures(text, "killed")[0].value == 3
    assert figures(text, "injured")[0].value == 6
    q = find_figures("the coalition warplanes flew 25 sorties and delivered 21 air strikes on the city")
    assert {f.kind: f.figure.value for f in q} == {"sorties": 25, "strikes": 21}


def test_years_are_not_counts_and_spans_point_into_the_article():
    assert figures("The war began in 2011 and killed nobody we know of", "killed") == []
    text = "Syria. Two people were killed."
    [m] = [f for f in find_figures(text[7:], offset=7) if f.kind == "killed"]
    assert text[m.figure.span.start:m.figure.span.end] == "Two"
    assert m.figure.span.rule.startswith("killed:")


def test_main_figure_prefers_the_headline_toll():
    found = find_figures("At least 68 children were among the 126 people killed in the attack")
    assert main_figure(found, "killed").figure.value == 126


def test_zero_counts_and_enumerations_without_digits():
    assert figures("three rockets fell on the Golan causing no injuries", "injured")[0].value == 0
    assert [f.value for f in figures("no one was hurt in the blast", "injured")] == [0]
    assert figures("Another man and a woman were killed in rocket fire", "killed")[0].value == 2
    assert figures("the Armed Forces killed an estimated at least 50 militants", "killed")[0].qualifier == "at_least"


def test_coordinated_counts_are_one_toll():
    [f] = figures("Fighting has also killed 30 regime fighters as well as 50 Syrian rebels", "killed")
    assert (f.value, f.group) == (80, "combatants")
    [f] = figures("11 opposition fighters and five Kurdish fighters were killed", "killed")
    assert f.value == 16
    f = figures("three airstrikes hit a market killing 10 people including four children and two women", "killed")[0]
    assert f.value == 10


def test_a_count_keeps_its_own_cue_when_the_other_kind_follows():
    text = "Five civilians were killed with at least 40 wounded with dozens of dead and wounded among the troops."
    assert [f.value for f in figures(text, "killed")][0] == 5
    assert [f.value for f in figures(text, "injured")][0] == 40


def test_victims_named_by_where_they_come_from():
    [f] = figures("Two men from the village of Kfar Zita north of Hama were killed by a sniper.", "killed")
    assert f.value == 2


def test_children_among_those_killed_are_part_of_a_toll():
    [f] = [m for m in find_figures("About 40 children were among those killed in the blast.") if m.kind == "killed"]
    assert f.included and f.figure.value == 40



def test_a_subgroup_ending_its_clause_is_no_toll_of_the_next_verb():
    text = "The shelling killed 12 residents, among them five women and injured another 40."
    assert [f.value for f in figures(text, "injured")] == [40]
    assert [f.value for f in figures("Mortars killed 9 people including two boys and wounded dozens.", "injured")] == [None]
    # a subgroup that has its own verb is still read, as a part of the toll
    [part] = [m for m in find_figures("Rockets hit the market, including 3 children were wounded.") if m.kind == "injured"]
    assert part.included and part.figure.value == 3


def test_a_toll_that_rose_far_from_its_noun():
    text = "The death toll from an army assault on a rebel-held village west of the river has climbed to 27, activists said."
    [f] = figures(text, "killed")
    assert f.value == 27
    assert figures("The toll from the raid on the camp near the old bridge stood near the river.", "killed") == []


def test_a_part_of_a_group_told_before_is_no_toll():
    text = ("Samples came from the wounded who were brought to hospitals across the border, three of which died "
            "in hospital.")
    assert figures(text, "killed") == []
    [f] = figures("At least 87 people including 31 children died in the attack.", "killed")
    assert f.value == 87
    [toll] = figures("Militants shelled the families fleeing the area, killing 3 of them and injuring 22.", "killed")
    assert toll.value == 3
