"""The events component end to end on small articles built here, and on the dev gold (slow)."""
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.extract.events import find_events
from sitrep.records import Article
from sitrep.registry import components

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WEDNESDAY = dt.date(2016, 10, 26)

STRIKES = (
    "Air strikes killed six civilians in the town of Saraqib in Idlib province on Tuesday, a monitor said. "
    "The strikes on Saraqib also wounded 20 people. "
    "In Kafr Nabl, rocket fire killed two children. "
    "Aid groups warned that the offensive may force hundreds of thousands to flee."
)


@pytest.fixture(scope="module")
def nlp():
    from sitrep.analyze import nlp as load
    return load()


def events_of(nlp, text, published=WEDNESDAY, title=None, **kw):
    article = Article(id="t", text=text, published=published, title=title)
    return article, find_events(article, nlp(text), **kw)


def test_one_event_per_strike_with_place_date_figures_and_evidence(nlp):
    article, events = events_of(nlp, STRIKES, title="Air strikes kill six in Syria's Idlib")
    by_type = {e.type: e for e in events}
    assert sorted(by_type) == ["air_strike", "shelling"]
    strike = by_type["air_strike"]
    assert strike.salience == "main"
    assert strike.location.name.endswith("Saraqib") and strike.location.admin1 == "Idlib"
    assert (strike.date, strike.date_precision) == (dt.date(2016, 10, 25), "day")
    assert strike.killed.value == 6 and strike.killed.group == "civilians"
    assert strike.injured.value == 20  # the second sentence is the same strike, merged
    assert strike.acled_sub_event_type == "Air/drone strike"
    assert strike.source is None  # attribution's job
    span = strike.evidence_span
    assert article.text[span.start:span.end] == strike.evidence
    assert article.text[strike.trigger.start:strike.trigger.end] == strike.trigger.text
    assert strike.spans["date"].text == "Tuesday"
    rockets = by_type["shelling"]
    assert rockets.salience == "secondary" and rockets.killed.value == 2
    assert [e.index for e in events] == list(range(len(events)))


def test_warnings_are_not_events(nlp):
    _, events = events_of(nlp, STRIKES)
    assert not [e for e in events if e.type == "displacement"]


def test_no_flights_is_a_pause_not_a_strike(nlp):
    text = ("Russian and Syrian warplanes have performed no flights over Aleppo for more than two weeks, "
            "the Russian Defence Ministry said on Tuesday.")
    _, events = events_of(nlp, text)
    assert [e.type for e in events] == ["ceasefire"]


def test_background_tolls_are_dropped_unless_asked_for(nlp):
    text = ("Syria's war has killed more than 300,000 people since it began in March 2011. "
            "On Tuesday a car bomb killed five people in Azaz in Aleppo province.")
    _, events = events_of(nlp, text)
    assert [e.type for e in events] == ["bombing"]
    _, everything = events_of(nlp, text, keep_background=True)
    assert any(e.salience == "background" and e.killed.value == 300000 for e in everything)


@pytest.mark.parametrize("text", [
    "Liverpool came from behind to beat Chelsea 3-2 at Anfield on Saturday in a bruising clash. "
    "Salah scored twice and the fighting spirit of the side won the battle for second place in London.",
    "Stocks fell sharply on Monday in New York as oil prices tumbled; the Nasdaq shed 3 percent and "
    "chipmakers were hit hardest after a strong rally, analysts said.",
    "Hospitals in Manchester reported that at least 12 people have died of flu since October and "
    "dozens of pupils were sent home with fever on Tuesday.",
    "The singer married her partner on Sunday in Malibu; police briefly closed the road after "
    "a crowd of fans gathered and photographers stormed the gate.",
])
def test_non_conflict_articles_yield_no_events(nlp, text):
    _, events = events_of(nlp, text)
    assert events == []


def test_component_fills_the_article(nlp):
    article = Article(id="t", text=STRIKES, published=WEDNESDAY)
    components.get("events")(article, nlp(STRIKES))
    assert article.events and all(e.article_id == "t" for e in article.events)
    gold = article.events[0].to_gold()
    assert {"type", "salience", "date", "location", "killed", "evidence", "acled_sub_event_type"} <= set(gold)


@pytest.mark.slow
def test_dev_gold_scores(tmp_path):
    """Full extraction on the dev articles, scored by shared/tools/score.py."""
    if not (SHARED / "tools" / "score.py").exists():
        pytest.skip("shared/ not available")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in list((SHARED / "corpus" / "seeds").glob("*.txt")) + \
            list((SHARED / "corpus" / "fakes_dev_gold").glob("*.txt")):
        (inputs / path.name).write_bytes(path.read_bytes())
    pred = tmp_path / "pred.jsonl"
    with open(pred, "w") as out:
        subprocess.run([sys.executable, "-m", "sitrep", "extract", str(inputs), "--format", "jsonl"],
                       stdout=out, check=True)
    scores = json.loads(subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), *map(str, (SHARED / "gold" / "dev").glob("*.jsonl")),
         "--pred", str(pred), "--json"], capture_output=True, text=True, check=True).stdout)
    assert scores["event_f1"] >= 0.60
    assert scores["event_date_accuracy"] >= 0.75


def test_the_docs_example(nlp):
    """docs/events.md shows this call and its result."""
    text = ("Air strikes killed six civilians in the town of Saraqib in Idlib province on Tuesday, "
            "a monitor said. The strikes on Saraqib also wounded 20 people.")
    _, [event] = events_of(nlp, text)
    assert (event.type, event.date, event.location.name, event.killed.value, event.injured.value) == \
        ("air_strike", dt.date(2016, 10, 25), "town of Saraqib", 6, 20)


def test_conflicting_counts_stay_two_records(nlp):
    text = ("The city of Aleppo has six humanitarian corridors, the ministry said on Tuesday. "
            "Eight humanitarian corridors were opened in Aleppo for civilians, the spokesman said.")
    _, events = events_of(nlp, text)
    corridors = sorted(e.quantities["corridors"].value for e in events if "corridors" in e.quantities)
    assert [e.type for e in events] == ["humanitarian", "humanitarian"] and corridors == [6, 8]
