"""The JSON API: reads with filters and paging, and the token on ingest."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from serve_fixtures import XSS, client, sample_store, store  # noqa: F401 (client, store: fixtures)
from sitrep.serve import create_app


def test_incidents_are_non_empty_json_with_the_incident_shape(client):
    body = client.get("/api/incidents").json()
    assert body["total"] == body["count"] == len(body["items"]) > 0
    inc = body["items"][0]
    for key in ("id", "type", "acled_sub_event_type", "date", "date_end", "place", "actors", "figures",
                "reports", "contradictions", "independent_origins", "grade"):
        assert key in inc


def test_incident_filters_match_the_page_filters(client, store):
    def ids(query):
        return {i["id"] for i in client.get(f"/api/incidents?{query}").json()["items"]}

    assert ids("contested=true") == {i["id"] for i in store.list_incidents(contested=True)}
    assert ids("type=air_strike") == ids("place=Iraq") == ids("actor=coalition")
    assert len(ids("type=air_strike")) == 1
    assert ids("outlet=Agency Two") == {i["id"] for i in store.list_incidents(outlet="Agency Two")}
    assert ids("until=2016-10-23") == ids("type=air_strike")
    assert client.get("/api/incidents?since=23-10-2016").status_code == 422


def test_paging_walks_every_incident_once(client, store):
    total = store.count_incidents()
    seen = []
    for offset in range(0, total, 2):
        page = client.get(f"/api/incidents?limit=2&offset={offset}").json()
        assert page["limit"] == 2 and page["offset"] == offset and page["total"] == total
        seen += [i["id"] for i in page["items"]]
    assert sorted(seen) == sorted(i["id"] for i in store.list_incidents(limit=None))
    assert client.get("/api/incidents?limit=0").status_code == 422
    assert client.get("/api/incidents?limit=100000").status_code == 422


def test_one_incident_and_404(client, store):
    inc = store.list_incidents(contested=True)[0]
    got = client.get(f"/api/incidents/{inc['id']}").json()
    assert got["contradictions"][0]["slot"] == "corridors"
    missing = client.get("/api/incidents/nope")
    assert missing.status_code == 404 and missing.json()["detail"] == "no incident 'nope'"


def test_articles_list_search_and_detail(client):
    ids = [a["id"] for a in client.get("/api/articles").json()["items"]]
    assert sorted(ids) == ["agency-aleppo-2", "wire-aleppo-1", "wire-mosul-3"]
    assert [a["id"] for a in client.get("/api/articles?outlet=Agency Two").json()["items"]] == ["agency-aleppo-2"]
    assert [a["id"] for a in client.get("/api/articles?q=airstrikes").json()["items"]] == ["wire-mosul-3"]
    article = client.get("/api/articles/wire-aleppo-1").json()
    # JSON carries the text as it is: escaping is the page's job
    assert XSS in article["title"] and article["events"][0]["trigger"]["text"] == "no strikes"
    assert client.get("/api/articles/nope").status_code == 404


def test_events_claims_outlets_stats(client):
    events = client.get("/api/events?type=humanitarian").json()["items"]
    assert {e["article_id"] for e in events} == {"wire-aleppo-1", "agency-aleppo-2"}
    assert client.get("/api/events?place=Mosul").json()["items"][0]["article_id"] == "wire-mosul-3"
    assert len(client.get("/api/events?limit=1").json()["items"]) == 1
    claims = client.get("/api/claims?speaker=konashenkov").json()["items"]
    assert [c["article_id"] for c in claims] == ["wire-aleppo-1"]
    assert client.get("/api/claims?article_id=wire-mosul-3").json()["items"] == []
    outlets = {o["name"]: o for o in client.get("/api/outlets").json()["items"]}
    assert outlets["Agency Two"]["state_affiliation"] == "Russia"
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 3 and stats["timeline"]


def test_openapi_lists_the_api(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/claims", "/api/incidents",
                 "/api/incidents/{incident_id}", "/api/outlets", "/api/ingest"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/ingest"]
    # pages are not API
    assert "/incidents" not in spec["paths"]


DOC = {"id": "posted-1", "text": f"Shelling in Homs {XSS}\n\nShelling killed four people in Homs on Monday, "
                                  "the Syrian Observatory for Human Rights said.\n"}


def test_ingest_is_off_without_a_configured_token(client, monkeypatch):
    monkeypatch.delenv("SITREP_TOKEN", raising=False)
    response = client.post("/api/ingest", json={"documents": [DOC]}, headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic s3cret", "s3cret"])
def test_ingest_refuses_a_missing_or_wrong_token(client, monkeypatch, header):
    monkeypatch.setenv("SITREP_TOKEN", "s3cret")
    headers = {"Authorization": header} if header else {}
    response = client.post("/api/ingest", json={"documents": [DOC]}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_ingest_with_the_token_stores_links_and_escapes(monkeypatch):
    store = sample_store()
    client = TestClient(create_app(store))
    monkeypatch.setenv("SITREP_TOKEN", "s3cret")
    response = client.post("/api/ingest", json={"documents": [DOC, {"id": "empty", "text": "  "}]},
                           headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["stored"] == ["posted-1"]
    assert body["errors"] == [{"id": "empty", "reason": "empty document (no text)"}]
    assert store.get_article("posted-1") is not None
    page = client.get("/articles/posted-1").text
    assert XSS not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
