"""The cheap "can this sentence hold a date at all" test of ``event_date`` is split into
scans that sre can skip along; it must answer exactly as the one ``triggers`` pattern."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core import dates
from core.kb import load_kb

_PIECES = ("ago", "agosto", "x", "ayer", "mayer", "-era", "era", " ", "\n", "1", "today", "Ok", "é", "ñ",
           "mar", "March", "hoy", "ahoy", "day", "este", "a", "-", "İ", "١", "Another", "government", "said")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
def test_dates_may_hold_date_answers_as_the_triggers_pattern(text: str) -> None:
    lex = dates._lex(load_kb())
    assert dates._may_hold_date(text, lex) == (lex.triggers.search(text.lower()) is not None)


def test_dates_sentence_without_date_words_takes_the_publication_date() -> None:
    pub = dates.day_window(dates._d("2024-03-15"))
    when = dates.event_date("Officials said nothing more.", published=pub, kb=load_kb())
    assert (when.value, when.evidence) == ("2024-03-15", "no date in the sentence: the publication date")
