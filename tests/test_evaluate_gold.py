"""The gold annotation of the seeds (tests/gold) is well formed and encodes the codebook."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.evaluate import ACTIONS, Gold, check_gold, load_gold
from tests.shared_paths import CODEBOOK

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold"
SEEDS = ROOT / "seeds"
GOLD = load_gold(GOLD_DIR)
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
# characters that may surround a whole sentence in the file
_BEFORE = set(" \n\t\u201c\"'(•-*")
_AFTER = set(" \n\t\u201d\"')")


def _text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def test_evaluate_gold_loads_every_kind() -> None:
    assert isinstance(GOLD, Gold)
    assert GOLD.events and GOLD.stances and GOLD.articles


def test_evaluate_gold_codes_are_valid() -> None:
    assert check_gold(GOLD) == []


def test_evaluate_gold_names_exactly_the_seeds() -> None:
    assert sorted(a.article for a in GOLD.articles) == SEED_NAMES
    assert set(GOLD.article_names()) == set(SEED_NAMES)


@pytest.mark.parametrize("event", GOLD.events, ids=lambda e: e.where.rsplit("/", 1)[-1])
def test_evaluate_gold_event_sentence_is_a_whole_sentence_of_its_seed(event) -> None:
    text = _text(event.article)
    start = text.find(event.sentence)
    assert start >= 0, f"{event.where}: sentence is not a substring of {event.article}"
    end = start + len(event.sentence)
    assert start == 0 or text[start - 1] in _BEFORE, f"{event.where}: starts inside a sentence"
    assert end == len(text) or text[end] in _AFTER, f"{event.where}: ends inside a sentence"


@pytest.mark.parametrize("stance", GOLD.stances, ids=lambda s: s.where.rsplit("/", 1)[-1])
def test_evaluate_gold_stance_quote_is_in_its_seed(stance) -> None:
    assert stance.quote in _text(stance.article), f"{stance.where}: quote not in {stance.article}"


def test_evaluate_gold_has_a_rationale_everywhere() -> None:
    for item in (*GOLD.events, *GOLD.stances, *GOLD.articles):
        assert item.rationale.strip(), f"{item.where}: no rationale"


def test_evaluate_gold_every_seed_has_required_events() -> None:
    for name in SEED_NAMES:
        assert any(e.article == name and not e.optional for e in GOLD.events), name


def _required(seed: str, action: str, polarity: str, fragment: str) -> list:
    return [e for e in GOLD.events if e.article.startswith(seed) and not e.optional
            and e.action == action and e.polarity == polarity and fragment in e.sentence]


@pytest.mark.parametrize(
    ("seed", "action", "polarity", "fragment", "countries", "modality"),
    [
        ("004", "TRANSFER", "cooperation", "Mexico recently expelled 26", ("MX", "US"), "asserted"),
        ("001", "REQUEST", "friction", "continued to press the U.S. to assist", ("MX", "US"), "asserted"),
        ("000", "ACCUSE", "friction", "Salazar said Mexico began closing", ("US", "MX"), "asserted"),
        ("000", "REJECT", "friction", "Salazar said Mexico began closing", ("MX", "US"), "reported"),
        ("003", "ATTACK", "friction", "fired at Border Patrol agents", ("NS", "US"), "asserted"),
        ("003", "ATTACK", "friction", "laser pointer", ("NS", "US"), "asserted"),
    ],
)
def test_evaluate_gold_encodes_the_codebook_hard_cases(seed, action, polarity, fragment, countries,
                                                       modality) -> None:
    found = _required(seed, action, polarity, fragment)
    assert len(found) == 1
    e = found[0]
    assert (e.country1, e.country2) == countries
    assert e.modality == modality
    if "NS" in countries:
        assert e.dyad == "nonstate"


def test_evaluate_gold_codes_nothing_in_the_recommendation_bullets_and_teasers() -> None:
    text004 = _text(SEED_NAMES[4])
    bullets = text004[text004.index("Key elements of this include:"):text004.index("The Impact of Expulsions")]
    teasers = _text(SEED_NAMES[0])
    teasers = teasers[teasers.index("  •"):]
    for e in GOLD.events:
        assert e.sentence not in bullets and e.sentence not in teasers, e.where


def test_evaluate_gold_article_dates_match_the_brief() -> None:
    by = {a.article[:3]: a for a in GOLD.articles}
    assert (by["001"].published, by["001"].date_precision) == ("2021-10-08", "day")
    assert "2024-11-06" <= by["000"].date_low <= by["000"].date_high <= "2025-01-19"
    assert "2022-03-31" <= by["002"].date_low <= by["002"].date_high <= "2024-09-30"
    assert by["003"].date_low >= "2025-03-01" and by["003"].date_high <= "2025-12-31"
    assert (by["004"].date_low, by["004"].date_high, by["004"].date_precision) == ("", "", "none")
    assert [by[k].us_admin for k in sorted(by)] == ["Biden", "Biden", "Biden", "Trump II", ""]
    assert [by[k].mx_admin for k in sorted(by)] == ["Sheinbaum", "López Obrador", "López Obrador", "Sheinbaum", ""]


def test_evaluate_gold_actions_cover_the_codebook() -> None:
    codebook = CODEBOOK.read_text(encoding="utf-8") if CODEBOOK.exists() else ""
    if not codebook:
        pytest.skip("codebook not available here")
    for action in ACTIONS:
        assert f"| {action} |" in codebook, action
