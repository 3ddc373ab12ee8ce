"""Outlets and wires (``core/outlets.py``, ``core/data/outlets.tsv``): from header positions,
the site name and the URL's domain; a wire is a column of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.outlets import article_outlet, outlet_of_host, validate_outlets
from core.pipeline import build_frames

BODY = "\n\nMexico and the United States agreed on Tuesday to expand security cooperation.\n"


@pytest.mark.parametrize(
    ("text", "url", "site", "outlet", "wire"),
    [
        ("MEXICO CITY (AP) — Mexico said on Tuesday it would cooperate.", "", "", "Associated Press", "AP"),
        ("WASHINGTON (Reuters) - Mexico said on Tuesday it would cooperate.", "", "", "Reuters", "Reuters"),
        ("By Jane Doe | Associated Press" + BODY, "", "", "Associated Press", "AP"),
        ("By Jane Doe, Reuters" + BODY, "", "", "Reuters", "Reuters"),
        ("AFP" + BODY, "", "", "Agence France-Presse", "AFP"),
        # a reprint: the site stays the outlet, the wire gets its own column
        ("MEXICO CITY (AP) — Mexico said on Tuesday it would cooperate.", "https://kvia.com/news/2024/07/25/x",
         "", "KVIA", "AP"),
        # a paper named in the byline wrote it, whoever published the page
        ("By Jane Doe, The Dallas Morning News" + BODY, "https://www.stripes.com/theaters/x", "",
         "The Dallas Morning News", ""),
        (BODY, "https://losangeles.cbslocal.com/2020/11/17/doj", "", "CBS Los Angeles", ""),
        (BODY, "https://usatoday30.usatoday.com/news/world/2007-01-20-x.htm", "", "USA Today", ""),
        (BODY, "https://news.example-unknown.org/a", "", "news.example-unknown.org", ""),
        (BODY, "https://www.upi.com/Top_News/US/2022/07/16/x/", "", "United Press International", "UPI"),
        (BODY, "", "The Washington Post", "The Washington Post", ""),
        (BODY, "", "", "", ""),
    ],
)
def test_outlets_found_in_header_site_and_domain(text: str, url: str, site: str, outlet: str, wire: str) -> None:
    got = article_outlet(text, url=url, site_name=site)
    assert (got.outlet, got.wire) == (outlet, wire)
    assert bool(got.evidence) == bool(outlet or wire)


def test_outlets_running_text_never_names_the_outlet() -> None:
    text = ("Mexico said on Tuesday it would cooperate with the United States on fentanyl, "
            "according to a report first published by Reuters and later by the AP.\n" * 3)
    assert article_outlet(text).outlet == ""


def test_outlets_longest_domain_wins() -> None:
    cbs_la, cbs = outlet_of_host("losangeles.cbslocal.com"), outlet_of_host("cbslocal.com")
    assert cbs_la is not None and cbs_la.name == "CBS Los Angeles"
    assert cbs is None or cbs.name != cbs_la.name


def test_outlets_columns_in_frames(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Mexico agrees to cooperate\n\nMEXICO CITY (AP) — Mexico and the United States agreed on "
                    "Tuesday to expand security cooperation against fentanyl trafficking, officials said.\n",
                    encoding="utf-8")
    art = build_frames([str(path)]).articles.iloc[0]
    assert (art["source"], art["wire"]) == ("Associated Press", "AP")
    assert "dateline" in art["source_evidence"]


def test_outlets_validator_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "outlets.tsv").write_text(
        "# test\noutlet\tdomains\tnames\twire\tcountry\tnotes\n"
        "Good\tgood.com\tGood\t\tUS\t\n"
        "Bad domain\thttps://bad.com/x\tBad\t\tUS\t\n"
        "Bad wire\tbadwire.com\tBW\tAPX\tUS\t\n"
        "Bad country\tbadc.com\tBC\t\tUSA\t\n"
        "Twice\tgood.com\tT\t\tUS\t\n",
        encoding="utf-8")
    issues = {(i.line, i.message.split(":")[0]) for i in validate_outlets(tmp_path)}
    assert issues == {(4, "column 'domains'"), (5, "column 'wire'"), (6, "column 'country'"),
                      (7, "column 'domains'")}
