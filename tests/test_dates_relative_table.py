"""Relative date expressions as a table (core/data/relative_dates.tsv): each rule resolves as
documented, and the validators name file, line and column of every bad row."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import dates
from core.kb import load_kb

FRIDAY = dates.day_window(dates._d("2024-03-15"))  # a Friday


@pytest.mark.parametrize(("sentence", "low", "high"), [
    ("The talks ended yesterday.", "2024-03-14", "2024-03-14"),
    ("Officials met earlier this week.", "2024-03-11", "2024-03-15"),
    ("A vote is expected later this week.", "2024-03-15", "2024-03-17"),
    ("The envoy flew in last week.", "2024-03-04", "2024-03-10"),
    ("Both sides will meet next week.", "2024-03-18", "2024-03-24"),
    ("The raids happened over the weekend.", "2024-03-09", "2024-03-10"),
    ("The decree was signed last month.", "2024-02-01", "2024-02-29"),
    ("The figures rose earlier this year.", "2024-01-01", "2024-03-15"),
    ("Seizures have grown in recent weeks.", "2024-02-02", "2024-03-15"),
    ("El canciller habló la semana pasada.", "2024-03-04", "2024-03-10"),
    ("Se reunirán el próximo mes.", "2024-04-01", "2024-04-30"),
])
def test_dates_relative_table_rules_resolve(sentence: str, low: str, high: str) -> None:
    got = dates.event_date(sentence, published=FRIDAY, kb=load_kb())
    assert (got.low, got.high) == (low, high), got.evidence


@pytest.mark.parametrize(("sentence", "country"), [
    ("The previous administration had refused.", "US"),
    ("The previous Mexican administration had refused.", "MX"),
    ("The previous U.S. administration had pressed Mexico.", "US"),  # the slot beats the text's cue
    ("The previous administration in Mexico had refused.", "MX"),
    ("El gobierno anterior lo había negado.", "MX"),
    ("El gobierno anterior de Estados Unidos lo había negado.", "US"),
])
def test_dates_relative_table_previous_administration_country(sentence: str, country: str) -> None:
    got = dates.event_date(sentence, published=FRIDAY, kb=load_kb())
    assert got.evidence.endswith(f"administration ({country})"), got.evidence


def test_dates_relative_table_validator_names_every_bad_row(tmp_path: Path) -> None:
    (tmp_path / "relative_dates.tsv").write_text(
        "# test table\n"
        "phrase\trule\tvalue\tnews\tcontains\n"
        "last fortnight\tfortnight\t\t\t\n"
        "last week\tweek\tone\t\t\n"
        "this week\tweek_to_date\t\tmonth\tmaybe\n"
        "the previous {country} week\tweek\t-1\t\t\n"
        "last week\tweek\t-1\t\t\n",
        encoding="utf-8")
    issues = dates.validate_relative_dates(tmp_path)
    found = {(i.line, i.message.split(":")[0]) for i in issues}
    assert (3, "column 'rule'") in found
    assert (4, "column 'value'") in found
    assert (5, "column 'news'") in found and (5, "column 'contains'") in found
    assert (6, "column 'phrase'") in found
    assert any(i.line == 7 and "repeats line 4" in i.message for i in issues)
    assert all(i.file == "relative_dates.tsv" for i in issues)


def test_dates_relative_table_date_words_validator(tmp_path: Path) -> None:
    (tmp_path / "date_words.tsv").write_text(
        "# test words\nword\ttype\tvalue\nJanuary\tmonth\t13\nsoon\tadverb\tx\nago\ttrigger\tpast\n"
        "January\tmonth\t1\n", encoding="utf-8")
    issues = dates.validate_date_words(tmp_path)
    assert [(i.line, i.message.split(":")[0]) for i in issues] == [
        (3, "column 'value'"), (4, "column 'type'"), (5, "column 'value'"), (6, "column 'word'")]


def test_dates_relative_table_shipped_files_are_clean() -> None:
    assert dates.validate_relative_dates() == []
    assert dates.validate_date_words() == []
