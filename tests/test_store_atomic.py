"""The frames store (core/store.py): round trip, validation, atomic replacement."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from core import schema
from core.errors import StoreError, UsageError
from core.pipeline import Frames
from core.records import Problem
from core.store import FRAME_NAMES, export_store, load_store, write_store

ROOT = Path(__file__).resolve().parent.parent


def _frames(n: int = 3, tag: str = "a") -> Frames:
    articles = schema.to_frame(
        "articles",
        [{"article_id": f"{tag}{i}", "path": f"corpus/{tag}{i}.txt", "title": f"Title {i}",
          "text": f"Text of article {i}.", "n_passages": 1} for i in range(n)],
    )
    passages = schema.to_frame(
        "passages",
        [{"passage_id": f"p-{tag}{i}", "article_id": f"{tag}{i}", "start": 0, "end": 19,
          "text": f"Text of article {i}.", "role": "body"} for i in range(n)],
    )
    return Frames(
        articles=articles,
        passages=passages,
        events=schema.empty_frame("events"),
        stances=schema.empty_frame("stances"),
        problems=[Problem("corpus/bad.jsonl", "malformed JSON (Expecting value)", 4)],
        manifest={"corpus": ["corpus"]},
    )


def test_store_round_trip_and_manifest(tmp_path: Path) -> None:
    out = write_store(_frames(), tmp_path / "store", inputs=[
        {"path": "corpus/a0.txt", "sha256": "0" * 64, "size": 10, "kind": "txt"}])
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{n}.parquet" for n in FRAME_NAMES] + ["manifest.json"])
    frames = load_store(out)
    assert list(frames.articles["article_id"]) == ["a0", "a1", "a2"]
    for name, df in frames:
        assert list(df.columns)[: len(schema.FRAMES[name])] == list(schema.FRAMES[name])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] and manifest["created"] and manifest["corpus"] == ["corpus"]
    assert manifest["counts"] == {"articles": 3, "passages": 3, "events": 0, "stances": 0}
    assert manifest["inputs"][0]["article_ids"] == ["a0"]
    assert manifest["problems"] == [
        {"path": "corpus/bad.jsonl", "line": 4, "reason": "malformed JSON (Expecting value)", "severity": "error"}]
    assert frames.problems == [Problem("corpus/bad.jsonl", "malformed JSON (Expecting value)", 4)]


def test_store_replaces_old_store_and_leaves_no_temp(tmp_path: Path) -> None:
    out = tmp_path / "store"
    write_store(_frames(3, "a"), out)
    write_store(_frames(2, "b"), out)
    assert list(load_store(out).articles["article_id"]) == ["b0", "b1"]
    # no temporary or backup folder is left (a lock file may be)
    assert [p.name for p in tmp_path.iterdir() if p.is_dir()] == ["store"]


def _corrupt_missing_manifest(store: Path) -> None:
    (store / "manifest.json").unlink()


def _corrupt_bad_json(store: Path) -> None:
    (store / "manifest.json").write_text("{ not json", encoding="utf-8")


def _corrupt_missing_parquet(store: Path) -> None:
    (store / "passages.parquet").unlink()


def _corrupt_truncated_parquet(store: Path) -> None:
    path = store / "events.parquet"
    path.write_bytes(path.read_bytes()[:40])


def _corrupt_missing_column(store: Path) -> None:
    df = pd.read_parquet(store / "articles.parquet").drop(columns=["title"])
    df.to_parquet(store / "articles.parquet")


@pytest.mark.parametrize(
    ("corrupt", "needle"),
    [
        (_corrupt_missing_manifest, "manifest.json is missing"),
        (_corrupt_bad_json, "manifest.json cannot be read"),
        (_corrupt_missing_parquet, "passages.parquet is missing"),
        (_corrupt_truncated_parquet, "events.parquet cannot be read"),
        (_corrupt_missing_column, "lacks column(s) title"),
    ],
)
def test_store_corrupt_gives_store_error_with_rebuild_hint(tmp_path: Path, corrupt, needle: str) -> None:  # type: ignore[no-untyped-def]
    store = write_store(_frames(), tmp_path / "store")
    corrupt(store)
    with pytest.raises(StoreError) as info:
        load_store(store)
    message = str(info.value)
    assert needle in message
    assert str(store) in message and "python -m core build --corpus PATH --out" in message


def test_store_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        load_store(tmp_path / "nothing")


def test_store_refuses_to_replace_a_foreign_folder(tmp_path: Path) -> None:
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.docx").write_text("years of work", encoding="utf-8")
    with pytest.raises(UsageError, match="not a frames store"):
        write_store(_frames(), precious)
    assert (precious / "chapter1.docx").read_text(encoding="utf-8") == "years of work"


def test_store_recovers_from_kill_between_renames(tmp_path: Path) -> None:
    out = write_store(_frames(3, "a"), tmp_path / "store")
    # simulate a kill after "old store → backup" and before "new → store"
    os.replace(out, tmp_path / ".old-store-12345")
    assert list(load_store(out).articles["article_id"]) == ["a0", "a1", "a2"]


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_store_export_formats(tmp_path: Path, fmt: str) -> None:
    store = write_store(_frames(), tmp_path / "store")
    written = export_store(store, fmt=fmt, out=tmp_path / "out")
    assert sorted(p.name for p in written) == sorted([f"{n}.{fmt}" for n in FRAME_NAMES] + ["manifest.json"])
    path = tmp_path / "out" / f"articles.{fmt}"
    if fmt == "csv":
        df = pd.read_csv(path)
    elif fmt == "parquet":
        df = pd.read_parquet(path)
    else:
        df = pd.read_json(path, lines=True)
    assert list(df["article_id"]) == ["a0", "a1", "a2"]
    assert list(df.columns)[: len(schema.ARTICLES)] == list(schema.ARTICLES)


def test_store_export_unknown_format(tmp_path: Path) -> None:
    store = write_store(_frames(), tmp_path / "store")
    with pytest.raises(UsageError, match="unknown format"):
        export_store(store, fmt="xlsx", out=tmp_path / "out")


_KILL_SCRIPT = """
import sys, time
import pandas as pd
from core.cli import main

orig = pd.DataFrame.to_parquet

def slow(self, *args, **kwargs):
    orig(self, *args, **kwargs)
    print("WROTE", flush=True)  # one frame is on disk in the temporary folder
    time.sleep(120)

pd.DataFrame.to_parquet = slow
sys.exit(main(["build", "--corpus", sys.argv[1], "--out", sys.argv[2], "--full"]))
"""


@pytest.mark.slow
def test_store_killed_build_leaves_old_store_intact(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(30):
        (corpus / f"{i:03d}.txt").write_text(
            f"Article {i}. Mexican and US officials met on Monday to discuss border security number {i}.",
            encoding="utf-8")
    out = tmp_path / "store"
    write_store(_frames(3, "old"), out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(corpus), str(out)], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 240
        line = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if "WROTE" in line or not line:
                break
        assert "WROTE" in line, proc.stderr.read() if proc.stderr else ""
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    # the old store is byte for byte as it was, and loads
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert list(load_store(out).articles["article_id"]) == ["old0", "old1", "old2"]
    # the half-written temporary folder is left beside it; the next build sweeps it away
    assert any(p.name.startswith(".tmp-store-") for p in tmp_path.iterdir())
    write_store(_frames(1, "new"), out)
    assert not any(p.name.startswith(".tmp-store-") for p in tmp_path.iterdir())
    assert list(load_store(out).articles["article_id"]) == ["new0"]


def test_store_round_trip_of_a_real_build(seeds_dir: Path, tmp_path: Path) -> None:
    from core import build_frames

    frames = build_frames([str(seeds_dir)])
    assert len(frames.articles) == 5 and len(frames.passages) > 100
    loaded = load_store(write_store(frames, tmp_path / "store"))
    for name, df in frames:
        got = getattr(loaded, name)
        pd.testing.assert_frame_equal(
            got[list(schema.FRAMES[name])].reset_index(drop=True),
            schema.conform(name, df)[list(schema.FRAMES[name])].reset_index(drop=True),
            check_dtype=False,
        )
