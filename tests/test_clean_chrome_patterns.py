"""Consecutive chrome patterns of one kind are joined into one regex: every line must get
the kind the patterns of ``core/data/chrome.tsv`` give one by one, in file order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core import clean
from core.datafiles import read_table

_LINES = [
    "Home » News » Border", "12 comments", "Photo: Reuters/Jose Luis Gonzalez", "(AP Photo/Eric Gay)",
    "Follow us on Twitter", "Sign up for our daily newsletter to get the news", "Published 5 minutes ago",
    "3 min read", "© 2024 Border Report", "More from Border Report", "Read more from the desk",
    "https://example.com/a/b", "pic.twitter.com/AbC123", "Mexican troops patrol the border (Photo by John Roe)",
    "The secretary said cooperation had improved.", "", "  ", "Reuters", "x" * 500,
]


def _one_by_one(line: str) -> str:
    table = read_table("chrome.tsv", required=("pattern", "match", "kind"))
    for row in table.rows:
        if row["match"] == "regex" and row["kind"] != "outlet-word":
            if re.compile(row["pattern"], re.IGNORECASE).fullmatch(line.strip()):
                return row["kind"]
    return ""


@pytest.mark.parametrize("line", _LINES)
def test_clean_chrome_kind_equals_the_patterns_one_by_one(line: str) -> None:
    key = clean.line_key(line)
    exact = clean.chrome_patterns().exact.get(key) if key else "chrome"
    expected = exact or ("" if len(line.strip()) > 400 else _one_by_one(line))
    assert clean.chrome_kind(line) == expected


def test_clean_chrome_kind_equals_the_patterns_one_by_one_on_the_seeds(seeds_dir: Path) -> None:
    seen = 0
    for path in sorted(seeds_dir.iterdir()):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if clean.line_key(line) and not clean.chrome_patterns().exact.get(clean.line_key(line)) and len(line.strip()) <= 400:
                assert clean.chrome_kind(line) == _one_by_one(line), line
                seen += 1
    assert seen > 20
