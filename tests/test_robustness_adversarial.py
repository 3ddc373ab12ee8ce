"""No single pathological text can stall a build.

Each adversarial text (about 1 MB, one of 5 MB) goes through every stage of the pipeline,
each stage under its own time budget (core.limits.STAGE_SECONDS_PER_MB per megabyte), with
the offsets checked afterwards.  A catastrophic backtrack is interrupted by the budget and
reported with the stage's name instead of hanging the suite.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from robustness_support import (
    budget,
    check_events,
    check_mentions,
    check_passages,
    check_stances,
    check_window,
)

from core import limits
from core.ids import article_id
from core.records import DateWindow, RawDoc

pytestmark = pytest.mark.slow  # (run by .ci/run's second pytest: python -m pytest -m slow)

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
MB = 1_000_000




def fill(piece: str, size: int = MB) -> str:
    """``piece`` repeated to about ``size`` characters."""
    return piece * max(1, size // len(piece))


ADVERSARIAL: dict[str, str] = {
    "100k_no_spaces": "x" * 100_000,
    "1M_no_spaces": "Mexico" * (MB // 6),
    "50k_dots": "." * 50_000,
    "1M_dots": "." * MB,
    "a_space_x100000": "a " * 100_000,
    "nested_quotes": fill("“‘\"«") + "said" + fill("”’\"»"),
    "quote_never_closed": "Sheinbaum said “" + fill("we work together, "),
    "us_dot_x10000": "U.S. " * 10_000,
    "us_dot_1M": fill("U.S. "),
    "initials": fill("A. "),
    "abbreviations": fill("Gen. Dr. Gov. Mr. Sen. No. St. e.g. i.e. "),
    "titles_no_names": fill("the Mexican president and the U.S. ambassador "),
    "capitalised_run": fill("Ambassador Ken Salazar Mexico City United States Government "),
    "almost_names": fill("Sheinbau Salazr Obradr Blinkn "),
    "dates_run": fill("October 8, 2021 2021-10-08 10/8/21 last Friday "),
    "numbers": fill("1.2.3.4.5,6,7 "),
    "said_run": fill("said "),
    "verbs_no_actors": fill("agreed extradited arrested accused condemned praised "),
    "one_sentence_1M": "Mexico and the United States agreed to " + fill("cooperate and ") + "share intelligence.",
    "html_nested": fill("<div>") + "Mexico" + fill("</div>"),
    "html_unclosed": fill("<a href='"),
    "markdown": fill("[x](javascript:alert(1)) ![i](http://x/y) "),
    "newlines": "\n" * MB,
    "crlf_blank": fill("\r\n \r\n"),
    "bullets": fill("  • Gov. Katie Hobbs\n"),
    "zero_width": "\u200b".join(fill("Mexico. ", MB // 2)),
    "bidi": fill("\u202eMexico\u202c \u200fsaid\u200e. "),
    "combining": "e" + "\u0301" * MB,
    "emoji_flags": fill("🇲🇽🇺🇸 "),
    "control": fill("".join(chr(c) for c in range(32))),
    "seeds_repeated": fill("\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS)),
    "5MB_single_line": fill("Salazar said Mexico ", 5 * MB).replace("\n", " "),
}


@pytest.fixture(scope="module")
def kb() -> Any:
    return importlib.import_module("core.kb").load_kb()


def stage_budget(name: str, text: str) -> Any:
    seconds = limits.STAGE_SECONDS_PER_MB * max(1.0, len(text) / MB)
    return lambda what: budget(seconds, f"{what} on {name!r} ({len(text):,} chars)")


@pytest.mark.slow
@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_robustness_adversarial_clean_and_segment_within_budget(name: str) -> None:
    clean, segment = importlib.import_module("core.clean"), importlib.import_module("core.segment")
    text = ADVERSARIAL[name]
    stage = stage_budget(name, text)
    with stage("clean_doc"):
        doc = clean.clean_doc(RawDoc(path=f"{name}.txt", text=text))
    with stage("segment"):
        passages = segment.segment(doc.text, article_id="x", teasers=doc.teasers)
    check_passages(doc.text, passages)
    with stage("segment (uncleaned text)"):
        passages = segment.segment(text, article_id="x", teasers=[])
    check_passages(text, passages)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_robustness_adversarial_text_each_stage_within_budget(name: str, kb: Any) -> None:
    clean, segment, resolve, dates, code, stance = (
        importlib.import_module(f"core.{m}") for m in ("clean", "segment", "resolve", "dates", "code", "stance")
    )
    text = ADVERSARIAL[name]
    stage = stage_budget(name, text)
    raw = RawDoc(path=f"{name}.txt", text=text)
    doc = clean.clean_doc(raw)
    t = doc.text
    aid = article_id(t)
    passages = segment.segment(t, article_id=aid, teasers=doc.teasers)
    with stage("find_mentions"):
        mentions = resolve.find_mentions(t, kb=kb)
    check_mentions(t, mentions)
    with stage("date_article"):
        pub = dates.date_article(raw, doc, mentions, kb=kb)
    check_window(pub, "date_article")
    with stage("bind_titles"):
        mentions = resolve.bind_titles(mentions, kb=kb, window=pub)
    with stage("event_date on every passage"):
        for p in passages:
            dates.event_date(p.text, published=pub)
    with stage("event_date on the whole text as one sentence"):
        check_window(dates.event_date(t, published=pub), "event_date")
    ids = {p.passage_id for p in passages}
    with stage("code_article"):
        events = code.code_article(t, passages, mentions, article_id=aid, published=pub, kb=kb)
    check_events(t, events, ids)
    with stage("extract_stances"):
        stances = stance.extract_stances(t, passages, mentions, article_id=aid, published=pub, kb=kb)
    check_stances(t, stances, ids)


@pytest.mark.parametrize("name", ["100k_no_spaces", "a_space_x100000", "nested_quotes", "us_dot_x10000",
                                  "one_sentence_1M", "zero_width", "said_run"])
def test_robustness_adversarial_sentence_api_within_budget(name: str) -> None:
    api = importlib.import_module("core.sentence_api")
    text = ADVERSARIAL[name]
    with budget(limits.STAGE_SECONDS_PER_MB * max(1.0, len(text) / MB), f"code_sentence on {name!r}"):
        out = api.code_sentence(text, date="2021-10-08")
    assert isinstance(out, dict)


def test_robustness_adversarial_passages_are_bounded() -> None:
    """A run of text without any sentence end is cut into passages of bounded length, so
    that the per-sentence stages never see a megabyte-long "sentence"."""
    segment = importlib.import_module("core.segment")
    for name in ("1M_no_spaces", "a_space_x100000", "one_sentence_1M", "5MB_single_line"):
        text = ADVERSARIAL[name]
        passages = segment.segment(text, article_id="x", teasers=[])
        longest = max(p.end - p.start for p in passages)
        assert longest <= limits.MAX_PASSAGE_CHARS, (
            f"{name}: a passage of {longest:,} chars (limit {limits.MAX_PASSAGE_CHARS:,})"
        )


def test_robustness_adversarial_event_date_ignores_window_edges() -> None:
    """Relative dates near the ends of the calendar never overflow."""
    dates = importlib.import_module("core.dates")
    for day in ("0001-01-01", "9999-12-31"):
        pub = DateWindow(day, day, day, "day", 1.0, "test")
        for sentence in ("last week", "next year", "yesterday", "in two years", "on Friday", "last month",
                         "a decade ago", "next Monday", "in 3000 days"):
            check_window(dates.event_date(f"Mexico agreed {sentence}.", published=pub), sentence)
