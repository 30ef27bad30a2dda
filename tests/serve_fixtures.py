"""Small extracted articles built in code for the web, API and export tests,
and a real store holding them (linked), so the tests need no spaCy run."""
from __future__ import annotations

import datetime as dt

import pytest

from sitrep.records import Article, Claim, Event, Figure, Location, Span

XSS = "<script>alert(1)</script>"


def span(text: str, needle: str, rule: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle, rule)


def sample_articles() -> list[Article]:
    t1 = ("Russian warplanes have made no strikes on Aleppo for 16 days, the Russian Defence Ministry "
          "said on Tuesday.\nThe city has six humanitarian corridors, spokesman Igor Konashenkov said. "
          f"A reader wrote {XSS} in the comments.\n")
    a1 = Article(
        id="wire-aleppo-1", text=t1, title=f"Truce holds in Aleppo {XSS}", outlet="Example Wire",
        published=dt.date(2016, 10, 25), cited_sources=["Russian Ministry of Defence"],
        boilerplate=["Subscribe to our newsletter", f"Share this {XSS}"],
        provenance=["Example Wire", "Russian Ministry of Defence"],
        outlet_record={"name": "Example Wire", "state_affiliation": None, "reliability": "reliable"},
        events=[
            Event(type="ceasefire", salience="main", date=dt.date(2016, 10, 25), date_precision="day",
                  location=Location("Aleppo", "Aleppo", "Syria", 36.2, 37.16, "point", span=span(t1, "Aleppo", "gazetteer")),
                  actor1="Russian air force", quantities={"days": Figure(16, text="16", span=span(t1, "16", "number:digits"))},
                  source="Russian Ministry of Defence", evidence=t1[:60], trigger=span(t1, "no strikes", "trigger:ceasefire"),
                  spans={"date": span(t1, "on Tuesday", "date:weekday"),
                         "source": span(t1, "the Russian Defence Ministry", "source:said")},
                  article_id="wire-aleppo-1", index=0),
            Event(type="humanitarian", salience="secondary", date=dt.date(2016, 10, 25),
                  location=Location("Aleppo", "Aleppo", "Syria", 36.2, 37.16, "point"),
                  quantities={"corridors": Figure(6, text="six", span=span(t1, "six", "number:word"))},
                  source="Russian Ministry of Defence", evidence="The city has six humanitarian corridors",
                  trigger=span(t1, "humanitarian corridors", "trigger:humanitarian"), article_id="wire-aleppo-1", index=1),
        ],
        claims=[Claim(text="The city has six humanitarian corridors", speaker="Igor Konashenkov",
                      speaker_org="Russian Ministry of Defence", speaker_role="spokesman", cue="said",
                      span=span(t1, "The city has six humanitarian corridors", "claim:reported"),
                      cue_span=span(t1, "said", "cue:said", nth=1),
                      speaker_span=span(t1, "Igor Konashenkov", "speaker:person"), article_id="wire-aleppo-1")],
    )
    t2 = ("Eight humanitarian corridors were opened in Aleppo, TASS reported.\n"
          "Shelling killed at least 3 civilians in Aleppo on Monday.\n")
    a2 = Article(
        id="agency-aleppo-2", text=t2, title="Corridors open in Aleppo", outlet="Agency Two",
        published=dt.date(2016, 10, 26), cited_sources=["TASS"], provenance=["Agency Two", "TASS"],
        outlet_record={"name": "Agency Two", "state_affiliation": "Russia", "reliability": "state"},
        events=[
            Event(type="humanitarian", salience="main", date=dt.date(2016, 10, 26),
                  location=Location("Aleppo", "Aleppo", "Syria", 36.2, 37.16, "point", span=span(t2, "Aleppo", "gazetteer")),
                  quantities={"corridors": Figure(8, text="Eight", span=span(t2, "Eight", "number:word"))},
                  source="TASS", evidence=t2.splitlines()[0], trigger=span(t2, "corridors", "trigger:humanitarian"),
                  spans={"source": span(t2, "TASS", "source:reported")}, article_id="agency-aleppo-2", index=0),
            Event(type="shelling", salience="secondary", date=dt.date(2016, 10, 24),
                  location=Location("Aleppo", "Aleppo", "Syria", 36.2, 37.16, "point", span=span(t2, "Aleppo", "gazetteer", nth=1)),
                  killed=Figure(3, "at_least", group="civilians", text="at least 3", span=span(t2, "at least 3", "casualty:killed")),
                  evidence=t2.splitlines()[1], trigger=span(t2, "Shelling", "trigger:shelling"),
                  spans={"date": span(t2, "on Monday", "date:weekday")}, article_id="agency-aleppo-2", index=1),
        ])
    t3 = "Over 60 civilians have been killed in US-led coalition airstrikes on Mosul, the Russian military said.\n"
    a3 = Article(
        id="wire-mosul-3", text=t3, title="Airstrikes on Mosul kill 60", outlet="Example Wire",
        published=dt.date(2016, 10, 25), cited_sources=["Russian military"],
        events=[Event(type="air_strike", salience="main", date=dt.date(2016, 10, 22), date_end=dt.date(2016, 10, 25),
                      date_precision="range",
                      location=Location("Mosul", "Nineveh", "Iraq", 36.34, 43.13, "point", span=span(t3, "Mosul", "gazetteer")),
                      actor1="US-led coalition", actor2="civilians",
                      killed=Figure(60, "more_than", group="civilians", text="Over 60", span=span(t3, "Over 60", "casualty:killed")),
                      source="Russian military", evidence=t3.strip(), trigger=span(t3, "airstrikes", "trigger:air_strike"),
                      spans={"actor1": span(t3, "US-led coalition", "actor:alias")},
                      acled_sub_event_type="Air/drone strike", article_id="wire-mosul-3", index=0)])
    return [a1, a2, a3]


def sample_store(url: str = ":memory:"):
    """A store with the sample articles, linked into incidents."""
    from sitrep.store import Store

    store = Store.open(url)
    store.add_articles(sample_articles())
    store.relink()
    return store


@pytest.fixture(scope="module")
def store():
    """The sample articles in an in-memory store, linked (one per test module)."""
    return sample_store()


@pytest.fixture(scope="module")
def client(store):
    from fastapi.testclient import TestClient
    from sitrep.serve import create_app
    return TestClient(create_app(store))
