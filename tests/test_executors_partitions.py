"""Partitions for local worker processes: every file once, in input order, shrinking
towards the end (so that no worker finishes a big partition alone)."""

from __future__ import annotations

from pathlib import Path

from core import executors
from core.read import FileEntry, iter_files
from tests.scale_support import make_corpus


def test_executors_guided_partitions_keep_order_and_shrink(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", n_txt=120, n_jsonl=10)
    entries = [e for e in iter_files([str(corpus)]) if isinstance(e, FileEntry)]
    tasks = executors._dask_tasks(entries, chunk_bytes=executors.CHUNK_BYTES, workers=2, min_bytes=2000)
    assert [f.path for t in tasks for f in t.files] == [e.path for e in entries]
    sizes = [sum(f.size for f in t.files) for t in tasks]
    assert len(tasks) > 4
    assert sizes[0] > sizes[-2]  # the last one holds what is left
    assert max(sizes[len(sizes) // 2:]) <= max(sizes[: len(sizes) // 2])
