"""Executors: where the per-article pipeline runs (this process, or a Dask cluster).

The unit of work handed to an executor is a list of input files
(:class:`core.read.FileEntry`).  Each file is read (:func:`core.read.read_file`) and every
document in it goes through :func:`core.article.safe_process` (pure, no shared state), so
the work can run anywhere.  The results come back **per file, in input order**, whatever
the executor, so that :func:`core.pipeline.assemble` (cross-article dedup) sees exactly
the same sequence and writes the same frames with the same ids.

``serial``
    In this process, one file after the other (streams: memory stays flat).
``processes``
    On ``workers`` local processes (default: the CPUs this process may use), forked
    after the knowledge base is loaded so that they share it; partitions as for Dask.
``auto`` (the default of ``build_frames``)
    ``serial`` for a small corpus (under :data:`AUTO_MIN_BYTES`) or a single CPU, else
    ``processes``.
``dask``
    On Dask (``dask.distributed``): a ``LocalCluster`` of ``workers`` processes with one
    thread each by default, or the existing cluster at ``scheduler`` (``tcp://host:8786``).
    Files are batched into partitions of roughly :data:`CHUNK_BYTES` bytes (and at most
    :data:`CHUNK_FILES` files) so that the task overhead stays small; a big JSONL/CSV file
    is read here and its documents are shipped in partitions.  On a real cluster every
    worker needs this package installed and the corpus at the same absolute paths (a
    shared filesystem).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.article import knowledge_base, process_docs
from core.errors import UsageError
from core.read import read_file
from core.records import ArticleResult, Event, Passage, Problem, Progress, RawDoc, Stance

if TYPE_CHECKING:
    from core.read import FileEntry

EXECUTORS = ("serial", "processes", "dask", "auto")
#: ``auto`` runs in this process below this many input bytes, else on local processes
AUTO_MIN_BYTES = 2_000_000
CHUNK_BYTES = 2_000_000
CHUNK_FILES = 500
#: a JSONL/CSV file bigger than this is read on the client and split into partitions
SPLIT_BYTES = 4_000_000
SPLIT_DOCS = 500


@dataclass(frozen=True, slots=True)
class Task:
    """One partition of work: whole files, or a slice of the documents of one file."""

    files: tuple[FileEntry, ...] = ()
    docs: tuple[RawDoc | Problem, ...] = ()
    owner: int = -1  # index of the file the docs come from (docs tasks only)


def process_file(entry: FileEntry) -> list[ArticleResult | Problem]:
    """Read one file and run the per-article pipeline on each of its documents.
    Returns the results in document order (problems in place)."""
    return process_docs(read_file(entry))


def run_task(task: Task) -> list[list[ArticleResult | Problem]]:
    """Run one partition (on a worker): a list of per-file result lists."""
    if task.files:
        return [process_file(entry) for entry in task.files]
    return [process_docs(task.docs)]


def _count(results: list[ArticleResult | Problem]) -> int:
    return sum(not isinstance(r, Problem) for r in results)


def run_serial(
    entries: Iterable[FileEntry], *, progress: Progress | None = None
) -> Iterator[tuple[FileEntry, list[ArticleResult | Problem]]]:
    """Process files one after the other in this process, yielding ``(entry, results)``;
    ``progress`` is told after each article (a big file takes long)."""
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, None)

    for entry in entries:
        yield entry, process_docs(read_file(entry), on_article=tick)


def _dask_tasks(entries: Sequence[FileEntry], *, chunk_bytes: int, workers: int = 0,
                min_bytes: int = 50_000) -> list[Task]:
    """Partitions of ``entries`` in input order, of at most ``chunk_bytes`` bytes.  With
    ``workers``, partitions shrink as the work left does (a quarter of the remaining bytes
    per worker, down to ``min_bytes``; "guided" scheduling): big ones first, small ones at
    the end, so that no worker is left alone with a big partition while the others idle."""
    tasks: list[Task] = []
    pending: list[FileEntry] = []
    size = 0
    left = sum(e.size for e in entries)  # bytes not yet in a closed partition

    def limit_now() -> int:
        if workers <= 0:
            return chunk_bytes
        return max(min_bytes, min(chunk_bytes, left // (4 * workers)))

    limit = limit_now()

    def flush() -> None:
        nonlocal pending, size, left, limit
        if pending:
            tasks.append(Task(files=tuple(pending)))
        left -= size
        pending, size = [], 0
        limit = limit_now()

    for i, entry in enumerate(entries):
        if entry.kind in ("jsonl", "csv") and entry.size > SPLIT_BYTES:
            flush()
            docs = list(read_file(entry))
            for start in range(0, max(len(docs), 1), SPLIT_DOCS):
                tasks.append(Task(docs=tuple(docs[start : start + SPLIT_DOCS]), owner=i))
            left -= entry.size
            limit = limit_now()
            continue
        if pending and (size + entry.size > limit or len(pending) >= CHUNK_FILES):
            flush()
        pending.append(entry)
        size += entry.size
    flush()
    return tasks


def run_dask(
    entries: Sequence[FileEntry],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    chunk_bytes: int = CHUNK_BYTES,
) -> Iterator[tuple[FileEntry, list[ArticleResult | Problem]]]:
    """Process files on Dask, yielding ``(entry, results)`` in input order.

    Without ``scheduler`` a ``LocalCluster`` (``workers`` processes, one thread each) is
    started for this build and closed afterwards; with it, the build connects to that
    cluster (``tcp://host:8786``) and leaves it running.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a declared dependency
        raise UsageError("--executor dask needs dask[distributed] (pip install 'dask[distributed]')") from exc

    entries = list(entries)
    if not entries:
        return
    tasks = _dask_tasks(entries, chunk_bytes=chunk_bytes)
    cluster: Any = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise UsageError(f"cannot connect to the Dask scheduler at {scheduler}: {exc}") from exc
    else:
        n = max(1, workers or 2)
        cluster = LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        futures = client.map(run_task, tasks, pure=False)

        def outputs() -> Iterator[list[list[ArticleResult | Problem]]]:
            for future in futures:
                out = future.result()
                future.release()
                yield out

        yield from _ordered(entries, tasks, outputs(), progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def cpu_count() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _ordered(
    entries: Sequence[FileEntry],
    tasks: list[Task],
    outputs: Iterable[list[list[ArticleResult | Problem]]],
    progress: Progress | None,
) -> Iterator[tuple[FileEntry, list[ArticleResult | Problem]]]:
    """Turn the per-task outputs (in task order) back into ``(entry, results)`` per file."""
    done = 0
    split: list[ArticleResult | Problem] = []
    for k, (task, out) in enumerate(zip(tasks, outputs, strict=True)):
        # progress before yielding: the consumer stops pulling after the last file
        done += sum(_count(results) for results in out)
        if progress is not None:
            progress(done, None)
        if task.files:
            yield from zip(task.files, out, strict=True)
        else:
            # a slice of one big file: yield the file once all its slices are back
            split.extend(out[0])
            if k + 1 == len(tasks) or tasks[k + 1].owner != task.owner:
                yield entries[task.owner], split
                split = []


def _register_record_pickling() -> None:
    """Pickle the flat records (Passage, Event, Stance, Problem) that workers send
    back as ``(class, field values)``: unpickling is then one constructor call instead of
    the dataclass ``__setstate__`` (a ``fields()`` walk and a ``setattr`` per field), which
    was about half of the main process's share of a ``processes`` build.  Registered with
    multiprocessing's pickler only; the objects come back equal either way."""
    from dataclasses import fields
    from multiprocessing.reduction import ForkingPickler
    from operator import attrgetter

    def reducer(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
        names = [f.name for f in fields(cls) if f.init]
        if len(names) != len(fields(cls)):  # pragma: no cover - every field is an init field
            raise TypeError(f"{cls.__name__}: fields outside __init__")
        get = attrgetter(*names)
        return lambda obj: (cls, get(obj))

    for cls in (Passage, Event, Stance, Problem):
        ForkingPickler.register(cls, reducer(cls))


def run_processes(
    entries: Sequence[FileEntry],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    chunk_bytes: int | None = None,
) -> Iterator[tuple[FileEntry, list[ArticleResult | Problem]]]:
    """Process files on local worker processes, yielding ``(entry, results)`` in input
    order (at most a few partitions ahead, so memory stays bounded)."""
    import gc
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    entries = list(entries)
    if not entries:
        return
    n = max(1, workers or cpu_count())
    # partitions shrinking towards the end so that every worker stays busy to the end
    tasks = (_dask_tasks(entries, chunk_bytes=chunk_bytes) if chunk_bytes
             else _dask_tasks(entries, chunk_bytes=CHUNK_BYTES, workers=n))
    try:
        knowledge_base()  # load once here: forked workers share it
    except Exception:  # noqa: BLE001 - each article then reports the failure as its problem
        pass
    _register_record_pickling()
    # what exists now (modules, the knowledge base, compiled patterns) lives as long as the
    # build: keep it out of the collector's scans in the forked workers (and their pages
    # shared: a scan writes to every object it visits)
    gc.collect()
    gc.freeze()
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
        try:  # the workers are forked at the first submission
            queue: deque[Future[list[list[ArticleResult | Problem]]]] = deque(
                pool.submit(run_task, t) for t in tasks[: 4 * n])
        finally:
            gc.unfreeze()  # in this process

        def outputs() -> Iterator[list[list[ArticleResult | Problem]]]:
            for nxt in range(len(queue), len(tasks) + len(queue)):
                out = queue.popleft().result()
                if nxt < len(tasks):
                    queue.append(pool.submit(run_task, tasks[nxt]))
                yield out

        yield from _ordered(entries, tasks, outputs(), progress)


def run(
    entries: Sequence[FileEntry],
    *,
    executor: str = "serial",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[FileEntry, list[ArticleResult | Problem]]]:
    """Process ``entries`` with the named executor (see :data:`EXECUTORS`), yielding
    ``(entry, results)`` per file in input order."""
    if executor not in EXECUTORS:
        raise UsageError(f"unknown executor '{executor}' (choose one of: {', '.join(EXECUTORS)})")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1 (got {workers})")
    if executor == "dask" or scheduler:
        return run_dask(entries, workers=workers, scheduler=scheduler, progress=progress)
    if executor == "auto":
        big = sum(e.size for e in entries) >= AUTO_MIN_BYTES
        executor = "processes" if big and (workers or cpu_count()) > 1 else "serial"
    if executor == "processes":
        return run_processes(entries, workers=workers, progress=progress)
    return run_serial(entries, progress=progress)
