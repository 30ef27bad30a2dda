"""The overview timeline: events and people killed per period, stacked by
event type, laid out here as plain rectangles the template draws as SVG."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, Iterable

from ..records import EVENT_TYPES

WIDTH, PANEL_HEIGHT, LEFT, BOTTOM, TOP = 900, 120, 44, 22, 10
MAX_BAR_WIDTH = 36
# Above this many days between the first and last date, bars are months.
DAILY_SPAN_LIMIT = 120


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    text = str(value)
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7)):
        try:
            return dt.datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
    return None


def normalise_rows(rows: Iterable[dict]) -> list[tuple[dt.date, str, int, int]]:
    """(date, type, events, killed) from the store's timeline rows, whichever
    of the usual key names they use; rows without a usable date are dropped."""
    out = []
    for row in rows:
        when = _as_date(row.get("date") or row.get("day") or row.get("period") or row.get("month"))
        if when is None:
            continue
        events = row.get("events", row.get("count", row.get("n", 1)))
        killed = row.get("killed", row.get("fatalities", 0))
        out.append((when, str(row.get("type") or "other"), int(events or 0), int(killed or 0)))
    return out


def _periods(first: dt.date, last: dt.date, monthly: bool) -> list[dt.date]:
    out = []
    cur = first.replace(day=1) if monthly else first
    while cur <= last:
        out.append(cur)
        if monthly:
            cur = (cur.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        else:
            cur += dt.timedelta(days=1)
    return out


def _nice_max(value: int) -> int:
    """A round top for the y axis whose half is a whole number too (6, 10, 40, 50, 2,000)."""
    if value <= 10:
        return max(2, value + value % 2)
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 4, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return value


def build_timeline(rows: Iterable[dict]) -> dict[str, Any] | None:
    data = normalise_rows(rows)
    if not data:
        return None
    first, last = min(d for d, *_ in data), max(d for d, *_ in data)
    monthly = (last - first).days > DAILY_SPAN_LIMIT
    periods = _periods(first, last, monthly)
    index = {p: i for i, p in enumerate(periods)}
    counts = {"events": defaultdict(lambda: defaultdict(int)), "killed": defaultdict(lambda: defaultdict(int))}
    for when, typ, events, killed in data:
        key = when.replace(day=1) if monthly else when
        counts["events"][index[key]][typ] += events
        counts["killed"][index[key]][typ] += killed
    present = {typ for _, typ, _, _ in data}
    types = [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES))
    slot = (WIDTH - LEFT) / len(periods)
    bar_w = min(max(slot * 0.8, 0.6), MAX_BAR_WIDTH)
    panels = []
    for key, title in (("events", "Events reported"), ("killed", "People reported killed")):
        totals = [sum(counts[key][i].values()) for i in range(len(periods))]
        top = _nice_max(max(totals) if totals else 0)
        bars = []
        for i, period in enumerate(periods):
            y = TOP + PANEL_HEIGHT
            for typ in types:
                value = counts[key][i].get(typ, 0)
                if not value:
                    continue
                h = value / top * PANEL_HEIGHT
                y -= h
                label = period.strftime("%b %Y" if monthly else "%d %b %Y")
                bars.append({"x": round(LEFT + i * slot + (slot - bar_w) / 2, 2), "y": round(y, 2),
                             "w": round(bar_w, 2), "h": round(h, 2), "type": typ,
                             "title": f"{label}: {value} {typ.replace('_', ' ')}"})
        ticks = [{"y": round(TOP + PANEL_HEIGHT - f * PANEL_HEIGHT, 2), "label": f"{int(top * f):,}"} for f in (0, 0.5, 1)]
        panels.append({"key": key, "title": title, "bars": bars, "ticks": ticks, "total": sum(totals)})
    return {"width": WIDTH, "height": TOP + PANEL_HEIGHT + BOTTOM, "left": LEFT, "axis_y": TOP + PANEL_HEIGHT,
            "types": types, "panels": panels, "monthly": monthly,
            "xlabels": _x_labels(periods, slot, monthly)}


def _x_labels(periods: list[dt.date], slot: float, monthly: bool) -> list[dict[str, Any]]:
    # about eight labels whatever the number of bars
    every = max(1, round(len(periods) / 8))
    fmt = "%b %Y" if monthly else "%d %b"
    return [{"x": round(LEFT + i * slot + slot / 2, 2), "label": p.strftime(fmt)}
            for i, p in enumerate(periods) if i % every == 0]
