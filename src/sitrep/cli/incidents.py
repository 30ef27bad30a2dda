"""``sitrep incidents --db DB``: the incidents linked across stored articles."""
from __future__ import annotations

HELP = "List incidents linked across articles, with consolidated figures and contradictions."


def add_incident_filters(parser) -> None:
    """Filters shared by ``sitrep incidents`` and ``sitrep report``."""
    parser.add_argument("--db", default="sitrep.db", help="SQLite file or postgresql:// URL (default: sitrep.db)")
    parser.add_argument("--type", help="event type (air_strike, shelling, ceasefire, ...)")
    parser.add_argument("--place", help="place, governorate or country (substring, any case)")
    parser.add_argument("--since", help="ISO date: incidents ending on or after it")
    parser.add_argument("--until", help="ISO date: incidents starting on or before it")
    parser.add_argument("--outlet", help="only incidents reported by this outlet")
    parser.add_argument("--actor", help="only incidents naming this actor (substring)")
    parser.add_argument("--contested", action="store_true", help="only incidents whose sources contradict")
    parser.add_argument("--limit", type=int, default=None, help="at most this many incidents")


def configure(parser) -> None:
    add_incident_filters(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON list (the API's incident shape)")


def filters(args) -> dict:
    import datetime as dt
    for name in ("since", "until"):
        value = getattr(args, name)
        if value:
            dt.date.fromisoformat(value)  # a ValueError here is reported as a usage error
    return {"type": args.type, "place": args.place, "since": args.since, "until": args.until,
            "outlet": args.outlet, "actor": args.actor, "contested": True if args.contested else None}


def load_incidents(args, command: str) -> list[dict] | None:
    """The incidents the filters select; None (after saying why on stderr) for a bad date."""
    import sys

    from ..store import Store
    try:
        flt = filters(args)
    except ValueError as exc:
        print(f"sitrep {command}: bad date: {exc}", file=sys.stderr)
        return None
    with Store.open(args.db) as store:
        return store.list_incidents(**flt, limit=args.limit)


def format_figure(slot: str, fig: dict) -> str:
    best, low, high = fig.get("best"), fig.get("low"), fig.get("high")
    if best is None:
        return f"{slot} ?"
    spread = f" ({low}-{high})" if low is not None and high is not None and (low, high) != (best, best) else ""
    return f"{slot} {best}{spread}"


def run(args) -> int:
    import json
    import sys

    incidents = load_incidents(args, "incidents")
    if incidents is None:
        return 2
    if args.json:
        json.dump(incidents, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for inc in incidents:
        when = inc["date"] or "undated"
        if inc["date_end"]:
            when += f"..{inc['date_end']}"
        place = inc["place"]["name"] or inc["place"]["admin1"] or "?"
        figs = ", ".join(format_figure(s, f) for s, f in inc["figures"].items())
        outlets = ", ".join(inc["outlets"]) or "-"
        print(f"{inc['id']}  {when}  {inc['type']:<20} {place:<20} {inc['grade']:<14} "
              f"{len(inc['reports'])} reports / {inc['independent_origins']} origins  [{outlets}]"
              + (f"  {figs}" if figs else ""))
        for c in inc["contradictions"]:
            print(f"    contradiction: {c['description']}")
    print(f"{len(incidents)} incidents", file=sys.stderr)
    return 0
