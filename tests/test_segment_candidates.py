"""The sentence-end candidate scan tries only the positions next to punctuation: it must
find exactly what the candidate regex finds when tried at every character."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from core.clean import clean_doc
from core.read import iter_files, read_file
from core.records import RawDoc
from core.segment import _CANDIDATE, _LINE, _candidates

_ALPHABET = st.sampled_from(list("aBx T.!?…:*•\"'”’)]» \t\u00a0Éé-"))


def _both(line: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    full = [(m.start(), m.end(), m.group(0)) for m in _CANDIDATE.finditer(line)]
    fast = [(m.start(), m.end(), m.group(0)) for m in _candidates(line)]
    return full, fast


@settings(max_examples=3000, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_segment_candidates_equal_the_full_regex_scan(line: str) -> None:
    full, fast = _both(line)
    assert fast == full


def test_segment_candidates_equal_the_full_regex_scan_on_the_seeds(seeds_dir: Path) -> None:
    lines = 0
    for entry in iter_files([str(seeds_dir)]):
        for raw in read_file(entry):  # type: ignore[arg-type]
            if not isinstance(raw, RawDoc):
                continue
            for m in _LINE.finditer(clean_doc(raw).text):
                full, fast = _both(m.group(0))
                assert fast == full, m.group(0)
                lines += 1
    assert lines > 50
