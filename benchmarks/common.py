"""Shared helpers of the benchmarks: timing, peak memory, cached generated inputs."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: generated corpora and stores are cached here (override with USMX_BENCH_DIR)
BENCH_DIR = Path(os.environ.get("USMX_BENCH_DIR", "/tmp/usmx-bench"))


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """Run ``fn`` once: its result and the wall time in seconds."""
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def timed2(fn: Callable[[], T]) -> tuple[T, float, float]:
    """Run ``fn`` once: its result, the wall time and the CPU time of this process (in
    seconds; CPU time is what a loaded, shared machine distorts least)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def best_of(fn: Callable[[], Any], *, repeat: int = 5) -> float:
    """The best wall time of ``repeat`` runs (after one warm-up run), in seconds."""
    fn()
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def children_cpu_s() -> float:
    """User + system CPU seconds of the waited-for child processes so far."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def load_average() -> float:
    """The 1-minute load average (other work on the machine skews wall times)."""
    return round(os.getloadavg()[0], 2)


def current_rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()


def peak_rss_mb(*, children: bool = False) -> float:
    """Peak resident memory of this process (or of its waited-for children), in MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024.0


def corpus(n: int, *, seed: int = 0, long: bool = True) -> Path:
    """A generated corpus of ``n`` articles (made once, then reused); real-length articles
    (about 700 words) unless ``long`` is false."""
    from benchmarks.synth import write_corpus

    root = BENCH_DIR / (f"corpus-{n}-s{seed}" + ("-long" if long else ""))
    done = root / ".complete"
    if not done.exists():
        write_corpus(root, n, seed=seed, jsonl_share=0.2, long=long)
        done.write_text(str(n))
    return root


def store(n_events: int, *, seed: int = 0) -> Path:
    """A generated store of ``n_events`` events (made once, then reused)."""
    from benchmarks.synth import write_synth_store

    root = BENCH_DIR / f"store-{n_events}-s{seed}"
    if not (root / "manifest.json").exists():
        write_synth_store(root, n_events, seed=seed)
    return root


def run_case(module: str, *args: str, timeout: float = 1800) -> dict[str, Any]:
    """Run ``python -m benchmarks.<module> ARGS --json`` in a fresh process (so that its
    peak memory is its own) and return the JSON it prints last."""
    cmd = [sys.executable, "-m", f"benchmarks.{module}", *args, "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1], "cmd": " ".join(cmd)}
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def emit(result: dict[str, Any], *, as_json: bool) -> None:
    """Print a case's result: one JSON line (for run_all) or readable lines."""
    if as_json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:>28}: {value}")
