"""The event coder's rules on single sentences (real knowledge base and resolver)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from core.code import code_article
from core.ids import article_id
from core.records import DateWindow, Event, Passage


@cache
def _kb() -> Any:
    from core.kb import load_kb

    return load_kb()


def _code(text: str) -> list[Event]:
    from core.resolve import find_mentions

    kb = _kb()
    aid = article_id(text)
    passages = [Passage("p0", aid, 0, 0, 0, len(text), text, "body")]
    mentions = find_mentions(text, kb=kb)
    return code_article(text, passages, mentions, article_id=aid,
                        published=DateWindow("2024-03-01", "2024-03-01", "2024-03-01", "day", 1.0), kb=kb)


def _one(text: str) -> Event:
    evs = _code(text)
    assert len(evs) >= 1, f"no event in {text!r}"
    return evs[0]


@pytest.mark.parametrize(
    ("text", "action", "c1", "c2", "polarity"),
    [
        ("Mexico extradited the cartel leader to the United States on Tuesday.", "TRANSFER", "MX", "US",
         "cooperation"),
        ("The United States imposed tariffs on Mexico.", "SANCTION", "US", "MX", "friction"),
        ("Mexico rejected the U.S. proposal.", "REJECT", "MX", "US", "friction"),
        ("The United States threatened Mexico with tariffs.", "THREATEN", "US", "MX", "friction"),
        ("Mexico and the United States signed a security agreement.", "AGREE", "MX", "US", "cooperation"),
        ("The United States demanded that Mexico stop the flow of fentanyl.", "DEMAND", "US", "MX",
         "friction"),
        ("U.S. agents captured the cartel leader in Mexico without informing the Mexican government.",
         "UNILATERAL", "US", "MX", "friction"),
        # a designation whose object holds an apposition ("including …"); its target is the
        # cartels (non-state), as the development corpus's annotators decided
        ("The State Department designated six Mexican cartels, including the Sinaloa Cartel, as foreign "
         "terrorist organizations.", "SANCTION", "US", "NS", "friction"),
        ("Washington revoked the visas of several Mexican politicians suspected of ties to cartels.",
         "SANCTION", "US", "MX", "friction"),
        # the side that was not told is the target of the other's unilateral act
        ("Mexico was not informed of the U.S. operation in Sinaloa.", "UNILATERAL", "US", "MX", "friction"),
        ("The Mexican government was kept in the dark about the U.S. raid.", "UNILATERAL", "US", "MX",
         "friction"),
        # an arrest on the other side's tip is a coordinated operation
        ("The Mexican Navy arrested a top Sinaloa Cartel lieutenant wanted by U.S. prosecutors, acting on a "
         "tip from the DEA.", "COOPERATE", "MX", "US", "cooperation"),
    ],
)
def test_code_rules_actions_and_roles(text: str, action: str, c1: str, c2: str, polarity: str) -> None:
    evs = _code(text)
    hits = [e for e in evs if e.action == action]
    assert hits, [(e.action, e.actor1, e.actor2) for e in evs]
    e = hits[0]
    assert (e.country1, e.country2) == (c1, c2)
    assert e.polarity == polarity


def test_code_rules_passive_voice_swaps_roles() -> None:
    e = _one("Border Patrol agents were attacked by cartel gunmen near the border.")
    assert e.action == "ATTACK"
    assert e.country1 == "NS" and e.country2 == "US"
    assert e.dyad == "nonstate" and e.polarity == "friction"


@pytest.mark.parametrize(
    "text",
    [
        "Mexico did not agree to the U.S. proposal.",  # negation
        "Mexico should extradite more cartel leaders to the United States.",  # recommendation
        "If Mexico extradites him, the United States will drop the tariffs.",  # hypothetical
        "Will Mexico extradite the cartel leader to the United States?",  # question
        "US and Mexican agencies need to share intelligence.",  # need to
        "The Mexican army arrested the mayor of a town in Sinaloa.",  # no US side: not bilateral
    ],
)
def test_code_rules_traps_are_not_events(text: str) -> None:
    evs = [e for e in _code(text) if e.polarity != "neutral"]
    assert evs == [], [(e.action, e.actor1, e.actor2, e.explanation) for e in evs]


def test_code_rules_planned_and_reported_modality() -> None:
    planned = _one("Mexico will extradite the cartel leader to the United States next week.")
    assert planned.modality == "planned"
    reported = [e for e in _code("Officials said Mexico rejected the U.S. request.") if e.action == "REJECT"]
    assert reported and reported[0].modality == "reported"


def test_code_rules_domestic_measure_is_neutral() -> None:
    e = _one("President Joe Biden deployed National Guard troops to the southern border.")
    assert e.action == "POLICY" and e.dyad == "domestic" and e.polarity == "neutral" and e.intensity == 0


def test_code_rules_cue_and_explanation() -> None:
    text = "Mexico extradited the cartel leader to the United States."
    e = _one(text)
    assert text[e.cue_start:e.cue_end] == e.cue == "extradited"
    assert "TRANSFER" in e.explanation and "extradited" in e.explanation
    assert e.cameo_root == "08" and e.quad_class == "material_cooperation"


def test_code_rules_send_is_a_transfer_only_with_suspects() -> None:
    evs = _code("Mexico sent 29 cartel figures, including Rafael Caro Quintero, to the United States on Thursday.")
    assert [(e.action, e.country1, e.country2) for e in evs] == [("TRANSFER", "MX", "US")]
    assert [e for e in _code("Mexico sent a diplomatic note to the United States.") if e.action == "TRANSFER"] == []


def test_code_rules_coordinated_arrest_is_cooperation() -> None:
    e = _one("The Mexican Navy arrested a Sinaloa Cartel leader in Culiacán with intelligence from the DEA.")
    assert e.action == "COOPERATE" and {e.country1, e.country2} == {"MX", "US"} and e.dyad == "gov"


def test_code_rules_pronoun_takes_the_speaker_of_the_sentence() -> None:
    text = ("Secretary of State Marco Rubio met with Mexican officials. "
            "Sheinbaum said she would deploy 10,000 National Guard troops to the northern border.")
    evs = [e for e in _code(text) if e.action == "POLICY"]
    assert evs and evs[0].actor1 == "Claudia Sheinbaum" and evs[0].modality == "planned"


def test_code_rules_according_to_keeps_the_subject() -> None:
    e = _one("The Pentagon has flown surveillance flights near the Mexican coast, according to U.S. officials, "
             "without notifying Mexico's defense ministry.")
    assert e.action == "UNILATERAL" and (e.country1, e.country2) == ("US", "MX")
    assert e.modality == "reported"


@pytest.mark.parametrize(
    ("text", "action", "c1", "c2"),
    [
        ("Ovidio Guzmán López was extradited to the United States on Friday.", "TRANSFER", "MX", "US"),
        ("Ten members of the Sinaloa Cartel were handed over to U.S. authorities at the border.", "TRANSFER",
         "MX", "US"),
        ("Mexico's foreign ministry summoned the U.S. ambassador to protest the comments.", "ACCUSE", "MX", "US"),
        ("U.S. and Mexican officials will meet in Washington next month.", "CONSULT", "US", "MX"),
        ("López Obrador criticized the DEA for operating in Mexico without authorization.", "UNILATERAL", "US",
         "MX"),
    ],
)
def test_code_rules_passives_and_modifiers(text: str, action: str, c1: str, c2: str) -> None:
    hits = [e for e in _code(text) if e.action == action]
    assert hits, [(e.action, e.actor1, e.actor2) for e in _code(text)]
    assert (hits[0].country1, hits[0].country2) == (c1, c2)


@pytest.mark.parametrize(
    ("text", "action", "actor1"),
    [
        # the previous sentence's pair must not take the pronoun: it is the speaker's
        ("The Trump administration threatened tariffs. Mexican officials have repeatedly said they will not "
         "accept the presence of American troops on Mexican territory.", "REJECT", "Mexican officials"),
        ("The DEA said it had arrested 15 suspected members of the Sinaloa Cartel in Arizona in an operation "
         "conducted with Mexico's attorney general's office.", "COOPERATE", "Drug Enforcement Administration"),
        # a time adverbial between the verb and the pronoun
        ("Mexican officials said on Tuesday that they would not accept American troops.", "REJECT",
         "Mexican officials"),
    ],
)
def test_code_rules_pronoun_after_a_reporting_verb_is_its_speaker(text: str, action: str, actor1: str) -> None:
    from core.resolve import find_mentions
    from core.segment import segment

    kb = _kb()
    aid = article_id(text)
    coded = code_article(text, segment(text, article_id=aid), find_mentions(text, kb=kb), article_id=aid,
                         published=DateWindow("2024-03-01", "2024-03-01", "2024-03-01", "day", 1.0), kb=kb)
    evs = [e for e in coded if e.action == action]
    assert [e.actor1 for e in evs] == [actor1], [(e.actor1, e.action, e.actor2) for e in coded]


def test_code_rules_possessive_after_a_reporting_verb_is_not_the_speaker() -> None:
    text = "The association issued a statement saying that its president had met Mexican officials."
    assert all(e.actor1 != "association" for e in _code(text))


@pytest.mark.parametrize(
    "text",
    [
        # what a law bans is not an act ("bans foreign agents from operating … without authorization")
        "Mexico's Senate approved a constitutional reform that bans foreign agents from operating on Mexican "
        "soil without authorization.",
    ],
)
def test_code_rules_prohibited_act_is_not_an_event(text: str) -> None:
    assert [e.action for e in _code(text) if e.action == "UNILATERAL"] == []


@pytest.mark.parametrize(
    ("text", "accuse"),
    [
        # a participle describing a noun is background, not an accusation
        ("The United States handed over to Mexico a former governor accused of corruption.", False),
        # a passive act with its accuser, and the active voice, are accusations
        ("Mexico was accused by Washington of failing to stop fentanyl.", True),
        ("Mexico accused the United States of meddling.", True),
    ],
)
def test_code_rules_participle_describing_a_noun_is_no_accusation(text: str, accuse: bool) -> None:
    assert any(e.action == "ACCUSE" for e in _code(text)) is accuse


def test_code_rules_tit_for_tat_in_one_sentence_gives_both_acts() -> None:
    """Two acts of opposite direction in one sentence are two events (one per actor pair,
    direction and polarity); the second clause's subject is its own."""
    evs = _code("The United States imposed tariffs in February, and Mexico suspended security cooperation "
                "with Washington.")
    assert {(e.country1, e.action, e.country2) for e in evs} == {("US", "SANCTION", "MX"), ("MX", "SANCTION", "US")}


def test_code_rules_a_list_of_actors_is_one_subject() -> None:
    evs = _code("Mexico, the United States, and Canada agreed to share intelligence.")
    assert [(e.country1, e.action) for e in evs] == [("MX", "AGREE")]


def test_code_rules_what_someone_is_asked_to_explain_is_no_event() -> None:
    evs = _code("Mexico demanded that the U.S. ambassador explain why agents operated in Culiacán without "
                "notifying Mexico.")
    assert [e.action for e in evs] == ["DEMAND"], [(e.actor1, e.action, e.actor2) for e in evs]
