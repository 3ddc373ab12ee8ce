"""Shared helpers for the robustness, fuzz and concurrency tests (not a test module).

- :func:`budget`: a hard time budget around one call (SIGALRM; Python's ``re`` checks for
  signals, so even a catastrophic backtrack is interrupted and reported, not hung).
- hypothesis strategies for hostile article text.
- span checks: every offset lies inside the text and reproduces the stored text.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from hypothesis import strategies as st

FUZZ_EXAMPLES = 150  # max_examples per property (the issue asks for ~100-200)
CASE_SECONDS = 5.0  # time budget of one fuzz case (one small hostile text through a stage)


class BudgetExceeded(AssertionError):
    """A call ran over its time budget."""


def load_factor() -> float:
    """How oversubscribed the machine is (1.0 when idle): the budgets are stretched by it so
    that they flag algorithmic blow-ups (quadratic scans, backtracking), not a busy box."""
    try:
        return max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))
    except OSError:
        return 1.0


@contextmanager
def budget(seconds: float, what: str) -> Iterator[None]:
    """Fail with :class:`BudgetExceeded` when the body runs longer than ``seconds`` (times
    :func:`load_factor`).  Interrupts the body with SIGALRM (main thread only; elsewhere it
    only measures)."""
    seconds *= load_factor()
    start = time.perf_counter()
    main = threading.current_thread() is threading.main_thread()

    def _alarm(signum: int, frame: Any) -> None:
        raise BudgetExceeded(f"{what}: still running after {seconds:.1f} s (budget {seconds:.1f} s)")

    if main:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    took = time.perf_counter() - start
    if took > seconds:
        raise BudgetExceeded(f"{what}: took {took:.2f} s (budget {seconds:.1f} s)")


# --- hostile text -----------------------------------------------------------------------

CONTROL = [chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]]
BIDI = ["\u200e", "\u200f", "\u061c", *(chr(c) for c in range(0x202A, 0x202F)),
        *(chr(c) for c in range(0x2066, 0x206A))]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u180e"]
BREAKS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\n\n", "\n\n\n"]
PUNCT = [".", "..", "...", "…", "!", "?", "?!", ";", ":", ",", "“", "”", "‘", "’", '"', "'",
         "«", "»", "—", "–", "-", "(", ")", "[", "]", "•", "  • ", "* ", "# ", "> ", "|", "\t"]
WORDS = [
    "U.S.", "U.S.A.", "Gen.", "Dr.", "Gov.", "Mr.", "Sen.", "No.", "St.", "e.g.", "i.e.",
    "Laura Y. Aizpuru", "A. B. C.", "Mexico", "Mexican", "México", "United States", "US", "USA",
    "Washington", "Mexico City", "Ken Salazar", "Salazar", "Claudia Sheinbaum", "Sheinbaum",
    "López Obrador", "AMLO", "Antony Blinken", "Joe Biden", "Donald Trump", "Trump",
    "Marcelo Ebrard", "Sinaloa Cartel", "CJNG", "DEA", "FBI", "SEDENA", "Guardia Nacional",
    "the Mexican president", "the U.S. ambassador", "President", "Ambassador", "Secretary",
    "Mexican officials", "U.S. officials", "Border Patrol agents", "cartel", "fentanyl",
    "said", "says", "told", "announced", "agreed", "signed", "extradited", "arrested",
    "accused", "criticized", "condemned", "praised", "supports", "opposes", "rejected",
    "cooperation", "security", "agreement", "sanctions", "tariffs", "troops", "deported",
    "will", "would", "may", "plans to", "not", "never", "no",
    "Monday", "last week", "yesterday", "on Friday", "October 8, 2021", "8 de octubre de 2021",
    "2021-10-08", "10/8/21", "31/02/2024", "in 2019", "1999", "0000-00-00", "9999-99-99",
    "January", "Oct.", "Sept. 31", "UPDATED 5:45 PM PT – Friday, October 8, 2021",
    "pic.twitter.com/abc123", "https://example.com/x?y=1", "@SecBlinken", "#Hashtag",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[link](javascript:alert(1))",
    "![img](http://x/y.png)", "&amp;", "&lt;b&gt;", "<b>", "</b>", "<!--", "-->", "<![CDATA[",
    "Advertisement", "close", "Trending", "Be the first to comment", "Published", "on",
    "𝐁𝐨𝐥𝐝", "ﬁ", "Ⅻ", "١٢٣", "中文", "русский", "עברית", "العربية", "😀", "🇲🇽", "🇺🇸",
    "e\u0301", "\u0301\u0301\u0301", "İ", "ß", "ǅ", "\ufffd",
]
SPECIAL = CONTROL + BIDI + ZERO_WIDTH + BREAKS + PUNCT


def hostile_pieces() -> st.SearchStrategy[str]:
    """One piece of hostile text: a word, a special character, or random unicode."""
    return st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(SPECIAL),
        st.just(" "),
        st.text(max_size=12),  # any unicode (no lone surrogates: those cannot come out of a decoder)
        st.text(alphabet=st.characters(codec="ascii"), max_size=12),
    )


def hostile_text(max_pieces: int = 120) -> st.SearchStrategy[str]:
    """Article-like hostile text: words, punctuation, control, bidi and zero-width marks,
    line breaks, HTML, random unicode, and now and then a long run of one piece."""
    joined = st.lists(hostile_pieces(), max_size=max_pieces).map("".join)
    run = st.tuples(st.sampled_from(WORDS + SPECIAL + [" ", "a", "a "]),
                    st.integers(1, 2000)).map(lambda t: t[0] * t[1])
    return st.one_of(
        joined,
        st.lists(st.one_of(hostile_pieces(), run), max_size=20).map("".join),
        st.text(),
    )


def nested_html(depth: int, *, tag: str = "div", text: str = "Mexico and the U.S. agreed.") -> str:
    """HTML nested ``depth`` levels deep around one sentence."""
    return f"<html><body>{f'<{tag}>' * depth}<p>{text}</p>{f'</{tag}>' * depth}</body></html>"


# --- span checks ------------------------------------------------------------------------

def check_span(text: str, start: int, end: int, what: str, stored: str | None = None) -> None:
    """Assert ``0 <= start <= end <= len(text)`` and, when given, ``text[start:end] == stored``."""
    assert isinstance(start, int) and isinstance(end, int), f"{what}: offsets not int ({start!r}, {end!r})"
    assert 0 <= start <= end <= len(text), f"{what}: span {start}:{end} outside text of {len(text)} chars"
    if stored is not None:
        assert text[start:end] == stored, (
            f"{what}: text[{start}:{end}] = {text[start:end]!r} but stored {stored!r}"
        )


def check_optional_span(text: str, start: int, end: int, what: str) -> None:
    """Like :func:`check_span`, but ``-1, -1`` (no span) is allowed."""
    if start == -1 and end == -1:
        return
    check_span(text, start, end, what)


def check_passages(text: str, passages: Iterable[Any]) -> None:
    """Passages lie inside the text, reproduce it, and come in order without overlapping."""
    prev_end = 0
    for i, p in enumerate(passages):
        check_span(text, p.start, p.end, f"passage {i}", p.text)
        assert p.start >= prev_end, f"passage {i} ({p.start}:{p.end}) overlaps the one before (ends {prev_end})"
        prev_end = p.end


def check_mentions(text: str, mentions: Iterable[Any]) -> None:
    """Mentions lie inside the text and reproduce it."""
    for i, m in enumerate(mentions):
        check_span(text, m.start, m.end, f"mention {i} ({m.text!r})", m.text)


def check_window(w: Any, what: str) -> None:
    """A DateWindow is well formed: ISO dates, ``low <= value <= high`` when given."""
    import datetime as dt

    for name in ("value", "low", "high"):
        v = getattr(w, name)
        if v:
            dt.date.fromisoformat(v)  # raises on a malformed date
    if w.low and w.high:
        assert w.low <= w.high, f"{what}: window {w.low}..{w.high} runs backwards"
        if w.value:
            assert w.low <= w.value <= w.high, f"{what}: value {w.value} outside {w.low}..{w.high}"
    assert 0.0 <= float(w.confidence) <= 1.0, f"{what}: confidence {w.confidence}"


def check_events(text: str, events: Iterable[Any], passage_ids: set[str]) -> None:
    """Events' evidence, cue and actor spans lie inside the text; passage ids exist."""
    for i, e in enumerate(events):
        what = f"event {i} ({e.action!r})"
        check_span(text, e.start, e.end, what)
        check_optional_span(text, e.cue_start, e.cue_end, f"{what} cue")
        check_optional_span(text, e.actor1_start, e.actor1_end, f"{what} actor1")
        check_optional_span(text, e.actor2_start, e.actor2_end, f"{what} actor2")
        assert e.passage_id in passage_ids, f"{what}: unknown passage {e.passage_id}"


def check_stances(text: str, stances: Iterable[Any], passage_ids: set[str]) -> None:
    """Stances' evidence spans lie inside the text; passage ids exist."""
    for i, s in enumerate(stances):
        what = f"stance {i} ({s.stance!r})"
        check_span(text, s.start, s.end, what)
        assert s.passage_id in passage_ids, f"{what}: unknown passage {s.passage_id}"
