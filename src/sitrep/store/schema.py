"""The tables of the store, one SQLAlchemy Core schema for SQLite and PostgreSQL.

Plain tables with readable columns so that ``datasette sitrep.db`` is a
useful browser on its own: dates are ISO strings (``2016-10-25``), lists and
nested records are JSON, every span is a row of ``spans``. The most-used
values of a record (type, date, place, killed ...) are columns; the full
record as ``sitrep extract`` prints it is kept in ``record`` so nothing is
lost.
"""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Float, ForeignKey, Index, Integer, MetaData,
                        String, Table, Text, UniqueConstraint)

metadata = MetaData()

ISO_DATE = String(10)
ISO_TIME = String(32)

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("applied_at", ISO_TIME, nullable=False),
)

ingest_runs = Table(
    "ingest_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", ISO_TIME, nullable=False),
    Column("finished_at", ISO_TIME),
    Column("pipeline_version", String(40), nullable=False),
    Column("sources", JSON),
    Column("status", String(20), nullable=False, default="running"),  # running | done | failed
    Column("documents", Integer, default=0),
    Column("stored", Integer, default=0),
    Column("skipped", Integer, default=0),
    Column("errors", Integer, default=0),
)

outlets = Table(
    "outlets", metadata,
    Column("name", String(200), primary_key=True),
    Column("country", String(100)),
    Column("state_affiliation", String(200)),
    Column("reliability", String(100)),
    Column("domain", String(200)),
    Column("record", JSON),
)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False),
    Column("admin1", String(200), nullable=False, default=""),
    Column("country", String(200), nullable=False, default=""),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", String(20)),
    Column("geonames_id", Integer),
    UniqueConstraint("name", "admin1", "country", name="uq_places_name"),
)

actors = Table(
    "actors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False, unique=True),
)

articles = Table(
    "articles", metadata,
    Column("id", String(300), primary_key=True),
    Column("title", Text),
    Column("outlet", String(200), ForeignKey("outlets.name")),
    Column("published", ISO_DATE),
    Column("uri", Text),
    Column("format", String(40)),
    Column("language", String(20)),
    Column("content_hash", String(64), nullable=False),
    Column("pipeline_version", String(40), nullable=False),
    Column("ingest_run_id", Integer, ForeignKey("ingest_runs.id")),
    Column("stored_at", ISO_TIME, nullable=False),
    Column("n_events", Integer, default=0),
    Column("n_claims", Integer, default=0),
    Column("cited_sources", JSON),
    Column("provenance", JSON),
    Column("boilerplate", JSON),
    Column("related", JSON),
    Column("outlet_record", JSON),
    Column("framing", JSON),
    Column("warnings", JSON),
    Column("meta", JSON),
    Column("text", Text, nullable=False),
    Column("raw", Text),
)
Index("ix_articles_content_hash", articles.c.content_hash)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_published", articles.c.published)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(300), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("event_index", Integer, nullable=False),
    Column("type", String(40), nullable=False),
    Column("salience", String(20)),
    Column("date", ISO_DATE),
    Column("date_end", ISO_DATE),
    Column("date_precision", String(20)),
    Column("place_id", Integer, ForeignKey("places.id")),
    Column("place", String(300)),
    Column("admin1", String(200)),
    Column("country", String(200)),
    Column("lat", Float),
    Column("lon", Float),
    Column("actor1", String(300)),
    Column("actor2", String(300)),
    Column("killed", Integer),
    Column("killed_qualifier", String(20)),
    Column("injured", Integer),
    Column("injured_qualifier", String(20)),
    Column("source", String(300)),
    Column("acled_sub_event_type", String(100)),
    Column("evidence", Text),
    Column("quantities", JSON),
    Column("record", JSON),
    UniqueConstraint("article_id", "event_index", name="uq_events_article_index"),
)
Index("ix_events_type_date", events.c.type, events.c.date)
Index("ix_events_admin1", events.c.admin1)

# One row per count (killed, injured and every quantity), for consolidation and SQL browsing.
figures = Table(
    "figures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", String(300), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("slot", String(60), nullable=False),
    Column("value", Integer),
    Column("qualifier", String(20)),
    Column("low", Integer),
    Column("high", Integer),
    Column("grp", String(20)),
    Column("text", Text),
)
Index("ix_figures_event", figures.c.event_id)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(300), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("claim_index", Integer, nullable=False),
    Column("speaker", String(300)),
    Column("speaker_org", String(300)),
    Column("speaker_role", String(300)),
    Column("cue", String(100)),
    Column("direct", Boolean),
    Column("stance", String(20)),
    Column("text", Text),
    Column("event_ids", JSON),
    Column("record", JSON),
    UniqueConstraint("article_id", "claim_index", name="uq_claims_article_index"),
)
Index("ix_claims_speaker", claims.c.speaker)

# Every span of every extracted value: owner is article / event / claim, field names the value.
spans = Table(
    "spans", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(300), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("owner", String(20), nullable=False),
    Column("owner_index", Integer),
    Column("field", String(80), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text),
    Column("rule", String(300)),
)
Index("ix_spans_article", spans.c.article_id)

incidents = Table(
    "incidents", metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(40), nullable=False),
    Column("family", String(60)),
    Column("acled_sub_event_type", String(100)),
    Column("date", ISO_DATE),
    Column("date_end", ISO_DATE),
    Column("place", String(300)),
    Column("admin1", String(200)),
    Column("country", String(200)),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", String(20)),  # of the place: point, admin2, admin1, country
    Column("actors", JSON),
    Column("killed_best", Integer),
    Column("injured_best", Integer),
    Column("figures", JSON),
    Column("n_reports", Integer),
    Column("n_articles", Integer),
    Column("outlets", JSON),
    Column("independent_origins", Integer),
    Column("grade", String(20)),
    Column("contested", Boolean),
    Column("summary", Text),
)
Index("ix_incidents_date", incidents.c.date)
Index("ix_incidents_type", incidents.c.type)

incident_members = Table(
    "incident_members", metadata,
    Column("incident_id", String(40), ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(300), nullable=False),
    Column("event_index", Integer, nullable=False),
    Column("salience", String(20)),
    Column("outlet", String(200)),
    Column("source", String(300)),
    Column("origin", String(300)),
    Column("link_rule", String(20)),  # why the report joined: score, same_text, same_story, follow_up
)
Index("ix_incident_members_article", incident_members.c.article_id)

contradictions = Table(
    "contradictions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("incident_id", String(40), ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    Column("slot", String(60), nullable=False),  # a figure slot, or "perpetrator"
    Column("within_article", Boolean, default=False),
    Column("description", Text),
    Column("sides", JSON),  # [{value, qualifier, source, outlet, article_id, side}]
)
Index("ix_contradictions_incident", contradictions.c.incident_id)

near_duplicates = Table(
    "near_duplicates", metadata,
    Column("article_a", String(300), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("article_b", String(300), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("similarity", Float, nullable=False),
)

# Tables rebuilt by every relink, in the order they can be emptied.
LINK_TABLES = (contradictions, incident_members, near_duplicates, incidents)
