"""Roles and reported speech read off the dependency parse, on the whole pipeline.

Sentences written for these tests in the shapes of real wire copy (arguments far from their
verbs, relative clauses, possessives, quotes attributed after the quote, "according to")."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from core import build_frames

DATELINE = "MEXICO CITY, Feb. 27, 2025 (Reuters) -\n\n"


def _frames(tmp_path: Path, body: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    (tmp_path / "article.txt").write_text(DATELINE + body + "\n", encoding="utf-8")
    frames = build_frames([str(tmp_path)])
    return frames.events, frames.stances


@pytest.mark.parametrize(
    ("body", "action", "pair"),
    [
        ("Mexico handed over 26 alleged cartel members, among them a trafficker who has been wanted since the 1980s"
         " for the murder of an agent, to U.S. authorities on Tuesday.", "TRANSFER", ("MX", "US")),
        ("The State Department, which has pressed for the extraditions for years, praised Mexico's attorney general"
         " for the arrests.", "SUPPORT", ("US", "MX")),
        ("Mexican Foreign Minister Marcelo Ebrard, who spoke after a meeting in Washington, accused the United States"
         " of ignoring the flow of weapons.", "ACCUSE", ("MX", "US")),
        ("Washington's threatened tariffs would hurt Mexican exporters, officials in Mexico City said.", "THREATEN",
         ("US", "MX")),
    ],
    ids=["transfer-far-argument", "relative-clause-subject", "apposition-subject", "possessive-participle"],
)
def test_syntax_roles_reach_far_arguments(tmp_path: Path, body: str, action: str, pair: tuple[str, str]) -> None:
    events, _ = _frames(tmp_path, body)
    rows = events[events["action"] == action]
    assert len(rows) >= 1, events[["action", "actor1", "actor2", "explanation"]].to_string()
    assert (rows.iloc[0]["country1"], rows.iloc[0]["country2"]) == pair


def test_syntax_roles_explain_the_path(tmp_path: Path) -> None:
    events, _ = _frames(tmp_path, "Mexico handed over 26 alleged cartel members, among them a trafficker who has"
                                  " been wanted since the 1980s, to U.S. authorities on Tuesday.")
    row = events[events["action"] == "TRANSFER"].iloc[0]
    assert "nsubj of 'handed'" in row["explanation"] and "'to' → " in row["explanation"]


@pytest.mark.parametrize(
    "body",
    [
        "The people transferred were described as high-impact criminals by the security minister.",
        "The new duties had threatened to wreck a trade pact that both economies depend on.",
        "Signs of cooperation between Mexico and the United States were scarce last year.",
    ],
    ids=["participle-describing-a-noun", "thing-as-subject", "plural-noun-not-a-verb"],
)
def test_syntax_roles_no_act_without_an_actor(tmp_path: Path, body: str) -> None:
    events, _ = _frames(tmp_path, body)
    assert events.empty or not events["action"].isin(["TRANSFER", "THREATEN", "AGREE"]).any(), \
        events[["action", "cue", "explanation"]].to_string()


@pytest.mark.parametrize(
    ("body", "holder_country", "stance"),
    [
        ("“We will not allow foreign troops on our territory under any circumstances,” Sheinbaum said on Monday.",
         "MX", "oppose"),
        ("Mexican Foreign Minister Marcelo Ebrard said the agreement will allow both countries to share intelligence"
         " and strengthen cooperation.", "MX", "support"),
        ("According to the Mexican foreign ministry, the U.S. made the decision without consulting Mexico, a"
         " violation of its sovereignty.", "MX", "oppose"),
    ],
    ids=["quote-attributed-after", "said-clause", "according-to"],
)
def test_syntax_stances_from_reported_speech(tmp_path: Path, body: str, holder_country: str, stance: str) -> None:
    _, stances = _frames(tmp_path, body)
    assert len(stances) >= 1
    row = stances.iloc[0]
    assert (row["holder_country"], row["stance"]) == (holder_country, stance)
    assert not row["quote"].startswith((",", " "))  # the content, without the attribution's punctuation


def test_syntax_stance_of_an_official_is_a_verbal_act(tmp_path: Path) -> None:
    events, stances = _frames(tmp_path, "“We are deeply grateful to the Mexican authorities for their courage and"
                                        " their cooperation,” Attorney General Merrick Garland said.")
    assert (stances["stance"] == "support").any()
    act = events[(events["action"] == "SUPPORT") & (events["country1"] == "US")]
    assert len(act) == 1 and act.iloc[0]["country2"] == "MX"


def test_syntax_recommendation_is_no_verbal_act(tmp_path: Path) -> None:
    events, _ = _frames(tmp_path, "“We must work together to stop the flow of fentanyl and guns,” Secretary of State"
                                  " Antony Blinken said.")
    assert not ((events["action"] == "SUPPORT") & (events["country1"] == "US")).any() if len(events) else True
