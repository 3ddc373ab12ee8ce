"""Helpers shared by the executor and incremental-build tests (not a test module)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from benchmarks.synth import ArticleMaker
from core.pipeline import Frames

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ID_COLUMNS = {"articles": "article_id", "passages": "passage_id", "events": "event_id", "stances": "stance_id"}


def make_corpus(root: Path, *, n_txt: int = 12, n_jsonl: int = 8, seed: int = 7) -> Path:
    """A small mixed corpus: the five seeds, ``n_txt`` generated pages in a sub-folder, a
    JSONL file of ``n_jsonl`` articles with one bad line and one repeated article, and a
    second copy of seed 001 under another name (a duplicate article)."""
    root.mkdir(parents=True, exist_ok=True)
    for seed_file in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed_file, root / seed_file.name)
    shutil.copy(next(iter(sorted(SEEDS.glob("001_*.txt")))), root / "zz_copy_of_001.txt")
    maker = ArticleMaker(seed)
    sub = root / "generated"
    sub.mkdir(exist_ok=True)
    for i in range(n_txt):
        (sub / f"page_{i:03d}.txt").write_text(maker.article(i)["text"], encoding="utf-8")
    lines = [json.dumps(maker.article(100 + i), ensure_ascii=False) for i in range(n_jsonl)]
    lines.insert(3, "{not json")
    lines.append(lines[0])
    (root / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def sorted_frame(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """``df`` sorted by its id column, index reset (to compare frames row by row)."""
    return df.sort_values(ID_COLUMNS[name], kind="stable").reset_index(drop=True)


def assert_same_frames(a: Frames, b: Frames, *, same_order: bool = False) -> None:
    """The four frames hold the same rows (in the same order when ``same_order``), and the
    same problems are reported."""
    for (name, left), (_, right) in zip(a, b, strict=True):
        if same_order:
            pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True), obj=name)
        else:
            pd.testing.assert_frame_equal(sorted_frame(left, name), sorted_frame(right, name), obj=name)
    assert sorted(p.message() for p in a.problems) == sorted(p.message() for p in b.problems)
