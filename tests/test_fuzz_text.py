"""Fuzz the text stages (clean, segment, resolve, dates, code, stance) with hostile text.

Every property: nothing raises, nothing runs over its time budget, and every offset lies
inside the article text and reproduces the stored text (passages, mentions, events,
stances).  Inputs: random unicode, control characters, right-to-left and zero-width marks,
odd line breaks, HTML and markdown, long runs of one piece, and the seed articles with
hostile pieces spliced in (so that real events and stances get coded from damaged text).
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robustness_support import (
    CASE_SECONDS,
    FUZZ_EXAMPLES,
    budget,
    check_events,
    check_mentions,
    check_passages,
    check_span,
    check_stances,
    check_window,
    hostile_pieces,
    hostile_text,
)

from core.records import CleanDoc, DateWindow, RawDoc

pytestmark = pytest.mark.slow  # (run by .ci/run's second pytest: python -m pytest -m slow)

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,  # the explicit budget() around each call is the time limit
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)




@pytest.fixture(scope="module")
def kb() -> Any:
    return importlib.import_module("core.kb").load_kb()


@st.composite
def spliced_seed(draw: st.DrawFn) -> str:
    """A seed article with up to 12 hostile pieces inserted at random places."""
    text = SEEDS[draw(st.integers(0, len(SEEDS) - 1))].read_text(encoding="utf-8")
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(hostile_pieces()) + text[at:]
    return text


ANY_TEXT = st.one_of(hostile_text(), spliced_seed())

def _window(start: dt.date, days: int) -> DateWindow:
    end = min(start + dt.timedelta(days=days), dt.date.max)
    return DateWindow("", start.isoformat(), end.isoformat(), "window", 0.5, "fuzz")


windows = st.one_of(
    st.just(DateWindow()),
    st.dates().map(lambda d: DateWindow(d.isoformat(), d.isoformat(), d.isoformat(), "day", 0.9, "fuzz")),
    st.builds(_window, st.dates(max_value=dt.date(9000, 1, 1)), st.integers(0, 4000)),
)


def check_clean(doc: CleanDoc) -> None:
    assert isinstance(doc.text, str)
    prev = 0
    for a, b in doc.teasers:
        check_span(doc.text, a, b, "teaser span")
        assert a >= prev, "teaser spans overlap or are out of order"
        prev = b


@FUZZ
@given(text=ANY_TEXT)
def test_fuzz_clean_never_fails(text: str) -> None:
    clean = importlib.import_module("core.clean")
    with budget(CASE_SECONDS, "clean_doc"):
        doc = clean.clean_doc(RawDoc(path="fuzz.txt", text=text))
    check_clean(doc)
    assert "\x00" not in doc.text


@FUZZ
@given(data=st.data(), text=ANY_TEXT)
def test_fuzz_segment_offsets_inside_text(data: st.DataObject, text: str) -> None:
    segment = importlib.import_module("core.segment")
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=4)))
    teasers = list(zip(cuts[0::2], cuts[1::2], strict=False))
    with budget(CASE_SECONDS, "segment"):
        passages = segment.segment(text, article_id="fuzz", teasers=teasers)
    check_passages(text, passages)
    assert [p.index for p in passages] == list(range(len(passages)))


@FUZZ
@given(text=ANY_TEXT, window=windows)
def test_fuzz_resolve_mentions_inside_text(kb: Any, text: str, window: DateWindow) -> None:
    resolve = importlib.import_module("core.resolve")
    with budget(CASE_SECONDS, "find_mentions"):
        mentions = resolve.find_mentions(text, kb=kb)
    check_mentions(text, mentions)
    with budget(CASE_SECONDS, "bind_titles"):
        bound = resolve.bind_titles(mentions, kb=kb, window=window)
    check_mentions(text, bound)


@FUZZ
@given(sentence=ANY_TEXT, published=windows)
def test_fuzz_event_date_well_formed(sentence: str, published: DateWindow) -> None:
    dates = importlib.import_module("core.dates")
    with budget(CASE_SECONDS, "event_date"):
        w = dates.event_date(sentence, published=published)
    check_window(w, "event_date")


@FUZZ
@given(text=ANY_TEXT, published=st.one_of(st.just(""), hostile_text(8), st.dates().map(str)))
def test_fuzz_pipeline_stages_keep_offsets(kb: Any, text: str, published: str) -> None:
    """Stage by stage as core.pipeline.process_doc runs them, checking every offset."""
    clean, segment, resolve, dates, code, stance = (
        importlib.import_module(f"core.{m}") for m in ("clean", "segment", "resolve", "dates", "code", "stance")
    )
    from core.ids import article_id

    raw = RawDoc(path="fuzz.txt", text=text, published=published, title=text[:40])
    with budget(CASE_SECONDS, "clean_doc"):
        doc = clean.clean_doc(raw)
    check_clean(doc)
    t = doc.text
    aid = article_id(t)
    with budget(CASE_SECONDS, "segment"):
        passages = segment.segment(t, article_id=aid, teasers=doc.teasers)
    check_passages(t, passages)
    with budget(CASE_SECONDS, "find_mentions"):
        mentions = resolve.find_mentions(t, kb=kb)
    check_mentions(t, mentions)
    with budget(CASE_SECONDS, "date_article"):
        pub = dates.date_article(raw, doc, mentions, kb=kb)
    check_window(pub, "date_article")
    with budget(CASE_SECONDS, "bind_titles"):
        mentions = resolve.bind_titles(mentions, kb=kb, window=pub)
    check_mentions(t, mentions)
    ids = {p.passage_id for p in passages}
    with budget(CASE_SECONDS, "code_article"):
        events = code.code_article(t, passages, mentions, article_id=aid, published=pub, kb=kb)
    check_events(t, events, ids)
    with budget(CASE_SECONDS, "extract_stances"):
        stances = stance.extract_stances(t, passages, mentions, article_id=aid, published=pub, kb=kb)
    check_stances(t, stances, ids)


@FUZZ
@given(text=ANY_TEXT)
def test_fuzz_process_doc_raises_only_for_empty_text(text: str) -> None:
    clean = importlib.import_module("core.clean")
    importlib.import_module("core.segment")
    from core import pipeline

    raw = RawDoc(path="fuzz.txt", text=text)
    try:
        with budget(CASE_SECONDS * 2, "process_doc"):
            res = pipeline.process_doc(raw)
    except getattr(pipeline, "EmptyArticle", ()) as exc:  # the one exception it may raise
        assert not clean.clean_doc(raw).text.strip(), f"EmptyArticle for a non-empty text: {exc}"
        return
    art = res.article
    assert art["n_passages"] == len(res.passages)
    for p in res.passages:
        check_span(art["text"], p.start, p.end, "passage", p.text)


@FUZZ
@given(text=ANY_TEXT, date=st.one_of(st.none(), st.dates().map(str), hostile_text(6)))
def test_fuzz_sentence_api_never_raises(text: str, date: str | None) -> None:
    api = importlib.import_module("core.sentence_api")
    with budget(CASE_SECONDS, "code_sentence"):
        out = api.code_sentence(text, date=date)
    assert isinstance(out, dict)


@FUZZ
@given(text=ANY_TEXT, url=st.one_of(hostile_text(6), st.text(max_size=200).map(lambda t: "https://example.com/" + t)))
def test_fuzz_article_facts_never_fail(text: str, url: str) -> None:
    """URL dates, outlets and wires, and landmarks take any text and any would-be URL."""
    urls = importlib.import_module("core.urls")
    outlets = importlib.import_module("core.outlets")
    landmarks = importlib.import_module("core.landmarks")
    with budget(CASE_SECONDS, "url date, outlet, landmarks"):
        got = urls.url_date(url)
        found = outlets.article_outlet(text, url=url, site_name=text[:40], header_name=text[-40:])
        marks = list(landmarks.find(text))
        address = urls.url_in_text(text)
    if isinstance(got, urls.UrlDate):
        assert got.low <= got.high and len(got.low) == 10
    assert isinstance(found.outlet, str) and isinstance(found.wire, str)
    for m in marks:
        assert 0 <= m.start < m.end <= len(text)
    assert address == "" or urls.is_url(address)
