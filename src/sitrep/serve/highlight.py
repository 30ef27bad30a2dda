"""The article body with every extracted span marked by kind.

Article text is hostile input: it is escaped segment by segment here and
only our own ``<mark>`` tags are added around the escaped pieces, so a
``<script>`` in a body shows as text.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from markupsafe import Markup, escape

# Kinds in the order they are painted: later kinds win where spans overlap
# (a figure inside a claim shows as a figure on the claim's underline).
KINDS = {
    "claim": "Claim (attributed statement)",
    "speaker": "Speaker / source",
    "cue": "Attribution cue",
    "actor": "Actor",
    "trigger": "Event trigger",
    "place": "Place",
    "date": "Date",
    "figure": "Figure",
}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    note: str
    anchor: str | None = None


def _span(obj: Any) -> tuple[int, int, str] | None:
    if not isinstance(obj, dict):
        return None
    start, end = obj.get("start"), obj.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    return start, end, str(obj.get("rule") or "")


def _rule(rule: str) -> str:
    return f" · rule {rule}" if rule else ""


def _figure_note(slot: str, fig: dict) -> str:
    value = fig.get("value")
    if value is None and fig.get("low") is not None:
        value = f"{fig.get('low')}–{fig.get('high') or '?'}"
    qualifier = fig.get("qualifier") or "exact"
    return f"{slot}: {value} ({qualifier.replace('_', ' ')})"


def marks_for(article: dict) -> list[Mark]:
    """Every span of the article's events, claims and document fields."""
    marks: list[Mark] = []

    def add(obj: Any, kind: str, note: str, anchor: str | None = None) -> None:
        found = _span(obj)
        if found:
            start, end, rule = found
            marks.append(Mark(start, end, kind, note + _rule(rule), anchor))

    for i, ev in enumerate(article.get("events") or []):
        typ = str(ev.get("type") or "event").replace("_", " ")
        add(ev.get("trigger"), "trigger", f"event {i + 1}: {typ}", anchor=f"ev-{i}")
        loc = ev.get("location") or {}
        add(loc.get("span"), "place", f"place: {loc.get('name')} ({loc.get('admin1') or '?'}, {loc.get('country') or '?'})")
        for slot in ("killed", "injured"):
            fig = ev.get(slot)
            if isinstance(fig, dict):
                add(fig.get("span"), "figure", _figure_note(slot, fig))
        for name, fig in (ev.get("quantities") or {}).items():
            if isinstance(fig, dict):
                add(fig.get("span"), "figure", _figure_note(name, fig))
        spans = ev.get("spans") or {}
        add(spans.get("date"), "date", f"date: {ev.get('date') or 'unresolved'}")
        add(spans.get("date_end"), "date", f"date end: {ev.get('date_end') or 'unresolved'}")
        for key in ("actor1", "actor2"):
            add(spans.get(key), "actor", f"{key}: {ev.get(key)}")
        add(spans.get("source"), "speaker", f"source of event {i + 1}: {ev.get('source')}")
    for i, claim in enumerate(article.get("claims") or []):
        who = claim.get("speaker") or claim.get("speaker_org") or "unnamed"
        add(claim.get("span"), "claim", f"claim {i + 1} by {who} ({claim.get('stance') or 'assert'})", anchor=f"cl-{i}")
        add(claim.get("cue_span"), "cue", f"cue: {claim.get('cue')}")
        add(claim.get("speaker_span"), "speaker", f"speaker: {who}")
    for field, span in (article.get("spans") or {}).items():
        if field in ("published", "date"):
            add(span, "date", f"published: {article.get('published')}")
    return marks


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """Escaped ``text`` with ``<mark>`` elements over each stretch of spans."""
    order = list(KINDS)
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text) and m.kind in KINDS]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out: list[str] = []
    placed_anchors: set[str] = set()
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a:b])
        active = sorted((m for m in valid if m.start <= a and b <= m.end), key=lambda m: order.index(m.kind))
        if not active:
            out.append(piece)
            continue
        kinds = []
        for m in active:
            if m.kind not in kinds:
                kinds.append(m.kind)
        classes = " ".join(f"k-{k}" for k in kinds)
        notes = "\n".join(dict.fromkeys(m.note for m in active))
        anchor = ""
        for m in active:
            if m.anchor and m.start == a and m.anchor not in placed_anchors:
                placed_anchors.add(m.anchor)
                anchor = f' id="{escape(m.anchor)}"'
                break
        out.append(f'<mark class="hl {classes}"{anchor} title="{escape(notes)}">{piece}</mark>')
    return Markup("".join(out))


def kinds_present(marks: Iterable[Mark]) -> list[tuple[str, str]]:
    present = {m.kind for m in marks}
    return [(k, label) for k, label in KINDS.items() if k in present]
