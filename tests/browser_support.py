"""Helpers for the browser tests (Playwright driving the system Chromium): wait for a
Streamlit run to finish, read a metric, choose a multiselect option, click a point of a
Plotly chart by its data, take screenshots.  The ``browser`` and ``page`` fixtures are in
``conftest.py``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(os.environ.get("USMX_SHOTS", "/tmp/shots"))


def ready(pg: Any, timeout: float = 60_000) -> None:
    """Wait until the script run is over: the sidebar filters are drawn, no skeleton
    placeholder is left and the app is not running."""
    pg.wait_for_selector("[data-testid='stSidebar'] [data-testid='stMultiSelect']", timeout=timeout)
    pg.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"] [data-testid=\"stStatusWidgetRunningIcon\"]')",
        timeout=timeout)
    pg.wait_for_timeout(700)


def events_shown(pg: Any) -> str:
    """The "Events shown" metric of the timeline."""
    metric = pg.locator("[data-testid='stMetric']").filter(has_text="Events shown")
    return str(metric.locator("[data-testid='stMetricValue']").inner_text().strip())


def choose(pg: Any, label: str, option: str) -> None:
    """Choose ``option`` in the sidebar multiselect labelled ``label``."""
    box = pg.locator("[data-testid='stMultiSelect']").filter(has_text=label)
    box.locator("input").click()
    box.locator("input").type(option)
    pg.locator("[role='option']").filter(has_text=option).first.click()
    pg.keyboard.press("Escape")
    ready(pg)


def click_bar(pg: Any) -> None:
    """Click the first bar of the timeline that has a visible height."""
    bars = pg.locator(".js-plotly-plot .barlayer .point path")
    for i in range(bars.count()):
        box = bars.nth(i).bounding_box()
        if box and box["height"] > 2:
            bars.nth(i).click(force=True)
            return
    raise AssertionError("no visible bar to click")


#: the page position (px) of point ``i`` of the first trace named ``name*`` of the first
#: Plotly chart, at ``frac`` of its y value (0.5: the middle of a bar), from Plotly's own axes
_POINT_JS = """([name, i, frac]) => {
  const gd = document.querySelector('.js-plotly-plot');
  const k = gd._fullData.findIndex(t => (t.name || '').startsWith(name));
  if (k < 0) return null;
  const t = gd._fullData[k];
  const xa = gd._fullLayout[(t.xaxis || 'x').replace('x', 'xaxis')];
  const ya = gd._fullLayout[(t.yaxis || 'y').replace('y', 'yaxis')];
  const box = gd.getBoundingClientRect();
  const x = xa.d2p(t.x[i]) + xa._offset, y = ya.d2p(t.y[i] * frac) + ya._offset;
  return {x: box.left + x, y: box.top + y, value: t.y[i], n: t.x.length};
}"""


def point_position(pg: Any, name: str, index: int, *, frac: float = 1.0) -> dict[str, float] | None:
    """Where point ``index`` of the trace named ``name…`` is drawn (page px), its y value and
    the trace's length; None when there is no such trace."""
    got = pg.evaluate(_POINT_JS, [name, index, frac])
    return dict(got) if got else None


def point_index(pg: Any, name: str, position: int, value: str) -> int:
    """The index of the first point of trace ``name…`` whose ``customdata[position]`` is
    ``value`` (-1 when none)."""
    return int(pg.evaluate(
        """([name, pos, value]) => {
          const gd = document.querySelector('.js-plotly-plot');
          const t = gd._fullData.find(t => (t.name || '').startsWith(name));
          return t ? t.customdata.findIndex(cd => cd && String(cd[pos]) === value) : -1;
        }""", [name, position, value]))


def click_at(pg: Any, where: dict[str, float]) -> None:
    """Hover, then click the page at ``where`` (``x``, ``y`` px): how a user clicks a point."""
    pg.mouse.move(where["x"], where["y"])
    pg.wait_for_timeout(300)
    pg.mouse.click(where["x"], where["y"])


def assert_inert(pg: Any) -> None:
    """No payload ran on this page: the flag the payloads set is unset, no dialog opened."""
    assert pg.evaluate("() => window.__pwned === undefined")
    assert pg.dialogs == []


def shot(pg: Any, name: str) -> None:
    """A full-page screenshot in :data:`SHOTS`."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
