"""``sitrep demo``: run the pipeline on the bundled sample corpus and show what it found."""
from __future__ import annotations

HELP = "Run sitrep on the bundled sample articles (two seeds, eight FA-KES) and print a report."


def configure(parser) -> None:
    parser.add_argument("--out", default="demo-out", metavar="DIR",
                        help="write articles.jsonl here (default ./demo-out)")


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

    console = Console()
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
                console.print(f"[red]error[/red] {item.id}: {item.reason}", markup=True, highlight=False)
                continue
            fh.write(json.dumps(item.to_gold(), ensure_ascii=False) + "\n")
            console.print(_article_panel(item))
    ok = len(results) - failed
    console.print(f"\n{ok} article(s) processed, {failed} failed. Records written to [bold]{out_file}[/bold]")
    return 1 if failed else 0
