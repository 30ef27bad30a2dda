"""``sitrep report``: a Markdown or HTML summary of the incidents of a period or place.

Contradictions come first: where the sources disagree on who did it or how
many is what a reader of a situation report most needs to know.
"""
from __future__ import annotations

HELP = "Write a Markdown or HTML report of incidents, contradictions first."


def configure(parser) -> None:
    from .incidents import add_incident_filters
    add_incident_filters(parser)
    parser.add_argument("--format", choices=["markdown", "html"], default="markdown")
    parser.add_argument("-o", "--output", help="write to this file instead of stdout")


def _when(inc: dict) -> str:
    if not inc["date"]:
        return "undated"
    return inc["date"] + (f" to {inc['date_end']}" if inc["date_end"] else "")


def _where(inc: dict) -> str:
    p = inc["place"]
    parts = [x for x in (p.get("name"), p.get("admin1"), p.get("country")) if x]
    deduped = [x for i, x in enumerate(parts) if x not in parts[:i]]
    return ", ".join(deduped) or "unknown place"


def _value(v: dict) -> str:
    from ..link.figures import point
    from ..link.records import SlotValue
    if v.get("text"):
        return str(v["text"])
    if "qualifier" in v and not isinstance(v.get("value"), str):
        p = point(SlotValue(v.get("value"), v.get("qualifier") or "exact", v.get("low"), v.get("high")))
        q = "" if v.get("qualifier") in (None, "exact") else v["qualifier"].replace("_", " ") + " "
        return f"{q}{int(p) if p is not None else '?'}"
    return str(v.get("value"))


def _voice(v: dict) -> str:
    who = v.get("source") or "the outlet itself"
    return f"{who} ({v.get('outlet') or 'unknown outlet'}, article {v.get('article_id')})"


def contradiction_sides(c: dict) -> list[tuple[str, list[dict]]]:
    """[(value label, [values])] per side of a contradiction."""
    sides: dict[int, list[dict]] = {}
    for v in c["values"]:
        sides.setdefault(v.get("side", 0), []).append(v)
    return [(" / ".join(sorted({_value(v) for v in vs})), vs) for _, vs in sorted(sides.items())]


def _figures(inc: dict) -> str:
    from .incidents import format_figure
    return "; ".join(format_figure(s, f) for s, f in inc["figures"].items())


def _title(args) -> str:
    scope = args.place or "all places"
    period = f"{args.since or '…'} to {args.until or '…'}" if (args.since or args.until) else "all dates"
    return f"sitrep report: {scope}, {period}"


def render_markdown(incidents: list[dict], title: str) -> str:
    contested = [i for i in incidents if i["contradictions"]]
    grades = {g: sum(1 for i in incidents if i["grade"] == g) for g in ("contested", "corroborated", "single source")}
    out = [f"# {title}", "",
           f"{len(incidents)} incidents: {grades['contested']} contested, {grades['corroborated']} corroborated, "
           f"{grades['single source']} single source.", "", "## Contradictions", ""]
    if not contested:
        out += ["No contradictions among the sources.", ""]
    for inc in contested:
        out += [f"### {_when(inc)}: {inc['type'].replace('_', ' ')} in {_where(inc)} (`{inc['id']}`)", ""]
        for c in inc["contradictions"]:
            where = " (inside one article)" if c.get("within_article") else ""
            out.append(f"- **{c['slot']}**{where}:")
            for label, vs in contradiction_sides(c):
                out.append(f"  - {label}: " + "; ".join(_voice(v) for v in vs))
        out.append("")
    out += ["## Incidents", "", "| date | type | place | figures | grade | origins | outlets |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for inc in incidents:
        cells = [_when(inc), inc["type"], _where(inc), _figures(inc) or "-", inc["grade"],
                 str(inc["independent_origins"]), ", ".join(inc["outlets"]) or "-"]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out) + "\n"


def render_html(incidents: list[dict], title: str) -> str:
    from html import escape as e
    contested = [i for i in incidents if i["contradictions"]]
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{e(title)}</title>",
             "<style>body{font-family:sans-serif;max-width:70em;margin:auto}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}"
             ".contested{color:#a00}</style></head><body>",
             f"<h1>{e(title)}</h1><p>{len(incidents)} incidents, {len(contested)} contested.</p>",
             "<h2>Contradictions</h2>"]
    if not contested:
        parts.append("<p>No contradictions among the sources.</p>")
    for inc in contested:
        parts.append(f"<h3 class='contested'>{e(_when(inc))}: {e(inc['type'].replace('_', ' '))} in "
                     f"{e(_where(inc))} <code>{e(inc['id'])}</code></h3><ul>")
        for c in inc["contradictions"]:
            sides = "".join(f"<li>{e(label)}: {e('; '.join(_voice(v) for v in vs))}</li>"
                            for label, vs in contradiction_sides(c))
            parts.append(f"<li><b>{e(c['slot'])}</b><ul>{sides}</ul></li>")
        parts.append("</ul>")
    parts.append("<h2>Incidents</h2><table><tr><th>date</th><th>type</th><th>place</th><th>figures</th>"
                 "<th>grade</th><th>origins</th><th>outlets</th></tr>")
    for inc in incidents:
        cells = [_when(inc), inc["type"], _where(inc), _figures(inc) or "-", inc["grade"],
                 str(inc["independent_origins"]), ", ".join(inc["outlets"]) or "-"]
        parts.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"


def run(args) -> int:
    import sys

    from .incidents import load_incidents
    incidents = load_incidents(args, "report")
    if incidents is None:
        return 2
    render = render_html if args.format == "html" else render_markdown
    text = render(incidents, _title(args))
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0
