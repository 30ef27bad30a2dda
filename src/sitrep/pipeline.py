"""The per-document function: raw document in, extracted article out.

``process`` is what every entry point runs (``sitrep extract``, ``sitrep
ingest``, the API, Dask tasks), so a document is treated the same way
everywhere.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from . import extract
from .analyze import nlp
from .clean import clean_document
from .records import Article, DocumentError, RawDocument
from .registry import components


def run_components(article: Article, doc) -> Article:
    for name in extract.PIPELINE:
        components.get(name)(article, doc)
    return article


def process(raw: RawDocument) -> Article:
    article = clean_document(raw)
    return run_components(article, nlp()(article.text))


def process_many(items: Iterable[RawDocument | DocumentError],
                 batch_size: int = 16) -> Iterator[Article | DocumentError]:
    """Clean and extract a stream of documents, parsing in batches.

    A document that fails at any stage comes out as a DocumentError with the
    reason; the stream goes on.
    """
    batch: list[Article] = []

    def flush() -> Iterator[Article | DocumentError]:
        texts = [a.text for a in batch]
        for article, doc in zip(batch, nlp().pipe(texts, batch_size=batch_size)):
            try:
                yield run_components(article, doc)
            except Exception as exc:  # one bad document must not end the batch
                yield DocumentError(article.id, article.uri or "", f"extraction failed: {type(exc).__name__}: {exc}")
        batch.clear()

    for item in items:
        if isinstance(item, DocumentError):
            yield item
            continue
        try:
            article = clean_document(item)
        except Exception as exc:
            yield DocumentError(item.id, item.uri, f"cleaning failed: {type(exc).__name__}: {exc}")
            continue
        batch.append(article)
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()
