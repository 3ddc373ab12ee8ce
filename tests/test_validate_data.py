"""`python -m core check-data`: every data file checked, every problem reported with its place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core import datafiles, validate
from core.datafiles import parse_table


def test_validate_real_data_files_have_no_problem() -> None:
    assert validate.validate_data() == []


def test_validate_cli_reports_clean_data_and_exit_zero() -> None:
    proc = subprocess.run([sys.executable, "-m", "core", "check-data"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "0 problem(s)" in proc.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kind\tpattern\nverb\tx\n", "no provenance header"),
        ("# source: me\nkind\tpattern\nverb\tx\textra\n", "3 cells but 2 columns"),
        ("# source: me\nkind\tpattern\n\tx\n", "empty required cell 'kind'"),
        ("# source: me\nkind\n", "missing column(s): pattern"),
    ],
)
def test_validate_parser_reports_each_problem_with_its_line(text: str, expected: str) -> None:
    _table, issues = parse_table(text, file="bad.tsv", required=("kind", "pattern"))
    assert any(expected in issue.message for issue in issues), issues
    assert all(str(issue).startswith("bad.tsv:") for issue in issues)


def test_validate_collects_problems_from_several_files(tmp_path: Path, monkeypatch) -> None:
    for path in datafiles.DATA_DIR.glob("*.tsv"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "chrome.tsv").write_text("pattern\tmatch\tkind\nAdvertisement\texact\tad\textra\n",
                                         encoding="utf-8")
    (tmp_path / "cameo.tsv").write_text((tmp_path / "cameo.tsv").read_text(encoding="utf-8") + "\t".join("x" * 40) + "\n",
                                        encoding="utf-8")
    monkeypatch.setattr(validate, "DATA_DIR", tmp_path)
    files = {issue.file for issue in validate.validate_data()}
    assert {"chrome.tsv", "cameo.tsv"} <= files
