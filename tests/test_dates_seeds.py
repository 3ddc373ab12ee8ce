"""The seeds' publication dates and administrations, through the whole pipeline
(``core.build_frames``), as the issue states them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.fixture(scope="module")
def articles() -> dict[str, dict[str, Any]]:
    from core import build_frames

    frames = build_frames([str(SEEDS)])
    return {Path(str(r["path"])).name[:3]: r for r in frames.articles.to_dict("records")}


def test_dates_seed_001_is_a_day(articles: dict[str, dict[str, Any]]) -> None:
    a = articles["001"]
    assert (a["published"], a["date_low"], a["date_high"], a["date_precision"]) == (
        "2021-10-08", "2021-10-08", "2021-10-08", "day")
    assert (a["us_admin"], a["mx_admin"]) == ("Biden", "López Obrador")
    assert "October 8, 2021" in a["date_evidence"]


def test_dates_seed_000_is_between_election_and_inauguration(articles: dict[str, dict[str, Any]]) -> None:
    a = articles["000"]
    assert a["published"] == "" and a["date_precision"] == "window"
    assert "2024-11-06" <= a["date_low"] <= a["date_high"] <= "2025-01-19"
    assert (a["us_admin"], a["mx_admin"]) == ("Biden", "Sheinbaum")
    assert "President-elect" in a["date_evidence"]


def test_dates_seed_002_is_after_march_2022_and_before_october_2024(articles: dict[str, dict[str, Any]]) -> None:
    a = articles["002"]
    assert a["date_low"] > "2022-03-31" and a["date_high"] < "2024-10-01"
    assert (a["us_admin"], a["mx_admin"]) == ("Biden", "López Obrador")
    assert "March 2022" in a["date_evidence"]


def test_dates_seed_003_is_2025_after_february_and_flags_the_contradiction(
        articles: dict[str, dict[str, Any]]) -> None:
    a = articles["003"]
    assert a["date_low"] > "2025-02-28" and a["date_high"] <= "2025-12-31"
    assert (a["us_admin"], a["mx_admin"]) == ("Trump II", "Sheinbaum")
    assert "2024-01-20" in a["date_evidence"] and "knowledge base" in a["date_evidence"]


def test_dates_seed_004_stays_undated(articles: dict[str, dict[str, Any]]) -> None:
    a = articles["004"]
    assert (a["published"], a["date_low"], a["date_high"], a["date_precision"]) == ("", "", "", "none")
    assert (a["us_admin"], a["mx_admin"]) == ("", "")
    assert a["date_confidence"] == 0.0 and a["date_evidence"]
