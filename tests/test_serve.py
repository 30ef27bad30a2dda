"""The dashboard pages over a real store holding articles built in code."""
from __future__ import annotations

import re

import pytest

from serve_fixtures import XSS, client, sample_articles, store  # noqa: F401 (client, store: fixtures)

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def contested_incident(store) -> dict:
    found = store.list_incidents(contested=True)
    assert found, "the sample articles disagree on corridors (6 vs 8): linking must flag it"
    return found[0]


def marks(html: str) -> list[tuple[str, str]]:
    """(classes, text) of every highlight in a page."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r'<mark class="hl ([^"]+)"[^>]*>([^<]*)</mark>', html)]


def test_overview_has_counts_map_timeline_and_contested(client, store):
    html = client.get("/").text
    assert 'id="incident-map"' in html
    assert html.count('class="land"') >= 5  # the bundled Natural Earth outline, countries in the frame
    assert '<path class="land" d="M' in html and "<title>Syria</title>" in html
    assert len(re.findall(r'<a href="/incidents/[^"]+"><circle class="marker', html)) == sum(
        1 for i in store.list_incidents(limit=None) if i["place"]["lat"] is not None)
    assert 'class="marker marker-contested"' in html
    assert "bar type-fill-air_strike" in html and "People reported killed" in html
    assert re.search(r'<span class="n">3</span><span class="what">Articles</span>', html)
    inc = contested_incident(store)
    assert f'href="/incidents/{inc["id"]}"' in html
    # told by two outlets: it also heads the most-reported list
    most = html[html.index("Most reported incidents"):html.index('id="timeline-card"')]
    assert f'href="/incidents/{inc["id"]}"' in most and "2 reports (2)" in most


@pytest.mark.parametrize("article_id", [a.id for a in sample_articles()])
def test_every_article_page_renders(client, article_id):
    response = client.get(f"/articles/{article_id}")
    assert response.status_code == 200
    assert 'id="article-text"' in response.text


def test_script_in_title_body_and_boilerplate_shows_as_text(client):
    html = client.get("/articles/wire-aleppo-1").text
    assert XSS not in html
    # the <title>, the heading, the body and a boilerplate line
    assert html.count(ESCAPED) >= 4
    assert "<script" not in html.replace('<script src="/static/app.js" defer></script>', "")


def test_hostile_text_is_escaped_on_every_page_that_shows_it(client, store):
    inc = next(i for i in store.list_incidents(limit=None) if any(r["article_id"] == "wire-aleppo-1" for r in i["reports"]))
    for path in ("/articles", f"/incidents/{inc['id']}", f"/incidents?q={XSS}", f"/articles?q={XSS}", f"/nowhere{XSS}"):
        html = client.get(path).text
        assert XSS not in html, path


def test_article_highlights_each_kind_of_span(client):
    found = marks(client.get("/articles/wire-aleppo-1").text)
    by_text = {text: classes for classes, text in found}
    assert "k-trigger" in by_text["no strikes"]
    assert "k-place" in by_text["Aleppo"]
    assert "k-figure" in by_text["16"]
    assert "k-date" in by_text["on Tuesday"]
    assert "k-speaker" in by_text["Igor Konashenkov"]
    # "six" sits inside a claim: both kinds on one stretch
    assert {"k-claim", "k-figure"} <= set(by_text["six"].split())
    mosul = {text: classes for classes, text in marks(client.get("/articles/wire-mosul-3").text)}
    assert "k-actor" in mosul["US-led coalition"] and "k-figure" in mosul["Over 60"]


def test_article_page_folds_boilerplate_and_shows_provenance_and_incidents(client, store):
    html = client.get("/articles/wire-aleppo-1").text
    details = html[html.index('<details class="boilerplate">'):html.index("</details>")]
    assert "Subscribe to our newsletter" in details
    assert "Subscribe to our newsletter" not in html[html.index('id="article-text"'):html.index('<details')]
    assert re.search(r'<ol class="chain"><li>Example Wire.*?</li><li>Russian Ministry of Defence', html)
    for iid in store.get_article("wire-aleppo-1")["incident_ids"]:
        assert f'href="/incidents/{iid}"' in html
    legend = html[html.index('id="legend"'):html.index('id="article-text"')]
    for kind in ("trigger", "figure", "place", "date", "speaker", "claim"):
        assert f'data-kind="{kind}"' in legend


def test_incident_page_puts_contradiction_first_with_both_sides(client, store):
    inc = contested_incident(store)
    html = client.get(f"/incidents/{inc['id']}").text
    box = html[html.index('id="contradictions"'):html.index("<h2>Figures</h2>")]
    assert "Corridors" in box and ">6<" in box and ">8<" in box
    assert "TASS" in box and "Russian Ministry of Defence" in box
    columns = re.findall(r'<div class="card column">\s*<h3>([^<]+?)\s*<', html)
    assert sorted(columns) == ["Agency Two", "Example Wire"]
    assert '<span class="flag">contradicted</span>' in html
    assert f'<strong class="origins">{inc["independent_origins"]}</strong>' in html


def test_incident_list_filters_and_search(client, store):
    def ids(query: str) -> set[str]:
        html = client.get(f"/incidents?{query}").text
        return set(re.findall(r'<td><a href="/incidents/([^"]+)">', html))

    everything = {i["id"] for i in store.list_incidents(limit=None)}
    assert ids("") == everything
    mosul = {i["id"] for i in store.list_incidents(place="Mosul")}
    assert len(mosul) == 1
    assert ids("type=air_strike") == mosul
    assert ids("place=Mosul") == mosul
    assert ids("actor=US-led") == mosul
    assert ids("contested=true") == {contested_incident(store)["id"]}
    assert ids("outlet=Agency+Two") == {i["id"] for i in store.list_incidents(outlet="Agency Two")}
    assert ids("since=2016-10-25&until=2016-10-31") == {i["id"] for i in store.list_incidents(since="2016-10-25", until="2016-10-31")}
    assert ids("q=corridors") and ids("q=corridors") < everything
    # the form sends empty boxes as "since=": not an error
    assert client.get("/incidents?since=&until=&type=&q=").status_code == 200
    assert client.get("/incidents?since=yesterday").status_code == 422


def test_outlets_page_lists_affiliation_reliability_and_contradictions(client):
    html = client.get("/outlets").text
    row = html[html.index(">Agency Two<"):]
    row = row[:row.index("</tr>")]
    assert "Russia" in row and "state" in row and '<span class="flag">1</span>' in row


def test_unknown_ids_are_404_pages(client):
    page = client.get("/incidents/no-such-incident")
    assert page.status_code == 404 and "<h1>404</h1>" in page.text
    assert client.get("/articles/no-such-article").status_code == 404


def test_pages_load_nothing_from_other_hosts(client, store):
    paths = ["/", "/incidents", f"/incidents/{contested_incident(store)['id']}", "/articles",
             "/articles/wire-aleppo-1", "/outlets", "/docs"]
    for path in paths:
        html = client.get(path).text
        for ref in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html):
            assert ref.startswith("/static/"), (path, ref)
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/map/ne_110m_countries.geojson").json()["type"] == "FeatureCollection"


def test_content_security_policy_forbids_inline_script(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_docs_page_is_self_hosted_and_lists_every_api_route(client):
    html = client.get("/docs").text
    for path in ("/api/articles", "/api/events", "/api/claims", "/api/incidents", "/api/outlets", "/api/ingest"):
        assert f"<code>{path}</code>" in html
    assert "swagger" not in html.lower()


def test_serve_command_binds_to_localhost_by_default_and_needs_a_database(tmp_path, capsys):
    from sitrep.cli import build_parser, main

    args = build_parser().parse_args(["serve", "--db", "x.db"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    assert main(["serve", "--db", str(tmp_path / "missing.db")]) == 2
    assert "sitrep ingest" in capsys.readouterr().err


def test_article_list_filters_by_outlet_and_search(client):
    def ids(query: str) -> list[str]:
        return re.findall(r'<a href="/articles/([^"]+)">', client.get(f"/articles?{query}").text)

    assert sorted(ids("")) == sorted(a.id for a in sample_articles())
    assert ids("outlet=Agency+Two") == ["agency-aleppo-2"]
    assert ids("q=airstrikes") == ["wire-mosul-3"]


def test_incident_page_says_why_each_linked_report_joined(client, store):
    inc = contested_incident(store)
    html = client.get(f"/incidents/{inc['id']}").text
    rules = {r["link_rule"] for r in inc["reports"] if r["link_rule"]}
    assert rules, "a multi-report incident has reports that joined by some rule"
    for rule in rules:
        assert f"linked by {rule.replace('_', ' ')}" in html
