"""Interim: replaced by the provenance extractor."""
from ..registry import components


@components.register("provenance")
def extract_provenance(article, doc) -> None:
    return None
