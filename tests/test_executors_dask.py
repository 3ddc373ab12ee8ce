"""Distributed builds on Dask give the same frames, ids and order as the serial build."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from core import executors
from core.errors import UsageError
from core.pipeline import Frames, build_frames
from tests.scale_support import assert_same_frames, make_corpus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("dask") / "corpus", n_txt=30, n_jsonl=40)


@pytest.fixture()
def serial(corpus: Path) -> Frames:
    """The serial build, made right before the distributed one it is compared with."""
    frames = build_frames([str(corpus)])
    assert len(frames.articles) >= 60, [p.message() for p in frames.problems][:3]
    return frames


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc:
        yield lc.scheduler_address


def test_executors_dask_local_cluster_gives_the_serial_frames(corpus: Path, serial: Frames) -> None:
    distributed = build_frames([str(corpus)], executor="dask", workers=2)
    assert_same_frames(distributed, serial, same_order=True)
    assert distributed.manifest["inputs"] == serial.manifest["inputs"]
    assert distributed.manifest["build"]["executor"] == "dask"


@pytest.mark.parametrize("split_bytes", [500, 10**9], ids=["jsonl-split-into-partitions", "whole-files"])
def test_executors_dask_existing_scheduler_and_partitions(
    corpus: Path, serial: Frames, cluster: str, monkeypatch: pytest.MonkeyPatch, split_bytes: int
) -> None:
    """Many small partitions (and a JSONL file split into slices of 3 documents) still
    come back in input order."""
    monkeypatch.setattr(executors, "CHUNK_BYTES", 4000)
    monkeypatch.setattr(executors, "SPLIT_BYTES", split_bytes)
    monkeypatch.setattr(executors, "SPLIT_DOCS", 3)
    tasks = executors._dask_tasks([e for e in _entries(corpus)], chunk_bytes=4000)
    assert len(tasks) > 4
    assert any(t.docs for t in tasks) == (split_bytes == 500)
    distributed = build_frames([str(corpus)], scheduler=cluster)
    assert_same_frames(distributed, serial, same_order=True)


def _entries(corpus: Path) -> list[executors.FileEntry]:
    from core.read import FileEntry, iter_files

    return [e for e in iter_files([str(corpus)]) if isinstance(e, FileEntry)]


def test_executors_dask_incremental_rebuild(corpus: Path, serial: Frames, cluster: str, tmp_path: Path) -> None:
    """An incremental build can run its changed files on Dask too."""
    import shutil

    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    first = build_frames([str(copy)])
    (copy / "generated" / "page_000.txt").write_text("Mexico and the United States agreed to talk.\n",
                                                       encoding="utf-8")
    again = build_frames([str(copy)], scheduler=cluster, previous=first)
    assert again.manifest["build"]["reprocessed"] == [str(copy / "generated" / "page_000.txt")]
    assert_same_frames(again, build_frames([str(copy)]), same_order=True)


def test_executors_unknown_executor_is_a_usage_error(corpus: Path) -> None:
    with pytest.raises(UsageError, match="unknown executor"):
        build_frames([str(corpus)], executor="spark")
    with pytest.raises(UsageError, match="at least 1"):
        build_frames([str(corpus)], executor="dask", workers=0)


def test_executors_cli_dask_writes_the_same_store(corpus: Path, tmp_path: Path) -> None:
    """`python -m core build --executor dask --workers 2` writes the store the serial
    build writes: same Parquet frames (same ids, same order)."""
    stores = {}
    for name, extra in (("serial", []), ("dask", ["--executor", "dask", "--workers", "2"])):
        out = tmp_path / name
        proc = subprocess.run(
            [sys.executable, "-m", "core", "build", "--corpus", str(corpus), "--out", str(out), *extra],
            capture_output=True, text=True, timeout=300,
        )
        assert proc.returncode == 1, proc.stderr  # the corpus holds one bad JSONL line
        assert "Traceback" not in proc.stderr
        stores[name] = out
    for frame in ("articles", "passages", "events", "stances"):
        left = pd.read_parquet(stores["serial"] / f"{frame}.parquet")
        right = pd.read_parquet(stores["dask"] / f"{frame}.parquet")
        pd.testing.assert_frame_equal(left, right, obj=frame)
        assert len(left) or frame in ("events", "stances")
