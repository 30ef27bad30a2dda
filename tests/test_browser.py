"""The dashboard in a real headless Chromium, driven by Playwright, over a
uvicorn server on 127.0.0.1 and a store built from the seeds (when
../shared is there) and the sample articles. Screenshots are kept in
test-artifacts/screenshots/ for a person to look at."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from serve_fixtures import sample_articles

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (set SITREP_CHROMIUM)")
    import uvicorn

    from sitrep.records import Article
    from sitrep.serve import create_app
    from sitrep.store import Store

    store = Store.open(str(tmp_path_factory.mktemp("browser") / "dashboard.db"))
    articles = sample_articles()
    if SEEDS.is_dir():
        from sitrep.ingest import read_sources
        from sitrep.pipeline import process_many
        articles += [a for a in process_many(read_sources([str(SEEDS)])) if isinstance(a, Article)]
    store.add_articles(articles)
    store.relink()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    # a console error would be a broken script or a CSP violation; any request
    # off this server would be a CDN or tile fetch
    page.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("request", lambda req: problems.append(f"request: {req.url}")
            if not req.url.startswith(base_url) else None)
    yield page
    page.close()
    assert not problems, problems


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_overview_shows_map_and_timeline(page, base_url):
    page.goto(base_url + "/")
    map_box = page.locator("#incident-map").bounding_box()
    assert map_box and map_box["width"] > 400 and map_box["height"] > 250
    assert page.locator("#incident-map a circle.marker").count() >= 3
    assert page.locator("#incident-map path.land").count() >= 5
    assert page.locator("svg.timeline rect.bar").count() > 0
    assert page.locator("svg.timeline").first.is_visible()
    shot(page, "overview")


def test_filter_then_open_a_contested_incident_then_its_article(page, base_url):
    page.goto(base_url + "/incidents")
    page.select_option("select[name=type]", "humanitarian")  # applies at once (app.js)
    page.wait_for_url("**type=humanitarian**")
    badges = page.locator("table.data tbody .type").all_inner_texts()
    assert badges and set(badges) == {"Humanitarian"}
    page.check("input[name=contested]")
    page.wait_for_url("**contested=true**")
    assert page.locator("table.data tbody tr.contested").count() >= 1
    shot(page, "incidents-filtered")

    page.locator("table.data tbody tr.contested td a").first.click()
    page.wait_for_url("**/incidents/inc-*")
    box = page.locator("#contradictions")
    assert box.is_visible()
    text = box.inner_text()
    assert "Corridors" in text and "6" in text and "8" in text
    assert page.locator(".columns .column").count() >= 2
    shot(page, "incident-contested")

    page.locator(".report a.title").first.click()
    page.wait_for_url("**/articles/**")
    for kind in ("trigger", "figure", "place"):
        assert page.locator(f"#article-text mark.k-{kind}").count() > 0, kind
    assert page.locator("#article-text mark.k-figure").first.is_visible()
    shot(page, "article-highlights")

    page.click("button.key-toggle[data-kind=figure]")
    assert "hide-figure" in (page.get_attribute("#article-text", "class") or "")
    background = page.locator("#article-text mark.k-figure").first.evaluate(
        "el => getComputedStyle(el).backgroundColor")
    assert background in ("rgba(0, 0, 0, 0)", "transparent")


def test_hostile_title_stays_text_in_the_browser(page, base_url):
    page.goto(base_url + "/articles/wire-aleppo-1")
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert page.locator("#article-text script").count() == 0
    assert page.locator("details.boilerplate").get_attribute("open") is None


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/ seeds not available")
def test_seed_article_page(page, base_url):
    page.goto(base_url + "/articles/000_66a26beed339d9a6")
    assert page.locator("#article-text").inner_text().strip()
    assert page.locator("#article-text mark").count() > 0
    shot(page, "article-seed")


def test_every_stored_article_page_opens(base_url):
    import httpx

    articles = httpx.get(base_url + "/api/articles?limit=500").json()["items"]
    assert len(articles) >= len(sample_articles())
    for article in articles:
        response = httpx.get(f"{base_url}/articles/{article['id']}")
        assert response.status_code == 200, article["id"]
    assert httpx.get(base_url + "/api/incidents").json()["items"]
    assert "/api/incidents" in httpx.get(base_url + "/openapi.json").json()["paths"]
