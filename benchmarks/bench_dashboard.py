"""The dashboard's data functions on synthetic stores of 10k, 100k and 1M events.

    python -m benchmarks.bench_dashboard --events 1000000

Loads the store the way the dashboard does (``dashboard.source.load_store(prepared=True)``:
each frame prepared with ``prepare_*`` as soon as it is read, the passages' text never
loaded; ``--raw`` loads every frame first and prepares them after, the old way), then
times (best of 5 after a warm-up): filter + aggregate per month (the default view and a
narrowed one; the timeline's, with its coverage per month), the landmark tables (markers and
the articles naming them), drill-down of one clicked bar (20 event ids) and of one event,
actor ranking and the dyad table.  ``held_rss_mb`` is what the process holds once the prepared
frames are loaded (the raw ones dropped, as the dashboard does); ``peak_rss_mb`` the peak
of the whole process, reached while loading.

The store is cached under ``$USMX_BENCH_DIR`` (default ``/tmp/usmx-bench``); when it is
missing it is generated first by ``python -m benchmarks.synth store`` in a child process,
so this process only loads it and its memory figures are the dashboard's, cold or warm
(``store`` in the output says which store was used and whether this run generated it).
At 1M events (2026-12-02): held ≈ 1,000 MB, peak ≈ 1,075 MB, cold and warm alike.
"""

from __future__ import annotations

import argparse
import gc
from typing import Any

from benchmarks.common import best_of, current_rss_mb, emit, peak_rss_mb, store_input, timed


def _load(path: str, *, prepared: bool) -> Any:
    from dashboard.source import load_store as dash_load

    loaded = dash_load(path, prepared=prepared)
    if getattr(loaded, "error", ""):
        raise SystemExit(f"cannot load {path}: {loaded.error}")
    return loaded.frames


def run(n_events: int, *, seed: int = 0, raw: bool = False) -> dict[str, Any]:
    """Figures for a store of ``n_events`` events (``raw``: load, then prepare)."""
    from dashboard import data

    made = store_input(n_events, seed=seed)  # generated (if missing) in a process of its own
    path = made.path
    t_load = t_prep = 0.0

    def load_and_prepare() -> tuple[Any, Any, Any]:
        # as the dashboard does: the raw frames are dropped once prepared
        nonlocal t_load, t_prep
        frames, t_load = timed(lambda: _load(str(path), prepared=not raw))
        if not raw:  # prepared while loading (load_s is the sum)
            return frames.events, frames.passages, frames.articles
        out, t_prep = timed(lambda: (data.prepare_events(frames.events, frames.articles, copy=False),
                                     data.prepare_passages(frames.passages),
                                     data.prepare_articles(frames.articles)))
        return out

    ev, ps, art = load_and_prepare()
    release = getattr(data, "release_unused_memory", gc.collect)
    release()  # as dashboard.ui.dataset() does once the raw frames are dropped
    held = current_rss_mb()
    default = data.Filters()
    narrow = data.Filters(us_admins=("Biden",), polarities=("friction",), min_confidence=0.5,
                          dyads=("gov", "nonstate"), modalities=("asserted", "reported"))

    def filt_agg(f: Any) -> Any:
        mask = data.filter_mask(ev, f)
        return data.aggregate(ev, period="month", measure="count", mask=mask)

    mask = data.filter_mask(ev, narrow)
    agg = filt_agg(narrow)
    # a clicked bar: the events of the busiest month under the narrow filter
    key = int(agg.loc[agg["n_events"].idxmax(), "key"])
    in_bar = mask & (ev["_k_month"].to_numpy() == key)
    bar_ids = list(ev["event_id"].to_numpy()[in_bar][:20])
    one_id = [str(ev["event_id"].iat[len(ev) // 2])]
    out: dict[str, Any] = {
        "case": f"dashboard n={n_events}" + (" (raw load)" if raw else ""),
        "store": made.describe(),
        "events": len(ev),
        "load_s": round(t_load, 2),  # with the preparation, unless --raw
        "prepare_s": round(t_prep, 2) if raw else "(in load_s)",
        "filter_aggregate_default_ms": round(1000 * best_of(lambda: filt_agg(default)), 1),
        "filter_aggregate_narrow_ms": round(1000 * best_of(lambda: filt_agg(narrow)), 1),
        "timeline_aggregate_with_coverage_ms": round(1000 * best_of(
            lambda: data.with_coverage(filt_agg(default), art, "month")), 1),
        "landmark_tables_ms": round(1000 * best_of(lambda: data.landmark_tables(art), repeat=2), 1),
        "aggregate_week_ms": round(1000 * best_of(
            lambda: data.aggregate(ev, period="week", measure="intensity", mask=mask)), 1),
        "drilldown_bar20_ms": round(1000 * best_of(lambda: data.drilldown(ev, ps, art, bar_ids)), 1),
        "drilldown_one_ms": round(1000 * best_of(lambda: data.drilldown(ev, ps, art, one_id)), 1),
        "actor_ranking_ms": round(1000 * best_of(lambda: data.actor_ranking(ev, mask=mask)), 1),
        "dyad_table_ms": round(1000 * best_of(lambda: data.dyad_table(ev, mask=mask)), 1),
        "bar_events": int(in_bar.sum()),
        "held_rss_mb": round(held, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line of this benchmark."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_dashboard", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--raw", action="store_true", help="load every frame, then prepare (the old way)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    emit(run(a.events, seed=a.seed, raw=a.raw), as_json=a.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
