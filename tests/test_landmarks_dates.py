"""Landmarks (``core/landmarks.py``, ``core/data/landmarks.tsv``): the aliases that recount a
landmark, the dates they give articles and events, and the validator's messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.dates import event_date, infer_window
from core.kb import load_kb
from core.landmarks import find, in_sentence, landmarks, parse_mentions_cell, validate_landmarks
from core.records import DateWindow
from core.resolve import find_mentions

KB = load_kb()
PUB = DateWindow("2025-03-06", "2025-03-06", "2025-03-06", "day", 0.9, "test")


@pytest.mark.parametrize(
    ("sentence", "landmark_id"),
    [
        ("The killing of ICE agent Jaime Zapata shocked Washington.", "zapata-killed"),
        ("Agent Jaime Zapata was slain on a highway in San Luis Potosí.", "zapata-killed"),
        ("Since the Culiacanazo of October 2019, officials have been wary.", "culiacanazo"),
    ],
)
def test_landmarks_aliases_recount_a_landmark(sentence: str, landmark_id: str) -> None:
    assert landmark_id in [lm.landmark_id for lm in in_sentence(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Zapata is a common surname in Mexico.",  # one term of an alias is not the alias
        "Mexico and the United States met to discuss security.",
        "",
    ],
)
def test_landmarks_plain_sentences_recount_none(sentence: str) -> None:
    assert in_sentence(sentence) == []


def test_landmarks_are_sorted_by_date_and_dated() -> None:
    lms = landmarks()
    assert len(lms) >= 140
    assert all(lm.low <= lm.high for lm in lms)
    assert [lm.low for lm in lms] == sorted(lm.low for lm in lms)


def test_landmarks_find_gives_sentence_spans() -> None:
    text = "Officials met on Monday. The killing of ICE agent Jaime Zapata still weighs on ties."
    found = list(find(text))
    assert len(found) == 1 and text[found[0].start:found[0].end].strip().startswith("The killing")


def test_landmarks_date_an_event_sentence_without_a_date() -> None:
    w = event_date("Relations soured after agent Jaime Zapata was killed.", published=PUB, kb=KB)
    assert (w.low, w.precision) == ("2011-02-15", "day")
    assert "landmark" in w.evidence


def test_landmarks_never_replace_a_stated_date() -> None:
    w = event_date("On Monday officials recalled the killing of agent Jaime Zapata.", published=PUB, kb=KB)
    assert (w.low, w.precision) == ("2025-03-03", "day")


def test_landmarks_a_report_of_the_landmark_itself_keeps_the_publication_date() -> None:
    pub = DateWindow("2011-02-15", "2011-02-15", "2011-02-15", "day", 0.9, "test")
    w = event_date("Gunmen killed ICE agent Jaime Zapata.", published=pub, kb=KB)
    assert w.low == "2011-02-15" and "landmark" not in w.evidence


def test_landmarks_narrow_an_inferred_window() -> None:
    text = ("President Andrés Manuel López Obrador spoke about security. Since the Culiacanazo of "
            "October 2019 and the release of Ovidio Guzmán, the army has changed tactics.")
    w = infer_window(text, find_mentions(text, kb=KB), kb=KB, today="2026-12-02")
    assert w.low >= "2019-10-17" and w.high <= "2024-09-30"


def test_landmarks_alone_do_not_date_an_article() -> None:
    text = "The killing of ICE agent Jaime Zapata still weighs on relations between the two countries."
    w = infer_window(text, find_mentions(text, kb=KB), kb=KB, today="2026-12-02")
    assert w.precision == "none"


def test_landmarks_validator_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "actors.tsv").write_text("# test\nactor_id\tname\ngov-mx\tGovernment of Mexico\n", encoding="utf-8")
    head = "# test\nlandmark_id\tdate\tprecision\tname\taliases\tactors\tpolarity\tsource\tnotes\n"
    rows = [
        "ok\t2011-02-15\tday\tOK\tZapata + killed\tgov-mx\tfriction\thttps://example.org/a\t",
        "bad-date\t2019-02-30\tday\tBad date\tfoo + bar\tgov-mx\tfriction\thttps://example.org/a\t",
        "bad-actor\t2019-02-03\tday\tBad actor\tfoo + bar\tnobody\tfriction\thttps://example.org/a\t",
        "bad-form\t2019-02\tday\tBad form\tfoo\tgov-mx\tneutral\thttps://example.org/a\t",
        "bad-polarity\t2019-02-03\tday\tBad polarity\tfoo\tgov-mx\tgood\tnot a url\t",
    ]
    (tmp_path / "landmarks.tsv").write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    issues = {(i.line, i.message.split(":")[0]) for i in validate_landmarks(tmp_path)}
    assert issues == {(4, "column 'date'"), (5, "column 'actors'"), (6, "column 'date'"),
                      (7, "column 'polarity'"), (7, "column 'source'")}


def test_landmarks_told_as_news_in_the_lede_bound_the_publication() -> None:
    text = ("Mexico's president Claudia Sheinbaum said on Thursday that the country sent 29 cartel figures, "
            "including Rafael Caro Quintero, to the United States. Officials in Washington welcomed the move.")
    w = infer_window(text, find_mentions(text, kb=KB), kb=KB, today="2026-12-02")
    assert "as news" in w.evidence
    assert w.high <= "2025-03-10"


def test_landmarks_recalled_with_another_year_are_no_news() -> None:
    text = ("Mexican President Claudia Sheinbaum said on Thursday that the killing of ICE agent Jaime Zapata "
            "in 2011 still shapes cooperation.")
    w = infer_window(text, find_mentions(text, kb=KB), kb=KB, today="2026-12-02")
    assert "the lede tells" not in w.evidence


def test_landmarks_bare_month_outside_the_window_is_not_read_in_it() -> None:
    text = ("Mexican President Claudia Sheinbaum repeated comments she made in May about the prosecutors.")
    w = infer_window(text, find_mentions(text, kb=KB), kb=KB, today="2026-12-02")
    assert w.low >= "2025-06-01"  # May 2024 was before her term: May 2025 is the first that fits


def test_landmarks_column_of_a_built_article_names_them_with_their_sentence(seeds_dir: Path) -> None:
    from core import build_frames

    art = build_frames([str(seeds_dir)]).articles
    cells = dict(zip(art["path"].astype(str), art["landmarks"].astype(str), strict=True))
    named = {p: parse_mentions_cell(c) for p, c in cells.items() if c}
    assert named, cells
    texts = dict(zip(art["path"].astype(str), art["text"].astype(str), strict=True))
    for path, items in named.items():
        for lid, a, b in items:
            assert lid in {lm.landmark_id for lm in in_sentence(texts[path][a:b])}


@pytest.mark.parametrize("cell", ["", "x", "a@1", "a@1-", "@1-2", "a@x-2|b@3-4"])
def test_landmarks_column_read_back_skips_malformed_parts(cell: str) -> None:
    got = parse_mentions_cell(cell)
    assert got == ([("b", 3, 4)] if cell.startswith("a@x") else [])
