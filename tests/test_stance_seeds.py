"""The stance extractor on the seed articles (the quotes the issue names) and on rules."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from core.pipeline import ArticleResult, process_doc
from core.read import iter_corpus
from core.records import Problem, Stance
from core.stance import judge

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@cache
def _result(prefix: str) -> ArticleResult:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    raw = next(r for r in iter_corpus([str(path)]) if not isinstance(r, Problem))
    return process_doc(raw)


def _stance(prefix: str, quote_part: str) -> Stance:
    found = [s for s in _result(prefix).stances if quote_part in s.quote]
    assert found, f"no stance with {quote_part!r}: {[s.quote[:40] for s in _result(prefix).stances]}"
    return found[0]


@pytest.mark.parametrize(
    ("prefix", "quote_part", "holder", "country", "stance"),
    [
        ("000", "The truth is Mexico is not safe", "Ken Salazar", "US", "oppose"),
        ("000", "We coordinate, we work together, but there is no compliance", "Claudia Sheinbaum", "MX",
         "mixed"),
        ("001", "comprehensive new approach to our security cooperation", "Antony Blinken", "US", "support"),
        ("001", "Too many people continue to suffer", "Alejandro Mayorkas", "US", "support"),
        ("002", "We must work collaboratively", "Alejandro Mayorkas", "US", "support"),
        ("002", "committed to working together with our neighbors", "López Obrador", "MX", "support"),
        ("002", "Merely increasing the number of operations", "Aizpuru", None, "oppose"),
        ("002", "we also fear that an increased presence of armed forces", "Maria Gonzalez", None, "mixed"),
    ],
)
def test_stance_seed_quotes(prefix: str, quote_part: str, holder: str, country: str | None,
                            stance: str) -> None:
    s = _stance(prefix, quote_part)
    assert holder in s.holder
    if country is not None:
        assert s.holder_country == country
    assert s.stance == stance
    assert s.target
    text = _result(prefix).article["text"]
    assert text[s.start:s.end] == s.quote


def test_stance_teasers_give_no_stance() -> None:
    assert not [s for s in _result("000").stances if "Hathaway" in s.holder or "Hobbs" in s.holder]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We coordinate, we work together, but there is no subordination.", "mixed"),
        ("Cooperation, yes; subordination, no.", "mixed"),
        ("This partnership will make our border safer and our cooperation stronger.", "support"),
        ("The security strategy has failed and the country is not safe.", "oppose"),
        ("The weather in the capital was sunny and warm today.", None),
        ("We will focus not only on enforcement but also on working together with our partners.", "support"),
    ],
)
def test_stance_judge_rules(sentence: str, expected: str | None) -> None:
    j = judge(sentence, 0, len(sentence))
    assert (j.stance if j else None) == expected


def test_stance_article_voice_only_for_explicit_verdicts() -> None:
    voiced = [s for s in _result("004").stances if s.holder == "Article (own voice)"]
    assert [s.stance for s in voiced] in (["support"], ["mixed"])
    assert "positive step" in voiced[0].quote
    # descriptive sentences of the article are not stances
    assert not [s for s in _result("002").stances if s.holder == "Article (own voice)"]
