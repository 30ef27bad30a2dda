"""The store on SQLite always, and on PostgreSQL when SITREP_TEST_PG_URL is set."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import text
from test_store_fixtures import seed_articles

from sitrep.store import Store, migrations, writer
from sitrep.store.engine import make_engine

PG_URL = os.environ.get("SITREP_TEST_PG_URL")


def _pg_store():
    # Each test gets its own PostgreSQL schema, dropped afterwards, so tests never see each other's rows.
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    store = Store.open(f"{PG_URL}{sep}options=-csearch_path%3D{schema}")

    def cleanup():
        store.close()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
    return store, cleanup


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = Store.open(tmp_path / "sitrep.db")
        yield s
        s.close()
        return
    if not PG_URL:
        pytest.skip("SITREP_TEST_PG_URL is not set")
    s, cleanup = _pg_store()
    yield s
    cleanup()


@pytest.fixture
def seeded(store):
    store.add_articles(seed_articles())
    store.relink()
    return store


def test_open_creates_and_migrates_schema_once(store):
    assert store.schema_version() == migrations.LATEST_VERSION
    assert migrations.migrate(store.engine) == []


def test_add_articles_is_idempotent(store):
    first = store.add_articles(seed_articles())
    again = store.add_articles(seed_articles())
    assert (first.stored, again.stored, again.unchanged) == (2, 0, 2)
    assert store.stats()["events"] == 5


def test_changed_content_replaces_rows(store):
    store.add_articles(seed_articles())
    changed = seed_articles()[0]
    changed.raw = changed.text = changed.text + " Update."
    changed.events = changed.events[:1]
    stats = store.add_articles([changed])
    assert stats.updated == 1
    assert len(store.get_article("seed-a")["events"]) == 1
    assert store.stats()["events"] == 3


def test_same_content_under_another_id_is_stored_once(store):
    store.add_articles(seed_articles())
    twin = seed_articles()[1]
    twin.id = "seed-b-copy"
    assert store.add_articles([twin]).duplicates == 1
    assert store.get_article("seed-b-copy") is None


def test_older_pipeline_version_is_replaced(store, monkeypatch):
    monkeypatch.setattr(writer, "PIPELINE_VERSION", "old")
    store.add_articles(seed_articles())
    monkeypatch.undo()
    assert sorted(store.outdated_article_ids()) == ["seed-a", "seed-b"]
    assert store.add_articles(seed_articles()).updated == 2
    assert store.outdated_article_ids() == []


def test_get_article_keeps_records_and_spans(seeded):
    art = seeded.get_article("seed-a")
    assert art["outlet"] == "OffGuardian" and art["cited_sources"] == ["TASS", "Reuters"]
    assert art["outlet_record"]["reliability"] == "unreliable"
    assert art["spans"]["title"]["rule"] == "title:first-line"
    corridors = art["events"][1]["quantities"]["corridors"]
    assert corridors["value"] == 6 and corridors["span"]["text"] == "Six"
    assert art["claims"][0]["speaker_org"] == "Russian Ministry of Defence"
    assert art["claims"][0]["span"]["rule"] == "claim:said"
    assert all(e["incident_id"] for e in art["events"]) and art["incident_ids"]
    assert seeded.get_article("nope") is None


def test_list_and_search_articles(seeded):
    assert [a["id"] for a in seeded.list_articles(outlet="Al Alam")] == ["seed-b"]
    assert [a["id"] for a in seeded.search_articles("corridors")] == ["seed-a"]
    assert [a["id"] for a in seeded.list_articles(q="Mosul")] == ["seed-b"]
    assert seeded.search_articles('"; DROP TABLE') == []


def test_events_and_claims(seeded):
    assert {e["article_id"] for e in seeded.list_events(type="ceasefire")} == {"seed-a", "seed-b"}
    assert [e["place"] for e in seeded.list_events(place="nineveh")] == ["Mosul"]
    assert sorted(e["type"] for e in seeded.list_events(since="2016-10-24", until="2016-10-24")) == \
        ["air_strike", "ceasefire"]
    assert [c["speaker_org"] for c in seeded.list_claims(speaker="ministry")] == ["Russian Ministry of Defence"]


def test_seed_incidents_and_contradiction(seeded):
    pause = seeded.list_incidents(type="ceasefire")
    assert len(pause) == 1
    assert {r["article_id"] for r in pause[0]["reports"]} == {"seed-a", "seed-b"}
    (contested,) = seeded.list_incidents(contested=True)
    (c,) = contested["contradictions"]
    assert c["slot"] == "corridors" and c["within_article"]
    assert {(v["value"], v["source"]) for v in c["values"]} == {(6, "Russian Ministry of Defence"), (8, "TASS")}
    assert contested["grade"] == "contested"
    assert contested["figures"]["corridors"]["low"] == 6 and contested["figures"]["corridors"]["high"] == 8


def test_incident_json_shape_and_filters(seeded):
    incidents = seeded.list_incidents()
    keys = {"id", "type", "acled_sub_event_type", "date", "date_end", "place", "actors", "figures", "reports",
            "contradictions", "independent_origins", "grade"}
    assert all(keys <= set(i) for i in incidents)
    assert seeded.count_incidents() == len(incidents) == 3
    assert seeded.count_incidents(place="mosul") == 1
    assert seeded.count_incidents(since="2016-10-26") == 0
    assert seeded.count_incidents(until="2016-10-20") == 1
    assert seeded.count_incidents(outlet="Al Alam") == 2
    assert seeded.count_incidents(actor="coalition") == 1
    assert seeded.count_incidents(q="corridors") >= 1
    killed = seeded.list_incidents(type="air_strike")[0]["figures"]["killed"]
    assert killed["values"][0]["article_id"] == "seed-b" and killed["best"] == 60
    one = incidents[0]
    assert seeded.get_incident(one["id"]) == one
    assert seeded.get_incident("inc-missing") is None
    assert len(seeded.list_incidents(limit=2)) == 2 and len(seeded.list_incidents(limit=2, offset=2)) == 1


def test_relink_is_repeatable(seeded):
    before = seeded.list_incidents()
    seeded.relink()
    assert seeded.list_incidents() == before


def test_outlets_and_stats(seeded):
    outlets = {o["name"]: o for o in seeded.list_outlets()}
    assert outlets["OffGuardian"]["articles"] == 1 and outlets["OffGuardian"]["reports"] == 3
    assert outlets["OffGuardian"]["contradicted"] == 1 and outlets["Al Alam"]["contradicted"] == 0
    stats = seeded.stats()
    assert (stats["articles"], stats["incidents"], stats["contradictions"]) == (2, 3, 1)
    assert {"date": "2016-10-22", "type": "air_strike", "events": 1, "incidents": 1, "killed": 60} in stats["timeline"]


def test_sqlite_file_uses_wal(tmp_path):
    store = Store.open(str(tmp_path / "w.db"))
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    store.close()
    assert Store.open(f"sqlite:///{tmp_path / 'w.db'}").count_articles() == 0


def test_outlet_labels_are_readable_columns(store):
    article = seed_articles()[1]
    article.outlet_record = {"name": "Al Alam", "country": "Iran", "reliability": ["bias", "state"],
                             "state_affiliation": "Iranian state (IRIB)"}
    store.add_articles([article])
    (outlet,) = store.list_outlets()
    assert outlet["reliability"] == "bias, state" and outlet["state_affiliation"] == "Iranian state (IRIB)"
    assert store.get_article("seed-b")["outlet_record"]["reliability"] == ["bias", "state"]


def test_copied_story_is_a_near_duplicate_and_one_origin(store):
    a, b = seed_articles()
    # Most of each article is one wire story, as when two outlets run the same agency copy.
    wire = ("Coalition air strikes killed over 60 civilians in the city of Mosul during three days of raids, "
            "the Russian General Staff said on Tuesday, adding that a school for girls was hit last Friday. "
            "The general said Russian and Syrian warplanes had stayed away from Aleppo for a week, while "
            "fighting on the ground resumed on Sunday after a three-day unilateral ceasefire collapsed and "
            "insurgents prevented civilians from leaving the eastern districts through the corridors. ")
    a.text = a.raw = wire + a.text
    b.text = b.raw = wire + b.text
    store.add_articles([a, b])
    store.relink()
    (dup,) = store.get_article("seed-a")["near_duplicates"]
    assert dup["article_id"] == "seed-b" and dup["similarity"] >= 0.6


@pytest.mark.slow
def test_the_two_seeds_give_one_air_pause_and_the_corridor_contradiction(tmp_path):
    """The issue's done-criterion on the seeds bundled in sitrep/samples, through the full pipeline."""
    from importlib import resources

    from sitrep.store.ingest_run import IngestRun
    samples = resources.files("sitrep") / "samples"
    seeds = sorted(str(p) for p in samples.iterdir() if p.name.endswith(".txt"))
    assert len(seeds) == 2
    store = Store.open(tmp_path / "seeds.db")
    IngestRun(store, show_progress=False, on_error=lambda e: None).run(seeds, reextract=False, relink=True)
    pauses = [i for i in store.list_incidents(type="ceasefire", limit=None)
              if len({r["article_id"] for r in i["reports"]}) == 2]
    assert len(pauses) == 1
    corridors = [c for i in store.list_incidents(contested=True, limit=None) for c in i["contradictions"]
                 if c["slot"] == "corridors"]
    assert len(corridors) == 1
    assert {(v["value"], v["source"]) for v in corridors[0]["values"]} == {
        (6, "Russian Ministry of Defence"), (8, "TASS")}
    store.close()
