"""``sitrep ingest``: idempotent, resumable, re-extracts old versions, relinks.

The real pipeline is replaced by a small extractor built here, so these
tests check the ingest machinery, not extraction.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest

from sitrep.cli import main
from sitrep.records import Article, DocumentError, Event, Location
from sitrep.store import Store, ingest_run, writer


def fake_extract(docs):
    """One event per document: the type is the file's first word, the place its second."""
    for raw in docs:
        if raw.raw.startswith("BROKEN"):
            yield DocumentError(raw.id, raw.uri, "extraction failed: test document")
            continue
        kind, place = raw.raw.split()[:2]
        yield Article(id=raw.id, text=raw.raw, raw=raw.raw, uri=raw.uri, format=raw.format, outlet=raw.id,
                      published=dt.date(2017, 4, 5),
                      events=[Event(type=kind, salience="main", date=dt.date(2017, 4, 4),
                                    location=Location(place, admin1="Idlib", country="Syria"))])


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_run, "_pipeline_extract", fake_extract)
    src = tmp_path / "in"
    src.mkdir()
    for name, body in {"a": "chemical_attack Khan-Shaykhun reported by A",
                       "b": "chemical_attack Khan-Shaykhun reported by B",
                       "c": "shelling Saraqib reported by C",
                       "d": "BROKEN document"}.items():
        (src / f"{name}.txt").write_text(body, encoding="utf-8")
    return src, tmp_path / "s.db"


def test_ingest_stores_links_and_reports_errors(corpus, capsys):
    src, db = corpus
    assert main(["ingest", str(src), "--db", str(db), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "error: d (" in err and "d.txt): extraction failed: test document" in err
    assert "3 stored" in err and "1 errors" in err
    store = Store.open(db)
    assert store.count_articles() == 3
    sizes = sorted(len(i["reports"]) for i in store.list_incidents())
    assert sizes == [1, 2]   # A and B report one attack in Khan Shaykhun; C shelling elsewhere
    assert main(["incidents", "--db", str(db), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {i["id"] for i in listed} == {i["id"] for i in store.list_incidents()}


def test_second_run_skips_everything(corpus, capsys, monkeypatch):
    src, db = corpus
    main(["ingest", str(src), "--db", str(db), "--quiet"])
    capsys.readouterr()
    calls = []
    monkeypatch.setattr(ingest_run, "_pipeline_extract", lambda docs: calls.extend(docs) or iter(()))
    main(["ingest", str(src), "--db", str(db), "--quiet"])
    assert [d.id for d in calls] == ["d"]     # only the failed document is tried again
    assert "3 unchanged" in capsys.readouterr().err


def test_killed_run_resumes(corpus, monkeypatch):
    src, db = corpus

    def dies_after_first(docs):
        for n, art in enumerate(fake_extract(docs)):
            if n == 1:
                raise KeyboardInterrupt
            yield art

    monkeypatch.setattr(ingest_run, "_pipeline_extract", dies_after_first)
    store = Store.open(db)
    with pytest.raises(KeyboardInterrupt):
        ingest_run.IngestRun(store, batch_size=1, show_progress=False).run([str(src)])
    assert store.count_articles() == 1           # the committed batch survived
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT status FROM ingest_runs").scalar() == "interrupted"
    monkeypatch.setattr(ingest_run, "_pipeline_extract", fake_extract)
    job = ingest_run.IngestRun(store, batch_size=1, show_progress=False, on_error=lambda e: None)
    job.run([str(src)])
    assert (job.stats.unchanged, job.stats.stored, store.count_articles()) == (1, 2, 3)


def test_older_pipeline_version_is_reextracted_from_stored_raw(corpus, monkeypatch, tmp_path):
    src, db = corpus
    monkeypatch.setattr(writer, "PIPELINE_VERSION", "2000.01.01")
    main(["ingest", str(src), "--db", str(db), "--quiet"])
    monkeypatch.setattr(writer, "PIPELINE_VERSION", __import__("sitrep").PIPELINE_VERSION)
    store = Store.open(db)
    assert len(store.outdated_article_ids()) == 3
    # No paths: the stored raw text is enough.
    assert main(["ingest", "--db", str(db), "--quiet"]) == 0
    assert store.outdated_article_ids() == []


def test_duplicate_document_is_stored_once(corpus, capsys):
    src, db = corpus
    (src / "a_copy.txt").write_text((src / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    main(["ingest", str(src), "--db", str(db), "--quiet"])
    assert Store.open(db).count_articles() == 3
    assert "1 duplicates" in capsys.readouterr().err


def test_workers_must_be_positive(corpus, capsys):
    src, db = corpus
    assert main(["ingest", str(src), "--db", str(db), "--workers", "0"]) == 2


def test_article_the_store_rejects_costs_one_document(corpus, monkeypatch):
    src, db = corpus
    real = writer.write_article

    def rejects_b(conn, article, run_id, places):
        if article.id == "b":
            raise ValueError("unstorable value")
        return real(conn, article, run_id, places)

    monkeypatch.setattr("sitrep.store.core.write_article", rejects_b)
    store = Store.open(db)
    errors = []
    job = ingest_run.IngestRun(store, show_progress=False, on_error=errors.append)
    assert job.run([str(src)]) == "done"
    assert sorted(e.id for e in errors) == ["b", "d"]
    assert "could not store: ValueError: unstorable value" in {e.reason for e in errors}
    assert store.count_articles() == 2


def test_report_puts_contradictions_first(tmp_path, capsys):
    from test_store_fixtures import seed_articles
    db = tmp_path / "r.db"
    store = Store.open(db)
    articles = seed_articles()
    articles[0].events[2].source = "TASS <script>"
    store.add_articles(articles)
    store.relink()
    assert main(["report", "--db", str(db)]) == 0
    md = capsys.readouterr().out
    assert md.index("## Contradictions") < md.index("corridors") < md.index("## Incidents")
    assert "Six: Russian Ministry of Defence" in md and "Eight: TASS" in md
    assert main(["report", "--db", str(db), "--format", "html", "--place", "aleppo"]) == 0
    html = capsys.readouterr().out
    assert "TASS &lt;script&gt;" in html and "<script>" not in html
    assert main(["incidents", "--db", str(db), "--contested"]) == 0
    assert "contradiction: corridors" in capsys.readouterr().out
