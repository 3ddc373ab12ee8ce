"""The stance lexicon's breadth: everyday evaluative language of diplomatic and security-policy
discourse (praise, criticism and concern, refusals, commitments), judged on short sentences
written for these tests (not taken from any article), and neutral reporting that must stay
without a stance."""

from __future__ import annotations

import pytest

from core.stance import judge


def _label(sentence: str) -> str | None:
    j = judge(sentence, 0, len(sentence), [])
    return j.stance if j else None


PRAISE = [
    "This agreement marks an unprecedented level of cooperation between our two countries.",
    "It is a historic step for the relationship between Mexico and the United States.",
    "We are entering a new era of cooperation on security.",
    "I want to recognize the extraordinary leadership of the president in this partnership.",
    "The meeting was productive, cordial and respectful, and the relationship is very favorable.",
    "Mexico has been a good neighbor and a reliable partner on border security.",
    "Our friendship is strong and deep, and we have an excellent relationship.",
    "We are grateful for the important actions the Mexican government has taken against fentanyl.",
    "The secretary thanked the Mexican authorities for their courage in the fight against the cartels.",
    "Security cooperation with Mexico is essential and has produced concrete results.",
    "The two agencies teamed up against gun smuggling at the border.",
    "The new radars have boosted the capabilities of the border police.",
    "Security cooperation between our countries has changed for the better.",
]

CRITICISM = [
    "Mexico is not doing enough to stop fentanyl from crossing the border.",
    "These tariffs are detrimental and will only benefit the criminals.",
    "We have lost trust in our partners after this episode.",
    "Sending agents without permission would be a violation of our sovereignty.",
    "This is meddling in our internal affairs and a sign of disrespect for our sovereignty.",
    "Using tariffs as blackmail on migration is unfair.",
    "Security cannot be an excuse for intervention.",
    "Designating the cartels as terrorist organizations would be a mistake.",
    "The rise in drone flights over our territory is worrying and deeply troubling.",
    "We are deeply concerned about the deployment of troops near the border.",
    "There is no evidence for these claims about our cooperation; they are false.",
    "The report on our cooperation is propaganda, politically motivated and full of lies.",
    "The unilateral strike was an alarming escalation.",
    "More security talks would be pointless and futile.",
    "The reform puts security cooperation at risk.",
    "Mexico was not consulted before the drone flights over the border began.",
    "Our national sovereignty is inviolable, and it is not for sale.",
    "Fentanyl trafficking can’t be fixed with tariffs.",
]

REFUSALS = [
    "Mexico will not pay for the wall.",
    "We will never accept foreign troops on our soil.",
    "We are not going to allow any intervention in our territory.",
    "Our sovereignty is not negotiable.",
    "There will be no foreign military operations on Mexican territory; that won't happen.",
    "The government rejects the extradition request.",
]

COMMITMENTS = [
    "We reaffirm our commitment to the bilateral relationship.",
    "Mexico expressed its willingness to work with the new administration on security.",
    "We stand with Mexico and are ready to cooperate on intelligence.",
    "Both countries share a common goal and will keep working hand in hand against trafficking.",
    "We are open to dialogue with our neighbors.",
]

MIXED = [
    "Cooperation yes, intervention no.",
    "We will keep working with the United States as long as our sovereignty is respected, without subordination.",
    "We will cooperate with the United States on security as long as there is no intervention.",
    "The relationship is excellent, but the tariffs are a mistake.",
]


@pytest.mark.parametrize("sentence", PRAISE + COMMITMENTS)
def test_stance_breadth_support(sentence: str) -> None:
    assert _label(sentence) == "support"


@pytest.mark.parametrize("sentence", CRITICISM + REFUSALS)
def test_stance_breadth_oppose(sentence: str) -> None:
    assert _label(sentence) == "oppose"


@pytest.mark.parametrize("sentence", MIXED)
def test_stance_breadth_mixed(sentence: str) -> None:
    assert _label(sentence) == "mixed"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We are not satisfied with the cooperation we have received.", "oppose"),
        ("Mexico is not willing to cooperate on the extradition of its citizens.", "oppose"),
        ("We are not open to any foreign intervention.", "oppose"),
    ],
)
def test_stance_breadth_negated_support_counts_against(sentence: str, expected: str) -> None:
    assert _label(sentence) == expected


@pytest.mark.xfail(reason="no topic word: remarks about a person, or the other government named only as "
                          "'the government', give the judge no target (without a holder it has no actor "
                          "to fall back on)", strict=True)
@pytest.mark.parametrize("sentence", [
    "The ambassador's remarks were irresponsible and outrageous.",
    "His statements are a disgrace and an insult to every Mexican.",
    "We have lost trust in the other government after this episode.",
    "There is no evidence for these accusations against the government; they are false.",
])
def test_stance_breadth_needs_a_topic(sentence: str) -> None:
    assert _label(sentence) == "oppose"


@pytest.mark.parametrize("sentence", [
    "The army launched an offensive against the cartel in Sinaloa.",
    "The suspects used false documents to cross the border.",
    "Police found the bodies lying near the border crossing.",
    "Thanks to the rain, the border crossing was closed for hours.",
    "The security operation was announced by officials in the capital.",
    "Officials said the answer lies in the data on migration.",
    "The extraordinary session of Congress discussed the border budget.",
    "Homicides reached historic levels in the border state last year.",
    "Fugitives hailing from Sinaloa were named in the extradition documents.",
    "He told The Wall Street Journal that the security talks would resume.",
    "The cartel was determined to control the drug routes to the border.",
    "It was good news that the border crossings had reopened after the storm.",
    "The crossing was closed because there is not enough staff at the border.",
    "The seizures of fentanyl were part of a joint effort by several agencies.",
    "The victims were found lying side by side near the border.",
    "There will be no change in the schedule of the security talks.",
    "The attack on the border post was a terrible act of violence.",
])
def test_stance_breadth_neutral_reporting_has_no_stance(sentence: str) -> None:
    assert _label(sentence) is None
