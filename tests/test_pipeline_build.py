"""The Python API: build_frames on real and hostile corpora."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core import build_frames, schema

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seed_frames():
    return build_frames([SEEDS])


@pytest.mark.parametrize("name", ["articles", "passages", "events", "stances"])
def test_pipeline_frames_have_the_contract_columns(seed_frames, name: str) -> None:
    frame = getattr(seed_frames, name)
    assert list(frame.columns[: len(schema.FRAMES[name])]) == list(schema.FRAMES[name])


def test_pipeline_every_frame_points_into_its_article_text(seed_frames) -> None:
    texts = dict(zip(seed_frames.articles["article_id"], seed_frames.articles["text"], strict=True))
    for row in seed_frames.passages.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    for frame in (seed_frames.events, seed_frames.stances):
        for row in frame.itertuples():
            assert 0 <= row.start < row.end <= len(texts[row.article_id])
    assert len(seed_frames.events) > 0 and len(seed_frames.stances) > 0


def test_pipeline_chrome_only_article_is_a_problem_and_others_land(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "001_1f328b6685bee22c.txt", tmp_path / "good.txt")
    (tmp_path / "chrome.txt").write_text("Advertisement\n\nTrending\n\nConnect with us\n", encoding="utf-8")
    frames = build_frames([tmp_path])
    assert len(frames.articles) == 1
    reasons = {Path(p.path).name: p.reason for p in frames.problems}
    assert "no article text" in reasons["chrome.txt"]


def test_pipeline_same_article_twice_is_one_article(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "002_d3ba802543a45c7e.txt", tmp_path / "a.txt")
    shutil.copy(SEEDS / "002_d3ba802543a45c7e.txt", tmp_path / "copy of a.txt")
    frames = build_frames([tmp_path])
    assert len(frames.articles) == 1
    assert any("duplicate of" in p.reason for p in frames.problems)
