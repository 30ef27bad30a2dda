"""sitrep.scale: Article <-> Parquet rows, partition tasks, bulk load, and (slow) a LocalCluster run."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from sitrep.records import Article, Claim, DocumentError, Event, Figure, Location, RawDocument, Span
from sitrep.scale import rows
from sitrep.scale.deps import MissingScaleDependency, require


def make_article(article_id: str = "a1", place: str = "Saraqib") -> Article:
    text = f"Air strikes killed at least 12 civilians in {place} on Monday, the Observatory said."
    killed_at = text.index("at least 12")
    trigger = Span(0, 11, "Air strikes", "trigger:air_strike")
    event = Event(
        type="air_strike", salience="main", date=dt.date(2017, 4, 3), date_precision="day",
        location=Location(place, admin1="Idlib", country="Syria", lat=35.86, lon=36.8, precision="point",
                          geonames_id=163345, span=Span(text.index(place), text.index(place) + len(place),
                                                        place, "gazetteer")),
        actor1="Unknown aircraft", killed=Figure(12, "at_least", group="civilians", text="at least 12",
                                                 span=Span(killed_at, killed_at + 11, "at least 12", "figure")),
        injured=Figure(None, "exact"),
        quantities={"displaced": Figure(300, "about", low=250, high=350)},
        source="the Observatory", evidence=text, trigger=trigger,
        spans={"date": Span(text.index("Monday"), text.index("Monday") + 6, "Monday", "date:weekday")},
        acled_sub_event_type="Air/drone strike", article_id=article_id, index=0)
    claim = Claim(text=text, speaker="the Observatory", cue="said", stance="assert",
                  span=Span(0, len(text), text, "quote:indirect"), event_ids=[0], article_id=article_id)
    return Article(
        id=article_id, text=text, title="Strikes on " + place, outlet="Reuters", published=dt.date(2017, 4, 4),
        uri=f"file:///{article_id}.txt", format="txt", raw="RAW " + text, language="en",
        cited_sources=["Syrian Observatory for Human Rights"], boilerplate=["Share this"],
        related=[{"title": "Earlier"}], spans={"published": Span(-1, -1, "2017-04-04", "meta:published")},
        outlet_record={"name": "Reuters", "country": "GB"}, provenance=["wire:Reuters"],
        events=[event], claims=[claim], framing=[{"frame": "conflict"}], warnings=["test"],
        meta={"content_hash": f"hash-{article_id}",
              "source_meta": {"outlet": "reuters", "fetched": dt.date(2020, 1, 2)}})


def test_article_round_trips_through_rows():
    article = make_article()
    back = rows.article_from_row(json.loads(json.dumps(rows.article_row(article, partition=3))))
    assert back.to_gold() == article.to_gold()
    assert (back.raw, back.format) == (article.raw, article.format)
    assert back.meta["source_meta"]["fetched"] == "2020-01-02"  # dates in meta become ISO strings
    ev = back.events[0]
    assert isinstance(ev.date, dt.date) and isinstance(ev.killed.span, Span)
    assert ev.article_id == "a1" and back.claims[0].article_id == "a1"
    assert ev.quantities["displaced"].low == 250


def test_article_round_trips_through_parquet(tmp_path):
    pytest.importorskip("pyarrow")
    from sitrep.scale import parquet

    articles = [make_article("a1"), make_article("a2", "Ariha")]
    parquet.write_table(tmp_path, "articles", 0, [rows.article_row(a, 0) for a in articles])
    parquet.write_table(tmp_path, "events", 0, [r for a in articles for r in rows.event_rows(a)])
    back = [rows.article_from_row(r) for r in parquet.iter_rows(tmp_path, "articles")]
    assert [a.to_gold() for a in back] == [a.to_gold() for a in articles]
    events = list(parquet.iter_rows(tmp_path, "events"))
    assert [(e["article_id"], e["place"], e["killed"], e["killed_qualifier"]) for e in events] == [
        ("a1", "Saraqib", 12, "at_least"), ("a2", "Ariha", 12, "at_least")]
    assert json.loads(events[0]["record"])["location"]["geonames_id"] == 163345


def test_gold_without_text_needs_the_text():
    gold = make_article().to_gold(include_text=False)
    with pytest.raises(ValueError, match="a1"):
        rows.article_from_gold(gold)
    assert rows.article_from_gold(gold, text="body").text == "body"


def test_missing_package_names_the_extra():
    with pytest.raises(MissingScaleDependency, match=r"sitrep\[scale\]"):
        require("sitrep_test_no_such_package")


def test_partitions_cut_the_stream():
    from sitrep.scale.runner import partitions
    assert [len(p) for p in partitions(range(7), 3)] == [3, 3, 1]
    with pytest.raises(ValueError):
        list(partitions([], 0))


def fake_process_many(items, batch_size=16):
    for item in items:
        if isinstance(item, DocumentError):
            yield item
        elif item.raw.startswith("BROKEN"):
            yield DocumentError(item.id, item.uri, "extraction failed: test document")
        else:
            article = make_article(item.id, item.raw.split()[0])
            article.raw = item.raw
            yield article


def test_partition_task_keeps_errors_and_source_meta(tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    import sitrep.pipeline
    from sitrep.scale import parquet
    from sitrep.scale.tasks import extract_partition

    monkeypatch.setattr(sitrep.pipeline, "process_many", fake_process_many)
    items = [RawDocument("d1", "d1.txt", "Saraqib text", "txt", meta={"outlet": "x"}),
             RawDocument("d2", "d2.txt", "BROKEN", "txt"),
             DocumentError("d3", "d3.bin", "binary data, not text")]
    result = extract_partition(items, str(tmp_path), 7)
    assert (result.articles, result.events, result.errors) == (1, 1, 2)
    assert (tmp_path / "articles" / "part-00007.parquet").exists()
    errors = sorted((r["id"], r["reason"]) for r in parquet.iter_rows(tmp_path, "errors"))
    assert errors == [("d2", "extraction failed: test document"), ("d3", "binary data, not text")]
    stored = rows.article_from_row(next(parquet.iter_rows(tmp_path, "articles")))
    assert stored.meta["source_meta"] == {"outlet": "x"}
    assert len(stored.meta["content_hash"]) == 64


def test_a_failed_partition_costs_its_documents_only(tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    distributed = pytest.importorskip("distributed")
    import sitrep.pipeline
    from sitrep.scale import parquet, runner
    from sitrep.scale.tasks import extract_partition

    monkeypatch.setattr(sitrep.pipeline, "process_many", fake_process_many)

    def flaky(items, out_dir, partition, batch_size=16):
        if partition == 1:
            raise OSError("disk full")
        return extract_partition(items, out_dir, partition, batch_size)

    monkeypatch.setattr(runner, "extract_partition", flaky)
    docs = [RawDocument(f"d{i}", f"d{i}.txt", f"Place{i} text", "txt") for i in range(5)]
    # In-process workers (threads): the monkeypatched functions need no pickling.
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=":0") as client:
        summary = runner.run_extraction(docs, tmp_path, client, partition_size=2, max_in_flight=1)
    assert (summary.partitions, summary.failed_partitions, summary.articles, summary.errors) == (3, 1, 3, 2)
    errors = list(parquet.iter_rows(tmp_path, "errors"))
    assert [(e["id"], e["partition"]) for e in errors] == [("d2", 1), ("d3", 1)]
    assert "disk full" in errors[0]["reason"]
    assert sorted(r["id"] for r in parquet.iter_rows(tmp_path, "articles")) == ["d0", "d1", "d4"]
    assert json.loads((tmp_path / "summary.json").read_text())["failed_partitions"] == 1


def test_bulk_load_is_idempotent(tmp_path):
    pytest.importorskip("pyarrow")
    from sitrep.scale import parquet
    from sitrep.scale.load import load_parquet
    from sitrep.store import Store

    articles = [make_article("a1"), make_article("a2", "Ariha"), make_article("a3", "Taftanaz")]
    for n, part in enumerate((articles[:2], articles[2:])):
        parquet.write_table(tmp_path / "out", "articles", n, [rows.article_row(a, n) for a in part])
    db = tmp_path / "s.db"
    first = load_parquet(tmp_path / "out", db, batch_size=2)
    assert (first.rows, first.stats.stored, first.stats.errors) == (3, 3, 0)
    assert first.incidents is not None and first.incidents >= 1
    again = load_parquet(tmp_path / "out", db, batch_size=2)
    assert (again.stats.stored, again.stats.unchanged) == (0, 3)
    with Store.open(db) as store:
        assert store.count_articles() == 3
        assert store.get_article("a2")["events"][0]["location"]["name"] == "Ariha"


def test_cli_needs_paths_or_db(tmp_path, capsys):
    from sitrep.cli import main
    assert main(["scale", "--out", str(tmp_path)]) == 2
    assert "--db" in capsys.readouterr().err


TEXTS = {
    "idlib.txt": "Air strikes hit Idlib\n\nBEIRUT, April 4, 2017 (Reuters) - Air strikes killed at least 12 "
                 "civilians in the town of Saraqib in Idlib province on Tuesday, the Syrian Observatory for "
                 "Human Rights said.\n",
    "aleppo.txt": "Shelling in Aleppo\n\nALEPPO, March 2, 2016 (AFP) - Rebel shelling killed five people and "
                  "wounded 20 in government-held western Aleppo on Wednesday, state media reported.\n",
    "douma.txt": "Clashes near Douma\n\nDAMASCUS, May 10, 2018 (SANA) - Army units clashed with terrorists "
                 "near Douma, killing dozens of them, a military source said.\n",
    "empty.txt": "",
}


@pytest.mark.slow
def test_local_cluster_end_to_end_is_idempotent(tmp_path):
    pytest.importorskip("dask")
    pytest.importorskip("distributed")
    pytest.importorskip("pyarrow")
    from sitrep.cli import main
    from sitrep.scale import parquet

    src = tmp_path / "in"
    src.mkdir()
    for name, body in TEXTS.items():
        (src / name).write_text(body, encoding="utf-8")
    out, db = tmp_path / "out", tmp_path / "s.db"
    argv = ["scale", str(src), "--out", str(out), "--db", str(db), "--workers", "2",
            "--partition-size", "2", "--quiet"]
    main(argv)  # the empty file is an error, reported, not fatal
    summary = json.loads((out / "summary.json").read_text())
    assert summary["articles"] == 3 and summary["partitions"] == 2 and summary["workers"] == 2
    errors = list(parquet.iter_rows(out, "errors"))
    assert [e["id"] for e in errors] == ["empty"]
    n_events = parquet.count_rows(out, "events")
    assert n_events >= 3

    def counts():
        with sqlite3.connect(db) as conn:
            return tuple(conn.execute(f"select count(*) from {t}").fetchone()[0]
                         for t in ("articles", "events", "claims", "incidents"))

    first = counts()
    assert first[:2] == (3, n_events)
    main(argv)
    assert counts() == first
