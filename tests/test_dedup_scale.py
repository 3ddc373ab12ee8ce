"""Dedup's work per event is bounded whatever the density (the benchmark's own counter).

Times are measured by ``python -m benchmarks``, never asserted here; what is asserted is the
property that makes the cost linear: the evidence pairs scored per event never exceed the
candidate cap, even when every block's date window is crowded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core import dedup

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("per_day", [None, 5000.0])
def test_dedup_pairs_scored_per_event_bounded(per_day: float | None) -> None:
    from benchmarks.bench_build import dedup as bench_dedup

    fig = bench_dedup(4000, repeat=1, per_day=per_day)
    # one pass over a block's candidates, plus one over the dated block for an undated row
    assert 0 < fig["pairs_scored_per_event"] <= 2 * dedup.MAX_CANDIDATES
    if per_day is not None:  # 4,000 events in one day: every window is crowded
        assert fig["period_days"] == 1
        assert fig["pairs_scored_per_event"] > dedup.MAX_CANDIDATES / 2


def test_dedup_benchmark_cli_prints_figures() -> None:
    out = subprocess.run([sys.executable, "-m", "benchmarks.bench_build", "dedup", "--n", "2000",
                          "--per-day", "100", "--json"], cwd=ROOT, capture_output=True, text=True, check=True)
    fig = json.loads(out.stdout.strip().splitlines()[-1])
    assert fig["case"] == "dedup n=2000 per_day=100"
    assert fig["events"] == 2000 and fig["period_days"] == 20
    assert fig["t_dedup_s"] > 0 and fig["us_per_event"] > 0
