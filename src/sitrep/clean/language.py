"""Language of an article, so non-English text is flagged instead of mis-read."""
from __future__ import annotations


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and py3langid's normalised probability; (None, 0) for too little text."""
    # The opening 2,000 characters decide it as well as the whole text, at a fraction of the cost.
    sample = text[:2000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None, 0.0
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    global _IDENTIFIER
    if _IDENTIFIER is None:
        _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    lang, prob = _IDENTIFIER.classify(sample)
    return lang, float(prob)


_IDENTIFIER = None
