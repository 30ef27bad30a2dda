"""``Store``: the one object every entry point (ingest, API, web, export) talks to."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import Engine, func, select

from .. import PIPELINE_VERSION
from ..records import Article
from . import migrations, queries, schema
from .engine import make_engine
from .writer import IngestStats, now_iso, write_article


class Store:
    """A sitrep database (SQLite file or PostgreSQL), schema created and migrated on open."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url_or_path: str | Path) -> "Store":
        store = cls(make_engine(url_or_path))
        migrations.migrate(store.engine)
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- writing -------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article], run_id: int | None = None) -> IngestStats:
        """Idempotent upsert of extracted articles, all in one transaction."""
        stats = IngestStats()
        places: dict = {}
        with self.engine.begin() as conn:
            for article in articles:
                outcome = write_article(conn, article, run_id, places)
                if outcome == "duplicate":
                    stats.duplicates += 1
                else:
                    setattr(stats, outcome, getattr(stats, outcome) + 1)
                    stats.article_ids.append(article.id)
        return stats

    def stored_versions(self, article_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """{article id: (content hash, pipeline version)} for the ids already stored."""
        t = schema.articles
        ids = list(article_ids)
        out: dict[str, tuple[str, str]] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                for r in conn.execute(select(t.c.id, t.c.content_hash, t.c.pipeline_version)
                                      .where(t.c.id.in_(ids[i:i + 500]))):
                    out[r.id] = (r.content_hash, r.pipeline_version)
        return out

    def has_content(self, digest: str) -> bool:
        """Whether a document with this content hash is stored at the current pipeline version."""
        t = schema.articles
        with self.engine.connect() as conn:
            return conn.execute(select(t.c.id).where(t.c.content_hash == digest,
                                                     t.c.pipeline_version == PIPELINE_VERSION).limit(1)).first() is not None

    def outdated_article_ids(self) -> list[str]:
        t = schema.articles
        with self.engine.connect() as conn:
            return list(conn.execute(select(t.c.id).where(t.c.pipeline_version != PIPELINE_VERSION)).scalars())

    def start_run(self, sources: list[str]) -> int:
        with self.engine.begin() as conn:
            return conn.execute(schema.ingest_runs.insert().values(
                started_at=now_iso(), pipeline_version=PIPELINE_VERSION, sources=sources,
                status="running")).inserted_primary_key[0]

    def finish_run(self, run_id: int, status: str, documents: int, stats: IngestStats) -> None:
        with self.engine.begin() as conn:
            conn.execute(schema.ingest_runs.update().where(schema.ingest_runs.c.id == run_id).values(
                finished_at=now_iso(), status=status, documents=documents,
                stored=stats.stored + stats.updated, skipped=stats.unchanged + stats.duplicates,
                errors=stats.errors))

    def relink(self, **link_options) -> None:
        """Recompute incidents, consolidated figures, contradictions and near-duplicates.

        ``link_options`` go to ``sitrep.link.link_reports`` (``threshold=``)."""
        from ..link import link_reports
        from .incident_rows import write_incidents
        from .reports import load_reports
        with self.engine.connect() as conn:
            reports = list(load_reports(conn))
        result = link_reports(reports, article_texts=self._texts_of, **link_options)
        with self.engine.begin() as conn:
            write_incidents(conn, result.incidents, result.near_duplicates)

    def _texts_of(self, article_ids: set[str]) -> dict[str, str]:
        t, ids, out = schema.articles, sorted(article_ids), {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                out.update(conn.execute(select(t.c.id, t.c.text).where(t.c.id.in_(ids[i:i + 500]))).all())
        return out

    # -- reading -------------------------------------------------------------

    def list_articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None,
                      q: str | None = None) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.list_articles(conn, limit, offset, outlet, q)

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return queries.get_article(conn, article_id)

    def list_events(self, type: str | None = None, place: str | None = None, since: str | None = None,
                    until: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.list_events(conn, type, place, since, until, limit, offset)

    def list_claims(self, article_id: str | None = None, speaker: str | None = None,
                    limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.list_claims(conn, article_id, speaker, limit, offset)

    def list_incidents(self, type: str | None = None, place: str | None = None, since: str | None = None,
                       until: str | None = None, outlet: str | None = None, actor: str | None = None,
                       contested: bool | None = None, q: str | None = None,
                       limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.list_incidents(conn, queries.IncidentFilter(
                type, place, since, until, outlet, actor, contested, q), limit, offset)

    def count_incidents(self, type: str | None = None, place: str | None = None, since: str | None = None,
                        until: str | None = None, outlet: str | None = None, actor: str | None = None,
                        contested: bool | None = None, q: str | None = None) -> int:
        with self.engine.connect() as conn:
            return queries.count_incidents(conn, queries.IncidentFilter(
                type, place, since, until, outlet, actor, contested, q))

    def get_incident(self, incident_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return queries.get_incident(conn, incident_id)

    def list_outlets(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.list_outlets(conn)

    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return queries.stats(conn)

    def search_articles(self, q: str, limit: int = 20) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.search_articles(conn, q, limit)

    def schema_version(self) -> int:
        return migrations.current_version(self.engine)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.articles)).scalar() or 0
