"""sitrep.store: one schema for SQLite and PostgreSQL, idempotent ingest, search.

Read/write contract (stable; extended, never renamed)::

    from sitrep.store import Store
    store = Store.open(url_or_path)   # "x.db" / "sqlite:///x.db" / "postgresql://..." / ":memory:";
                                      # creates or migrates the schema
    store.add_articles(articles: Iterable[Article]) -> IngestStats   # idempotent upsert, one transaction
    store.relink() -> None            # recompute incidents, figures, contradictions, near-duplicates
    store.list_articles(limit=50, offset=0, outlet=None, q=None) -> list[dict]
    store.get_article(article_id) -> dict | None
        # all article columns (text, raw, title, outlet, published, boilerplate, cited_sources,
        # provenance, outlet_record, ...), "spans", "events" (gold dicts with spans and
        # "incident_id"), "claims" (gold dicts with spans), "incident_ids", "near_duplicates"
    store.list_events(type=None, place=None, since=None, until=None, limit=100, offset=0) -> list[dict]
    store.list_claims(article_id=None, speaker=None, limit=100, offset=0) -> list[dict]
    store.list_incidents(type=None, place=None, since=None, until=None, outlet=None, actor=None,
                         contested=None, q=None, limit=50, offset=0) -> list[dict]
    store.count_incidents(same filters) -> int
    store.get_incident(incident_id) -> dict | None
    store.list_outlets() -> list[dict]  # name, articles, reports, contradicted, country,
                                        # state_affiliation, reliability
    store.stats() -> dict               # counts, grades, timeline [{date, type, events, incidents, killed}]
    store.search_articles(q, limit=20) -> list[dict]   # best first, with "snippet" and "rank"

Incident dicts (``sitrep incidents --json``, the API)::

    {"id", "type", "acled_sub_event_type", "date", "date_end",
     "place": {"name", "admin1", "country", "lat", "lon"},
     "actors": [...],
     "figures": {slot: {"best", "low", "high", ["revised_upward": true,]
                        "values": [{"value", "qualifier", "low", "high", "text", "source",
                                    "outlet", "article_id", "event_index"}]}},
     "reports": [{"article_id", "event_index", "salience", "outlet", "source", "origin"}],
     "contradictions": [{"slot", "values": [{"value", "qualifier", "source", "outlet",
                                              "article_id"}], "within_article", "description"}],
     "independent_origins", "grade",       # "contested" | "corroborated" | "single source"
     "contested", "outlets", "summary"}

Dates are ISO strings; ``since``/``until`` compare as ISO strings. Incident ids
are derived from their earliest member report, so they survive a relink
when the incident keeps that report.
"""
from .core import Store
from .writer import IngestStats, article_hash, content_hash

__all__ = ["Store", "IngestStats", "article_hash", "content_hash"]
