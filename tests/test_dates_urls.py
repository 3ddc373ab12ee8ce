"""Publication dates with a URL (``core/dates.py`` with ``core/urls.py``): the URL's day is
evidence beside the text's own, agreement and contradiction follow the documented rule, and
"on Monday" resolves against it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.clean import clean_doc
from core.dates import date_article, event_date
from core.kb import load_kb
from core.pipeline import build_frames
from core.records import RawDoc
from core.resolve import find_mentions

KB = load_kb()
BODY = "Mexico's security cabinet met on Monday with U.S. officials to discuss fentanyl trafficking.\n"


def _date(text: str, url: str = "", published: str = "") -> tuple[str, str, str, str]:
    raw = RawDoc(path="a.txt", text=text, url=url, published=published)
    doc = clean_doc(raw)
    w = date_article(raw, doc, find_mentions(doc.text, kb=KB), kb=KB)
    return w.low, w.high, w.precision, w.evidence


def test_dates_url_day_dates_an_article_without_dateline() -> None:
    low, high, precision, evidence = _date(BODY, "https://www.kpbs.org/news/2011/03/16/mexico-says")
    assert (low, high, precision) == ("2011-03-16", "2011-03-16", "day")
    assert "url: '2011/03/16'" in evidence


def test_dates_url_agreeing_dateline_a_day_later_keeps_the_dateline_day() -> None:
    text = "MEXICO CITY, Oct. 23, 2007 (AP) — " + BODY
    low, _, precision, evidence = _date(text, "https://www.washingtonpost.com/wp-dyn/content/article/2007/10/22/AR1.html")
    assert (low, precision) == ("2007-10-23", "day")
    assert "agrees with url" in evidence


def test_dates_url_contradicting_dateline_is_flagged_and_the_url_wins() -> None:
    text = "MEXICO CITY, May 2, 2019 (AP) — " + BODY
    low, _, precision, evidence = _date(text, "https://example.com/2021/06/07/story")
    assert (low, precision) == ("2021-06-07", "day")
    assert "contradicts" in evidence and "URL's date is kept" in evidence


def test_dates_url_metadata_wins_over_a_contradicting_url() -> None:
    low, _, _, evidence = _date(BODY, "https://example.com/2021/06/07/story", published="2019-05-02")
    assert low == "2019-05-02"
    assert "contradicts url" in evidence and "metadata is kept" in evidence


def test_dates_url_month_is_narrowed_by_the_text() -> None:
    text = "MEXICO CITY, Aug. 24, 2012 (AP) — " + BODY
    low, _, precision, _ = _date(text, "https://www.cleveland.com/world/index.ssf/2012/08/mexican.html")
    assert (low, precision) == ("2012-08-24", "day")


def test_dates_url_impossible_date_is_ignored_with_a_reason() -> None:
    low, _, precision, evidence = _date(BODY, "https://example.com/2019/02/30/story")
    assert precision != "day" or low != "2019-02-30"
    assert "2019-02-30 cannot exist" in evidence


def test_dates_url_day_resolves_relative_days() -> None:
    _, _, _, _ = _date(BODY, "https://example.com/2025/03/06/story")
    raw = RawDoc(path="a.txt", text=BODY, url="https://example.com/2025/03/06/story")  # a Thursday
    doc = clean_doc(raw)
    pub = date_article(raw, doc, find_mentions(doc.text, kb=KB), kb=KB)
    w = event_date("The cabinet met on Monday.", published=pub, kb=KB)
    assert (w.low, w.precision) == ("2025-03-03", "day")


@pytest.mark.parametrize("field", ["url", "link"])
def test_dates_url_column_of_jsonl_dates_frames(tmp_path: Path, field: str) -> None:
    path = tmp_path / "a.jsonl"
    rows = [{"text": BODY, field: "https://www.kjzz.org/fronteras-desk/2025-02-20/u-s-designates"},
            {"text": BODY.replace("fentanyl", "arms"), field: "nonsense"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    frames = build_frames([str(path)])
    arts = frames.articles.sort_values("path")
    assert arts.iloc[0]["date_low"] == "2025-02-20" and arts.iloc[0]["url"].startswith("https://www.kjzz.org/")
    assert arts.iloc[1]["url"] == ""
    assert "'nonsense' is not a URL" in arts.iloc[1]["problems"]



@pytest.mark.parametrize(
    ("sentence", "low"),
    [
        # a "will" inside a quotation (even one the sentence split cut) does not make the saying future
        ("I’ve said it again; Mexico will not pay for any wall,” Peña Nieto said on Twitter Wednesday.", "2017-01-25"),
        ("“Mexico will not pay,” Peña Nieto said on Wednesday.", "2017-01-25"),
        # the tense of the date's own clause, not of another one
        ("President Bush announced Monday that he will ask Congress for the aid package.", "2017-01-23"),
        ("The two leaders will meet on Friday.", "2017-01-27"),
        # a month and day that a deadline word or the clause's future points ahead
        ("Mexico won't pay the tariffs until April 2, Trump said.", "2017-04-02"),
        ("The ministers will meet on March 10.", "2017-03-10"),
        ("The ministers met on January 10.", "2017-01-10"),
    ],
)
def test_dates_relative_day_reads_the_tense_outside_quotes(sentence: str, low: str) -> None:
    pub = date_article(RawDoc(path="a", text="x", published="2017-01-26"),
                       clean_doc(RawDoc(path="a", text="x")), [], kb=KB)  # a Thursday
    assert event_date(sentence, published=pub, kb=KB).low == low


def test_dates_numeric_dateline_before_an_update_is_the_publication() -> None:
    low, _, precision, _ = _date("Two officials shot\n08/29/2012 04:37 pm ET Updated Oct 29, 2012\n\n" + BODY)
    assert (low, precision) == ("2012-08-29", "day")


def test_dates_dateline_with_clock_times_is_read() -> None:
    text = ("Ministers review the border plan\non May 3, 2014 at 6:15 AM, updated May 3, 2014 "
            "at 7:02 AM\n\n" + BODY)
    low, _, precision, _ = _date(text)
    assert (low, precision) == ("2014-05-03", "day")


def test_dates_url_of_a_saved_html_page_dates_it(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Mexico sends cartel figures to US</title>"
        '<link rel="canonical" href="https://www.example-news.com/world/2025/02/28/mexico-sends-cartel-figures"/>'
        '<meta property="og:url" content="https://www.example-news.com/world/2025/02/28/mexico-sends-cartel-figures"/>'
        "</head><body><article><h1>Mexico sends cartel figures to US</h1>"
        "<p>Mexico sent 29 cartel figures to the United States on Thursday, officials said, in the largest "
        "transfer of its kind as the two governments met in Washington to discuss security and tariffs.</p>"
        "<p>The U.S. attorney general thanked Mexico for its cooperation and said the prisoners would face "
        "charges in several U.S. courts, including for drug trafficking and murder.</p>"
        "</article></body></html>", encoding="utf-8")
    art = build_frames([str(page)]).articles.iloc[0]
    assert art["url"].endswith("/2025/02/28/mexico-sends-cartel-figures")
    assert (art["date_low"], art["date_precision"]) == ("2025-02-28", "day")
    assert art["date_evidence"]  # (trafilatura's metadata reads this address's date too)


def test_dates_url_line_of_a_pasted_text_dates_it(tmp_path: Path) -> None:
    path = tmp_path / "pasted.txt"
    path.write_text("Mexico sends cartel figures to US\nURL: https://www.example-news.com/2025/02/28/mexico-sends\n\n"
                    + BODY, encoding="utf-8")
    art = build_frames([str(path)]).articles.iloc[0]
    assert art["url"] == "https://www.example-news.com/2025/02/28/mexico-sends"
    assert art["date_low"] == "2025-02-28"
    assert "example-news" not in art["text"]


def test_dates_url_column_of_csv(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('url,text\nhttps://www.latimes.com/world/la-fg-mexico-20170223-story.html,"' + BODY.strip() + '"\n',
                    encoding="utf-8")
    art = build_frames([str(path)]).articles.iloc[0]
    assert (art["date_low"], art["source"]) == ("2017-02-23", "Los Angeles Times")
