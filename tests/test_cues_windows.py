"""The cue matcher's fast word windows: a window of an article is cut from the article's
words found once, and must give exactly the words a scan of the window gives (offsets and
lower-cased text), wherever the window starts or ends (inside a word, on an apostrophe, a
hyphen, a dot, an underscore)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from core import cues
from core.cues import WORD

SEEDS = sorted(Path(__file__).resolve().parents[1].joinpath("seeds").glob("*"))
_ALPHABET = st.sampled_from(list("ab1 '’-._é\nİΣ,”“\"") + ["U.S.", "don't", "x-y", "a'b'", "..", "''", "-_-"])


def _scan(text: str, start: int, stop: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).lower()) for m in WORD.finditer(text, start, stop)]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(_ALPHABET, max_size=120), data=st.data())
def test_cues_window_equals_scan_on_hostile_text(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    for _ in range(8):
        a = data.draw(st.integers(-3, len(text) + 3))
        b = data.draw(st.integers(a - 3, len(text) + 3))
        assert list(cues.words_in(text, a, b)) == _scan(text, a, b)
        assert cues.count_words(text, a, b) == len(WORD.findall(text, a, b))
        assert cues.last_words(text, a, b, 3) == [w.lower() for w in WORD.findall(text, a, b)][-3:]


def test_cues_window_equals_scan_on_seed_articles() -> None:
    assert SEEDS, "the seed articles are missing"
    for path in SEEDS:
        text = path.read_text(encoding="utf-8", errors="replace")
        for a in range(0, len(text), 37):
            for width in (1, 25, 48, 120, 400):
                assert list(cues.words_in(text, a, a + width)) == _scan(text, a, a + width), (path.name, a, width)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(_ALPHABET, max_size=200))
def test_cues_whole_text_split_equals_scan_on_hostile_text(parts: list[str]) -> None:
    """The whole text's words come from one split (offsets as running sums of the parts'
    lengths): the same offsets and lower-cased words as a scan."""
    text = "".join(parts)
    assert list(cues._scan_whole(text)) == _scan(text, 0, len(text))
