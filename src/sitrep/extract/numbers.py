"""Numbers as news writes them: "22", "1,300", "1.5 million", "twenty-one",
"a hundred", "dozens", "hundreds of thousands".

``NUMBER`` is a regular expression for one such number; ``parse_number``
turns its text into a value, or a vague low bound ("dozens" -> low 24,
about) as the annotation guide asks. The words live in
``data/number_words.json``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def number_words() -> dict:
    return json.loads(resources.files("sitrep.data").joinpath("number_words.json").read_text("utf-8"))


@dataclass(frozen=True)
class Number:
    """A parsed number: an exact value, or a vague quantity given by its low bound."""

    value: int | None
    low: int | None = None
    qualifier: str = "exact"


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def number_pattern() -> str:
    words = number_words()
    # "a"/"an"/"no" count only as "a hundred", "a dozen": bare "a" is an article.
    units = [w for w in words["units"] if w not in ("a", "an", "no", "single", "couple")]
    word = _alternation(units + list(words["tens"]))
    scale = _alternation(words["scales"])
    vague = _alternation(words["vague"])
    digits = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
    spelled = (rf"(?:(?:{word})(?:[\s-]+(?:and[\s-]+)?(?:{word}|{scale}))*"
               rf"|an?\s+(?:{scale}|dozen))")
    return (rf"(?<![\w.,/-])(?:(?:{vague})(?![\w-])"
            rf"|(?:{digits})(?:\s*(?:{scale}))?(?![\w])"
            rf"|(?:{spelled})(?![\w-]))")


@lru_cache(maxsize=1)
def number_regex() -> re.Pattern:
    return re.compile(number_pattern(), re.IGNORECASE)


def parse_number(text: str) -> Number | None:
    """The value of one number phrase; None when the text is not a number."""
    words = number_words()
    t = " ".join(text.lower().replace("-", " ").split())
    if t in words["vague"]:
        v = words["vague"][t]
        return Number(None, v["low"], v["qualifier"])
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([a-z]+)?", t)
    if m:
        base = float(m.group(1).replace(",", ""))
        scale = words["scales"].get(m.group(2) or "", 1) if m.group(2) else 1
        if m.group(2) and m.group(2) not in words["scales"]:
            return None
        return Number(int(round(base * scale)))
    total, current, seen = 0, 0, False
    for token in t.split():
        if token == "and":
            continue
        if token in ("a", "an"):
            current = max(current, 1)
            continue
        if token in words["units"]:
            current += words["units"][token]
        elif token in words["tens"]:
            current += words["tens"][token]
        elif token in words["scales"]:
            scale = words["scales"][token]
            if scale >= 1000:
                total += max(current, 1) * scale
                current = 0
            else:
                current = max(current, 1) * scale
        else:
            return None
        seen = True
    return Number(total + current) if seen else None
