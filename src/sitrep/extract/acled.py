"""ACLED sub-event types for events.

The trigger lexicon (``data/event_triggers.jsonl``) gives each trigger its
usual sub-event; the rules here refine it where ACLED's definitions turn on
who acted or how (``data/acled_cues.json``): a place taken by a state force
is "Government regains territory", by a non-state group "Non-state actor
overtakes territory"; a protest met by police is "Protest with
intervention", one where protesters are killed "Excessive force against
protesters", one with stones and fire "Violent demonstration".
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def acled_cues() -> dict:
    return json.loads(resources.files("sitrep.data").joinpath("acled_cues.json").read_text("utf-8"))


def sub_event_types() -> list[str]:
    return list(acled_cues()["sub_event_types"])


def _has(text: str, words) -> str | None:
    for w in words:
        if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text, re.I):
            return w
    return None


def actor_kind(actor_type: str | None) -> str | None:
    """state | nonstate | None, from an actor table type ("state_force", "armed_group", ...)."""
    if not actor_type:
        return None
    t = actor_type.lower()
    if any(w in t for w in acled_cues()["state_actor_types"]):
        return "state"
    if any(w in t for w in acled_cues()["nonstate_actor_types"]):
        return "nonstate"
    return None


def protest_sub_event(sentence: str, trigger_entry: dict) -> str:
    cues = acled_cues()
    if _has(sentence, cues["mob"]) and not _has(sentence, ["protest", "protesters", "demonstrators"]):
        return "Mob violence"
    if _has(sentence, cues["protest_excessive_force"]) and _has(sentence, ["police", "security forces", "troops", "soldiers", "forces"]):
        return "Excessive force against protesters"
    if _has(sentence, cues["protest_intervention"]):
        return "Protest with intervention"
    if trigger_entry.get("acled") == "Violent demonstration" or _has(sentence, cues["protest_violent"]):
        return "Violent demonstration"
    return "Peaceful protest"


def acled_sub_event_type(event_type: str, trigger_entry: dict, sentence: str,
                         actor1_type: str | None = None) -> str | None:
    """The ACLED sub-event type for an event found by ``trigger_entry`` in ``sentence``."""
    if trigger_entry.get("protest"):
        return protest_sub_event(sentence, trigger_entry)
    sub = trigger_entry.get("acled")
    if event_type == "territory_change" and sub != "Non-violent transfer of territory":
        if actor_kind(actor1_type) == "nonstate":
            return trigger_entry.get("if_nonstate_acled", "Non-state actor overtakes territory")
        return "Government regains territory"
    if event_type == "bombing" and sub not in ("Suicide bomb", "Grenade"):
        if _has(sentence, ["suicide", "blew himself up", "blew herself up"]):
            return "Suicide bomb"
        return "Remote explosive/landmine/IED"
    defaults = {"air_strike": "Air/drone strike", "shelling": "Shelling/artillery/missile attack",
                "chemical_attack": "Chemical weapon", "armed_clash": "Armed clash",
                "attack_on_civilians": "Attack", "ceasefire": "Agreement", "arrest": "Arrests",
                "humanitarian": "Other"}
    if event_type in defaults and (sub is None or event_type != trigger_entry.get("label")):
        return defaults[event_type]
    return sub
