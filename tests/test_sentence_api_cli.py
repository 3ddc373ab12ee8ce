"""The sentence API: polarity from cue semantics for any actors, and its command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.sentence_api import code_sentence, main

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "polarity", "action"),
    [
        ("Mexico extradited the cartel leader to the United States.", "cooperation", "TRANSFER"),
        ("Japan lifted sanctions on North Korea.", "cooperation", "YIELD"),
        ("Rebels attacked a police post in the north, killing five officers.", "friction", "ATTACK"),
        ("Thousands of students demonstrated against the government in the capital.", "friction", "PROTEST"),
        ("Putin said his country will not lift the ban.", "friction", "REJECT"),
        ("The two ministers held talks in Geneva on Tuesday.", "cooperation", "CONSULT"),
        ("Iran summoned the British ambassador to complain about the raid.", "friction", "ACCUSE"),
        ("The weather was warm and sunny.", "neutral", ""),
    ],
)
def test_sentence_api_polarity(text: str, polarity: str, action: str) -> None:
    out = code_sentence(text)
    assert out["polarity"] == polarity
    assert out["action"] == action
    for ev in out["events"]:
        assert text[ev["cue_start"]:ev["cue_end"]] == ev["cue"]


def test_sentence_api_cli_codes_lines_and_reports_bad_ones(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "Mexico extradited a cartel leader to the United States.",
                    "date": "2025-02-27"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "c", "text": 5}) + "\n"
        + json.dumps({"id": "d", "text": "Rebels shelled the city."}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "core", "code", "--jsonl", str(src), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert f"{src}:2:" in proc.stderr and f"{src}:3:" in proc.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == ["a", "d"]
    assert lines[0]["polarity"] == "cooperation" and lines[0]["action"] == "TRANSFER"
    assert lines[0]["events"][0]["date"] == "2025-02-27"
    assert lines[1]["polarity"] == "friction"
    assert set(lines[0]) == {"id", "polarity", "action", "events"}


def test_sentence_api_usage_errors_exit_2(tmp_path: Path) -> None:
    assert main([]) == 2
    assert main(["--jsonl", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o.jsonl")]) == 2


def test_sentence_api_clean_input_exits_0(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 1, "text": "The leaders signed a peace agreement."}) + "\n\n",
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["--jsonl", str(src), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["polarity"] == "cooperation"
