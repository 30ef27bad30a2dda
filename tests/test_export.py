"""Exports: JSONL, CSV, GeoJSON and ACLED-style CSV, through the API and the CLI."""
from __future__ import annotations

import csv
import io
import json

import pytest

from serve_fixtures import sample_articles, sample_store, store  # noqa: F401 (store: fixture)
from sitrep.export import export
from sitrep.export.acled import COLUMNS, geo_precision, sub_and_event_type, time_precision
from sitrep.registry import exporters


def run(store, fmt, what):
    out = io.StringIO()
    export(store, fmt, out, what=what)
    return out.getvalue()


def test_formats_are_registered():
    assert {"jsonl", "csv", "geojson", "acled"} <= set(exporters.names())


@pytest.mark.parametrize("what", ["incidents", "events"])
def test_geojson_is_a_feature_collection_of_every_record(store, what):
    data = json.loads(run(store, "geojson", what))
    assert data["type"] == "FeatureCollection"
    n = store.count_incidents() if what == "incidents" else len(store.list_events(limit=1000))
    assert len(data["features"]) == n > 0
    mosul = next(f for f in data["features"] if f["properties"]["type"] == "air_strike")
    assert mosul["geometry"] == {"type": "Point", "coordinates": [43.13, 36.34]}
    assert mosul["type"] == "Feature"


def test_geojson_keeps_incident_properties(store):
    data = json.loads(run(store, "geojson", "incidents"))
    contested = [f for f in data["features"] if f["properties"]["contested"]]
    assert len(contested) == 1
    assert contested[0]["properties"]["contradictions"][0]["slot"] == "corridors"


@pytest.mark.parametrize("what", ["incidents", "events"])
def test_acled_csv_has_acled_columns(store, what):
    rows = list(csv.DictReader(io.StringIO(run(store, "acled", what))))
    assert rows and list(rows[0]) == COLUMNS
    strike = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["country"] == "Iraq" and strike["admin1"] == "Nineveh" and strike["location"] == "Mosul"
    assert strike["event_id_cnty"].startswith("IRQ-")
    assert strike["fatalities"] == "60" and strike["year"] == "2016"
    assert strike["time_precision"] == "2"  # 22 to 25 October: within a week
    assert strike["actor1"] == "US-led coalition"
    assert "Example Wire" in strike["source"]
    # no toll reported -> 0, as ACLED writes it
    assert {r["fatalities"] for r in rows if r["sub_event_type"] == "Other"} == {"0"}


def test_acled_notes_flag_contested_incidents(store):
    rows = list(csv.DictReader(io.StringIO(run(store, "acled", "incidents"))))
    flagged = [r for r in rows if "[contested:" in r["notes"]]
    assert len(flagged) == store.count_incidents(contested=True) == 1


def test_csv_flattens_incidents_and_events(store):
    incidents = list(csv.DictReader(io.StringIO(run(store, "csv", "incidents"))))
    assert len(incidents) == store.count_incidents()
    strike = next(r for r in incidents if r["type"] == "air_strike")
    assert strike["killed_best"] == "60" and strike["country"] == "Iraq"
    assert json.loads(strike["figures"])["killed"]["best"] == 60
    events = list(csv.DictReader(io.StringIO(run(store, "csv", "events"))))
    assert sorted({r["article_id"] for r in events}) == sorted(a.id for a in sample_articles())
    assert "evidence" in events[0]


def test_jsonl_is_one_record_a_line(store):
    lines = run(store, "jsonl", "incidents").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [i["id"] for i in store.list_incidents(limit=None)]


def test_unknown_what_and_format_are_refused(store):
    with pytest.raises(ValueError):
        run(store, "csv", "claims")
    with pytest.raises(KeyError):
        run(store, "xlsx", "incidents")


def test_acled_conventions():
    assert time_precision("2016-10-25", None) == 1
    assert time_precision("2016-10-01", "2016-10-20") == 3
    assert time_precision("2016-10-01", None, "month") == 3
    assert time_precision(None, None) is None
    assert geo_precision("Syria", "Aleppo", "Syria") == 3
    assert geo_precision("Douma", "Rif Dimashq", "Syria") == 1
    assert geo_precision("Aleppo", "Aleppo", "Syria", "admin1") == 3
    assert sub_and_event_type(None, "arrest") == ("Arrests", "Strategic developments")
    assert sub_and_event_type("Armed clash", "other") == ("Armed clash", "Battles")


def test_cli_export_writes_a_file(tmp_path):
    from sitrep.cli import main

    db = tmp_path / "x.db"
    sample_store(str(db)).close()
    out = tmp_path / "incidents.geojson"
    assert main(["export", "--db", str(db), "--format", "geojson", "-o", str(out)]) == 0
    assert json.loads(out.read_text())["features"]
    out = tmp_path / "events.csv"
    assert main(["export", "--db", str(db), "--format", "acled", "--what", "events", "--type", "air_strike",
                 "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert [r["sub_event_type"] for r in rows] == ["Air/drone strike"]
    assert main(["export", "--db", str(tmp_path / "missing.db"), "--format", "csv"]) == 2


@pytest.mark.parametrize("what", ["incidents", "events"])
def test_acled_geo_precision_comes_from_the_place_found(store, what):
    # "Aleppo" names both a city and its province: the gazetteer found the city (a point).
    rows = list(csv.DictReader(io.StringIO(run(store, "acled", what))))
    aleppo = [r for r in rows if r["location"] == "Aleppo"]
    assert aleppo and {r["geo_precision"] for r in aleppo} == {"1"}
    assert store.list_incidents(place="Aleppo")[0]["place"]["precision"] == "point"
