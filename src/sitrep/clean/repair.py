"""Encoding repair: mojibake (``â€™``, ``ï¿½``), stray control characters,
odd spaces.  Curly quotes are kept: claim extraction reads both kinds."""
from __future__ import annotations

import re

# Zero-width and bidi marks are invisible in the page but split words for the parser.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e]")
ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def repair_text(text: str) -> tuple[str, list[str]]:
    """The repaired text and a note of what was repaired (empty when nothing)."""
    import ftfy

    notes: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=True, normalization="NFC")
    if fixed != text:
        notes.append("repaired encoding damage (ftfy)")
    fixed = INVISIBLE.sub("", fixed)
    fixed = ODD_SPACES.sub(" ", fixed)
    if "\ufffd" in fixed:
        notes.append(f"{fixed.count(chr(0xFFFD))} unrecoverable character(s) shown as \ufffd")
    return fixed, notes
