"""Build throughput: per stage on a generated corpus, end to end in-process, and the CLI.

    python -m benchmarks.bench_build stages --n 1000     # per-stage times (one process)
    python -m benchmarks.bench_build cli --n 3000        # `python -m core build` wall time
    python -m benchmarks.bench_build dedup --n 10000     # mark_duplicates on n synthetic events

Each call prints its figures (``--json``: one JSON line, for ``python -m benchmarks``).
Stage times call the stage functions exactly as :func:`core.pipeline.process_doc` does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import T, corpus_input, emit, load_average, peak_rss_mb, run_child, timed, timed2


def stages(n: int, *, seed: int = 0, builds: bool = False) -> dict[str, Any]:
    """Time each stage over a corpus of ``n`` articles (wall and CPU seconds); with
    ``builds`` also the whole build in-process (serial, and on local processes)."""
    from core import clean, code, dates, parse, resolve, segment, stance
    from core.article import knowledge_base
    from core.ids import article_id
    from core.pipeline import ArticleResult, assemble, build_frames
    from core.read import iter_files, read_file
    from core.records import Problem, RawDoc
    from core.store import write_store

    made = corpus_input(n, seed=seed)  # generated (if missing) in a process of its own
    root = made.path
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def stage(name: str, fn: Callable[[], T]) -> T:
        out, w, c = timed2(fn)
        wall[name] = wall.get(name, 0.0) + w
        cpu[name] = cpu.get(name, 0.0) + c
        return out

    kb = stage("kb_load", knowledge_base)

    def read() -> list[RawDoc]:
        out: list[RawDoc] = []
        for entry in iter_files([str(root)]):
            if isinstance(entry, Problem):
                continue
            out.extend(d for d in read_file(entry) if isinstance(d, RawDoc))
        return out

    docs = stage("read", read)
    cleaned = stage("clean", lambda: [clean.clean_doc(d) for d in docs])
    ids = stage("clean", lambda: [article_id(c.text) for c in cleaned])
    passages = stage("segment", lambda: [segment.segment(c.text, article_id=a, teasers=c.teasers)
                                         for c, a in zip(cleaned, ids, strict=True)])
    mentions = stage("resolve", lambda: [resolve.find_mentions(c.text, kb=kb) for c in cleaned])
    published = stage("date", lambda: [dates.date_article(d, c, m, kb=kb)
                                       for d, c, m in zip(docs, cleaned, mentions, strict=True)])
    bound = stage("resolve", lambda: [resolve.bind_titles(m, kb=kb, window=w)
                                      for m, w in zip(mentions, published, strict=True)])
    nlp = stage("model_load", parse.model)
    args = list(zip(cleaned, passages, bound, ids, published, strict=True))
    todo = stage("select", lambda: [code.parse_candidates(c.text, p, m) for c, p, m, _a, _w in args])
    parses = stage("parse", lambda: [parse.parse_passages(t)[0] for t in todo])
    # the yardstick: a bare nlp.pipe over the same sentences, in the same run
    sentences = [text for t in todo for _, _, text in t]
    _, bare_wall, bare_cpu = timed2(lambda: sum(1 for _ in nlp.pipe(sentences, batch_size=parse.BATCH_SIZE)))
    events = stage("code", lambda: [code.code_article(c.text, p, m, article_id=a, published=w, kb=kb, parses=ps)
                                    for (c, p, m, a, w), ps in zip(args, parses, strict=True)])
    stances = stage("stance", lambda: [stance.extract_stances(c.text, p, m, article_id=a, published=w, kb=kb,
                                                              parses=ps)
                                       for (c, p, m, a, w), ps in zip(args, parses, strict=True)])
    acts = stage("stance", lambda: [code.speech_events(c.text, s, e, p, article_id=a, published=w, kb=kb)
                                    for (c, p, m, a, w), e, s in zip(args, events, stances, strict=True)])
    events = [e + x for e, x in zip(events, acts, strict=True)]
    results = [
        ArticleResult({"article_id": a, "path": d.path, "text": c.text}, p, e, s)
        for d, (c, p, _m, a, _w), e, s in zip(docs, args, events, stances, strict=True)
    ]
    frames = stage("dedup", lambda: assemble(results))
    with tempfile.TemporaryDirectory() as tmp:
        stage("write", lambda: write_store(frames, Path(tmp) / "store"))
    out: dict[str, Any] = {"case": f"build stages n={n}", "corpus": made.describe(), "load_avg": load_average()}
    for name in wall:
        out[f"{name}_ms_per_article_cpu"] = round(1000 * cpu[name] / n, 3)
    loads = ("kb_load", "model_load")
    out["stages_cpu_s"] = round(sum(v for k, v in cpu.items() if k not in loads), 2)
    out["stages_wall_s"] = round(sum(v for k, v in wall.items() if k not in loads), 2)
    out["parsed_sentences"] = len(sentences)
    out["words_per_article"] = round(sum(len(c.text.split()) for c in cleaned) / max(1, n), 1)
    out["bare_nlp_pipe_cpu_s"] = round(bare_cpu, 2)
    out["stages_to_bare_parse_ratio"] = round(out["stages_cpu_s"] / bare_cpu, 2) if bare_cpu else None
    out["articles_per_cpu_s_all_stages"] = round(n / out["stages_cpu_s"], 1) if out["stages_cpu_s"] else None
    out.update(articles=len(frames.articles), passages=len(frames.passages), events=len(frames.events),
               stances=len(frames.stances))
    for executor in ("serial", "processes") if builds else ():
        full, w, c = timed2(lambda ex=executor: build_frames([str(root)], executor=ex))  # type: ignore[misc]
        with tempfile.TemporaryDirectory() as tmp:
            _, w2, c2 = timed2(lambda f=full: write_store(f, Path(tmp) / "store"))  # type: ignore[misc]
        out[f"build_{executor}_wall_s"] = round(w + w2, 2)
        out[f"build_{executor}_articles_per_s"] = round(len(full.articles) / (w + w2), 1)
        if executor == "serial":
            out["build_serial_cpu_s"] = round(c + c2, 2)
            out["articles_per_cpu_s"] = round(len(full.articles) / (c + c2), 1)
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return out


def cli(n: int, *, seed: int = 0, extra: list[str] | None = None) -> dict[str, Any]:
    """Wall time of ``python -m core build`` on a corpus of ``n`` articles (a fresh
    interpreter: start-up, imports, KB load, build and store write all included)."""
    made = corpus_input(n, seed=seed)  # generated (if missing) in a process of its own
    root = made.path
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "core", "build", "--corpus", str(root), "--out", str(Path(tmp) / "store"),
               *(extra or [])]
        t0 = time.perf_counter()
        proc = run_child(cmd)  # its own CPU and peak, not those of the corpus generator
        wall = time.perf_counter() - t0
    out: dict[str, Any] = {
        "case": f"cli build n={n}" + (f" {' '.join(extra)}" if extra else ""),
        "command": " ".join(cmd[1:]).replace(str(tmp), "TMP"),
        "corpus": made.describe(),
        "exit": proc.returncode,
        "load_avg": load_average(),
        "wall_s": round(wall, 2),
        "articles_per_s": round(n / wall, 1),
        "cpu_s": round(proc.cpu_s, 2),
        "peak_rss_mb": round(proc.peak_rss_mb, 1),
    }
    if proc.returncode not in (0, 1):
        out["stderr"] = proc.stderr.strip().splitlines()[-1:]
    return out


def dedup(n: int, *, seed: int = 0, repeat: int = 3, per_day: float | None = None) -> dict[str, Any]:
    """Time :func:`core.dedup.mark_duplicates` on ``n`` synthetic events (best of
    ``repeat``), with ``duplicate_of`` cleared.

    By default the events span 20 years whatever ``n`` (a bigger store is a denser one:
    more candidates fall inside each block's date window, up to the cap).  With ``per_day``
    the span grows with ``n`` so that the density stays at ``per_day`` events a day.  The
    pairs scored per event (counted in one more, untimed run) show the work per event."""
    from benchmarks.synth import make_store
    from core import dedup as dd

    period = 7300 if per_day is None else max(1, round(n / per_day))
    events = make_store(n, seed=seed, period_days=period).events
    events["duplicate_of"] = ""
    best = float("inf")
    marked = 0
    for _ in range(repeat):
        out, dt = timed(lambda: dd.mark_duplicates(events))
        best = min(best, dt)
        marked = int((out != "").sum())
    scored = _count_scored(lambda: dd.mark_duplicates(events))
    case = f"dedup n={n}" + (f" per_day={per_day:g}" if per_day is not None else "")
    return {"case": case, "events": n, "period_days": period, "t_dedup_s": round(best, 4),
            "us_per_event": round(best / n * 1e6, 2), "pairs_scored_per_event": round(scored / n, 2),
            "marked": marked, "peak_rss_mb": round(peak_rss_mb(), 1)}


def _count_scored(run: Callable[[], object]) -> int:
    """How many evidence pairs ``run`` scores with rapidfuzz inside core.dedup."""
    from core import dedup as dd

    count = 0
    real_process, real_fuzz = dd.process, dd.fuzz

    class Process:
        @staticmethod
        def extractOne(query: str, choices: list[str], **kw: Any) -> Any:  # noqa: N802 - rapidfuzz's name
            nonlocal count
            count += len(choices)
            kw["scorer"] = real_fuzz.token_set_ratio  # not the counting one below
            return real_process.extractOne(query, choices, **kw)

    class Fuzz:
        token_set_ratio = real_fuzz.token_set_ratio

        @staticmethod
        def _counted(a: str, b: str, **kw: Any) -> float:
            nonlocal count
            count += 1
            return float(real_fuzz.token_set_ratio(a, b, **kw))

    fuzz = Fuzz()
    fuzz.token_set_ratio = Fuzz._counted  # type: ignore[method-assign,assignment]
    dd.process, dd.fuzz = Process, fuzz  # type: ignore[assignment]
    try:
        run()
    finally:
        dd.process, dd.fuzz = real_process, real_fuzz
    return count


def main(argv: list[str] | None = None) -> int:
    """Command line of this benchmark."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_build", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["stages", "cli", "dedup"])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--builds", action="store_true", help="stages: also time whole in-process builds")
    ap.add_argument("--extra", default="", help="extra arguments for `core build` (cli only)")
    ap.add_argument("--per-day", type=float, default=None,
                    help="dedup: events a day (the span grows with --n); default: 20 years whatever --n")
    a = ap.parse_args(argv)
    if a.what == "stages":
        res = stages(a.n, seed=a.seed, builds=a.builds)
    elif a.what == "cli":
        res = cli(a.n, seed=a.seed, extra=a.extra.split() if a.extra else None)
    else:
        res = dedup(a.n, seed=a.seed, per_day=a.per_day)
    emit(res, as_json=a.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
