"""Find the stretches of an article that stand in double quotation marks.

Straight and curly marks are both common, sometimes mixed in one text (an
opening “ closed by a straight "), so marks are read as a sequence rather
than matched by one regular expression. A quote left open at the end of a
paragraph is closed there: in wire style a quote running over several
paragraphs reopens each one without closing the previous.
"""
from __future__ import annotations

from dataclasses import dataclass

OPENERS = {"“", "„", "«"}
CLOSERS = {"”", "»"}
EITHER = {'"', "＂"}
# Marks and spacing that may sit between a quote's last word and its closing mark.
TRAILING = " ,;:\u00a0"


@dataclass(frozen=True)
class Quote:
    start: int          # first character inside the marks
    end: int            # one past the last character inside the marks
    open_mark: int      # offset of the opening mark
    close_mark: int     # offset of the closing mark, or the paragraph end when left open

    def content(self, text: str) -> str:
        return text[self.start:self.end].strip().rstrip(TRAILING).strip()

    @property
    def outer_end(self) -> int:
        return self.close_mark + 1


def find_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None:
            # Left open at a paragraph end: close it there.
            if text[open_at + 1:i].strip():
                quotes.append(Quote(open_at + 1, i, open_at, i))
            open_at = None
        elif ch in OPENERS or (ch in EITHER and open_at is None):
            open_at = i
        elif (ch in CLOSERS or ch in EITHER) and open_at is not None:
            if text[open_at + 1:i].strip():
                quotes.append(Quote(open_at + 1, i, open_at, i))
            open_at = None
    if open_at is not None and text[open_at + 1:].strip():
        quotes.append(Quote(open_at + 1, len(text), open_at, len(text)))
    return quotes


def quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote that contains the character range, if any."""
    for q in quotes:
        if q.open_mark <= start and end <= q.outer_end:
            return q
    return None
