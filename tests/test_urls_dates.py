"""URL dates (``core/urls.py``, ``core/data/url_dates.tsv``): the address forms news sites use,
what only looks like a date, dates that cannot exist, and the address line of a pasted text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core import urls
from core.urls import UrlDate, UrlRefusal

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("url", "low", "precision"),
    [
        ("https://www.miamiherald.com/2012/09/17/3007512/mexican-us-relations.html", "2012-09-17", "day"),
        ("https://www.theguardian.com/world/2013/may/01/obama-mexico-visit", "2013-05-01", "day"),
        ("https://www.sandiegouniontribune.com/news/story/2019-10-19/mexico-says", "2019-10-19", "day"),
        ("https://www.latimes.com/world/la-fg-mexico-agent-20110217-story.html", "2011-02-17", "day"),
        ("https://www.latimes.com/archives/la-xpm-2011-feb-16-la-fg-mexico-story.html", "2011-02-16", "day"),
        ("https://www.csmonitor.com/World/Americas/2009/0402/p06s01-woam.html", "2009-04-02", "day"),
        ("https://example.com/news/story?id=7&date=2019-10-19", "2019-10-19", "day"),
        ("https://www.newindianexpress.com/world/2025/Feb/28/mexico-sends", "2025-02-28", "day"),
        ("https://www.washingtonpost.com/wp-dyn/content/article/2007/10/22/AR2007102202296.html",
         "2007-10-22", "day"),
        ("https://nsjonline.com/article/2019/07/mexico-us-to-launch-plan/", "2019-07-01", "month"),
        ("https://www1.cbn.com/cbnnews/politics/2023/march/republicans-call", "2023-03-01", "month"),
    ],
)
def test_urls_date_forms(url: str, low: str, precision: str) -> None:
    got = urls.url_date(url, today=TODAY)
    assert isinstance(got, UrlDate)
    assert (got.low, got.precision) == (low, precision)
    assert got.text and got.text in url.lower()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/2030-agenda/",  # a year in a slug
        "https://www.upi.com/Top_News/US/mexico-cartel/1641755055139/",  # a long id
        "https://apnews.com/eda082a456d7f6aa4894f64a03ce2b72",
        "https://2019.example.org/news/story",  # the host never dates a page
        "https://example.com/2019/",  # a year alone
        "not a url /2019/10/19/",
        "",
    ],
)
def test_urls_what_only_looks_like_a_date_is_no_date(url: str) -> None:
    assert urls.url_date(url, today=TODAY) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://example.com/2019/02/30/story", "cannot exist"),
        ("https://example.com/2019/13/01/story", "cannot exist"),
        ("https://example.com/2031/01/05/story", "outside"),
    ],
)
def test_urls_impossible_dates_are_refused_with_a_reason(url: str, reason: str) -> None:
    got = urls.url_date(url, today=TODAY)
    assert isinstance(got, UrlRefusal)
    assert reason in got.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("URL: https://www.kpbs.org/news/2011/03/16/mexico\n\nTitle\n\nBody text.", "https://www.kpbs.org/news/2011/03/16/mexico"),
        ("Title\n\nBody text.\n\nSource: <https://example.com/a>", "https://example.com/a"),
        ("www.example.com/2019/10/19/story\nTitle\nBody.", "https://www.example.com/2019/10/19/story"),
        ("Title\n\nRead more at https://example.com/a in the body of a sentence.", ""),
    ],
)
def test_urls_address_line_of_a_pasted_text(text: str, expected: str) -> None:
    assert urls.url_in_text(text) == expected


def test_urls_validator_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "url_dates.tsv").write_text(
        "# test\npattern_id\tregex\tprecision\texample\texample_date\n"
        "ok\t/(?P<y>\\d{4})/(?P<m>\\d\\d)/(?P<d>\\d\\d)/\tday\thttps://x.org/2019/10/19/a\t2019-10-19\n"
        "broken\t(?P<y>\\d{4}\tday\thttps://x.org/a\t2019-10-19\n"
        "wrong\t/(?P<y>\\d{4})/(?P<m>\\d\\d)/\tday\thttps://x.org/2019/10/a\t2019-10\n"
        "example\t/(?P<y>\\d{4})/(?P<m>\\d\\d)/(?P<d>\\d\\d)/\tday\thttps://x.org/2019/10/19/a\t2019-10-20\n",
        encoding="utf-8")
    issues = urls.validate_url_dates(tmp_path)
    where = {(i.line, i.message.split(":")[0]) for i in issues}
    assert (4, "column 'regex'") in where  # does not compile
    assert (5, "column 'regex'") in where  # a day row without a day group
    assert (6, "column 'example'") in where  # dates another day than it says
    assert all(i.file == "url_dates.tsv" for i in issues) and len(issues) == 3
