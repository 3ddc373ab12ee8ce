"""Who a bilateral act is toward when the roles read a side that cannot be the counterpart,
and acts told inside quotations: rules written from the codebook, checked on sentences of our
own (one rule each), coded through the whole pipeline (parse included)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from core.pipeline import build_frames

ARTICLE = (
    "U.S. and Mexico trade barbs over tariffs and cartels\n\n"
    "MEXICO CITY, March 3, 2025 — Mexican President Claudia Sheinbaum spoke with U.S. President "
    "Donald Trump on Monday.\n\n"
    "Trump made a threat on Saturday to put a 20 percent levy on Mexican and Canadian steel.\n\n"
    "The Justice Department asked for the extradition of three cartel members in February.\n\n"
    "The White House imposed new duties on steel from Mexico and Canada on Sunday.\n\n"
    "The State Department designated the Gulf Cartel and two other Mexican drug cartels as foreign "
    "terrorist groups.\n\n"
    "Mexican prosecutors worked in close coordination with the FBI on the case.\n\n"
    "Sheinbaum praised Trump for a call on Thursday.\n\n"
    "Trump threatened to double the levy on Mexican cars beginning April 2.\n\n"
    "Rafael Caro Quintero was flown to the United States on Tuesday.\n\n"
    "Two surveillance drones were flown to the border on Tuesday.\n\n"
    "“We thank the Mexican government for its work on this case,” Attorney General Merrick "
    "Garland said in a statement.\n\n"
    "“We will seek the prompt extradition of both suspects to the United States.”\n\n"
    "Asked by Fox News about the operation, Sheinbaum said her government had not been told.\n\n"
    "Trump spoke with Sheinbaum by phone on Friday.\n\n"
    "“She has agreed to send more troops to the border,” Trump wrote on social media.\n\n"
    "“Had a great call with President Sheinbaum about the border,” Trump posted on Sunday.\n\n"
    "“Arrested in Sonora after a long chase,” the sheriff wrote about a smuggler.\n\n"
    "Foreign Minister Juan Ramón de la Fuente said he was in close contact with U.S. officials.\n\n"
    "MEXICO CITY (Reuters) – Mexican Foreign Minister Juan Ramón de la Fuente thanked his U.S. "
    "counterpart for the visit on Friday.\n\n"
    "Their car came under fire near the border on Sunday.\n\n"
    "The two fugitives held in Mexico were long sought by the U.S. Justice Department.\n"
)


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The article's events, each with the text of its sentence (column ``sentence``)."""
    root: Path = tmp_path_factory.mktemp("counterparts")
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    frames = build_frames([root])
    text = dict(zip(frames.passages["passage_id"], frames.passages["text"], strict=True))
    return frames.events.assign(sentence=frames.events["passage_id"].map(text))


def _in(events: pd.DataFrame, part: str) -> pd.DataFrame:
    return events[events["sentence"].str.contains(part, regex=False)]


@pytest.mark.parametrize(
    ("part", "action", "actor1", "country2"),
    [
        # the target read back to the actor itself: the other government instead
        ("Trump made a threat", "THREATEN", "Donald Trump", "MX"),
        # a request or threat about non-state people is leverage on the other government
        ("The Justice Department asked", "REQUEST", "US Department of Justice", "MX"),
        # a third country conjoined with the counterpart: the counterpart
        ("The White House imposed new duties", "SANCTION", "White House", "MX"),
        ("in close coordination with the FBI", "COOPERATE", "Mexican prosecutors", "US"),
    ],
)
def test_code_counterparts_target(events: pd.DataFrame, part: str, action: str, actor1: str,
                                  country2: str) -> None:
    rows = _in(events, part)
    hit = rows[rows["action"] == action]
    assert len(hit) == 1, rows[["actor1", "action", "actor2", "cue"]]
    assert hit["actor1"].iloc[0].endswith(actor1.split()[-1]), hit[["actor1", "action", "actor2"]]
    assert hit["country2"].iloc[0] == country2, hit[["actor1", "action", "actor2"]]


def test_code_counterparts_designation_of_cartels_is_kept(events: pd.DataFrame) -> None:
    """A designation of cartels as terrorists is a SANCTION toward the cartels (dyad nonstate),
    not dropped for want of a state target."""
    rows = _in(events, "designated the Gulf Cartel")
    hit = rows[rows["action"] == "SANCTION"]
    assert len(hit) == 1, rows[["actor1", "action", "actor2"]]
    assert (hit["country1"].iloc[0], hit["country2"].iloc[0], hit["dyad"].iloc[0]) == ("US", "NS", "nonstate")


def test_code_counterparts_a_call_on_a_weekday_is_no_request(events: pd.DataFrame) -> None:
    rows = _in(events, "Sheinbaum praised Trump")
    assert "REQUEST" not in set(rows["action"]), rows[["actor1", "action", "cue"]]


def test_code_counterparts_quote_paragraph_continues_its_speaker(events: pd.DataFrame) -> None:
    """An unattributed quotation paragraph right after an attributed one is the same speaker's."""
    rows = _in(events, "We will seek the prompt extradition")
    req = rows[rows["action"] == "REQUEST"]
    assert list(req["actor1"]) == ["Merrick Garland"], rows[["actor1", "action", "actor2", "cue"]]
    assert list(req["country2"]) == ["MX"]


def test_code_counterparts_third_person_in_a_quote_is_not_its_holder(events: pd.DataFrame) -> None:
    """ "She has agreed …", wrote Trump: the act is Sheinbaum's (the holder would say "I")."""
    rows = _in(events, "She has agreed to send more troops")
    agree = rows[rows["action"] == "AGREE"]
    assert list(agree["actor1"]) == ["Claudia Sheinbaum"], rows[["actor1", "action", "actor2", "cue"]]


def test_code_counterparts_the_press_is_never_a_side(events: pd.DataFrame) -> None:
    """An outlet reports acts and takes no part in them; a reporter's question is no request."""
    rows = _in(events, "Asked by Fox News")
    assert "Fox News" not in set(rows["actor1"]) | set(rows["actor2"]), rows[["actor1", "action", "actor2"]]
    assert "REQUEST" not in set(rows["action"]), rows[["actor1", "action", "actor2", "cue"]]


def test_code_counterparts_an_act_told_is_not_dated_after_publication(events: pd.DataFrame) -> None:
    """A date after publication ("beginning April 2") is not when a threat already made was
    made: the event keeps the article's date."""
    rows = _in(events, "Trump threatened to double the levy")
    threat = rows[rows["action"] == "THREATEN"]
    assert len(threat) == 1, rows[["actor1", "action", "date_low", "date_high"]]
    assert threat["date_high"].iloc[0] <= "2025-03-03", threat[["date", "date_low", "date_high"]]


def test_code_counterparts_the_one_flown_is_the_passive_subject(events: pd.DataFrame) -> None:
    """A passive transfer verb hands over its subject ("X was flown to the United States"),
    a suspect or a name, not a thing ("drones were flown to the border")."""
    rows = _in(events, "Rafael Caro Quintero was flown")
    moved = rows[rows["action"] == "TRANSFER"]
    assert len(moved) == 1, rows[["actor1", "action", "actor2", "cue"]]
    assert (moved["country1"].iloc[0], moved["country2"].iloc[0]) == ("MX", "US")
    assert "TRANSFER" not in set(_in(events, "surveillance drones were flown")["action"])


def test_code_counterparts_a_quote_that_leaves_out_its_subject_is_the_speakers_act(events: pd.DataFrame) -> None:
    """ "Had a great call with …," Trump posted: a post that drops "I" tells the poster's act;
    a participle fragment ("Arrested in …") is no act of the writer."""
    rows = _in(events, "Had a great call with President Sheinbaum")
    consult = rows[rows["action"] == "CONSULT"]
    assert list(consult["actor1"]) == ["Donald Trump"], rows[["actor1", "action", "actor2", "cue"]]
    assert list(consult["actor2"]) == ["Claudia Sheinbaum"]
    fragment = _in(events, "Arrested in Sonora")
    assert fragment.empty, fragment[["actor1", "action", "actor2", "cue"]]


def test_code_counterparts_being_in_contact_is_consulting(events: pd.DataFrame) -> None:
    rows = _in(events, "in close contact with U.S. officials")
    consult = rows[rows["action"] == "CONSULT"]
    assert list(consult["country1"]) == ["MX"] and list(consult["country2"]) == ["US"], \
        rows[["actor1", "action", "actor2", "cue"]]


def test_code_counterparts_a_dateline_given_a_subject_arc_is_not_the_actor(events: pd.DataFrame) -> None:
    """The small parser gives "MEXICO CITY" of a wire dateline a subject arc beside the real
    subject: the nearest subject before the verb acts ("Mexico City" is not the government)."""
    rows = _in(events, "thanked his U.S. counterpart for the visit")
    support = rows[rows["action"] == "SUPPORT"]
    assert list(support["actor1"]) == ["Juan Ramón de la Fuente"], rows[["actor1", "action", "actor2", "cue"]]


def test_code_counterparts_a_possessive_is_not_the_last_pair_for_a_victim(events: pd.DataFrame) -> None:
    """ "Their car came under fire": "their" is not the pair of governments named last (two
    governments are no one's victims); "their talks culminated in …" still is (seeds)."""
    rows = _in(events, "Their car came under fire")
    assert not set(rows["actor2"]) & {"Juan Ramón de la Fuente", "Government of the United States",
                                      "Government of Mexico"}, rows[["actor1", "action", "actor2", "cue"]]


def test_code_counterparts_the_agent_of_a_passive_request_asks(events: pd.DataFrame) -> None:
    """ "were long sought by the U.S. Justice Department": the parse's agent asks, toward the
    other government (the fugitives are non-state)."""
    rows = _in(events, "were long sought by")
    req = rows[rows["action"] == "REQUEST"]
    assert list(req["country1"]) == ["US"] and list(req["country2"]) == ["MX"], \
        rows[["actor1", "action", "actor2", "cue"]]
