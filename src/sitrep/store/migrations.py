"""Versioned schema migrations.

``schema_migrations`` holds one row per applied step. A step is a function
of the connection; it runs once, inside the transaction that records it.
Add a step by appending to ``MIGRATIONS`` with the next version number;
never edit a step that has shipped.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from sqlalchemy import Connection, Engine, inspect, select, text

from . import schema, search


def _initial_schema(conn: Connection) -> None:
    schema.metadata.create_all(conn)
    search.create_index(conn)


def _add_column(conn: Connection, table: str, column: str, sql_type: str) -> None:
    # Databases created by this code at an earlier version already have the column (create_all
    # uses the current schema); older ones get it added.
    if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))


def _member_link_rule(conn: Connection) -> None:
    _add_column(conn, "incident_members", "link_rule", "VARCHAR(20)")


def _incident_place_precision(conn: Connection) -> None:
    _add_column(conn, "incidents", "precision", "VARCHAR(20)")


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema: articles, events, figures, claims, spans, places, actors, outlets, "
        "incidents, contradictions, ingest runs, full-text index", _initial_schema),
    (2, "incident_members.link_rule: why a report joined its incident", _member_link_rule),
    (3, "incidents.precision: how precise the incident's place is (point ... country)", _incident_place_precision),
]

LATEST_VERSION = MIGRATIONS[-1][0]


def applied_versions(conn: Connection) -> set[int]:
    if not inspect(conn).has_table("schema_migrations"):
        return set()
    return set(conn.execute(select(schema.schema_migrations.c.version)).scalars())


def migrate(engine: Engine) -> list[int]:
    """Apply the steps not yet applied; returns their versions."""
    done: list[int] = []
    with engine.begin() as conn:
        schema.schema_migrations.create(conn, checkfirst=True)
    for version, name, step in MIGRATIONS:
        with engine.begin() as conn:
            if version in applied_versions(conn):
                continue
            step(conn)
            conn.execute(schema.schema_migrations.insert().values(
                version=version, name=name,
                applied_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
            done.append(version)
    return done


def current_version(engine: Engine) -> int:
    with engine.connect() as conn:
        versions = applied_versions(conn)
    return max(versions) if versions else 0


__all__ = ["MIGRATIONS", "LATEST_VERSION", "migrate", "current_version"]
