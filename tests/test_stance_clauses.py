"""Unquoted "said" clauses: a stated reservation makes support mixed, gratitude is support."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.pipeline import build_frames


@pytest.mark.parametrize(
    ("sentence", "holder", "stance", "target"),
    [
        ("Sheinbaum said Mexico would cooperate with the United States but would not accept subordination.",
         "Claudia Sheinbaum", "mixed", "bilateral security cooperation"),
        ("Deputy Secretary of State Christopher Landau said the United States was grateful for Mexico's "
         "cooperation on security.", "Christopher Landau", "support", "bilateral security cooperation"),
    ],
)
def test_stance_said_clause(tmp_path: Path, sentence: str, holder: str, stance: str, target: str) -> None:
    (tmp_path / "a.txt").write_text(f"MEXICO CITY, Oct. 16, 2025 — Officials spoke.\n\n{sentence}\n",
                                    encoding="utf-8")
    st = build_frames([tmp_path]).stances
    assert [(r.holder, r.stance, r.target) for r in st.itertuples()] == [(holder, stance, target)]


def test_stance_pronoun_after_a_quote_and_a_partnership_of_equals(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "MEXICO CITY, Sept. 4, 2025 — Officials met.\n\n"
        "Rubio said the United States would not send troops into Mexico. “This is a partnership of equals,” "
        "he said.\n", encoding="utf-8")
    st = build_frames([tmp_path]).stances
    assert [(r.holder, r.stance) for r in st.itertuples()] == [("Marco Rubio", "support")]


@pytest.mark.parametrize(
    ("sentence", "stances"),
    [
        # a verb that reports speech only with a clause: its object is no speech
        ("The Pentagon announced a significant step in strengthening border security through "
         "coordinated efforts with the Mexican military.", 0),
        ("The Pentagon announced that security cooperation with the Mexican military had been an "
         "important success.", 1),
    ],
)
def test_stance_reporting_verb_with_an_object_reports_no_speech(tmp_path: Path, sentence: str,
                                                                stances: int) -> None:
    (tmp_path / "a.txt").write_text("Border news\n\nWASHINGTON, March 3, 2025 — " + sentence + "\n",
                                    encoding="utf-8")
    st = build_frames([tmp_path]).stances
    assert len(st) == stances, st[["holder", "stance", "quote"]]


def test_stance_it_holder_is_the_last_institution(tmp_path: Path) -> None:
    """ "It says …" after an institution's statement: the institution holds the stance."""
    (tmp_path / "a.txt").write_text(
        "Drones over Mexico\n\nMEXICO CITY, March 3, 2011 — The Mexican Navy said the patrols were "
        "under its command. It says the U.S. drones have boosted the navy’s “capabilities” against "
        "arms trafficking.\n", encoding="utf-8")
    st = build_frames([tmp_path]).stances
    rows = st[st["quote"].astype(str).str.contains("boosted", regex=False)]
    assert list(rows["holder"]) == ["Secretariat of the Navy"], st[["holder", "stance", "quote"]]
    assert list(rows["stance"]) == ["support"]
