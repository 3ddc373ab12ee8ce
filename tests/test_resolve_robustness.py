"""Hostile and random text: the resolvers never raise, keep their span invariants and
stay linear (no regex backtracking blow-up)."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.dates import event_date, infer_window
from core.kb import load_kb
from core.records import DateWindow
from core.resolve import bind_titles, find_mentions

KB = load_kb()
PUB = DateWindow("2021-10-08", "2021-10-08", "2021-10-08", "day")
WORDS = st.sampled_from([
    "Mexico", "U.S.", "US", "Salazar", "Ken", "President", "Mexican", "officials", "Gen.", "Dr.",
    "López", "Obrador", "AMLO", "the", "said", "in", "January", "last", "week", "2021", ",", ".",
    "Secretary", "of", "State", "Antony", "Blinken", "former", "—", "’s", "ß", "İ", "\u00a0", "\n",
    "Sinaloa", "Cartel", "El", "Mayo", "a", "noted", "analyst", "since", "2008", "Friday", "ago",
])
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(WORDS, max_size=80).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_resolve_never_raises_and_keeps_spans(text: str) -> None:
    mentions = find_mentions(text, kb=KB)
    last_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= last_end
        last_end = m.end
        assert m.country in ("US", "MX", "NS", "OTHER", "")
        assert m.kind in ("person", "institution", "country", "nonstate", "group")
    bound = bind_titles(mentions, kb=KB, window=PUB)
    assert [(m.start, m.end) for m in bound] == [(m.start, m.end) for m in mentions]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_dates_never_raise_on_any_text(text: str) -> None:
    for pub in (PUB, DateWindow("", "2025-02-01", "2025-12-31", "window"), DateWindow()):
        w = event_date(text, published=pub, kb=KB)
        assert w.precision in ("day", "month", "year", "window", "none")
        assert (w.low <= w.high) if w.low else w.high == ""
    w = infer_window(text, find_mentions(text, kb=KB), kb=KB)
    assert w.precision in ("day", "month", "year", "window", "none")


@pytest.mark.parametrize(
    "text",
    ["A" * 100_000, "Aa" * 50_000, "Gen. " + "Ab" * 30_000, "Dr. " + "Abc " * 20_000,
     ", a " + "x" * 50_000, "President " + "Ab-" * 20_000, "(@a) " * 20_000],
)
def test_resolve_and_dates_stay_linear_on_hostile_text(text: str) -> None:
    t0 = time.perf_counter()
    find_mentions(text, kb=KB)
    event_date(text, published=PUB, kb=KB)
    infer_window(text, [], kb=KB)
    assert time.perf_counter() - t0 < 2.0
