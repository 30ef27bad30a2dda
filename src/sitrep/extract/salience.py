"""Which event an article is about.

``main`` is the event the title announces: of the events whose type the
title's triggers name, the one in the place the title names, else the first
told. ``background`` (history, war-wide tolls) is decided per sentence in
``sitrep.extract.mentions``; everything else is ``secondary``.

The main event also gets the article's place when its own sentence gave it
none it can use: the headline's "Syria" or a foreign capital where a
statement was made is not where the strike was.
"""
from __future__ import annotations

from ..records import Article
from .mentions import Mention
from .places import find_places
from .triggers import find_triggers


def _fine(loc) -> bool:
    return loc is not None and (loc.precision or "") != "country"


def title_types(article: Article) -> list[str]:
    return [t.label for t in find_triggers(article.title)] if article.title else []


def title_places(article: Article, countries: set[str]) -> list:
    if not article.title:
        return []
    return [p.location for p in find_places(article.title)
            if _fine(p.location) and (not countries or p.location.country in countries)]


def set_salience(events: list[Mention], article: Article, home, countries: set[str],
                 top_country: str | None = None) -> None:
    """Mark each event main, secondary or background; give the main event a usable place.

    ``countries`` are those that may host the article's events; the main event must lie in
    ``top_country`` (the one most of the article's places are in) or a country the title names.
    """
    news = [e for e in events if not e.background]
    types = title_types(article)
    candidates = [e for e in news if e.type in types] or news
    named = title_places(article, countries)
    if top_country:
        countries = {top_country} | {p.country for p in named}
    admin1s = {p.admin1 for p in named if p.admin1}
    main = next((e for e in candidates if e.place is not None and e.place.admin1 in admin1s), None) \
        or (candidates[0] if candidates else None)
    for e in events:
        e.salience = "background" if e.background else ("main" if e is main else "secondary")
    if main is not None and not (_fine(main.place) and (not countries or main.place.country in countries)):
        fallback = named[0] if named else (home if _fine(home) else None)
        if fallback is not None:
            main.place = fallback
            main.place_rule = "context:title-place" if named else "context:dominant-place"
