"""Writing a section of docs/BENCHMARKS.md from a bench script, leaving the others' sections as they are."""
from __future__ import annotations

import re
from pathlib import Path

BENCHMARKS_MD = Path(__file__).resolve().parents[1] / "docs" / "BENCHMARKS.md"


def write_section(section: str, path: Path = BENCHMARKS_MD) -> None:
    """Replace the section with this one's "## " heading, or append it when absent."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    heading = section.splitlines()[0]
    pattern = re.compile("^" + re.escape(heading) + r"\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
