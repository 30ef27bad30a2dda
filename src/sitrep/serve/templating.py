"""Jinja2 set-up: packaged templates, autoescaping always on, and the small
formatting filters the pages share."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates
from jinja2 import ChainableUndefined, Environment, PackageLoader, pass_context

from .geo import place_name

QUALIFIER_WORDS = {"at_least": "at least", "more_than": "over", "about": "about", "up_to": "up to"}


def label(value: Any) -> str:
    text = str(value or "").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def figure_text(fig: Any) -> str:
    """A reported figure as a reader would say it: "over 60", "24–30", "about 24 (“dozens”)"."""
    if not isinstance(fig, dict):
        return "" if fig is None else str(fig)
    value, low, high = fig.get("value"), fig.get("low"), fig.get("high")
    qualifier = fig.get("qualifier") or "exact"
    words = QUALIFIER_WORDS.get(qualifier)
    if value is None and low is not None and high is not None:
        body = f"{low:,}–{high:,}"
    elif value is None and low is not None:
        body = f"{low:,}"
        words = words or "about"
    elif value is None:
        return "?"
    else:
        body = f"{value:,}" if isinstance(value, int) else str(value)
    out = f"{words} {body}" if words and qualifier != "range" else body
    said = str(fig.get("text") or "").strip()
    # a vague count ("dozens", "hundreds") keeps the words it was read from
    if said and value is None and not any(ch.isdigit() for ch in said):
        out += f" (“{said}”)"
    return out


def consolidated_text(slot: Any) -> str:
    """best with its low–high range: "60 (60–70)"."""
    if not isinstance(slot, dict):
        return ""
    best, low, high = slot.get("best"), slot.get("low"), slot.get("high")
    if best is None and low is None:
        return "–"
    text = f"{best:,}" if isinstance(best, int) else str(best if best is not None else "?")
    if low is not None and high is not None and (low != high or low != best):
        text += f" ({low:,}–{high:,})" if isinstance(low, int) and isinstance(high, int) else f" ({low}–{high})"
    return text


def actor_list(actors: Any) -> str:
    if isinstance(actors, dict):
        actors = [a for a in actors.values() if a]
    if isinstance(actors, (list, tuple)):
        names = []
        for a in actors:
            name = a.get("name") if isinstance(a, dict) else a
            if name and name not in names:
                names.append(str(name))
        return ", ".join(names)
    return str(actors or "")


def words(value: Any) -> str:
    """A label that may come as a list (["bias", "conspiracy"]) as one line of text."""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value if v)
    return "" if value is None else str(value)


def group_sides(values: Any) -> list[dict]:
    """The sides of a contradiction: one per distinct value (or actor), with
    every voice that gave it: [{value, qualifier, voices: [{source, outlet, article_id}]}]."""
    sides: dict[str, dict] = {}
    for v in values or []:
        side = sides.setdefault(_key(v.get("value")), {"value": v.get("value"), "qualifier": v.get("qualifier"),
                                                       "low": v.get("low"), "high": v.get("high"), "voices": []})
        voice = {"source": v.get("source"), "outlet": v.get("outlet"), "article_id": v.get("article_id")}
        if voice not in side["voices"]:
            side["voices"].append(voice)
    return list(sides.values())


def _key(value: Any) -> str:
    return repr(sorted(value.items())) if isinstance(value, dict) else repr(value)


def is_contested(incident: dict) -> bool:
    return (bool(incident.get("contested") or incident.get("contradictions"))
            or incident.get("grade") == "contested")


@pass_context
def url_with(context, **changes: Any) -> str:
    """The current page's URL with some query parameters changed (None drops one)."""
    request = context["request"]
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def build_environment() -> Environment:
    env = Environment(loader=PackageLoader("sitrep.serve", "templates"), autoescape=True,
                      undefined=ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(label=label, figure=figure_text, consolidated=consolidated_text,
                       place=place_name, actors=actor_list, words=words,
                       sides=group_sides)
    env.globals.update(url_with=url_with, is_contested=is_contested)
    return env


templates = Jinja2Templates(env=build_environment())
