"""A clause of time that tells another act ("after the United States arrested two cartel
leaders earlier this year") dates that act; for the act told outside it, its date is a bound,
not the date.  A clause of time without an act ("since 2008") still dates the sentence."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from core.code import time_clauses
from core.dates import bounded, day_window, span_window
from core.pipeline import build_frames
from core.sentence_api import code_sentence

PUBLISHED = "2025-05-20"  # a Tuesday


@pytest.mark.parametrize(
    ("sentence", "clause", "kind"),
    [
        ("Mexico began closing itself off after the United States arrested two leaders earlier this year.",
         "after the United States arrested two leaders earlier this year.", "after"),
        ("Since the United States arrested Ovidio Guzmán in 2023, relations have soured.",
         "Since the United States arrested Ovidio Guzmán in 2023", "after"),
        ("Mexico extradited him in March, before Washington imposed tariffs; talks stalled.",
         "before Washington imposed tariffs", "before"),
        ("Talks went on until the United States prior to the vote (in May) left.",
         "until the United States prior to the vote ", "before"),
    ],
)
def test_code_time_clauses_run_from_the_time_word_to_the_clause_end(sentence: str, clause: str, kind: str) -> None:
    found = [(sentence[a:b], k) for a, b, k in time_clauses(sentence)]
    assert (clause, kind) in found


def test_code_time_clauses_none_without_a_time_word() -> None:
    assert time_clauses("Mexico extradited 29 cartel figures to the United States on Thursday.") == []


@pytest.mark.parametrize(
    ("window", "not_before", "not_after", "expected"),
    [
        (day_window(pd.Timestamp(PUBLISHED).date()), "2025-01-01", "", (PUBLISHED, PUBLISHED)),
        (span_window("2024-11-06", "2025-01-07"), "2024-12-01", "", ("2024-12-01", "2025-01-07")),
        (span_window("2024-11-06", "2025-01-07"), "", "2024-12-31", ("2024-11-06", "2024-12-31")),
        # a bound that would leave nothing is ignored (the text contradicts itself)
        (span_window("2024-11-06", "2025-01-07"), "2025-02-01", "", ("2024-11-06", "2025-01-07")),
    ],
)
def test_dates_bounded_narrows_a_window_and_ignores_contradictions(window, not_before, not_after, expected) -> None:
    out = bounded(window, not_before=not_before, not_after=not_after, why="test")
    assert (out.low, out.high) == expected


def _events(tmp_path: Path, body: str) -> pd.DataFrame:
    (tmp_path / "a.txt").write_text(f"MEXICO CITY, May 20, 2025 — Security officials met again.\n\n{body}\n",
                                    encoding="utf-8")
    return build_frames([tmp_path]).events


def _dates(events: pd.DataFrame, cue: str) -> tuple[str, str]:
    rows = events[events["cue"].str.startswith(cue)]
    assert len(rows) == 1, events[["cue", "action", "date_low", "date_high"]]
    return str(rows["date_low"].iloc[0]), str(rows["date_high"].iloc[0])


def test_code_after_clause_dates_its_own_act_and_bounds_the_main_act(tmp_path: Path) -> None:
    ev = _events(tmp_path, "Salazar said Mexico began closing itself off to security cooperation with "
                           "Washington after the United States arrested two cartel leaders earlier this year.")
    assert _dates(ev, "arrested") == ("2025-01-01", PUBLISHED)  # "earlier this year"
    # the closing off came after the arrests: it takes the publication date, not January
    assert _dates(ev, "closing itself off") == (PUBLISHED, PUBLISHED)


def test_code_before_clause_is_not_dated_by_the_main_acts_date(tmp_path: Path) -> None:
    ev = _events(tmp_path, "Mexico extradited the cartel leader to the United States in March, before "
                           "Washington imposed tariffs on Mexican steel.")
    assert _dates(ev, "extradited") == ("2025-03-01", "2025-03-31")
    # the tariffs came after March: the publication date, not March
    assert _dates(ev, "imposed tariffs") == (PUBLISHED, PUBLISHED)


def test_code_time_clause_with_its_own_date_dates_its_act(tmp_path: Path) -> None:
    ev = _events(tmp_path, "Mexico protested on Monday after the United States arrested two cartel "
                           "leaders last week.")
    assert _dates(ev, "arrested") == ("2025-05-12", "2025-05-18")  # last week, not Monday


def test_code_time_phrase_without_an_act_still_dates_the_sentence(tmp_path: Path) -> None:
    ev = _events(tmp_path, "Mexico has cooperated with the United States on security since 2008.")
    assert _dates(ev, "cooperated") == ("2008-01-01", PUBLISHED)


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        # the noun "cooperation" inside "suspended security cooperation" is not launched by
        # the earlier "imposed": another cue starts between them
        ("The United States imposed tariffs in February, and Mexico suspended security cooperation "
         "with Washington.", "COOPERATE"),
        ("The United States announced a suspension of aid to Guatemala.", "AID"),
    ],
)
def test_code_noun_cue_inside_another_cue_is_not_launched_across_it(sentence: str, absent: str) -> None:
    coded = code_sentence(sentence)
    actions = [e["action"] for e in coded["events"]]
    assert actions, coded
    assert absent not in actions, coded


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        # an exact interval before the time word: the clause's act is that long before the rest's
        ("Sheinbaum spoke on Monday, two days after Trump announced tariffs on goods from Mexico.",
         "2025-02-01", "2025-02-01"),
        ("Two weeks after Trump announced tariffs on goods from Mexico, Sheinbaum spoke on Monday.",
         "2025-01-17", "2025-01-23"),
        # an approximate one is only a bound, as any clause of time
        ("Sheinbaum spoke on Monday, about two days after Trump announced tariffs on goods from Mexico.",
         "", "2025-02-03"),
    ],
)
def test_code_time_clause_interval_shifts_the_clause_act(tmp_path: Path, sentence: str, low: str, high: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Tariffs\n\nMEXICO CITY (AP) — Feb. 4, 2025 — Officials met on Tuesday.\n\n" + sentence + "\n",
                    encoding="utf-8")
    events = build_frames([str(path)]).events
    sanction = events[events["action"] == "SANCTION"]
    assert len(sanction) == 1
    row = sanction.iloc[0]
    if low:
        assert (row["date_low"], row["date_high"]) == (low, high)
    else:
        assert row["date_high"] <= high and (row["date_low"], row["date_high"]) != ("2025-02-01", "2025-02-01")
