"""A one-word person match widens over a misspelt first name before it; the first name is
found without a regex scan in the usual case, with the regex's answer."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from core import resolve
from core.kb import load_kb

_PIECES = ("Anthony", "Ann", "a", "Q", " ", "\t", "\n", "'", "-", ".", "x" * 20, "Z", "é")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join), st.integers(min_value=0, max_value=120))
def test_resolve_widen_left_finds_the_regex_first_name(text: str, s: int) -> None:
    s = min(s, len(text))
    expected = s
    if s and text[s - 1] in " \t\n":
        m = re.compile(r"([A-Z][a-z'\-]+)[ \t]+$").search(text[max(0, s - 30):s])
        if m is not None:
            expected = s - len(m.group(0))
    seen: list[int] = []
    real = resolve._widen_to
    resolve._widen_to = lambda folded, s, start, actor_id, kb: seen.append(start) or s  # type: ignore[assignment]
    try:
        resolve._widen_left(text, text, s, "x", load_kb())
    finally:
        resolve._widen_to = real
    assert (seen[0] if seen else s) == expected


def test_resolve_misspelt_first_name_is_part_of_the_mention() -> None:
    found = resolve.find_mentions("Mexican officials met Anthony Blinken on Monday.", kb=load_kb())
    assert [(m.text, m.actor_id) for m in found if m.kind == "person"] == [("Anthony Blinken", "antony-blinken")]
