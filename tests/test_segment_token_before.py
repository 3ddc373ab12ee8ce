"""The token before a full stop (abbreviation test) is found without the regex in the usual
case; the answer must be the regex's, whatever the line."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from core import segment

_PIECES = ("U.S", "Gen", "a", "B", " ", "  ", ".", "'", "’", "-", "\n", "\t", ",", "(", "é", "1", "_",
           "Washington", "x" * 25, "$", "“")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), st.integers(min_value=0, max_value=200))
def test_segment_token_before_is_the_regex_answer(line: str, end: int) -> None:
    end = min(end, len(line))
    found = re.compile(r"([\w.'’-]{1,20})$").search(line, max(0, end - 20), end)
    assert segment._token_before(line, end) == (found.group(1) if found else None)


def test_segment_abbreviations_still_do_not_end_sentences() -> None:
    text = "Gen. Smith met U.S. officials in Washington. He left."
    parts = [p.text for p in segment.segment(text, article_id="a")]
    assert parts == ["Gen. Smith met U.S. officials in Washington.", "He left."]
