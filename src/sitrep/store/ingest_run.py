"""One ingest run: read, skip what is stored, extract, commit in batches, relink.

Used by ``sitrep ingest`` and usable by the API. Per-document failures are
reported (``id: reason`` on stderr, as ``sitrep extract`` does) and counted;
they never end the run.
"""
from __future__ import annotations

import sys
from typing import Callable, Iterable, Iterator

from .. import PIPELINE_VERSION
from ..records import Article, DocumentError, RawDocument
from .core import Store
from .writer import IngestStats, content_hash

# Documents checked against the store per query.
LOOKUP_CHUNK = 64


def _process_one(raw: RawDocument) -> Article | DocumentError:
    from ..pipeline import process
    try:
        return process(raw)
    except Exception as exc:  # one bad document must not end the run
        return DocumentError(raw.id, raw.uri, f"extraction failed: {type(exc).__name__}: {exc}")


def _pipeline_extract(docs: Iterable[RawDocument]) -> Iterator[Article | DocumentError]:
    from ..pipeline import process_many
    return process_many(docs)


class IngestRun:
    def __init__(self, store: Store, workers: int = 1, batch_size: int = 32, show_progress: bool = True,
                 on_error: Callable[[DocumentError], None] | None = None,
                 extractor: Callable[[Iterable[RawDocument]], Iterator[Article | DocumentError]] | None = None
                 ) -> None:
        # ``extractor`` replaces the pipeline (tests, or a caller with its own); it forces one process.
        self.extractor = extractor
        self.store = store
        self.workers = workers
        self.batch_size = batch_size
        self.show_progress = show_progress and sys.stderr.isatty()
        self.on_error = on_error or (lambda e: print(e.describe(), file=sys.stderr))
        self.stats = IngestStats()
        self.documents = 0
        self.incidents: int | None = None
        self._progress = None

    # -- the stream ----------------------------------------------------------

    def _new_documents(self, items: Iterable[RawDocument | DocumentError]) -> Iterator[RawDocument]:
        """Documents not yet stored at this pipeline version; errors reported on the way."""
        chunk: list[RawDocument] = []

        def flush() -> Iterator[RawDocument]:
            stored = self.store.stored_versions(d.id for d in chunk)
            for doc in chunk:
                digest = doc.meta.get("content_hash") or content_hash(doc.raw)
                doc.meta["content_hash"] = digest
                if stored.get(doc.id) == (digest, PIPELINE_VERSION):
                    self.stats.unchanged += 1
                elif doc.id not in stored and self.store.has_content(digest):
                    self.stats.duplicates += 1
                else:
                    yield doc
                self._tick()
            chunk.clear()

        for item in items:
            self.documents += 1
            if isinstance(item, DocumentError):
                self._error(item)
                continue
            chunk.append(item)
            if len(chunk) >= LOOKUP_CHUNK:
                yield from flush()
        yield from flush()

    def _extracted(self, docs: Iterator[RawDocument]) -> Iterator[Article | DocumentError]:
        metas: dict[str, dict] = {}

        def remember(stream: Iterator[RawDocument]) -> Iterator[RawDocument]:
            for d in stream:
                metas[d.id] = dict(d.meta)
                yield d

        if self.extractor is not None:
            for item in self.extractor(remember(docs)):
                yield self._with_source_meta(item, metas)
        elif self.workers > 1:
            import multiprocessing
            with multiprocessing.get_context("fork").Pool(self.workers) as pool:
                for item in pool.imap(_process_one, remember(docs), chunksize=4):
                    yield self._with_source_meta(item, metas)
        else:
            for item in _pipeline_extract(remember(docs)):
                yield self._with_source_meta(item, metas)

    @staticmethod
    def _with_source_meta(item: Article | DocumentError, metas: dict[str, dict]) -> Article | DocumentError:
        meta = metas.pop(item.id, {})
        if isinstance(item, Article):
            # Kept so that re-extraction from the stored raw text sees what the reader saw.
            item.meta["content_hash"] = meta.get("content_hash")
            item.meta["source_meta"] = {k: v for k, v in meta.items() if k != "content_hash"}
        return item

    def _store(self, items: Iterator[Article | DocumentError], run_id: int) -> None:
        batch: list[Article] = []
        for item in items:
            if isinstance(item, DocumentError):
                self._error(item)
                continue
            batch.append(item)
            if len(batch) >= self.batch_size:
                self._commit(batch, run_id)
        self._commit(batch, run_id)

    def _commit(self, batch: list[Article], run_id: int) -> None:
        if not batch:
            return
        try:
            self.stats.merge(self.store.add_articles(batch, run_id=run_id))
        except Exception:
            # One article the store rejects must not cost its batch: store them one by one.
            for article in batch:
                try:
                    self.stats.merge(self.store.add_articles([article], run_id=run_id))
                except Exception as exc:
                    self._error(DocumentError(article.id, article.uri or "",
                                              f"could not store: {type(exc).__name__}: {exc}"))
        for _ in batch:
            self._tick()
        batch.clear()

    # -- the run ---------------------------------------------------------------

    def run(self, paths: list[str], options=None, reextract: bool = True, relink: bool = True) -> str:
        from ..ingest import read_sources
        run_id = self.store.start_run(list(paths))
        status = "failed"
        try:
            with self._progress_bar():
                if paths:
                    self._store(self._extracted(self._new_documents(read_sources(paths, options))), run_id)
                if reextract:
                    self._store(self._extracted(self._stored_outdated()), run_id)
                if relink:
                    self.store.relink()
                    self.incidents = self.store.count_incidents()
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            self.store.finish_run(run_id, status, self.documents, self.stats)
        return status

    def _stored_outdated(self) -> Iterator[RawDocument]:
        """Stored articles of an older pipeline version, rebuilt as raw documents from the stored raw."""
        for article_id in self.store.outdated_article_ids():
            row = self.store.get_article(article_id)
            if not row or row.get("raw") is None:
                continue
            meta = dict((row.get("meta") or {}).get("source_meta") or {})
            meta["content_hash"] = row["content_hash"]
            self.documents += 1
            yield RawDocument(id=article_id, uri=row.get("uri") or "", raw=row["raw"],
                              format=row.get("format") or "txt", meta=meta)

    def _error(self, err: DocumentError) -> None:
        self.stats.errors += 1
        self.on_error(err)
        self._tick()

    def _progress_bar(self):
        import contextlib
        if not self.show_progress:
            return contextlib.nullcontext()
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
        progress = Progress(SpinnerColumn(), TextColumn("ingest"), TextColumn("{task.description}"),
                            TimeElapsedColumn(), transient=True, console=Console(stderr=True))
        self._progress = (progress, progress.add_task("", total=None))
        return progress

    def _tick(self) -> None:
        if self._progress is not None:
            progress, task = self._progress
            s = self.stats
            progress.update(task, description=(
                f"{self.documents} read · {s.stored} new · {s.updated} updated · "
                f"{s.unchanged + s.duplicates} skipped · {s.errors} errors"))

    def summary(self) -> str:
        s = self.stats
        linked = f"; {self.incidents} incidents" if self.incidents is not None else ""
        return (f"ingest: {self.documents} documents: {s.stored} stored, {s.updated} updated, "
                f"{s.unchanged} unchanged, {s.duplicates} duplicates, {s.errors} errors{linked}")
