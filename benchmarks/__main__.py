"""``python -m benchmarks``: every benchmark, each case in a fresh process, figures printed.

    python -m benchmarks            # default: 1k and 10k articles, 10k/100k/1M events (a few minutes)
    python -m benchmarks --large    # adds the 100k-article corpus and 1M-event dedup (long)
    python -m benchmarks --quick    # smoke run: 300 articles, 10k events

Generated corpora and stores are cached under ``$USMX_BENCH_DIR`` (default
``/tmp/usmx-bench``).  The figures are measurements, not pass/fail; the targets of the
issue are shown beside them.  Wall times depend on what else the machine is doing (the load
average is printed with each case); CPU times much less so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from typing import Any

from benchmarks.common import run_case


def machine() -> dict[str, Any]:
    """CPU count, model and RAM of this machine."""
    model = platform.processor() or ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = 0.0
    try:
        ram_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        pass
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": model, "ram_gb": round(ram_gb, 1),
            "python": platform.python_version()}


def cases(*, quick: bool, large: bool) -> list[tuple[str, list[str]]]:
    """The benchmark cases to run: (module, arguments)."""
    if quick:
        return [("bench_build", ["stages", "--n", "300"]), ("bench_build", ["cli", "--n", "300"]),
                ("bench_build", ["dedup", "--n", "1000"]), ("bench_build", ["dedup", "--n", "10000"]),
                ("bench_dashboard", ["--events", "10000"])]
    out: list[tuple[str, list[str]]] = [
        ("bench_build", ["stages", "--n", "1000"]),
        ("bench_build", ["stages", "--n", "10000"]),
        ("bench_build", ["cli", "--n", "3000"]),
        ("bench_build", ["cli", "--n", "10000"]),
        ("bench_build", ["cli", "--n", "10000", "--extra", "--executor serial"]),
        ("bench_build", ["dedup", "--n", "10000"]),
        ("bench_build", ["dedup", "--n", "100000"]),
        ("bench_build", ["dedup", "--n", "10000", "--per-day", "137"]),
        ("bench_build", ["dedup", "--n", "100000", "--per-day", "137"]),
        ("bench_dashboard", ["--events", "10000"]),
        ("bench_dashboard", ["--events", "100000"]),
        ("bench_dashboard", ["--events", "1000000"]),
        ("bench_corrections", ["--events", "1000000", "--corrections", "10000"]),
    ]
    if large:
        out += [("bench_build", ["stages", "--n", "100000"]), ("bench_build", ["cli", "--n", "100000"]),
                ("bench_build", ["dedup", "--n", "1000000"]),
                ("bench_build", ["dedup", "--n", "1000000", "--per-day", "137"])]
    return out


def summary(results: list[dict[str, Any]]) -> list[str]:
    """The issue's targets next to the measured figures."""
    by = {r.get("case", ""): r for r in results}
    lines = []

    def fig(case: str, key: str) -> Any:
        return by.get(case, {}).get(key, "n/a")

    lines.append(f"core build, 10k articles (CLI, end to end): {fig('cli build n=10000', 'articles_per_s')} "
                 "articles/s  [target >= 1000]")
    lines.append(f"core build, 3k articles incl. start-up (CLI): {fig('cli build n=3000', 'articles_per_s')} "
                 "articles/s  [target >= 300]")
    for suffix, what in (("", "20 years whatever the size"), (" per_day=137", "137 events a day")):
        t = [fig(f"dedup n={n}{suffix}", "t_dedup_s") for n in (10000, 100000, 1000000)]
        for (lo, hi), (a, b) in zip((("10k", "100k"), ("100k", "1M")), ((t[0], t[1]), (t[1], t[2])), strict=True):
            if isinstance(a, float) and isinstance(b, float) and a > 0:
                lines.append(f"dedup {lo} -> {hi} events ({what}): {a:.3f}s -> {b:.3f}s = x{b / a:.1f}  "
                             "[target <= x12]")
    m = "dashboard n=1000000"
    lines.append(f"dashboard 1M events: filter+aggregate {fig(m, 'filter_aggregate_default_ms')} ms (default view), "
                 f"{fig(m, 'filter_aggregate_narrow_ms')} ms (narrowed)  [target <= 100 ms]")
    lines.append(f"dashboard 1M events: drill-down {fig(m, 'drilldown_bar20_ms')} ms (20 events of a bar), "
                 f"{fig(m, 'drilldown_one_ms')} ms (one event)  [target <= 50 ms]")
    lines.append(f"dashboard 1M events: memory held {fig(m, 'held_rss_mb')} MB, peak while loading "
                 f"{fig(m, 'peak_rss_mb')} MB  [target <= 1536 MB]")
    c = "corrections n=10000 events=1000000"
    lines.append(f"corrections, 10k on 1M events: {fig(c, 'dashboard_apply_fast_ms')} ms on the dashboard's frames, "
                 f"{fig(c, 'apply_fast_ms')} ms on load_store's (rows kept in place; with rows dropped and added: "
                 f"{fig(c, 'dashboard_apply_full_ms')} / {fig(c, 'apply_full_ms')} ms)  [target <= 50 ms]")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print their figures."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a smoke run (small sizes)")
    ap.add_argument("--large", action="store_true", help="also 100k articles and 1M-event dedup (long)")
    ap.add_argument("--json", metavar="FILE", help="also write every figure to FILE as JSON")
    a = ap.parse_args(argv)
    info = machine()
    print(f"machine: {info['nproc']} CPUs ({info['cpu']}), {info['ram_gb']} GB RAM, Python {info['python']}")
    results: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for module, args in cases(quick=a.quick, large=a.large):
        res = run_case(module, *args)
        results.append(res)
        print(f"\n== {res.get('case', module + ' ' + ' '.join(args))}", flush=True)
        for key, value in res.items():
            if key != "case":
                print(f"  {key:<34} {value}", flush=True)
    print(f"\n== summary (total {time.perf_counter() - t0:.0f} s)")
    for line in summary(results):
        print("  " + line)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump({"machine": info, "results": results}, fh, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
