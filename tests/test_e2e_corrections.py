"""Analyst corrections in the browser: a correction made in one session shows in another,
survives a rebuild of the store (matched by article and span), can be switched off to see
the machine's coding, and a corrupt corrections file is reported while the frames stay.

The real pipeline builds a store of the seed articles; the real app serves it to headless
Chromium (the system ``/usr/bin/chromium``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, click_bar, events_shown, ready, shot
from dashboard_server import serve_dashboard

from core import build_frames
from core.corrections import corrections_path, load_corrections
from core.store import write_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip("no system chromium at /usr/bin/chromium", allow_module_level=True)
pytest.importorskip("playwright.sync_api")


def _sign(pg: Any, name: str) -> None:
    box = pg.locator("[data-testid='stSidebar'] [data-testid='stTextInput']").filter(has_text="Your name")
    box.locator("input").fill(name)
    box.locator("input").press("Enter")
    ready(pg)


def _mark_first_event_not_an_event(pg: Any) -> None:
    click_bar(pg)
    pg.wait_for_selector("text=event(s) behind the selection", timeout=30_000)
    ready(pg)
    pg.get_by_role("button", name="Correct this event").first.click()
    pop = pg.locator("[data-testid='stPopoverBody']")
    pop.get_by_text("not a frame at all").click()
    pop.get_by_role("button", name="Save correction").click()
    pg.wait_for_selector("text=correction(s) saved by", timeout=30_000)
    ready(pg)


def test_e2e_corrections_reach_other_sessions_survive_a_rebuild_and_a_broken_file(
        browser: Any, seeds_dir: Path, tmp_path: Path) -> None:
    store = write_store(build_frames([str(seeds_dir)]), tmp_path / "store")
    with serve_dashboard(store, tmp_path, timeout=60) as url:
        a = browser.new_context(viewport={"width": 1400, "height": 1100}).new_page()
        a.goto(url)
        ready(a)
        before = int(events_shown(a))
        _sign(a, "Analyst A")
        _mark_first_event_not_an_event(a)
        assert int(events_shown(a)) == before - 1
        side = a.locator("[data-testid='stSidebar']").inner_text()
        assert "1 analyst correction(s) applied: 1 frame(s) removed" in side, side
        shot(a, "corrections-session-a")
        # a second, concurrent session sees the correction at once
        b = browser.new_context(viewport={"width": 1400, "height": 1100}).new_page()
        b.goto(url)
        ready(b)
        assert int(events_shown(b)) == before - 1
        # the machine's coding, one toggle away
        b.locator("[data-testid='stSidebar'] [data-testid='stCheckbox']").filter(
            has_text="Apply analysts' corrections").locator("label").click()
        ready(b)
        assert int(events_shown(b)) == before
        assert "corrected=false" in b.url
    saved = load_corrections(store)
    assert [(c.verdict, c.who) for c in saved] == [("not_event", "Analyst A")]
    # rebuild the store from the same articles: the corrections, beside it, still apply
    write_store(build_frames([str(seeds_dir)]), store)
    with serve_dashboard(store, tmp_path, timeout=60) as url:
        c = browser.new_context(viewport={"width": 1400, "height": 1100}).new_page()
        c.goto(url)
        ready(c)
        assert int(events_shown(c)) == before - 1
    # a broken corrections file: reported by name, the machine's frames shown, the file kept
    corrections_path(store).write_bytes(b"this is not a database\x00" * 40)
    for extra in ("-wal", "-shm"):
        Path(str(corrections_path(store)) + extra).unlink(missing_ok=True)
    with serve_dashboard(store, tmp_path, timeout=60) as url:
        d = browser.new_context(viewport={"width": 1400, "height": 1100}).new_page()
        d.goto(url)
        ready(d)
        side = d.locator("[data-testid='stSidebar']").inner_text()
        assert corrections_path(store).name in side and "machine's frames are shown" in side, side
        assert int(events_shown(d)) == before
        shot(d, "corrections-broken-file")
    assert corrections_path(store).read_bytes().startswith(b"this is not a database")
