"""The parse stage: which sentences are parsed, what happens when the parser cannot or fails,
and the one clear message when no pipeline is installed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from core import build_frames, parse

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("word " * 400, "longer than"),
        ("— … 123 456 — ** ##", "no words"),
        ("a " * 170, "more than"),
    ],
    ids=["too-long", "no-words", "too-many-words"],
)
def test_parse_unparsable_sentences_are_left_with_a_reason(text: str, reason: str) -> None:
    parses, reasons = parse.parse_passages([("p1", 0, text)])
    assert parses == {} and len(reasons) == 1 and reason in reasons[0]


def test_parse_aligns_tokens_to_article_offsets() -> None:
    text = "Mexico extradited two suspects to the United States."
    parses, reasons = parse.parse_passages([("p1", 100, text)])
    assert reasons == []
    parsed = parses["p1"]
    span = parsed.tokens_of(100 + text.index("United"), 100 + text.index(" States") + 7)
    assert span is not None and span.text == "United States"
    tok = parsed.token_at(100 + text.index("extradited") + 3)
    assert tok is not None and tok.lemma_ == "extradite" and parsed.start_of(tok) == 100 + text.index("extradited")


class _Broken:
    def pipe(self, texts: Any, batch_size: int = 0) -> Any:
        raise RuntimeError("the parser fell over")


def test_parse_a_failing_parser_costs_the_parse_not_the_article() -> None:
    parses, reasons = parse.parse_passages([("p1", 0, "Mexico extradited two suspects.")], nlp=_Broken())
    assert parses == {} and "parser failed (RuntimeError: the parser fell over)" in reasons[0]


def test_parse_a_long_sentence_is_noted_on_its_article(tmp_path: Path) -> None:
    long = "Mexico and the United States agreed " + "and agreed " * 200 + "to cooperate."
    (tmp_path / "a.txt").write_text("Mexico extradited two suspects to the United States on Friday.\n\n" + long + "\n",
                                    encoding="utf-8")
    frames = build_frames([str(tmp_path)])
    assert len(frames.articles) == 1
    assert "not parsed (longer than" in frames.articles.iloc[0]["problems"]
    assert any("not parsed" in p.reason for p in frames.problems)


def test_parse_missing_pipeline_is_one_clear_message(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Mexico extradited two suspects to the United States.\n", encoding="utf-8")
    env = {**os.environ, parse.MODEL_SETTING: "no_such_pipeline_xyz"}
    run = subprocess.run([sys.executable, "-m", "core", "build", "--corpus", str(tmp_path), "--out",
                          str(tmp_path / "store")], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert run.returncode != 0
    assert "no_such_pipeline_xyz" in run.stderr and "not installed" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "store").exists()
