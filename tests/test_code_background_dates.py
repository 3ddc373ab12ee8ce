"""Background does not date the news: a year inside a clause that tells about a noun ("a
programme launched in 2008", "which was adopted in 2020") dates only that clause; the event
whose only date it is takes the article's date."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.pipeline import build_frames

HEAD = "Security ties\n\nMEXICO CITY (AP) — March 6, 2025 — Officials met on Thursday to review security.\n\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "Mexico ended the police training program launched in 2008 with the United States, officials said.",
        "The United States criticized a Mexican rule, which was adopted in 2020, that limits DEA agents.",
        "The United States criticized the Mexican security law adopted in 2020 that limits DEA agents.",
        "Mexico extradited to the United States a cartel leader captured in 2016 in Los Mochis.",
    ],
)
def test_code_background_clause_year_does_not_date_the_act(tmp_path: Path, sentence: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(HEAD + sentence + "\n", encoding="utf-8")
    events = build_frames([str(path)]).events
    assert len(events) >= 1
    main = events.iloc[-1]
    assert (main["date_low"], main["date_high"]) == ("2025-03-06", "2025-03-06")


def test_code_main_clause_year_still_dates_the_act(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(HEAD + "In 2008 the United States launched a police training program with Mexico, "
                    "officials recalled.\n", encoding="utf-8")
    events = build_frames([str(path)]).events
    assert len(events) >= 1 and events.iloc[-1]["date_low"].startswith("2008")
