"""Negated contractions ("didn't", "won't", "can’t") negate the act, with either apostrophe.

A cue form holding an apostrophe once compiled to a pattern that could never match, so
"Mexico didn't agree" was coded as an agreement.
"""

from __future__ import annotations

import pytest

from core.cues import alternative_pattern
from core.sentence_api import code_sentence


@pytest.mark.parametrize("apostrophe", ["'", "’"])
@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Mexico didn{a}t agree to the U.S. request, Sheinbaum said.", "agree"),
        ("Mexico won{a}t cooperate with U.S. agents on its soil, Sheinbaum said.", "cooperate"),
        ("Mexico can{a}t accept U.S. troops on its soil, Sheinbaum said.", "accept"),
    ],
)
def test_code_contractions_negate_the_act(sentence: str, cue: str, apostrophe: str) -> None:
    events = code_sentence(sentence.format(a=apostrophe))["events"]
    acts = [e for e in events if e["cue"] == cue]
    assert acts, events
    assert all(e["polarity"] == "friction" for e in acts), acts


@pytest.mark.parametrize("form", ["didn't", "didn’t", "it's time for", "it’s time for"])
def test_cues_apostrophe_forms_match_both_apostrophes(form: str) -> None:
    import re

    first, pattern = alternative_pattern(form)
    for text in (form.replace("’", "'"), form.replace("'", "’")):
        assert re.match(pattern, text, re.IGNORECASE), (pattern, text)
        assert text.split()[0] in first
