"""Load the regex pattern files in ``sitrep/data`` (one JSON object a line).

A line ``{"macros": {...}}`` defines ``{NAME}`` placeholders used by the
patterns after it; lines starting with ``_comment`` describe the file.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

FLAG_LETTERS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}


@dataclass(frozen=True)
class Pattern:
    id: str
    regex: re.Pattern
    kind: str = ""
    spec: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # A cheap regex that must occur somewhere in the text for the pattern to be tried:
    # patterns that scan hundreds of characters at every position are skipped on
    # texts that cannot hold a match.
    requires: re.Pattern | None = None

    def finditer(self, text: str):
        if self.requires is not None and not self.requires.search(text):
            return iter(())
        return self.regex.finditer(text)


def expand_macros(pattern: str, macros: dict[str, str]) -> str:
    # Macros may use other macros; two passes cover the files we have.
    for _ in range(2):
        for name, value in macros.items():
            pattern = pattern.replace("{" + name + "}", value)
    return pattern


def load_patterns(filename: str, extra_macros: dict[str, str] | None = None) -> list[Pattern]:
    text = resources.files("sitrep.data").joinpath(filename).read_text(encoding="utf-8")
    macros: dict[str, str] = dict(extra_macros or {})
    out: list[Pattern] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        spec = json.loads(line)
        if "_comment" in spec:
            continue
        if "macros" in spec:
            macros.update(spec["macros"])
            continue
        flags = 0
        for letter in spec.get("flags", ""):
            flags |= FLAG_LETTERS[letter]
        try:
            regex = re.compile(expand_macros(spec["pattern"], macros), flags)
        except re.error as exc:
            raise ValueError(f"{filename}:{n} ({spec.get('id')}): bad pattern: {exc}") from None
        requires = re.compile(expand_macros(spec["requires"], macros), flags) if spec.get("requires") else None
        out.append(Pattern(id=spec["id"], regex=regex, kind=spec.get("kind", ""), spec=spec, requires=requires))
    return out


@lru_cache(maxsize=None)
def cached_patterns(filename: str) -> tuple[Pattern, ...]:
    return tuple(load_patterns(filename))
