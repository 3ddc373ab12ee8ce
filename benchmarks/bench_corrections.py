"""Analyst corrections on a synthetic store: applying 10k corrections to 1M events, and the
corrections file's write and read times.

    python -m benchmarks.bench_corrections --events 1000000 --corrections 10000

The corrections are drawn from random events of the store (so several share a span and a cue
span: the synthetic events of one passage do, which exercises the disambiguation by the
recorded values): 40% confirmed, 15% not_event, 15% wrong_polarity (with the action), 15%
wrong_actor (half of them with a name the frame has never seen), 5% wrong_target, 5% missed
(on random passages), 5% orphans (a span no event has).  Times are the best of 5 after a
warm-up, wall clock, in this process:

* ``apply_fast_ms``: ``apply_corrections(..., drop=False, append=False)``: every row kept in
  place, the report's keep mask and added rows (what a view that filters by mask needs);
* ``apply_full_ms``: the default, rows dropped and missed rows appended (a copy of the
  frame: pandas' take and concat of every column);
* the same on the frames as the dashboard holds them (``--dashboard``: strings as
  categoricals, indexed by event id, private columns);
* the corrections file: ``add_many`` of all corrections in one transaction, one ``add``
  (one transaction, fsync'd), ``list`` of all.

``apply_*_ms`` are given the list of corrections, as a caller that applies them once does:
they include :func:`core.corrections.prepare_corrections` (ordering, and the corrections'
numbers, verdicts and values as arrays).  ``prepare_ms`` is that step alone, and
``*_prepared_ms`` the same calls given its result (``PreparedCorrections``, made once, outside
the timing): what a caller pays per call when it applies one list of corrections to its
frames again and again.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.common import best_of, emit, load_average, peak_rss_mb, store, timed


def make_corrections(events: pd.DataFrame, passages: pd.DataFrame, n: int, *, seed: int = 0) -> list[Any]:
    """``n`` corrections of random events of ``events`` (see the module docstring), numbered
    1..n as the store would number them."""
    from dataclasses import replace

    from core.corrections import Correction, correction_for, missed_frame

    rng = np.random.default_rng(seed)
    pick = rng.choice(len(events), size=n, replace=False)
    cols = ["event_id", "article_id", "start", "end", "cue_start", "cue_end", "actor1", "country1", "actor2",
            "country2", "action", "polarity", "dyad", "modality", "date", "date_low", "date_high", "date_precision"]
    rows = events.iloc[pick][cols].astype({c: object for c in cols if c not in ("start", "end", "cue_start",
                                                                                 "cue_end")})
    records = rows.to_dict(orient="records")
    kinds = rng.choice(["confirmed", "not_event", "wrong_polarity", "wrong_actor", "wrong_target", "missed", "orphan"],
                       size=n, p=[0.40, 0.15, 0.15, 0.15, 0.05, 0.05, 0.05])
    ps = passages.iloc[rng.choice(len(passages), size=n, replace=True)][["article_id", "start", "end", "passage_id"]]
    ps_records = ps.astype(object).to_dict(orient="records")
    out: list[Correction] = []
    for i, (row, kind) in enumerate(zip(records, kinds, strict=True)):
        if kind == "confirmed" or kind == "not_event":
            c = correction_for("event", row, str(kind), who="bench")
        elif kind == "wrong_polarity":
            pol = "friction" if row["polarity"] == "cooperation" else "cooperation"
            c = correction_for("event", row, "wrong_polarity", value=pol,
                               values={"action": "ACCUSE" if pol == "friction" else "SUPPORT"}, who="bench")
        elif kind == "wrong_actor":
            name = f"New Actor {i}" if i % 2 else "Government of Mexico"
            c = correction_for("event", row, "wrong_actor", value=name, values={"country1": "MX"}, who="bench")
        elif kind == "wrong_target":
            c = correction_for("event", row, "wrong_target", value="Government of the United States",
                               values={"country2": "US"}, who="bench")
        elif kind == "missed":
            c = missed_frame("event", ps_records[i], {"actor1": "Government of Mexico", "country1": "MX",
                                                      "actor2": "Government of the United States", "country2": "US",
                                                      "action": "COOPERATE", "polarity": "cooperation"}, who="bench")
        else:
            c = Correction(kind="event", article_id=str(row["article_id"]), start=int(row["start"]) + 1,
                           end=int(row["end"]), verdict="confirmed", who="bench")
        out.append(replace(c, id=i + 1))
    return out


def run(n_events: int, n_corrections: int, *, seed: int = 0, dashboard: bool = True) -> dict[str, Any]:
    """The figures for ``n_corrections`` corrections on a store of ``n_events`` events."""
    from core.corrections import CorrectionStore, apply_corrections, prepare_corrections
    from core.store import load_store

    path = store(n_events, seed=seed)
    frames, t_load = timed(lambda: load_store(path, skip={"passages": ("text",)}))
    ev, st, art, passages = frames.events, frames.stances, frames.articles, frames.passages
    t0 = time.perf_counter()
    corrections = make_corrections(ev, passages, n_corrections, seed=seed)
    t_make = time.perf_counter() - t0
    out: dict[str, Any] = {"case": f"corrections n={n_corrections} events={n_events}", "events": len(ev),
                           "corrections": len(corrections), "load_s": round(t_load, 2),
                           "make_corrections_s": round(t_make, 2), "load_average": load_average()}
    _, _, report = apply_corrections(ev, st, corrections, articles=art)
    out.update(applied=len(report.applied), superseded=len(report.superseded), orphans=len(report.orphans),
               found=len(report.found), events_dropped=report.events_dropped,
               events_changed=report.events_changed, events_added=report.events_added)
    out["apply_fast_ms"] = round(1000 * best_of(
        lambda: apply_corrections(ev, st, corrections, articles=art, drop=False, append=False)), 1)
    out["apply_fast_no_articles_ms"] = round(1000 * best_of(
        lambda: apply_corrections(ev, st, corrections, drop=False, append=False)), 1)
    out["apply_full_ms"] = round(1000 * best_of(lambda: apply_corrections(ev, st, corrections, articles=art)), 1)
    out["prepare_ms"] = round(1000 * best_of(lambda: prepare_corrections(corrections)), 1)
    prepared = prepare_corrections(corrections)
    out["apply_fast_prepared_ms"] = round(1000 * best_of(
        lambda: apply_corrections(ev, st, prepared, articles=art, drop=False, append=False)), 1)
    some = np.flatnonzero(report.keep_events)
    out["drop_rows_only_ms"] = round(1000 * best_of(lambda: ev.iloc[some]), 1)  # pandas' floor of a drop
    del frames, passages
    gc.collect()
    if dashboard:
        from dashboard.source import load_store as dashboard_load

        del ev
        gc.collect()
        loaded, t_dash = timed(lambda: dashboard_load(path, prepared=True))
        dev, dst, dart = loaded.frames.events, loaded.frames.stances, loaded.frames.articles
        out["dashboard_load_s"] = round(t_dash, 2)
        out["dashboard_apply_fast_ms"] = round(1000 * best_of(
            lambda: apply_corrections(dev, dst, corrections, articles=dart, drop=False, append=False)), 1)
        out["dashboard_apply_fast_prepared_ms"] = round(1000 * best_of(
            lambda: apply_corrections(dev, dst, prepared, articles=dart, drop=False, append=False)), 1)
        out["dashboard_apply_full_ms"] = round(1000 * best_of(
            lambda: apply_corrections(dev, dst, corrections, articles=dart)), 1)
        out["dashboard_drop_rows_only_ms"] = round(1000 * best_of(lambda: dev.iloc[some]), 1)
    with tempfile.TemporaryDirectory() as tmp:
        cs = CorrectionStore(Path(tmp) / "bench.corrections.sqlite")
        fresh = [_unnumbered(c) for c in corrections]
        _, t_many = timed(lambda: cs.add_many(fresh))
        out["file_add_many_s"] = round(t_many, 3)
        t0 = time.perf_counter()
        for c in fresh[:20]:
            cs.add(c)
        out["file_add_one_ms"] = round(1000 * (time.perf_counter() - t0) / 20, 2)
        listed, t_list = timed(cs.list)
        out["file_list_ms"] = round(1000 * t_list, 1)
        out["file_rows"] = len(listed)
        out["file_mb"] = round(cs.path.stat().st_size / 2**20, 2)
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return out


def _unnumbered(c: Any) -> Any:
    from dataclasses import replace

    return replace(c, id=0)


def main(argv: list[str] | None = None) -> int:
    """Command line of this benchmark."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_corrections", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--corrections", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-dashboard", action="store_true", help="skip the dashboard-prepared frames")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    emit(run(a.events, a.corrections, seed=a.seed, dashboard=not a.no_dashboard), as_json=a.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
