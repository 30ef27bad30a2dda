"""Interim: replaced by the events extractor."""
from ..registry import components


@components.register("events")
def extract_events(article, doc) -> None:
    return None
