"""Peer mode of ``core.evaluate``: scoring a sentence coder against an outside labelled set.

The coder is injected (``coder=``): these tests check the scoring, not the coder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.evaluate import evaluate_peer, load_peer, main, run
from tests.shared_paths import CONFLIBERT

RECORDS = [
    {"id": "t1", "text": "A signed a treaty with B.", "polarity": "cooperation", "split": "test", "date": "20150301"},
    {"id": "t2", "text": "A shelled B.", "polarity": "friction", "split": "test", "date": None},
    {"id": "t3", "text": "A met B.", "polarity": "cooperation", "split": "test"},
    {"id": "t4", "text": "A denounced B.", "polarity": "friction", "split": "test"},
    {"id": "r1", "text": "A shelled C.", "polarity": "friction", "split": "train"},
    {"id": "e1", "text": "", "polarity": "friction", "split": "test"},
]


def fake_coder(text: str, *, date: str | None = None) -> dict[str, Any]:
    """A stand-in coder: 'signed' and 'denounced' are read as cooperation, 'shelled' as
    friction, anything else as neutral (so t4 is wrong and t3 is not covered)."""
    fake_coder.calls.append((text, date))  # type: ignore[attr-defined]
    if "signed" in text or "denounced" in text:
        return {"polarity": "cooperation", "action": "AGREE", "events": []}
    if "shelled" in text:
        return {"polarity": "friction", "action": "ATTACK", "events": []}
    return {"polarity": "neutral", "action": "", "events": []}


@pytest.fixture(autouse=True)
def _reset_calls() -> None:
    fake_coder.calls = []  # type: ignore[attr-defined]


def _write(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "peer.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_evaluate_peer_scores_one_split() -> None:
    [res] = evaluate_peer(RECORDS, coder=fake_coder, split="test")
    assert res.split == "test" and res.n == 4  # the empty text is skipped
    assert (res.accuracy.right, res.accuracy.total) == (2, 4)
    assert (res.coverage.right, res.coverage.total) == (3, 4)
    assert (res.covered_accuracy.right, res.covered_accuracy.total) == (2, 3)
    assert res.confusion["friction"]["cooperation"] == 1
    assert res.confusion["cooperation"]["neutral"] == 1
    assert {e["id"] for e in res.errors} == {"t3", "t4"}
    assert ("A signed a treaty with B.", "2015-03-01") in fake_coder.calls  # type: ignore[attr-defined]


def test_evaluate_peer_every_split_and_total() -> None:
    results = evaluate_peer(RECORDS, coder=fake_coder)
    assert [r.split for r in results] == ["test", "train", "total"]
    assert results[-1].n == 5 and results[-1].accuracy.right == 3


def test_evaluate_peer_set_without_split_field_uses_all_records() -> None:
    records = [{k: v for k, v in r.items() if k != "split"} for r in RECORDS]
    records.append({"id": "n1", "text": "A and B are neighbours.", "polarity": "none"})
    [res] = evaluate_peer(records, coder=fake_coder, split="test")
    assert res.split == "all" and res.n == 6
    assert res.confusion["neutral"]["neutral"] == 1  # gold none counts as neutral


def test_evaluate_peer_cli_prints_figures_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    peer = _write(tmp_path, RECORDS)
    out = tmp_path / "report.json"
    assert run(["--peer", str(peer), "--split", "test", "--json", str(out)], coder=fake_coder) == 0
    printed = capsys.readouterr().out
    assert "split test: n=4" in printed and "polarity accuracy 0.500" in printed
    assert "coverage 0.750" in printed and "accuracy among covered 0.667" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["results"][0]["accuracy"]["value"] == 0.5


def test_evaluate_peer_bad_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok", "polarity": "friction"}\nnot json\n', encoding="utf-8")
    with pytest.raises(Exception, match=r"bad\.jsonl:2: not valid JSON"):
        load_peer(bad)
    assert main(["--peer", str(tmp_path / "missing.jsonl")]) == 2
    assert "peer file not found" in capsys.readouterr().err


@pytest.mark.skipif(not CONFLIBERT.exists(),
                    reason="peer sets not available here")
def test_evaluate_peer_reads_the_conflibert_set() -> None:
    records = load_peer(CONFLIBERT)
    results = evaluate_peer(records, coder=fake_coder, split="test")
    assert [r.split for r in results] == ["test"] and results[0].n == 451
