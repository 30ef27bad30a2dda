"""Shared by the framing tests: where PTC lies, and a fast pipeline with sentences."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PTC = SHARED / "corpus" / "ptc"


@pytest.fixture(scope="module")
def nlp():
    # A blank English pipeline with rule-based sentences: same tokenizer as
    # en_core_web_sm, fast enough for unit tests.
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline
