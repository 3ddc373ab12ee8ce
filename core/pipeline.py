"""The pipeline: one article in, its frames out; then a whole corpus into :class:`Frames`.

Per article (pure, so that it can run in any process or on a Dask worker)::

    RawDoc ─clean─▶ CleanDoc ─segment─▶ passages
                       │ resolve.find_mentions ─▶ mentions
                       │ dates.date_article    ─▶ publication DateWindow
                       │ resolve.bind_titles   ─▶ title-only mentions bound to the date
                       │ parse.parse_passages  ─▶ dependency parses of the frame sentences
                       │ code.code_article     ─▶ events (roles from the parse)
                       │ stance.extract_stances ─▶ stances
                       └ code.speech_events    ─▶ the stances of US/MX holders as verbal acts

Across articles: duplicate articles are folded (same content id), then
``dedup.mark_duplicates`` links repeated reports of one event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from core import schema
from core.ids import article_id as make_article_id
from core.records import Event, Passage, Problem, RawDoc, Stance

Progress = Callable[[int, int | None], None]


class EmptyArticle(ValueError):
    """An input whose cleaned text is empty: reported as a problem, not an article."""


@dataclass(slots=True)
class ArticleResult:
    """Everything one article yields: its ``articles`` row, passages, events, stances,
    and any problems (warnings) met while processing it."""

    article: dict[str, Any]
    passages: list[Passage]
    events: list[Event]
    stances: list[Stance]
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class Frames:
    """The four frames as pandas DataFrames, plus the problems met and the manifest."""

    articles: pd.DataFrame
    passages: pd.DataFrame
    events: pd.DataFrame
    stances: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Iterator[tuple[str, pd.DataFrame]]:
        yield from (
            ("articles", self.articles),
            ("passages", self.passages),
            ("events", self.events),
            ("stances", self.stances),
        )


@cache
def _kb() -> Any:
    from core.kb import load_kb

    kb = load_kb()
    _warm(kb)
    return kb


def _warm(kb: Any) -> None:
    """Build what the stages build on their first article (the resolver's alias trie above
    all: a tenth of a second to compile), so that processes forked after :func:`_kb` (the
    ``processes`` executor) share it instead of each building its own.  A failure is left
    for the stage itself to report, article by article."""
    from core import clean, dates, parse, resolve, segment

    try:
        parse.model()
        resolve._matcher(kb)
        dates._lex(kb)
        clean._patterns()
        segment._abbrev()
    except Exception:  # noqa: BLE001 - reported by the stage that needs it
        pass


def process_doc(raw: RawDoc) -> ArticleResult:
    """Run the per-article pipeline on one read document.  Raises :class:`EmptyArticle`
    when cleaning leaves no text; :func:`safe_process` turns that, and any unexpected failure
    of a stage, into a :class:`Problem` for that article."""
    from core import clean, code, dates, landmarks, outlets, parse, resolve, segment, stance

    kb = _kb()
    doc = clean.clean_doc(raw)
    if not doc.text.strip():
        raise EmptyArticle("no article text left after cleaning (only site chrome, or blank)")
    aid = make_article_id(doc.text)
    passages = segment.segment(doc.text, article_id=aid, teasers=doc.teasers)
    mentions = resolve.find_mentions(doc.text, kb=kb)
    published = dates.date_article(raw, doc, mentions, kb=kb)
    mentions = resolve.bind_titles(mentions, kb=kb, window=published)
    us_admin, mx_admin = kb.administrations(published.low, published.high)
    outlet = outlets.article_outlet(raw.text, url=raw.url, site_name=raw.source, header_name=doc.source)
    parses, unparsed = parse.parse_passages(code.parse_candidates(doc.text, passages, mentions))
    events = code.code_article(
        doc.text, passages, mentions, article_id=aid, published=published, kb=kb, parses=parses
    )
    stances = stance.extract_stances(
        doc.text, passages, mentions, article_id=aid, published=published, kb=kb, parses=parses
    )
    events += code.speech_events(doc.text, stances, events, passages, article_id=aid, published=published, kb=kb)
    problems = [Problem(raw.path, w, raw.line, "warning") for w in [*raw.warnings, *unparsed]]
    article = {
        "article_id": aid,
        "path": raw.path if raw.line is None else f"{raw.path}:{raw.line}",
        "source": outlet.outlet,
        "title": doc.title or raw.title,
        "url": raw.url,
        "published": published.value if published.precision == "day" else "",
        "date_low": published.low,
        "date_high": published.high,
        "date_precision": published.precision,
        "date_confidence": published.confidence,
        "date_evidence": published.evidence,
        "us_admin": us_admin,
        "mx_admin": mx_admin,
        "text": doc.text,
        "problems": "; ".join(p.reason for p in problems),
        "byline": doc.byline,
        "wire": outlet.wire,
        "source_evidence": outlet.evidence,
        "landmarks": landmarks.mentions_cell(doc.text, sentences=[(p.start, p.end) for p in passages]),
        "dateline": doc.dateline,
        "content_hash": aid,
        "duplicate_paths": "",
        "n_passages": len(passages),
        "n_events": len(events),
        "n_stances": len(stances),
    }
    return ArticleResult(article, passages, events, stances, problems)


def safe_process(raw: RawDoc) -> ArticleResult | Problem:
    """:func:`process_doc`, turning an unexpected exception into a :class:`Problem` so
    that one broken article never stops a build."""
    try:
        return process_doc(raw)
    except EmptyArticle as exc:
        return Problem(raw.path, str(exc), raw.line)
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the build
        return Problem(raw.path, f"could not be processed ({type(exc).__name__}: {exc})", raw.line)


def assemble(results: Iterable[ArticleResult | Problem]) -> Frames:
    """Fold per-article results into :class:`Frames`: drop repeated articles (same id;
    the later path is reported as a duplicate), then mark repeated events."""
    from core import dedup

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
    from core import executors, incremental
    from core.read import iter_files

    if isinstance(paths, str | Path):
        paths = [paths]
    opts: dict[str, Any] = {} if max_bytes is None else {"max_bytes": max_bytes}
    items = list(iter_files([str(p) for p in paths], **opts))
    entries = [it for it in items if not isinstance(it, Problem)]
    if entries:
        from core.parse import model

        model()  # a missing parsing pipeline is one clear message (ModelMissing), not a problem per article
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
