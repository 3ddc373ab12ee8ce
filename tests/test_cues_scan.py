"""The cue matcher's shortcuts must find exactly what the plain scans find: one pass for
many lexicons (``MultiLexicon.scan``) against ``Lexicon.find``/``find_all`` driven by the
alternatives' own regexes, and ``word_before``/``last_words`` against a scan of the window.
Texts mix real cue words and phrases with hostile characters (capitals, non-ASCII case
pairs, underscores, apostrophes, hyphens, dots) and windows that cut words."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import code, cues
from core.cues import WORD, Hit, Lexicon

SEEDS = sorted(Path(__file__).resolve().parents[1].joinpath("seeds").glob("*"))


def _reference_find(lex: Lexicon, text: str, a: int, b: int, *, groups: bool) -> list:
    """What ``find`` (or ``find_all``) returned before the shortcuts: every alternative's
    regex tried at every indexed word of a fresh scan of the window."""
    out: list = []
    pos = a
    for m in WORD.finditer(text, a, b) if a <= b else ():
        start, end, low = m.start(), m.end(), m.group(0).lower()
        if start < pos or low not in lex.index:
            continue
        hits = [h for h in lex.hits_at(text, start, low) if h.end <= b]
        if hits:
            out.append(hits if groups else hits[0])
            pos = end if groups else hits[0].end
    return out


def _phrases() -> list[str]:
    """Surface forms of the coder's cue words and phrases (first forms of each token)."""
    lex = code.lexicons()
    words = set()
    for name in code._SCANNED:
        for row in getattr(lex, name).rows:
            for alt in row["pattern"].split("|"):
                toks = [cues.token_forms(t)[0] for t in alt.split() if not t.startswith("_")]
                words.add(" ".join(toks))
    return sorted(words)


_PHRASES = _phrases()
_NOISE = ["the", "Mexico", "U.S.", "not", "to", "_", "-", "'", "’", "KK", "İ", "Σ", "ſ", "said", ",", ".",
          "\n", "x_y", "talks-", "-ed", "“", "”"]
_SEPARATORS = [" ", " ", " ", ", ", "-", "_", "'", "’s ", ". ", "  "]


@st.composite
def _texts(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 30))):
        word = draw(st.sampled_from(_PHRASES) if draw(st.booleans()) else st.sampled_from(_NOISE))
        case = draw(st.sampled_from(["", "upper", "title"]))
        parts.append(word.upper() if case == "upper" else word.title() if case == "title" else word)
        parts.append(draw(st.sampled_from(_SEPARATORS)))
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(text=_texts(), data=st.data())
def test_cues_one_pass_scan_equals_each_lexicon_scan(text: str, data: st.DataObject) -> None:
    multi = code._sentence_lexicon()
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    found, groups = multi.scan(text, cues.words_in(text, a, b), b, all_of=0)
    for k, lex in enumerate(multi.lexicons):
        assert found[k] == _reference_find(lex, text, a, b, groups=False), code._SCANNED[k]
        assert found[k] == list(lex.find(text, start=a, end=b)), code._SCANNED[k]
    assert groups == _reference_find(multi.lexicons[0], text, a, b, groups=True)
    assert groups == list(multi.lexicons[0].find_all(text, start=a, end=b))


@pytest.mark.parametrize("text", [
    "Mexico and the United States agreed to joint operations.",
    "MEXICO AND THE UNITED STATES AGREED TO JOINT OPERATIONS.",
    "The two countries signed_ an accord; they agreed-",
    "Officials ſaid the KKK agreed\u212a talks",  # non-ASCII letters that case-fold to ASCII
])
def test_cues_plain_shortcut_matches_regex(text: str) -> None:
    lex = code.lexicons().events
    assert list(lex.find(text)) == _reference_find(lex, text, 0, len(text), groups=False)
    assert all(isinstance(h, Hit) for h in lex.find(text))


def _reference_word_before(text: str, pos: int, reach: int, skip: frozenset[str]) -> str:
    lo = max(0, pos - reach)
    words = [m.group(0).lower() for m in WORD.finditer(text, lo, pos)] if lo <= pos else []
    if words and lo > 0 and len(words) > 1:
        words = words[1:]
    return next((w for w in reversed(words) if w not in skip), "")


_ALPHABET = st.sampled_from(list("ab1 '’-._é\nİΣ,”“\"") + ["U.S.", "don't", "x-y", "a'b'", "..", "''", "the "])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(_ALPHABET, max_size=80), data=st.data())
def test_cues_word_before_equals_scan(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    for _ in range(8):
        pos = data.draw(st.integers(-2, len(text) + 2))
        reach = data.draw(st.sampled_from([1, 2, 3, 5, 8, 48]))
        skip = data.draw(st.sampled_from([frozenset(), frozenset({"the", "a"})]))
        assert cues.word_before(text, pos, reach=reach, skip=skip) == _reference_word_before(text, pos, reach, skip)
        start = data.draw(st.integers(-2, len(text) + 2))
        n = data.draw(st.integers(1, 4))
        assert cues.last_words(text, start, pos, n) == [w.lower() for w in WORD.findall(text, start, pos)][-n:]


def test_cues_word_before_on_seed_articles() -> None:
    assert SEEDS, "the seed articles are missing"
    for path in SEEDS:
        text = path.read_text(encoding="utf-8", errors="replace")
        for pos in range(0, len(text), 13):
            for skip in (frozenset(), frozenset({"the", "a", "an"})):
                assert cues.word_before(text, pos, reach=48, skip=skip) == \
                    _reference_word_before(text, pos, 48, skip), (path.name, pos)


@pytest.mark.parametrize(("text", "pos", "reach"), [
    ("dogs' one two", 13, 9),  # the window starts on a word's final apostrophe: no cut word
    ("dogs one two", 13, 9),  # the window starts inside a word: that cut word is dropped
    ("x-y one two", 11, 9),  # … on a hyphen inside a word
    ("one two", 7, 48),  # the window is not cut
])
def test_cues_word_before_window_edges(text: str, pos: int, reach: int) -> None:
    for skip in (frozenset(), frozenset({"two"}), frozenset({"two", "one"})):
        assert cues.word_before(text, pos, reach=reach, skip=skip) == _reference_word_before(text, pos, reach, skip)


@pytest.mark.parametrize("name", ["event_cues.tsv", "modality.tsv", "coder_roles.tsv", "stance_cues.tsv"])
def test_cues_every_alternative_compiles(name: str) -> None:
    # regexes are compiled when first needed: none may fail then, in the middle of a build
    rows = cues.read_table(name).rows
    lex = cues.build_lexicon(name, [r for r in rows if r["pattern"]])
    for alts in lex.index.values():
        for alt in alts:
            assert alt.regex.pattern == alt.pattern
    for gate in lex.gates.values():
        assert cues._gate(gate).pattern == gate


@pytest.mark.parametrize(
    ("pattern", "text", "matched"),
    [
        # quotation marks and brackets between a phrase's words do not break it
        ("amplify~ _3 cooperation", "keep “amplifying” our border cooperation", "amplifying” our border cooperation"),
        ("boost~ _3 capabilities", "boosted the navy’s “capabilities” at sea", "boosted the navy’s “capabilities"),
        ("historic agreement", "a “historic” agreement", "historic” agreement"),
        ("boost~ _3 capabilities", "boosted the budget", None),
    ],
)
def test_cues_phrase_runs_through_quotation_marks(pattern: str, text: str, matched: str | None) -> None:
    import re

    from core.cues import alternative_pattern

    _first, source = alternative_pattern(pattern)
    rx = re.compile(source, re.IGNORECASE)
    found = next((m.group(0) for m in (rx.match(text, i) for i in range(len(text))) if m), None)
    assert found == matched
