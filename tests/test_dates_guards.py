"""The date regexes of ``event_date`` run only when a cheap test says they can match: each
test must be a necessary condition (whenever the regex matches, the test passes)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core import dates
from core.kb import load_kb

_PIECES = (
    "last week", "yesterday", "Ayer", "hace 3 dias", "two weeks ago", "In May", "since March", "on Tuesday",
    "in 2019", "the Obama administration", "the previous administration", "la semana pasada", "el proximo mes",
    "May 5, 2021", "2021-03-04", "5 de mayo de 2020", "THIS WEEK", "Last Year", "Obrador-era", "in the 1990s",
    "HACE DOS ANOS", "earlier this month", "the past weekend", "tonight", "el gobierno anterior", "said",
    "Mexico", " ", ",", ".", "1", "20", "Mid-", "early", "Tues", "mayo", "lunes",
)


def _lex() -> dates._Lex:
    return dates._lex(load_kb())


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map(" ".join))
def test_dates_guards_pass_whenever_the_regex_matches(text: str) -> None:
    lex = _lex()
    low = text.lower()
    if lex.explicit.search(text):
        assert dates._ANY_DIGIT.search(text)
    if lex.ago.search(text):
        assert "ago" in low or "hace" in low
    rel = dates.relatives()
    if rel.regex.search(text):
        assert rel.prefilter.search(low)
    if lex.bare_month.search(text):
        assert lex.month_plain is not None and lex.month_plain.search(text)
    if lex.weekday_ref.search(text):
        assert lex.weekday_plain is not None and lex.weekday_plain.search(text)
    if lex.year_ref.search(text):
        assert dates._YEAR_REF_YEAR.search(text)
    assert lex.admin_ref is not None
    if lex.admin_ref.search(text):
        assert any(w in text for w in lex.admin_words)


def test_dates_relative_expressions_still_resolve() -> None:
    pub = dates.day_window(dates._d("2024-03-15"))
    kb = load_kb()
    assert dates.event_date("He spoke two weeks ago.", published=pub, kb=kb).precision == "window"
    assert dates.event_date("They met last week.", published=pub, kb=kb).low == "2024-03-04"
    assert dates.event_date("The raid came on Tuesday.", published=pub, kb=kb).value == "2024-03-12"
    assert dates.event_date("Talks resumed in May.", published=pub, kb=kb).low == "2023-05-01"
    assert dates.event_date("Nothing here.", published=pub, kb=kb).value == "2024-03-15"
