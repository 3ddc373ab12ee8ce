"""Article-level facts on real articles (the development corpus's dev split, read as a user
brings them: JSONL with each page's url): publication windows, administrations, outlets and
titles stay where they were measured (README, "Dates, outlets and titles").  Skips when the
texts have not been re-pulled (devcorpus/README.md)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "devcorpus"
TEXTS = DEV / "texts"
with (DEV / "manifest.tsv").open(encoding="utf-8", newline="") as _f:
    MANIFEST = list(csv.DictReader(_f, delimiter="\t"))

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not all((TEXTS / f"{r['id']}.txt").is_file() for r in MANIFEST),
    reason="devcorpus/texts/ is absent or incomplete: re-pull it (devcorpus/README.md)")]


def _evaluate(tmp_path: Path, *, with_urls: bool) -> dict[str, object]:
    corpus: Path = TEXTS
    if with_urls:
        corpus = tmp_path / "with_urls.jsonl"
        corpus.write_text("".join(json.dumps({"id": r["id"], "url": r["url"],
                                              "text": (TEXTS / f"{r['id']}.txt").read_text(encoding="utf-8")})
                                  + "\n" for r in MANIFEST if r["split"] == "dev"), encoding="utf-8")
    out = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "core", "evaluate", "--gold", str(DEV / "gold"), "--corpus", str(corpus),
         "--gold-texts", str(TEXTS), "--split", "dev", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return report


def _ratio(report: dict[str, object], key: str) -> float:
    value = report[key]
    assert isinstance(value, dict)
    return float(value["value"])


@pytest.mark.slow
def test_devcorpus_dates_with_urls_hold_and_are_narrow(tmp_path: Path) -> None:
    report = _evaluate(tmp_path, with_urls=True)
    assert _ratio(report, "date_holds") >= 0.95
    assert _ratio(report, "date_narrow") >= 0.80
    assert _ratio(report, "admin_accuracy") >= 0.95
    assert _ratio(report, "outlet_accuracy") >= 0.85
    assert _ratio(report, "title_accuracy") >= 0.90


@pytest.mark.slow
def test_devcorpus_dates_from_text_alone_hold(tmp_path: Path) -> None:
    report = _evaluate(tmp_path, with_urls=False)
    assert _ratio(report, "date_holds") >= 0.88
    assert _ratio(report, "title_accuracy") >= 0.90
