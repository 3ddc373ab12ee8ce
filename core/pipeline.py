"""The build: a whole corpus into :class:`Frames`.

Files are read (:mod:`core.read`) and each document goes through the per-article pipeline
(:mod:`core.article`) on the chosen executor (:mod:`core.executors`); unchanged files of an
earlier store are reused instead (:mod:`core.incremental`).  Across articles: duplicate
articles are folded (same content id), then ``dedup.mark_duplicates`` links repeated reports
of one event.

``ArticleResult`` and ``Frames`` live in :mod:`core.records` and ``process_doc`` /
``safe_process`` in :mod:`core.article`; they are importable from here as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from core import dedup, executors, incremental, parse, schema
from core.article import EmptyArticle, process_doc, safe_process
from core.read import iter_files
from core.records import ArticleResult, Event, Frames, Passage, Problem, Progress, Stance

__all__ = ["ArticleResult", "EmptyArticle", "Frames", "assemble", "build_frames", "process_doc",
           "safe_process"]


def assemble(results: Iterable[ArticleResult | Problem]) -> Frames:
    """Fold per-article results into :class:`Frames`: drop repeated articles (same id;
    the later path is reported as a duplicate), then mark repeated events."""
    articles: list[dict[str, Any]] = []
    passages: list[Passage] = []
    events: list[Event] = []
    stances: list[Stance] = []
    problems: list[Problem] = []
    seen: dict[str, dict[str, Any]] = {}
    for res in results:
        if isinstance(res, Problem):
            problems.append(res)
            continue
        problems.extend(res.problems)
        aid = res.article["article_id"]
        if aid in seen:
            first = seen[aid]
            first["duplicate_paths"] = "; ".join(
                p for p in (first["duplicate_paths"], res.article["path"]) if p
            )
            problems.append(
                Problem(res.article["path"], f"duplicate of {first['path']} (same article text)", None,
                        "warning")
            )
            continue
        seen[aid] = res.article
        articles.append(res.article)
        passages.extend(res.passages)
        events.extend(res.events)
        stances.extend(res.stances)
    # column by column from the records (no dict per row: this was a hot path)
    ev = schema.from_records("events", events)
    pas = schema.from_records("passages", passages)
    if len(ev):
        wires = {a["article_id"]: a.get("wire", "") for a in articles if a.get("wire")}
        ev["duplicate_of"] = dedup.mark_duplicates(ev, passages=pas, wires=wires).astype("string")
    return Frames(
        articles=schema.to_frame("articles", articles),
        passages=pas,
        events=ev,
        stances=schema.from_records("stances", stances),
        problems=problems,
    )


def build_frames(
    paths: Sequence[str | Path] | str | Path,
    *,
    progress: Progress | None = None,
    executor: str = "serial",
    workers: int | None = None,
    scheduler: str | None = None,
    previous: Frames | None = None,
    max_bytes: int | None = None,
) -> Frames:
    """Read every article under ``paths`` and return the frames (pandas DataFrames).

    Bad inputs are skipped and listed in ``Frames.problems``; they never stop the build.
    ``progress(done, total)`` is called as articles are processed when given.

    ``executor`` is ``serial`` (this process) or ``dask`` (``workers`` local processes, or
    the cluster at ``scheduler``; see :mod:`core.executors`): the frames are the same.
    ``previous`` (an old store from :func:`core.store.load_store`) makes the build
    incremental: unchanged files are not re-processed (see :mod:`core.incremental`).
    ``max_bytes`` is the size limit of one input file.

    ``Frames.manifest`` holds ``inputs`` (one record per input file: path, sha256, size,
    kind, article_ids, article_paths, problems; see :mod:`core.incremental`), ``pipeline``
    (the code/data fingerprint) and ``build`` (executor, files processed and reused, and
    with ``previous`` the list of re-processed paths): the store saves them.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    opts: dict[str, Any] = {} if max_bytes is None else {"max_bytes": max_bytes}
    items = list(iter_files([str(p) for p in paths], **opts))
    entries = [it for it in items if not isinstance(it, Problem)]
    if entries:
        parse.model()  # a missing parsing pipeline is one clear message (ModelMissing), not a problem per article
    records: list[dict[str, Any]] = []
    prev = incremental.previous_build(previous)

    def run(todo: Sequence[Any]) -> Iterator[tuple[Any, list[ArticleResult | Problem]]]:
        return executors.run(todo, executor=executor, workers=workers, scheduler=scheduler,
                             progress=progress)

    if prev is None:
        stream = run(entries)

        def ordered() -> Iterator[ArticleResult | Problem]:
            for item in items:
                if isinstance(item, Problem):
                    yield item
                    continue
                entry, results = next(stream)
                records.append(incremental.input_record(entry, results))
                yield from results

        frames = assemble(ordered())
        reprocessed: list[str] | None = None if previous is None else [e.path for e in entries]
    else:
        fresh: dict[str, list[ArticleResult | Problem]] = {}
        todo = [e for e in entries if prev.record_for(e) is None]
        while True:
            fresh.update((e.path, res) for e, res in run(todo))
            seen: set[str] = set()
            ordered_results: list[ArticleResult | Problem] = []
            records.clear()
            todo = []
            for item in items:
                if isinstance(item, Problem):
                    ordered_results.append(item)
                    continue
                results = fresh.get(item.path)
                if results is None:
                    record = prev.record_for(item)
                    results = None if record is None else incremental.reuse_file(item, record, prev, seen)
                    if results is None:
                        todo.append(item)
                        continue
                else:
                    seen.update(r.article["article_id"] for r in results if not isinstance(r, Problem))
                records.append(incremental.input_record(item, results))
                ordered_results.extend(results)
            if not todo:
                break
        frames = assemble(ordered_results)
        reprocessed = [e.path for e in entries if e.path in fresh]
    n_done = len(entries) if reprocessed is None else len(reprocessed)
    frames.manifest.update(
        inputs=records,
        pipeline=incremental.pipeline_fingerprint(),
        build={"executor": executor, "files": len(entries), "processed_files": n_done,
               "reused_files": len(entries) - n_done},
    )
    if reprocessed is not None:
        frames.manifest["build"]["reprocessed"] = reprocessed
    return frames
