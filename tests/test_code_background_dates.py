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
        pytest.param(
            "The United States criticized the Mexican security law adopted in 2020 that limits DEA agents.",
            marks=pytest.mark.xfail(strict=True, reason=(
                "no event: the small parser attaches 'that limits DEA agents' to 'criticized' (ccomp), "
                "and the word-window fallback then takes 'DEA agents' as the target (the actor's own "
                "side); this passed before only on the dateline's misread event"))),
        "Mexico extradited to the United States a cartel leader captured in 2016 in Los Mochis.",
    ],
)
def test_code_background_clause_year_does_not_date_the_act(tmp_path: Path, sentence: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(HEAD + sentence + "\n", encoding="utf-8")
    frames = build_frames([str(path)])
    text = dict(zip(frames.passages["passage_id"], frames.passages["text"], strict=True))
    events = frames.events[frames.events["passage_id"].map(text) == sentence]  # (not the dateline's)
    assert len(events) >= 1, frames.events[["actor1", "action", "actor2", "cue"]]
    main = events.iloc[-1]
    assert (main["date_low"], main["date_high"]) == ("2025-03-06", "2025-03-06")


def test_code_main_clause_year_still_dates_the_act(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(HEAD + "In 2008 the United States launched a police training program with Mexico, "
                    "officials recalled.\n", encoding="utf-8")
    events = build_frames([str(path)]).events
    assert len(events) >= 1 and events.iloc[-1]["date_low"].startswith("2008")
