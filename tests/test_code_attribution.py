"""Who is speaking is not whom the act is toward: a post-posed attribution's speaker ("…, a
Jordanian official confirmed") is never the target; unnamed officials ("a senior Mexican
security official") are holders and actors of their country."""

from __future__ import annotations

import pytest

from core.kb import load_kb
from core.resolve import find_mentions
from core.sentence_api import code_sentence


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Jordan and Britain have agreed to undertake joint military exercises this month, a Jordanian "
         "official confirmed.", "Jordanian official"),
        ("Mexico extradited the cartel leader to the United States, Mexican officials said.", "Mexican officials"),
        ("The United States imposed new tariffs on Mexico, said a U.S. official.", "U.S. official"),
    ],
)
def test_code_post_posed_speaker_is_not_the_target(text: str, speaker: str) -> None:
    events = [e for e in code_sentence(text)["events"] if e["action"] != "SAY"]  # (the saying itself)
    assert events, text
    assert all(e["actor2"] != speaker for e in events), events


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("“We continue to work together,” a senior Mexican security official said.", "Mexican official", "MX"),
        ("“We continue to work together,” said a U.S. official.", "U.S. official", "US"),
        ("A Mexican diplomat said the talks went well.", "Mexican diplomat", "MX"),
    ],
)
def test_resolve_unnamed_single_officials_take_their_country(text: str, name: str, country: str) -> None:
    found = [(m.name, m.country) for m in find_mentions(text, kb=load_kb())]
    assert (name, country) in found, found
