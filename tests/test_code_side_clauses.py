"""A date inside a side clause (", which …", ", who …") dates that clause, not the act told
outside it; an act told inside the clause keeps the clause's date."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.code import date_text
from core.pipeline import build_frames


@pytest.mark.parametrize(
    ("sentence", "cue", "kept"),
    [
        ("Officials condemned these crimes, which have risen in recent years, on Monday.", "condemned", False),
        ("The minister, who met Blinken last week, said the talks went well.", "met", True),
        ("Sheinbaum, quien viajó a Washington el año pasado, rechazó la propuesta.", "rechazó", False),
        ("The extradition, which was agreed in 2019, went ahead.", "went", False),
    ],
)
def test_code_date_text_blanks_side_clauses_without_a_cue(sentence: str, cue: str, kept: bool) -> None:
    at = sentence.index(cue)
    out = date_text(sentence, [(at, at + len(cue))])
    assert len(out) == len(sentence)
    clause = sentence[sentence.index(",") : sentence.index(",", sentence.index(",") + 1)]
    assert (clause in out) is kept
    assert out[at : at + len(cue)] == cue


def test_code_side_clause_date_does_not_date_the_main_act(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "MEXICO CITY, May 2, 2025 — Security talks continued in the capital.\n\n"
        "U.S. Secretary of State Marco Rubio praised Mexico's "
        "cooperation against fentanyl trafficking networks, which have grown in recent years, "
        "in a call with President Claudia Sheinbaum.\n",
        encoding="utf-8",
    )
    frames = build_frames([tmp_path])
    ev = frames.events[frames.events["cue"] == "praised"]
    assert len(ev), "the praise is coded"
    assert set(ev["date_low"]) == {"2025-05-02"}, ev[["cue", "date", "date_low", "date_high"]]
