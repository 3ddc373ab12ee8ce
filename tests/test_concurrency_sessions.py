"""Ten simultaneous browser sessions filter and drill down without errors, each keeping its
own state.

One headless Chromium (the system /usr/bin/chromium, never a downloaded browser) with ten
Playwright contexts (separate cookies and sessions) drives one ``streamlit run`` server on a
free localhost port, serving a store built from the seeds by the real CLI.  Every session
opens the app with its own filters in the URL, changes a filter in the sidebar, clicks a
bar of the timeline and reads the drill-down; all at once (asyncio).  Each session's
"Events shown" must equal what the same steps give when run alone, and still do after the
other nine have changed theirs; no session sees an exception.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SESSIONS = 10
TIMEOUT = 180_000  # ms, per wait: ten sessions share a small machine

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip("no system chromium at /usr/bin/chromium", allow_module_level=True)
async_api = pytest.importorskip("playwright.async_api")

from dashboard_server import serve_dashboard  # noqa: E402

# (query string the session opens with, polarity it then picks in the sidebar or "")
CONFIGS: list[tuple[str, str]] = [
    ("", ""),
    ("", "friction"),
    ("?polarity=cooperation", ""),
    ("?dyad=gov&dyad=nonstate", "cooperation"),
    ("?conf=0.7", "friction"),
]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("concurrency")
    store = tmp / "store"
    built = subprocess.run([sys.executable, "-m", "core", "build", "--corpus", str(ROOT / "seeds"),
                            "--out", str(store)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    with serve_dashboard(store, tmp) as url:
        yield url


async def _ready(pg: Any) -> None:
    await pg.wait_for_selector("[data-testid='stSidebar'] [data-testid='stMultiSelect']", timeout=TIMEOUT)
    await pg.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"] [data-testid=\"stStatusWidgetRunningIcon\"]')",
        timeout=TIMEOUT)
    await pg.wait_for_timeout(800)


async def _events_shown(pg: Any) -> str:
    """The "Events shown" metric once it has settled (the same value twice, a second apart:
    on a loaded machine a rerun can still be redrawing the page)."""
    metric = pg.locator("[data-testid='stMetric']").filter(has_text="Events shown")
    value = metric.locator("[data-testid='stMetricValue']")
    last = (await value.inner_text(timeout=TIMEOUT)).strip()
    for _ in range(10):
        await pg.wait_for_timeout(1000)
        await _ready(pg)
        now = (await value.inner_text(timeout=TIMEOUT)).strip()
        if now == last:
            return now
        last = now
    return last


async def _pick(pg: Any, label: str, option: str) -> None:
    """Choose ``option`` in the sidebar multiselect ``label`` and wait until the app has
    rerun with it (a pick typed while the page was redrawn is lost: try again)."""
    box = pg.locator("[data-testid='stMultiSelect']").filter(has_text=label)
    chip = box.locator(f"[data-tag][aria-label='{option}']")
    for _ in range(3):
        try:
            await box.locator("input").click(timeout=30_000)
            await box.locator("input").type(option, timeout=30_000)
            await pg.locator("[role='option']").filter(has_text=option).first.click(timeout=30_000)
            await pg.keyboard.press("Escape")
            await chip.wait_for(state="attached", timeout=30_000)
        except async_api.Error:
            await _ready(pg)
            continue
        await _ready(pg)
        # the filter state lives in the URL: the pick has reached the app once it is there
        await pg.wait_for_function("(opt) => decodeURIComponent(location.search).includes(opt)",
                                   arg=option, timeout=TIMEOUT)
        await _ready(pg)
        return
    raise AssertionError(f"could not pick {option!r} in {label!r}")


async def _click_bar(pg: Any) -> bool | None:
    """Click the first bar with a visible height: True if clicked, False if there is no
    such bar, None if the chart was redrawn under the pointer."""
    bars = pg.locator(".js-plotly-plot .barlayer .point path")
    try:
        for i in range(await bars.count()):
            box = await bars.nth(i).bounding_box()
            if box and box["height"] > 2:
                await bars.nth(i).click(force=True, timeout=15_000)
                return True
    except async_api.Error:
        return None
    return False


async def _drill_down(pg: Any) -> int:
    """Click a bar and return how many marks the drill-down's passage has.  A click that
    lands while the chart is being redrawn is lost: try again (at most three times)."""
    for _ in range(3):
        clicked = await _click_bar(pg)
        if clicked is False:
            return 0
        if clicked is None:
            await _ready(pg)
            continue
        try:
            await pg.wait_for_selector(".usmx-focus mark", state="attached", timeout=45_000)
        except async_api.TimeoutError:
            await _ready(pg)
            continue
        await _ready(pg)
        return int(await pg.locator(".usmx-focus mark").count())
    return 0


async def _session(browser: Any, url: str, config: tuple[str, str], errors: list[str],
                   barrier: asyncio.Barrier | None) -> dict[str, Any]:
    query, pick = config
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1100})
    pg = await ctx.new_page()
    pg.on("pageerror", lambda exc: errors.append(f"{config}: page error {exc}"))
    pg.on("dialog", lambda d: errors.append(f"{config}: dialog {d.message}"))
    try:
        await pg.goto(url + "/" + query, timeout=TIMEOUT)
        await _ready(pg)
        if pick:
            await _pick(pg, "Polarity", pick)
        shown = await _events_shown(pg)
        marks = await _drill_down(pg) if shown != "0" else 0
        if barrier is not None:
            await barrier.wait()  # everyone has filtered and drilled down
            await pg.wait_for_timeout(1500)
        after = await _events_shown(pg)
        exceptions = await pg.locator("[data-testid='stException']").count()
        return {"config": config, "shown": shown, "after": after, "marks": marks, "exceptions": exceptions,
                "url": pg.url}
    finally:
        await ctx.close()


async def _run(url: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    async with async_api.async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        errors: list[str] = []
        alone = [await _session(browser, url, c, errors, None) for c in CONFIGS]
        configs = [CONFIGS[i % len(CONFIGS)] for i in range(SESSIONS)]
        barrier = asyncio.Barrier(SESSIONS)
        together = await asyncio.gather(*(_session(browser, url, c, errors, barrier) for c in configs))
        await browser.close()
    return alone, list(together), errors


def test_concurrency_ten_sessions_filter_and_drill_down(app_url: str) -> None:
    # in a thread of its own: a sync Playwright session left open by another test module
    # keeps an event loop running in this one, where asyncio.run() is refused
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        alone, together, errors = pool.submit(asyncio.run, _run(app_url)).result()
    assert not errors, errors
    baseline = {r["config"]: r["shown"] for r in alone}
    assert len(set(baseline.values())) >= 3, f"the configurations should show different counts: {baseline}"
    assert any(r["marks"] for r in alone), "no drill-down highlighted a passage"
    for r in together:
        c = r["config"]
        assert r["exceptions"] == 0, f"session {c}: an exception was shown"
        assert r["shown"] == baseline[c], f"session {c}: {r['shown']} events shown, {baseline[c]} alone"
        assert r["after"] == r["shown"], f"session {c}: changed from {r['shown']} to {r['after']} " \
                                         "while the other sessions filtered"
        if baseline[c] != "0":
            assert r["marks"] >= 1, f"session {c}: the drill-down showed no highlighted passage"
