"""Stances held by "he"/"she" (the last person named before the sentence), and unquoted
refusals ("said her government would not accept …") as stances of the one who says them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from core.pipeline import build_frames

ARTICLE = (
    "Sheinbaum rejects U.S. troops\n\n"
    "MEXICO CITY, March 3, 2025 — Mexican President Claudia Sheinbaum spoke to reporters on Monday.\n\n"
    "“We will never accept the presence of U.S. troops on our territory,” she said.\n\n"
    "She added that cooperation with Washington was based on mutual respect.\n\n"
    "U.S. Secretary of State Marco Rubio spoke with Mexican officials on Tuesday. "
    "He said the security partnership with Mexico had been a success.\n\n"
    "Rubio said, “Our partnership has never been stronger and we work together every day.”\n\n"
    "Sheinbaum said on Friday that her government would not accept any U.S. military "
    "intervention on Mexican soil.\n"
)


@pytest.fixture(scope="module")
def frames(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, pd.DataFrame]:
    root: Path = tmp_path_factory.mktemp("pronouns")
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    f = build_frames([root])
    return f.stances, f.events


@pytest.mark.parametrize(
    ("quote_part", "holder", "stance"),
    [
        ("never accept the presence of U.S. troops", "Claudia Sheinbaum", "oppose"),  # “…,” she said
        ("based on mutual respect", "Claudia Sheinbaum", "support"),  # She added that …
        ("had been a success", "Marco Rubio", "support"),  # He said … (the last person named)
        ("would not accept any U.S. military intervention", "Claudia Sheinbaum", "oppose"),
    ],
)
def test_stance_pronoun_and_refusal_holders(frames: tuple[pd.DataFrame, pd.DataFrame], quote_part: str,
                                            holder: str, stance: str) -> None:
    st = frames[0]
    rows = st[st["quote"].astype(str).str.contains(quote_part, regex=False)]
    assert len(rows) == 1, st[["holder", "stance", "quote"]]
    assert (rows["holder"].iloc[0], rows["stance"].iloc[0]) == (holder, stance)
    assert rows["holder_country"].iloc[0] == ("MX" if holder == "Claudia Sheinbaum" else "US")


def test_stance_quote_by_pronoun_gives_the_holders_event(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    """The coder's quoted acts (a refusal inside a quote) take the quote's holder too."""
    ev = frames[1]
    rej = ev[(ev["action"] == "REJECT") & (ev["cue"].astype(str) == "never accept")]
    assert list(rej["actor1"]) == ["Claudia Sheinbaum"], ev[["actor1", "action", "cue"]]


def test_stance_pronoun_without_a_person_before_gives_no_holder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "MEXICO CITY, March 3, 2025 — Officials met.\n\n"
        "“We will never accept the presence of U.S. troops on our territory,” she said.\n",
        encoding="utf-8")
    assert build_frames([tmp_path]).stances.empty


POST = (
    "MEXICO CITY, March 3, 2025 — Mexican President Claudia Sheinbaum spoke to reporters on Monday.\n\n"
    "A U.S. drone strike on Mexican soil would be unacceptable, Sheinbaum said.\n\n"
    "Security cooperation between the two countries has been a success, said Marco Rubio.\n\n"
    "The strategy against the cartels has failed, he said on Tuesday.\n\n"
    "Mexico and the United States will hold talks next week, officials said.\n"
)


@pytest.mark.parametrize(
    ("quote_part", "holder", "stance"),
    [
        # the quote is what was said (the attribution's content; a sentence read without the
        # parse keeps its attribution), so match on the content
        ("would be unacceptable", "Claudia Sheinbaum", "oppose"),  # …, X said.
        ("has been a success", "Marco Rubio", "support"),  # …, said X.
        ("has failed", "Marco Rubio", "oppose"),  # …, he said <when>.
    ],
)
def test_stance_attribution_after_an_unquoted_clause(tmp_path: Path, quote_part: str, holder: str,
                                                      stance: str) -> None:
    (tmp_path / "a.txt").write_text(POST, encoding="utf-8")
    st = build_frames([tmp_path]).stances
    rows = st[st["quote"].astype(str).str.contains(quote_part, regex=False)]
    assert [(r.holder, r.stance) for r in rows.itertuples()] == [(holder, stance)], st[["holder", "quote"]]
    # a plain report with its attribution after it is no stance
    assert not st["quote"].astype(str).str.contains("will hold talks").any()


def test_stance_partial_quote_and_a_closed_quote_not_attributed_by_the_next_sentence(tmp_path: Path) -> None:
    """'X told reporters that Mexico “will not tolerate …”' is X's; the "He said" of the next
    sentence does not take a quotation that ended its own sentence."""
    (tmp_path / "a.txt").write_text(
        "MEXICO CITY, Oct. 14, 2025 — Defense Secretary Pete Hegseth said the United States could strike "
        "cartel targets inside Mexico.\n\n"
        "Foreign Minister Juan Ramón de la Fuente told reporters that Mexico “will not tolerate any "
        "violation of our sovereignty.” He said the government had sent a diplomatic note to Washington.\n",
        encoding="utf-8")
    st = build_frames([tmp_path]).stances
    rows = st[st["quote"].astype(str).str.contains("will not tolerate", regex=False)]
    assert [(r.holder, r.stance) for r in rows.itertuples()] == [("Juan Ramón de la Fuente", "oppose")]
