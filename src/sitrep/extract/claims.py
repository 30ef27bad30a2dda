"""Interim: replaced by the claims extractor."""
from ..registry import components


@components.register("claims")
def extract_claims(article, doc) -> None:
    return None
