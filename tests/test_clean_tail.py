"""End-anchored patterns of the cleaner search only the end of a line: the same answer as a
search of the whole line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core import clean

_PIECES = ("word", " ", ".", "!", "?", "…", ";", ":", ",", '"', "'", "”", "’", ")", "]", "\n", "x")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_clean_tail_search_agrees_with_a_full_search(line: str) -> None:
    for tail in (clean._SENTENCE_END, clean._STATEMENT_END, clean._END_PUNCT):
        full = tail.pattern.search(line)
        fast = tail.search(line)
        assert (fast.span() if fast else None) == (full.span() if full else None)


def test_clean_body_paragraph_needs_twelve_words_and_an_end() -> None:
    assert clean.is_body_paragraph("one two three four five six seven eight nine ten eleven twelve.")
    assert not clean.is_body_paragraph("one two three four five six seven eight nine ten eleven.")
    assert not clean.is_body_paragraph("one two three four five six seven eight nine ten eleven twelve")
