"""Full-text search over articles: FTS5 on SQLite, a tsvector index on PostgreSQL.

On SQLite ``articles_fts`` is a plain FTS5 table (article id, title, text)
that the writer keeps in step with ``articles``; datasette picks it up. On
PostgreSQL an expression index over ``to_tsvector`` serves
``websearch_to_tsquery`` queries without an extra column.
"""
from __future__ import annotations

import re

from sqlalchemy import Connection, text

_PG_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"


def create_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
            "article_id UNINDEXED, title, text, tokenize='porter unicode61')"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin ({_PG_VECTOR})"))


def index_article(conn: Connection, article_id: str, title: str | None, body: str) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM articles_fts WHERE article_id = :id"), {"id": article_id})
        conn.execute(text("INSERT INTO articles_fts (article_id, title, text) VALUES (:id, :title, :text)"),
                     {"id": article_id, "title": title or "", "text": body})


def unindex_article(conn: Connection, article_id: str) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM articles_fts WHERE article_id = :id"), {"id": article_id})


def _fts5_query(q: str) -> str:
    # User text is never passed as FTS5 syntax: each word becomes a quoted term, all required.
    words = re.findall(r"\w+", q, flags=re.UNICODE)
    return " ".join(f'"{w}"' for w in words)


def matching_article_ids(conn: Connection, q: str, limit: int = 20, offset: int = 0) -> list[tuple[str, float]]:
    """Article ids matching ``q``, best first, with a rank (higher is better)."""
    if conn.dialect.name == "sqlite":
        query = _fts5_query(q)
        if not query:
            return []
        rows = conn.execute(text(
            "SELECT article_id, bm25(articles_fts) AS rank FROM articles_fts WHERE articles_fts MATCH :q "
            "ORDER BY rank LIMIT :limit OFFSET :offset"), {"q": query, "limit": limit, "offset": offset})
        return [(r[0], -float(r[1])) for r in rows]
    rows = conn.execute(text(
        f"SELECT id, ts_rank({_PG_VECTOR}, websearch_to_tsquery('english', :q)) AS rank FROM articles "
        f"WHERE {_PG_VECTOR} @@ websearch_to_tsquery('english', :q) ORDER BY rank DESC, id "
        "LIMIT :limit OFFSET :offset"), {"q": q, "limit": limit, "offset": offset})
    return [(r[0], float(r[1])) for r in rows]
