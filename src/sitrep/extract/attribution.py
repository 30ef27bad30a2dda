"""Interim: replaced by the attribution extractor."""
from ..registry import components


@components.register("attribution")
def extract_attribution(article, doc) -> None:
    return None
