"""``python -m core evaluate`` in a subprocess, on the seeds and on wrong usage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "core", "evaluate", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.slow
def test_evaluate_cli_scores_the_seeds(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    proc = _run("--gold", "tests/gold", "--corpus", "seeds", "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    for label in ("events   precision", "stances  precision", "polarity accuracy", "action accuracy",
                  "actor-country accuracy", "article date accuracy", "administration accuracy",
                  "MISSES (", "FALSE POSITIVES ("):
        assert label in text, label
    assert "NOT SCORED" not in text
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [a["article"][:3] for a in report["per_article"]] == ["000", "001", "002", "003", "004"]
    events = report["events"]
    # every required gold event is either matched or listed as a miss; every prediction is
    # matched, set aside or listed as a false positive
    assert events["tp"] + events["fn"] == 26
    assert events["fn"] == sum(1 for m in report["misses"] if m["frame"] == "events")
    assert events["fp"] == sum(1 for m in report["false_positives"] if m["frame"] == "events")
    assert report["stances"]["tp"] + report["stances"]["fn"] == 12
    assert report["date_accuracy"]["total"] == 5 and report["us_admin_accuracy"]["total"] == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--gold", "no/such/gold", "--corpus", "seeds"), "gold file or directory not found"),
        (("--gold", "tests/gold"), "--gold needs --corpus"),
        (("--gold", "tests/gold", "--corpus", "no/such/dir"), "corpus path not found"),
        (("--peer", "no/such.jsonl"), "peer file not found"),
    ],
)
def test_evaluate_cli_wrong_usage_exits_2_with_a_message(args: tuple[str, ...], message: str) -> None:
    proc = _run(*args, timeout=120)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_evaluate_cli_bad_gold_line_is_named(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"kind": "article", "article": "x.txt"}\n{"kind": "event", "article": "x.txt"\n',
                    encoding="utf-8")
    proc = _run("--gold", str(gold), "--corpus", "seeds", timeout=120)
    assert proc.returncode == 2
    assert f"{gold}:2: not valid JSON" in proc.stderr


def test_evaluate_cli_gold_record_missing_fields_is_named(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from core.evaluate import main

    gold = tmp_path / "events.jsonl"
    gold.write_text('{"article": "x.txt", "sentence": "A met B."}\n', encoding="utf-8")
    assert main(["--gold", str(gold), "--corpus", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{gold}:1: event record lacks field(s)" in err and "polarity" in err
