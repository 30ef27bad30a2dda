"""How gold and predicted values are judged equal: places up to spelling and
direction words, dates within a day, speakers by name or organisation.

These rules mirror ``shared/tools/score.py`` exactly, so that ``sitrep eval``
and the project's scorer agree number for number.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata

# Spellings the scorer treats as one place (from shared/tools/score.py).
PLACE_ALIASES = {
    "deir ez zor": ["deir ezzor", "deir al zour", "deir el zour", "deir ez zour",
                    "dayr az zawr", "deir al zor", "deir ezzour", "deir alzour", "deirezzor"],
    "hasakah": ["hasakeh", "hassakeh", "hasaka", "al hasakah", "hassake", "al hasaka", "hasake"],
    "raqqa": ["raqa", "al raqqah", "raqqah", "ar raqqah", "rakka"],
    "latakia": ["lattakia", "al ladhiqiyah", "latakiya", "ladhiqiyah"],
    "rif dimashq": ["damascus countryside", "rural damascus", "rif damascus", "damascus suburbs",
                    "reef dimashq", "rif dimashk"],
    "daraa": ["deraa", "dara a", "dera a", "dar a"],
    "idlib": ["idleb"],
    "tartus": ["tartous"],
    "homs": ["hims"],
    "hama": ["hamah"],
    "quneitra": ["al qunaytirah", "kuneitra", "qunaitra"],
    "as suwayda": ["sweida", "suwayda", "al suwayda", "suwaida"],
    "aleppo": ["halab"],
    "nineveh": ["ninawa", "ninewa", "nineveh governorate", "ninevah"],
    "mosul": ["al mawsil", "mawsil"],
    "eastern ghouta": ["east ghouta", "ghouta"],
    "khan shaykhun": ["khan sheikhoun", "khan shaykhoun", "khan sheikhun"],
}
_CANON = {alias: canon for canon, aliases in PLACE_ALIASES.items() for alias in [canon, *aliases]}

DIRECTION_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "rural", "countryside", "outskirts", "near", "outside",
    "suburbs", "suburb", "town", "village", "district", "area", "region", "in", "on", "and"}


def _ascii_lower(s) -> str:
    return unicodedata.normalize("NFKD", str(s)).encode("ascii", "ignore").decode().lower()


def norm(s) -> str:
    if s is None:
        return ""
    s = re.sub(r"[^a-z0-9 ]+", " ", _ascii_lower(s))
    s = re.sub(r"\b(al|el|ad|ar|as|ash|the|governorate|province|city|of)\b", " ", s)
    return " ".join(s.split())


def place_key(s) -> str:
    n = norm(s)
    if not n:
        return ""
    full = " ".join(re.sub(r"[^a-z0-9 ]+", " ", _ascii_lower(s)).split())
    return _CANON.get(full) or _CANON.get(n) or n


def _core(p: str) -> str:
    return " ".join(w for w in p.split() if w not in DIRECTION_WORDS)


def same_place(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    ca, cb = _core(a), _core(b)
    if ca and cb and (ca == cb or _CANON.get(ca, ca) == _CANON.get(cb, cb)):
        return True
    return bool(ca and cb) and difflib.SequenceMatcher(None, ca, cb).ratio() >= 0.8


def location_match(gold: dict | None, pred: dict | None, coarse: bool = True) -> bool:
    gl, pl = gold or {}, pred or {}
    if not gl.get("name") and not gl.get("admin1"):
        return True
    gname, gadmin = place_key(gl.get("name")), place_key(gl.get("admin1"))
    pname, padmin = place_key(pl.get("name")), place_key(pl.get("admin1"))
    if same_place(pname, gname) or same_place(pname, gadmin) or same_place(padmin, gname):
        return True
    return coarse and bool(gadmin and padmin) and same_place(gadmin, padmin)


def day(s) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(s)[:10]) if s else None
    except ValueError:
        return None


def date_match(gold: dict, pred: dict) -> bool:
    gd = day(gold.get("date"))
    if gd is None:
        return True
    pd = day(pred.get("date"))
    if pd is None:
        return False
    ge = day(gold.get("date_end")) or gd
    one = dt.timedelta(days=1)
    return gd - one <= pd <= ge + one


def words(s) -> set[str]:
    return set(norm(s).split())


def overlap(a, b) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def jaccard(a, b) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def speaker_match(gold: dict, pred: dict) -> bool:
    """Same person (full name or surname) or same organisation; an anonymous gold
    speaker is compared by its role description."""
    gkeys = ("speaker", "speaker_org") if (gold.get("speaker") or gold.get("speaker_org")) else ("speaker_role",)
    for gk in gkeys:
        for pk in ("speaker", "speaker_org", "speaker_role"):
            gs, ps = norm(gold.get(gk)), norm(pred.get(pk))
            if not (gs and ps):
                continue
            gw, pw = set(gs.split()), set(ps.split())
            if gs == ps or gw <= pw or pw <= gw:
                return True
            if gk == "speaker" and pk == "speaker" and gs.split()[-1] == ps.split()[-1]:
                return True
    return False


def figure_value(q) -> int | None:
    if not isinstance(q, dict):
        return None
    return q.get("value") if q.get("value") is not None else q.get("low")
