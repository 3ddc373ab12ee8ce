"""Build throughput: per stage on a generated corpus, end to end in-process, and the CLI.

    python -m benchmarks.bench_build stages --n 1000     # per-stage times (one process)
    python -m benchmarks.bench_build cli --n 3000        # `python -m core build` wall time
    python -m benchmarks.bench_build dedup --n 10000     # mark_duplicates on n synthetic events

Each call prints its figures (``--json``: one JSON line, for ``python -m benchmarks``).
Stage times call the stage functions exactly as :func:`core.pipeline.process_doc` does.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import corpus, emit, peak_rss_mb, timed


def stages(n: int, *, seed: int = 0) -> dict[str, Any]:
    """Time each stage over a corpus of ``n`` articles, then the whole build in-process."""
    from core import clean, code, dates, resolve, segment, stance
    from core.ids import article_id
    from core.pipeline import ArticleResult, _kb, assemble, build_frames
    from core.read import iter_files, read_file
    from core.records import Problem, RawDoc
    from core.store import write_store

    root = corpus(n, seed=seed)
    t: dict[str, float] = {}
    kb, t["kb_load"] = timed(_kb)

    def read() -> list[RawDoc]:
        out: list[RawDoc] = []
        for entry in iter_files([str(root)]):
            if isinstance(entry, Problem):
                continue
            out.extend(d for d in read_file(entry) if isinstance(d, RawDoc))
        return out

    docs, t["read"] = timed(read)
    cleaned, t["clean"] = timed(lambda: [clean.clean_doc(d) for d in docs])
    ids, t["article_id"] = timed(lambda: [article_id(c.text) for c in cleaned])
    passages, t["segment"] = timed(
        lambda: [segment.segment(c.text, article_id=a, teasers=c.teasers) for c, a in zip(cleaned, ids, strict=True)]
    )
    mentions, t["resolve"] = timed(lambda: [resolve.find_mentions(c.text, kb=kb) for c in cleaned])
    published, t["date"] = timed(
        lambda: [dates.date_article(d, c, m, kb=kb) for d, c, m in zip(docs, cleaned, mentions, strict=True)]
    )
    bound, t_bind = timed(
        lambda: [resolve.bind_titles(m, kb=kb, window=w) for m, w in zip(mentions, published, strict=True)]
    )
    t["resolve"] += t_bind
    args = list(zip(cleaned, passages, bound, ids, published, strict=True))
    events, t["code"] = timed(
        lambda: [code.code_article(c.text, p, m, article_id=a, published=w, kb=kb) for c, p, m, a, w in args]
    )
    stances, t["stance"] = timed(
        lambda: [stance.extract_stances(c.text, p, m, article_id=a, published=w, kb=kb) for c, p, m, a, w in args]
    )
    results = [
        ArticleResult({"article_id": a, "path": d.path, "text": c.text}, p, e, s)
        for d, (c, p, _m, a, _w), e, s in zip(docs, args, events, stances, strict=True)
    ]
    frames, t["dedup"] = timed(lambda: assemble(results))
    with tempfile.TemporaryDirectory() as tmp:
        _, t["write"] = timed(lambda: write_store(frames, Path(tmp) / "store"))
    per_stage = sum(v for k, v in t.items() if k != "kb_load")
    del docs, cleaned, passages, mentions, bound, events, stances, results, args
    full, t_build = timed(lambda: build_frames([str(root)]))
    with tempfile.TemporaryDirectory() as tmp:
        _, t_write = timed(lambda: write_store(full, Path(tmp) / "store"))
    n_art = len(full.articles)
    return {
        "case": f"build stages n={n}",
        "articles": n_art,
        "passages": len(full.passages),
        "events": len(full.events),
        "stances": len(full.stances),
        **{f"t_{k}_s": round(v, 3) for k, v in t.items()},
        "stages_total_s": round(per_stage, 2),
        "build_frames_s": round(t_build, 2),
        "write_s": round(t_write, 2),
        "in_process_articles_per_s": round(n_art / (t_build + t_write), 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def cli(n: int, *, seed: int = 0, extra: list[str] | None = None) -> dict[str, Any]:
    """Wall time of ``python -m core build`` on a corpus of ``n`` articles (a fresh
    interpreter: start-up, imports, KB load, build and store write all included)."""
    root = corpus(n, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "core", "build", "--corpus", str(root), "--out", str(Path(tmp) / "store"),
               *(extra or [])]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - t0
    out: dict[str, Any] = {
        "case": f"cli build n={n}" + (f" {' '.join(extra)}" if extra else ""),
        "command": " ".join(cmd[1:]).replace(str(tmp), "TMP"),
        "exit": proc.returncode,
        "wall_s": round(wall, 2),
        "articles_per_s": round(n / wall, 1),
        "peak_rss_mb": round(peak_rss_mb(children=True), 1),
    }
    if proc.returncode not in (0, 1):
        out["stderr"] = proc.stderr.strip().splitlines()[-1:]
    return out


def dedup(n: int, *, seed: int = 0, repeat: int = 3) -> dict[str, Any]:
    """Time :func:`core.dedup.mark_duplicates` on ``n`` synthetic events (best of
    ``repeat``), with ``duplicate_of`` cleared."""
    from benchmarks.synth import make_store
    from core.dedup import mark_duplicates

    events = make_store(n, seed=seed).events
    events["duplicate_of"] = ""
    best = float("inf")
    marked = 0
    for _ in range(repeat):
        out, dt = timed(lambda: mark_duplicates(events))
        best = min(best, dt)
        marked = int((out != "").sum())
    return {"case": f"dedup n={n}", "events": n, "t_dedup_s": round(best, 4), "marked": marked,
            "peak_rss_mb": round(peak_rss_mb(), 1)}


def main(argv: list[str] | None = None) -> int:
    """Command line of this benchmark."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_build", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["stages", "cli", "dedup"])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--extra", default="", help="extra arguments for `core build` (cli only)")
    a = ap.parse_args(argv)
    if a.what == "stages":
        res = stages(a.n, seed=a.seed)
    elif a.what == "cli":
        res = cli(a.n, seed=a.seed, extra=a.extra.split() if a.extra else None)
    else:
        res = dedup(a.n, seed=a.seed)
    emit(res, as_json=a.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
