"""Counts as intervals: when two reported counts can both be true.

"at least 70" is [70, inf), "dozens" is about [24, 120), "six" is [6, 6].
Two values are compatible when their intervals meet; the spread of the
compatible values gives UCDP-style best / low / high.
"""
from __future__ import annotations

import math

from .records import SlotValue

INF = math.inf
# "about 100": reporters round; a tenth either way still agrees.
ABOUT_TOLERANCE = 0.1
# A vague plural with only a floor ("dozens", "hundreds") stays below five times that floor.
VAGUE_CEILING = 5


def interval(v: SlotValue) -> tuple[float, float] | None:
    q = v.qualifier or "exact"
    if v.value is None:
        if v.low is None and v.high is None:
            return None
        low = v.low if v.low is not None else 0
        high = v.high if v.high is not None else (low * VAGUE_CEILING - 1 if q == "about" else INF)
        return (low, high)
    x = v.value
    if q == "at_least":
        return (x, INF)
    if q == "more_than":
        return (x + 1 if x > 0 else 0, INF)
    if q == "about":
        return (math.floor(x * (1 - ABOUT_TOLERANCE)), math.ceil(x * (1 + ABOUT_TOLERANCE)))
    if q == "up_to":
        return (0, x)
    if q == "range":
        return (v.low if v.low is not None else x, v.high if v.high is not None else x)
    return (x, x)


def point(v: SlotValue) -> float | None:
    """The single number a value stands for when one is needed (best estimate)."""
    if v.value is not None:
        return v.value
    if v.low is not None and v.high is not None:
        return (v.low + v.high) / 2
    return v.low if v.low is not None else v.high


def compatible(a: SlotValue, b: SlotValue) -> bool:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return True
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def compatible_groups(values: list[SlotValue]) -> list[list[int]]:
    """Partition value indices into groups whose intervals share a common point.

    Sweep by lower bound, keeping the running intersection; a value that
    falls outside it starts a new group. Two or more groups mean the values
    cannot all be true: a contradiction.
    """
    spans = [(interval(v), i) for i, v in enumerate(values)]
    known = sorted((s, i) for s, i in spans if s is not None)
    groups: list[list[int]] = []
    lo, hi = -INF, INF
    for (a, b), i in known:
        if groups and a <= hi:
            groups[-1].append(i)
            lo, hi = max(lo, a), min(hi, b)
        else:
            groups.append([i])
            lo, hi = a, b
    vague = [i for s, i in spans if s is None]
    if vague:
        if groups:
            groups[0].extend(vague)
        else:
            groups.append(vague)
    return groups
