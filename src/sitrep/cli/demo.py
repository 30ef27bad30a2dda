"""``sitrep demo``: run the pipeline on the bundled sample corpus and show what it found."""
from __future__ import annotations

HELP = ("Run sitrep on the bundled sample articles (two seeds, eight FA-KES), print a report "
        "and build a demo database for the dashboard.")


def configure(parser) -> None:
    parser.add_argument("--out", default="demo-out", metavar="DIR",
                        help="write articles.jsonl and the demo database sitrep.db here (default ./demo-out)")


def sample_paths() -> list[str]:
    from importlib import resources

    root = resources.files("sitrep.samples")
    return sorted(str(p) for p in root.iterdir() if p.name.endswith((".txt", ".jsonl")))


def _article_panel(article):
    from rich.panel import Panel
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column()
    record = article.outlet_record or {}
    outlet = article.outlet or "unknown"
    if record.get("state_affiliation"):
        outlet += f"  [dim]({record['state_affiliation']})[/dim]"
    grid.add_row("outlet", outlet)
    grid.add_row("published", article.published.isoformat() if article.published else "not stated")
    grid.add_row("sources", ", ".join(article.cited_sources) or "-")
    if article.provenance:
        grid.add_row("provenance", " <- ".join(article.provenance))
    grid.add_row("boilerplate", f"{len(article.boilerplate)} piece(s) set aside")
    for event in article.events:
        where = event.location.name if event.location else "?"
        killed = f", killed {event.killed.value if event.killed.value is not None else event.killed.low}" \
            if event.killed else ""
        source = f" [dim]per {event.source}[/dim]" if event.source else ""
        grid.add_row("event", f"{event.type} @ {where} {event.date or ''}{killed}{source}")
    for claim in article.claims[:6]:
        who = claim.speaker or claim.speaker_org or "?"
        text = claim.text if len(claim.text) < 110 else claim.text[:107] + "..."
        grid.add_row("claim", f"[bold]{who}[/bold] ({claim.stance}): {text}")
    if len(article.claims) > 6:
        grid.add_row("", f"[dim]... {len(article.claims) - 6} more claim(s)[/dim]")
    return Panel(grid, title=f"[bold]{article.title or article.id}[/bold]", subtitle=article.id,
                 title_align="left", subtitle_align="right")


def run(args) -> int:
    import json
    from pathlib import Path

    from rich.console import Console

    from ..ingest import read_sources
    from ..pipeline import process_many
    from ..records import DocumentError

    import sys

    # Piped output (make demo in CI, a log file) gets a width that fits the incident table.
    console = Console() if sys.stdout.isatty() else Console(width=132)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    out_file = out_dir / "articles.jsonl"
    failed = 0
    with console.status("reading the sample corpus..."):
        results = list(process_many(read_sources(sample_paths())))
    with out_file.open("w", encoding="utf-8") as fh:
        for item in results:
            if isinstance(item, DocumentError):
                failed += 1
                console.print(item.describe(), markup=False, highlight=False, style="red")
                continue
            fh.write(json.dumps(item.to_gold(), ensure_ascii=False) + "\n")
            console.print(_article_panel(item))
    ok = len(results) - failed
    console.print(f"\n{ok} article(s) processed, {failed} failed. Records written to [bold]{out_file}[/bold]")
    db_path = out_dir / "sitrep.db"
    _build_demo_store(console, db_path, [a for a in results if not isinstance(a, DocumentError)])
    console.print("\nOpen the dashboard on the demo database:\n"
                  f"  [bold].venv/bin/sitrep serve --db {db_path}[/bold]   then browse http://127.0.0.1:8000/")
    return 1 if failed else 0


def _build_demo_store(console, db_path, articles) -> None:
    """Store the demo articles, link them into incidents and show the contested ones first."""
    from rich.table import Table

    from ..store import Store

    if db_path.exists():
        db_path.unlink()  # the demo always starts from its own sample corpus
    store = Store.open(str(db_path))
    store.add_articles(articles)
    store.relink()
    incidents = store.list_incidents(limit=None)
    incidents.sort(key=lambda i: (not i.get("contested"), -len(i.get("reports") or [])))
    table = Table(title=f"Incidents across articles ({len(incidents)}; contested first)", title_justify="left")
    for col in ("grade", "type", "place", "date", "reports", "origins", "contradictions"):
        table.add_column(col)
    for inc in incidents[:12]:
        place = (inc.get("place") or {}).get("name") or "?"
        contradictions = "; ".join(
            f"{c['slot']}: " + " vs ".join(sorted({str(v.get('value')) for v in c.get("values") or []}))
            for c in inc.get("contradictions") or [])
        table.add_row(inc.get("grade") or "", inc.get("type") or "", place, inc.get("date") or "",
                      str(len(inc.get("reports") or [])), str(inc.get("independent_origins") or ""),
                      contradictions)
    console.print(table)
    console.print(f"Demo database: [bold]{db_path}[/bold]")
