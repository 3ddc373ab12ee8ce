"""Incremental builds: only changed files are re-processed, and the frames equal a full build."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

import core.article as article
from benchmarks.synth import ArticleMaker
from core.pipeline import build_frames
from tests.scale_support import assert_same_frames, make_corpus

pytestmark = pytest.mark.slow  # (run by .ci/run's second pytest: python -m pytest -m slow)


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts the documents run through the per-article pipeline, by file path."""
    seen: Counter[str] = Counter()
    real = article.safe_process

    def counting(raw):  # type: ignore[no-untyped-def]
        seen[raw.path] += 1
        return real(raw)

    monkeypatch.setattr(article, "safe_process", counting)
    return seen


def _rel(root: Path, *parts: str) -> str:
    return os.path.join(str(root), *parts)


def test_incremental_rebuild_equals_full_build_and_reprocesses_only_changes(
    tmp_path: Path, counted: Counter[str]
) -> None:
    root = make_corpus(tmp_path / "corpus")
    first = build_frames([str(root)])
    assert len(first.articles) >= 20, [p.message() for p in first.problems][:3]
    counted.clear()

    maker = ArticleMaker(99)
    changed = _rel(root, "generated", "page_002.txt")
    added = _rel(root, "generated", "page_new.txt")
    removed = _rel(root, "generated", "page_005.txt")
    Path(changed).write_text(maker.article(1)["text"], encoding="utf-8")
    Path(added).write_text(maker.article(2)["text"], encoding="utf-8")
    os.remove(removed)

    incremental = build_frames([str(root)], previous=first)
    processed = Counter(counted)
    full = build_frames([str(root)])

    assert_same_frames(incremental, full, same_order=True)
    assert incremental.manifest["inputs"] == full.manifest["inputs"]
    # only the changed and the added file went through the pipeline on the incremental run
    processed_incrementally = set(incremental.manifest["build"]["reprocessed"])
    assert processed_incrementally == {changed, added}
    assert incremental.manifest["build"]["reused_files"] == full.manifest["build"]["files"] - 2
    assert processed == Counter({changed: 1, added: 1})
    assert sum(counted.values()) == 2 + len(full.articles) + 2  # the full build ran all (+2 repeats)


def test_incremental_rebuild_after_removing_the_first_copy_of_a_duplicate(tmp_path: Path) -> None:
    """The second copy of an article had no row of its own: once the first copy is gone,
    its file is re-processed so that its own metadata and path land."""
    root = make_corpus(tmp_path / "corpus")
    first = build_frames([str(root)])
    original = next(root.glob("001_*.txt"))
    copy = root / "zz_copy_of_001.txt"
    assert any(str(copy) in p for p in first.articles["duplicate_paths"])
    original.unlink()

    incremental = build_frames([str(root)], previous=first)
    assert_same_frames(incremental, build_frames([str(root)]), same_order=True)
    assert incremental.manifest["build"]["reprocessed"] == [str(copy)]
    assert str(copy) in set(incremental.articles["path"])


def test_incremental_rebuild_with_changed_jsonl_rows(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "corpus")
    first = build_frames([str(root)])
    batch = root / "batch.jsonl"
    lines = batch.read_text(encoding="utf-8").splitlines()
    batch.write_text("\n".join(lines[:2] + lines[4:]) + "\n", encoding="utf-8")  # drops a row and the bad line

    incremental = build_frames([str(root)], previous=first)
    assert_same_frames(incremental, build_frames([str(root)]), same_order=True)
    assert incremental.manifest["build"]["reprocessed"] == [str(batch)]


def test_incremental_unchanged_corpus_reprocesses_nothing(tmp_path: Path, counted: Counter[str]) -> None:
    root = make_corpus(tmp_path / "corpus")
    first = build_frames([str(root)])
    counted.clear()
    again = build_frames([str(root)], previous=first)
    assert sum(counted.values()) == 0
    assert again.manifest["build"]["reprocessed"] == []
    assert_same_frames(again, first, same_order=True)


def test_incremental_other_pipeline_fingerprint_rebuilds_everything(tmp_path: Path, counted: Counter[str]) -> None:
    root = make_corpus(tmp_path / "corpus")
    first = build_frames([str(root)])
    first.manifest["pipeline"] = "made-by-older-code"
    counted.clear()
    again = build_frames([str(root)], previous=first)
    assert again.manifest["build"]["reused_files"] == 0
    assert sum(counted.values()) == len(first.articles) + 2  # + the duplicate copy and the repeated row
    assert_same_frames(again, first, same_order=True)


def test_incremental_through_the_store(tmp_path: Path, counted: Counter[str]) -> None:
    """The per-file records survive write_store/load_store, so a rebuild from a store on
    disk is incremental too."""
    store = pytest.importorskip("core.store")
    root = make_corpus(tmp_path / "corpus")
    first = build_frames([str(root)])
    out = store.write_store(first, tmp_path / "store", inputs=first.manifest["inputs"])
    loaded = store.load_store(out)
    shutil.copy(root / "generated" / "page_000.txt", root / "generated" / "page_000b.txt")
    Path(root / "generated" / "page_001.txt").write_text(ArticleMaker(5).article(3)["text"], encoding="utf-8")
    counted.clear()
    incremental = build_frames([str(root)], previous=loaded)
    assert set(incremental.manifest["build"]["reprocessed"]) == {
        str(root / "generated" / "page_000b.txt"), str(root / "generated" / "page_001.txt")}
    assert set(counted) == set(incremental.manifest["build"]["reprocessed"])
    assert_same_frames(incremental, build_frames([str(root)]))


def test_incremental_cli_rebuild_reuses_the_store(tmp_path: Path) -> None:
    """`python -m core build` into an existing store re-processes only changed files;
    `--full` re-processes everything; both write the frames of a fresh build."""
    import json
    import subprocess
    import sys

    import pandas as pd

    root = make_corpus(tmp_path / "corpus")

    def build(out: Path, *extra: str) -> dict[str, object]:
        proc = subprocess.run([sys.executable, "-m", "core", "build", "--corpus", str(root), "--out", str(out),
                               *extra], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 1, proc.stderr  # the corpus holds one bad JSONL line
        return dict(json.loads((out / "manifest.json").read_text())["build"])

    store = tmp_path / "store"
    assert build(store)["processed_files"] == 19
    page = root / "generated" / "page_004.txt"
    page.write_text(ArticleMaker(3).article(8)["text"], encoding="utf-8")
    stats = build(store)
    assert stats["reprocessed"] == [str(page)] and stats["reused_files"] == 18
    fresh = tmp_path / "fresh"
    build(fresh)
    for frame in ("articles", "passages", "events", "stances"):
        pd.testing.assert_frame_equal(pd.read_parquet(store / f"{frame}.parquet"),
                                      pd.read_parquet(fresh / f"{frame}.parquet"), obj=frame)
    assert build(store, "--full")["processed_files"] == 19
