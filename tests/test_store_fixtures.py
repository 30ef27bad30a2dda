"""Records built in code for the store, link and ingest tests (no extraction needed).

The two "seed" articles mirror the project's seed articles as their gold
annotation describes them: an Aleppo air pause reported by both, and one
article that gives six humanitarian corridors, then (quoting TASS) eight.
"""
from __future__ import annotations

import datetime as dt

from sitrep.link.records import Report, SlotValue
from sitrep.records import Article, Claim, Event, Figure, Location, Span

ALEPPO = dict(name="Aleppo", admin1="Aleppo", country="Syria")
MOSUL = dict(name="Mosul", admin1="Nineveh", country="Iraq")


def event(type_: str, place: dict | None, *, salience="main", date=None, date_end=None, actor1=None,
          killed=None, quantities=None, source=None, evidence="", index=0, **loc_extra) -> Event:
    loc = Location(**place, **loc_extra) if place else None
    return Event(type=type_, salience=salience, date=dt.date.fromisoformat(date) if date else None,
                 date_end=dt.date.fromisoformat(date_end) if date_end else None, location=loc,
                 actor1=actor1, killed=killed, quantities=quantities or {}, source=source,
                 evidence=evidence, index=index)


def seed_articles() -> list[Article]:
    text0 = ("Russia and Syria have held off air strikes on Aleppo for 16 days. Six humanitarian corridors "
             "remain open, the Russian Ministry of Defence said. Eight corridors are open, TASS reported.")
    corridors6 = Figure(6, "exact", text="Six", span=Span(text0.index("Six"), text0.index("Six") + 3, "Six",
                                                                       "number:word"))
    a0 = Article(
        id="seed-a", text=text0, raw=text0, title="Aleppo pause holds", outlet="OffGuardian",
        cited_sources=["TASS", "Reuters"], provenance=["TASS", "OffGuardian"],
        outlet_record={"name": "OffGuardian", "country": "UK", "state_affiliation": None, "reliability": "unreliable"},
        spans={"title": Span(0, 6, "Russia", "title:first-line")},
        events=[
            event("ceasefire", ALEPPO, actor1="Russian and Syrian air forces", source="Russian Ministry of Defence",
                  quantities={"days": Figure(16)}, evidence="held off air strikes on Aleppo for 16 days"),
            event("humanitarian", ALEPPO, salience="secondary", quantities={"corridors": corridors6},
                  source="Russian Ministry of Defence", evidence="Six humanitarian corridors remain open", index=1),
            event("humanitarian", ALEPPO, salience="secondary", quantities={"corridors": Figure(8, text="Eight")},
                  source="TASS", evidence="Eight corridors are open", index=2),
        ],
        claims=[Claim(text="Six humanitarian corridors remain open", speaker_org="Russian Ministry of Defence",
                      cue="said", span=Span(61, 99, "Six humanitarian corridors remain open", "claim:said"),
                      event_ids=[1])],
    )
    text1 = ("Russia has not conducted sorties over Aleppo since last Tuesday, the Russian General Staff said. "
             "US-led coalition airstrikes killed over 60 civilians in Mosul.")
    a1 = Article(
        id="seed-b", text=text1, raw=text1, title="Coalition strikes on Mosul kill 60", outlet="Al Alam",
        published=dt.date(2016, 10, 25), cited_sources=["RT"],
        events=[
            event("air_strike", MOSUL, date="2016-10-22", date_end="2016-10-25", actor1="US-led coalition",
                  killed=Figure(60, "more_than", group="civilians", text="over 60"), source="Russian General Staff",
                  evidence="US-led coalition airstrikes killed over 60 civilians in Mosul"),
            event("ceasefire", ALEPPO, salience="secondary", date="2016-10-18", date_end="2016-10-25",
                  actor1="Russian Aerospace Forces", source="Russian General Staff",
                  evidence="Russia has not conducted sorties over Aleppo since last Tuesday", index=1),
        ],
    )
    return [a0, a1]


def report(article_id: str, type_: str = "air_strike", *, index=0, date="2017-04-04", date_end=None,
           place="Khan Shaykhun", admin1="Idlib", country="Syria", outlet=None, source=None, actor1=None,
           killed=None, salience="main", evidence="", published=None, lat=None, lon=None,
           cited=()) -> Report:
    return Report(article_id=article_id, event_index=index, type=type_, salience=salience,
                  date=dt.date.fromisoformat(date) if date else None,
                  date_end=dt.date.fromisoformat(date_end) if date_end else None,
                  published=dt.date.fromisoformat(published) if published else None,
                  place=place, admin1=admin1, country=country, lat=lat, lon=lon, actor1=actor1,
                  source=source, outlet=outlet or article_id, evidence=evidence,
                  figures={"killed": killed} if killed else {}, cited_sources=tuple(cited))


def killed(value=None, qualifier="exact", low=None, high=None) -> SlotValue:
    return SlotValue(value, qualifier, low, high)


def incident_of(result, article_id, index=0):
    """The incident of a ``link_reports`` result holding that article's report."""
    return next(i for i in result.incidents if any(r.key == (article_id, index) for r in i.reports))
