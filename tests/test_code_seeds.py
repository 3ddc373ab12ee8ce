"""The event coder on the seed articles (real pipeline: cleaning, segmentation, resolver)."""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

import pytest

from core.pipeline import ArticleResult, process_doc
from core.read import iter_corpus
from core.records import Event, Problem

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@cache
def _result(prefix: str) -> ArticleResult:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    raw = next(r for r in iter_corpus([str(path)]) if not isinstance(r, Problem))
    return process_doc(raw)


def _events_in(prefix: str, sentence_part: str) -> list[Event]:
    res = _result(prefix)
    text = res.article["text"]
    return [e for e in res.events if sentence_part in text[e.start:e.end]]


@pytest.mark.parametrize(
    ("prefix", "sentence_part", "action", "countries", "polarity"),
    [
        ("000", "accused the Mexican government of minimizing", "ACCUSE", ("US", "MX"), "friction"),
        ("000", "began closing itself off", "REJECT", ("MX", "US"), "friction"),
        ("000", "began closing itself off", "ACCUSE", ("US", "MX"), "friction"),
        ("001", "Blinken met with the Mexican government", "CONSULT", ("US", "MX"), "cooperation"),
        ("001", "continued to press the U.S. to assist", "REQUEST", ("MX", "US"), "friction"),
        ("002", "have unveiled a series of new joint operations", "COOPERATE", ("MX", "US"), "cooperation"),
        ("003", "culminated in the signing of a Joint Statement", "AGREE", ("US", "MX"), "cooperation"),
        ("003", "fired at Border Patrol agents", "ATTACK", ("NS", "US"), "friction"),
        ("003", "was targeted by a laser pointer", "ATTACK", ("NS", "US"), "friction"),
        ("004", "Mexico recently expelled 26 individuals", "TRANSFER", ("MX", "US"), "cooperation"),
        ("000", "We coordinate, we work together, but there is no compliance", "REJECT", ("MX", "US"),
         "friction"),
    ],
)
def test_code_seed_events_found(prefix: str, sentence_part: str, action: str,
                                countries: tuple[str, str], polarity: str) -> None:
    evs = _events_in(prefix, sentence_part)
    hits = [e for e in evs if e.action == action]
    assert hits, f"no {action} in {sentence_part!r}: {[(e.action, e.actor1, e.actor2) for e in evs]}"
    e = hits[0]
    assert (e.country1, e.country2) == countries
    assert e.polarity == polarity
    assert e.intensity * (1 if polarity == "cooperation" else -1) > 0


def test_code_reported_claim_gives_speech_act_and_reported_act() -> None:
    evs = _events_in("000", "Salazar said Mexico began closing itself off")
    by_action = {e.action: e for e in evs}
    assert by_action["ACCUSE"].modality == "asserted"
    assert by_action["ACCUSE"].actor1 == "Ken Salazar"
    assert by_action["REJECT"].modality == "reported"


@pytest.mark.parametrize(
    ("prefix", "sentence_part"),
    [
        ("004", "need to actively share information"),  # recommendation bullet
        ("004", "can disrupt cartel operations"),  # "can" statement
        ("004", "By working together, the US and Mexico can create"),
        ("002", "Both nations must continue"),
        ("000", "Gov. Katie Hobbs said she wants"),  # related-story teaser
        ("000", "10 people were killed in a bar"),  # statistics / domestic violence
        ("002", "over 110,000 drug overdose deaths were recorded"),  # statistics
    ],
)
def test_code_seed_traps_give_no_event(prefix: str, sentence_part: str) -> None:
    assert _events_in(prefix, sentence_part) == []


def test_code_seed_offsets_point_at_cue_and_evidence() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        res = _result(prefix)
        text = res.article["text"]
        for e in res.events:
            assert 0 <= e.start <= e.cue_start < e.cue_end <= e.end <= len(text)
            assert text[e.cue_start:e.cue_end] == e.cue
            if e.actor1_start >= 0:
                assert e.actor1_end <= len(text)
            assert e.explanation
            assert e.cameo_root or e.action == "POLICY"
            assert e.dyad in ("gov", "nonstate", "domestic")
            assert e.modality in ("asserted", "reported", "planned")
            assert 0 < e.confidence <= 1


def test_code_domestic_acts_are_neutral() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        for e in _result(prefix).events:
            if e.dyad == "domestic":
                assert e.polarity == "neutral" and e.intensity == 0


def test_code_hedged_claim_is_reported_and_low_confidence() -> None:
    evs = _events_in("004", "likely stemmed from intelligence sharing")
    assert evs and all(e.modality == "reported" and e.confidence <= 0.5 for e in evs)


def test_code_article_is_fast() -> None:
    from core.code import code_article

    res = _result("004")
    text = res.article["text"]
    from core.article import knowledge_base
    from core.records import DateWindow
    from core.resolve import find_mentions

    kb = knowledge_base()
    mentions = find_mentions(text, kb=kb)
    code_article(text, res.passages, mentions, article_id="x", published=DateWindow(), kb=kb)
    t0 = time.perf_counter()
    for _ in range(20):
        code_article(text, res.passages, mentions, article_id="x", published=DateWindow(), kb=kb)
    per = (time.perf_counter() - t0) / 20
    assert len(text) > 5000
    assert per < 0.05, f"{per * 1000:.1f} ms for a {len(text)}-char article"
