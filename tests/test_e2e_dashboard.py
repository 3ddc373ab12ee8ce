"""End-to-end: the dashboard in headless Chromium (Playwright, the system /usr/bin/chromium).

A store of the seed articles (hand-coded frames, see conftest_dashboard) and a store with a
hostile article are each served by ``streamlit run dashboard/app.py -- --store DIR`` on a
free localhost port.  Screenshots of every view go to /tmp/shots/.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import CHROMIUM, assert_inert, choose, click_bar, events_shown, ready, shot
from conftest_dashboard import seed_frames
from dashboard_server import serve_dashboard

from core.store import write_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip("no system chromium at /usr/bin/chromium", allow_module_level=True)
pytest.importorskip("playwright.sync_api")


def _serve(store: Path, tmp: Path) -> Iterator[str]:
    with serve_dashboard(store, tmp, timeout=60) as url:
        yield url


@pytest.fixture(scope="session")
def seed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("e2e-seeds")
    store = write_store(seed_frames(), tmp / "store")
    yield from _serve(store, tmp)


@pytest.fixture(scope="session")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("e2e-hostile")
    store = write_store(seed_frames(hostile=True), tmp / "store")
    yield from _serve(store, tmp)


def test_e2e_filter_then_click_bar_shows_highlighted_passage(seed_url: str, page: object) -> None:
    pg = page
    pg.goto(seed_url)  # type: ignore[attr-defined]
    pg.wait_for_selector(".js-plotly-plot", timeout=60_000)  # type: ignore[attr-defined]
    ready(pg)
    assert events_shown(pg) == "8"
    shot(pg, "timeline")
    choose(pg, "Polarity", "friction")
    pg.wait_for_function(  # type: ignore[attr-defined]
        "() => [...document.querySelectorAll('[data-testid=stMetricValue]')].some(e => e.innerText.trim() == '3')",
        timeout=30_000)
    assert "polarity=friction" in pg.url  # type: ignore[attr-defined]  # the filter lives in the URL
    click_bar(pg)
    pg.wait_for_selector("text=event(s) behind the selection", timeout=30_000)  # type: ignore[attr-defined]
    marks = pg.locator(".usmx-focus mark")  # type: ignore[attr-defined]
    marks.first.wait_for(timeout=30_000)
    texts = set(marks.all_inner_texts())
    # the friction events of the seeds: Salazar's accusations or the Mexican officials' pressing
    assert texts & {"press", "is not safe", "closed the door"}, texts
    shot(pg, "timeline-drilldown")
    # open the whole article behind the first event: the Articles reader shows it
    pg.get_by_role("link", name="Open the whole article").first.click()  # type: ignore[attr-defined]
    pg.wait_for_selector(".usmx-article", timeout=30_000)  # type: ignore[attr-defined]
    ready(pg)
    assert pg.get_by_role("heading", name="Reader").count() == 1  # type: ignore[attr-defined]
    assert "polarity=friction" in pg.url  # type: ignore[attr-defined]  # the filters survive the switch
    article = pg.locator(".usmx-article").inner_text()  # type: ignore[attr-defined]
    assert any(t in article for t in texts)
    assert pg.locator(".usmx-article mark.cue").count() >= 1  # type: ignore[attr-defined]


def test_e2e_data_view_downloads_csv(seed_url: str, page: object, tmp_path: Path) -> None:
    pg = page
    pg.goto(f"{seed_url}/data")  # type: ignore[attr-defined]
    ready(pg)
    with pg.expect_download(timeout=30_000) as info:  # type: ignore[attr-defined]
        pg.get_by_role("button", name="Download CSV").first.click()  # type: ignore[attr-defined]
    path = tmp_path / "events.csv"
    info.value.save_as(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("event_id,article_id,passage_id,start,end,actor1")
    assert len(lines) >= 9  # header + the 8 events shown by default (multi-line cells allowed)


def test_e2e_filters_reload_from_the_url(seed_url: str, page: object) -> None:
    pg = page
    pg.goto(f"{seed_url}/?polarity=friction&us=Biden")  # type: ignore[attr-defined]
    pg.wait_for_selector("[data-testid='stMetric']", timeout=60_000)  # type: ignore[attr-defined]
    ready(pg)
    assert events_shown(pg) == "3"


@pytest.mark.parametrize("view", ["actors", "stances", "articles", "data"])
def test_e2e_each_view_renders(seed_url: str, page: object, view: str) -> None:
    pg = page
    pg.goto(f"{seed_url}/{view}")  # type: ignore[attr-defined]
    ready(pg)
    pg.wait_for_timeout(1500)  # type: ignore[attr-defined]
    assert pg.locator("[data-testid='stException']").count() == 0  # type: ignore[attr-defined]
    heading = {"actors": "Who drives cooperation", "stances": "Stances over time", "articles": "Articles",
               "data": "Data"}[view]
    assert pg.get_by_role("heading", name=heading).count() >= 1  # type: ignore[attr-defined]
    shot(pg, view)


def test_e2e_hostile_article_is_text_and_no_script_runs(hostile_url: str, page: object) -> None:
    pg = page
    pg.goto(f"{hostile_url}/articles")  # type: ignore[attr-defined]
    ready(pg)
    pick = pg.locator("[data-testid='stSelectbox']").filter(has_text="Article")  # type: ignore[attr-defined]
    pick.click()
    pg.locator("[role='option']").filter(has_text="Hostile").first.click()  # type: ignore[attr-defined]
    ready(pg)
    reader = pg.locator(".usmx-article")  # type: ignore[attr-defined]
    reader.wait_for(timeout=30_000)
    text = reader.inner_text()
    assert "<script>window.__pwned = 1; alert('x')</script>" in text
    assert '<img src=x onerror="window.__pwned=2">' in text
    assert "[click here](javascript:window.__pwned=3)" in text
    assert "**bold**" in text
    assert reader.locator("script, img, iframe, a[href^='javascript'], b, style").count() == 0
    assert_inert(pg)
    shot(pg, "articles-hostile")
    # the timeline's drill-down of the hostile events: also text
    pg.goto(hostile_url)  # type: ignore[attr-defined]
    pg.wait_for_selector(".js-plotly-plot", timeout=60_000)  # type: ignore[attr-defined]
    ready(pg)
    choose(pg, "Outlet", "<b>Evil</b> outlet")  # an outlet name from the hostile metadata, shown as text
    click_bar(pg)
    pg.wait_for_selector("text=event(s) behind the selection", timeout=30_000)  # type: ignore[attr-defined]
    pg.wait_for_timeout(1000)  # type: ignore[attr-defined]
    body = pg.locator("[data-testid='stMain']").inner_text()  # type: ignore[attr-defined]
    assert "Government of Mexico <script>window.__pwned=8</script>" in body
    assert_inert(pg)
    shot(pg, "timeline-hostile")
    for view in ("stances", "data", "actors"):
        pg.goto(f"{hostile_url}/{view}")  # type: ignore[attr-defined]
        ready(pg)
        pg.wait_for_timeout(1500)  # type: ignore[attr-defined]
        assert_inert(pg)


def test_e2e_upload_builds_good_files_and_lists_bad_ones(seed_url: str, page: object, tmp_path: Path) -> None:
    good = tmp_path / "talks.txt"
    good.write_text(
        "Mexico and US agree on fentanyl plan\n\n"
        "MEXICO CITY, March 3, 2025 — Mexican President Claudia Sheinbaum and U.S. Secretary of State "
        "Marco Rubio agreed on Monday to share intelligence on fentanyl trafficking.\n", encoding="utf-8")
    bad = tmp_path / "broken.csv"
    bad.write_text("headline,body_missing\nx,y\n", encoding="utf-8")
    pg = page
    pg.goto(seed_url)  # type: ignore[attr-defined]
    ready(pg)
    pg.get_by_text("Bring your own corpus").click()  # type: ignore[attr-defined]
    pg.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files([str(good), str(bad)])  # type: ignore[attr-defined]
    pg.get_by_role("button", name="Build and open").click(timeout=30_000)  # type: ignore[attr-defined]
    pg.wait_for_selector("text=uploaded file(s)", timeout=120_000, state="attached")  # type: ignore[attr-defined]
    ready(pg)
    side = pg.locator("[data-testid='stSidebar']").inner_text()  # type: ignore[attr-defined]
    assert "Opened 2 uploaded file(s): 1 article(s)." in side
    assert "broken.csv" in side  # the bad file is listed by its own name, with its reason
    assert "Source: upload (2 file(s))" in side, side
    shot(pg, "upload")


HOSTILE_FILES = {
    "hostile.txt": (
        "Mexico and US officials meet on security <script>window.__pwned='txt'</script>\n\n"
        "MEXICO CITY, May 2, 2025 — Mexican President Claudia Sheinbaum met U.S. Secretary of State "
        "Marco Rubio <img src=x onerror=\"window.__pwned='img'\"> and agreed to share intelligence "
        "[click](javascript:window.__pwned='md') on fentanyl. <iframe src=\"javascript:window.__pwned='if'\">"
        "</iframe> **Both** governments _praised_ the talks. $x$ `code`\n"
    ),
    "hostile.md": (
        "# Border talks <svg onload=\"window.__pwned='svg'\">\n\n"
        "U.S. Ambassador Ken Salazar said Mexico has closed the door to security cooperation. "
        "![x](javascript:window.__pwned='img2') <a href=\"javascript:window.__pwned='a'\">more</a>\n"
    ),
}


@pytest.fixture(scope="session")
def hostile_corpus_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from core import build_frames

    tmp = tmp_path_factory.mktemp("e2e-hostile-corpus")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for name, text in HOSTILE_FILES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    store = write_store(build_frames([str(corpus)]), tmp / "store")
    yield from _serve(store, tmp)


def test_e2e_hostile_corpus_built_by_the_pipeline_stays_inert(hostile_corpus_url: str, page: object) -> None:
    pg = page
    for view in ("", "actors", "stances", "data"):
        pg.goto(f"{hostile_corpus_url}/{view}")  # type: ignore[attr-defined]
        ready(pg)
        pg.wait_for_timeout(1000)  # type: ignore[attr-defined]
        assert_inert(pg)
    pg.goto(f"{hostile_corpus_url}/articles")  # type: ignore[attr-defined]
    ready(pg)
    pick = pg.locator("[data-testid='stSelectbox']").filter(has_text="Article")  # type: ignore[attr-defined]
    n = 0
    for title in ("Mexico and US officials meet", "Border talks"):
        pick.click()
        options = pg.locator("[role='option']").filter(has_text=title)  # type: ignore[attr-defined]
        if options.count() == 0:
            pg.keyboard.press("Escape")  # type: ignore[attr-defined]
            continue
        options.first.click()
        ready(pg)
        reader = pg.locator(".usmx-article")  # type: ignore[attr-defined]
        reader.wait_for(timeout=30_000)
        assert reader.locator("script, img, iframe, svg, a").count() == 0
        assert_inert(pg)
        n += 1
    body = pg.locator("[data-testid='stMain']").inner_text()  # type: ignore[attr-defined]
    assert "javascript:window.__pwned" in body  # shown as text
    assert n >= 1
    shot(pg, "articles-hostile-corpus")


def test_e2e_clicking_an_actor_filters_every_view(seed_url: str, page: object) -> None:
    pg = page
    pg.goto(f"{seed_url}/actors")  # type: ignore[attr-defined]
    pg.wait_for_selector(".js-plotly-plot .barlayer .point path", timeout=60_000)  # type: ignore[attr-defined]
    ready(pg)
    bars = pg.locator(".js-plotly-plot .barlayer .point path")  # type: ignore[attr-defined]
    for i in range(bars.count()):
        box = bars.nth(i).bounding_box()
        if box and box["width"] > 2:
            bars.nth(i).click(force=True)
            break
    actors = pg.locator("[data-testid='stMultiSelect']").filter(has_text="Actors")  # type: ignore[attr-defined]
    names = ("Ken Salazar", "Government of Mexico", "Antony Blinken", "U.S. Department of Defense",
             "Government of the United States")
    deadline = time.time() + 30
    while time.time() < deadline and not any(n in actors.inner_text() for n in names):
        pg.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert any(n in actors.inner_text() for n in names), actors.inner_text()
    ready(pg)
    pg.locator("[data-testid='stSidebarNav'] a").filter(has_text="Timeline").click()  # type: ignore[attr-defined]
    ready(pg)
    assert "actor=" in pg.url  # type: ignore[attr-defined]
    assert int(events_shown(pg)) < 8
