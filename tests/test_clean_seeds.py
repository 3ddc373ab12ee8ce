"""Cleaning text copied from web pages (core/clean.py): the seeds and unseen chrome."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.clean import chrome_kind, clean_doc
from core.datafiles import read_table
from core.records import CleanDoc, RawDoc

SEED_TITLES = {
    "000": "Mexico ‘closing the door’ on security cooperation with the US",
    "002": "Mexico and US Strengthen Cooperation on Cross-Border Crime",
    "003": "Pentagon announces coordinated border patrols with Mexican military amid push for immigration control",
    "004": "Mexico Expels Alleged Cartel Members: Understanding Cross-Border Security and the Fight "
    "Against Organized Crime",
}

# Every line of the seeds that is furniture, not article text.
SEED_CHROME = {
    "000": ["close", "Semainede4jours", "Real-time news, timeless knowledge", "bigrus"],
    "001": ["OAN Newsroom", "UPDATED 5:45 PM PT – Friday, October 8, 2021", "Be the first to comment",
            "pic.twitter.com/K4EiRJK5IZ"],
    "002": [],
    "003": ["Connect with us", "United States", "Published", "on", "mexican troops", "Advertisement",
            "Trending"],
    "004": [],
}


def _seed(seeds_dir: Path, prefix: str) -> CleanDoc:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    return clean_doc(RawDoc(path=str(path), text=path.read_text(encoding="utf-8")))


def _lines(doc: CleanDoc) -> list[str]:
    return [line.strip() for line in doc.text.split("\n") if line.strip()]


@pytest.mark.parametrize("prefix", sorted(SEED_TITLES))
def test_clean_seed_titles_exact(seeds_dir: Path, prefix: str) -> None:
    doc = _seed(seeds_dir, prefix)
    assert doc.title == SEED_TITLES[prefix]
    assert SEED_TITLES[prefix] not in doc.text  # repeated title lines are gone too


def test_clean_seed_001_outlet_and_dateline(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "001")
    assert doc.source == "OAN Newsroom"
    assert doc.dateline == "UPDATED 5:45 PM PT – Friday, October 8, 2021"
    assert doc.text.startswith("Secretary of State Antony Blinken met")


def test_clean_seed_000_header_parts(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "000")
    assert doc.source == "Semainede4jours"
    assert doc.byline == "bigrus"
    assert doc.text.startswith("The US ambassador to Mexico recently had harsh words")


@pytest.mark.parametrize("prefix", sorted(SEED_CHROME))
def test_clean_no_chrome_line_survives(seeds_dir: Path, prefix: str) -> None:
    doc = _seed(seeds_dir, prefix)
    lines = _lines(doc)
    for chrome in SEED_CHROME[prefix]:
        assert chrome not in lines
    # no line of the cleaned text is a known chrome phrase
    assert [line for line in lines if chrome_kind(line)] == []
    assert "pic.twitter.com" not in doc.text


def test_clean_seed_000_teasers_flagged(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "000")
    assert len(doc.teasers) == 1
    start, end = doc.teasers[0]
    teaser = doc.text[start:end]
    assert teaser.startswith("• Gov. Katie Hobbs") and teaser.endswith("from his 40-officer department.")
    assert teaser.count("•") == 5
    assert "Sheinbaum said" not in teaser  # the article's own last line is not a teaser
    assert end == len(doc.text)


def test_clean_seed_004_body_bullets_are_not_teasers(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "004")
    assert doc.teasers == []
    assert "- Intelligence Sharing:" in doc.text


def test_clean_seed_002_headings_kept(seeds_dir: Path) -> None:
    lines = _lines(_seed(seeds_dir, "002"))
    for heading in ["Details of the Joint Operations", "Context of the Partnership", "Challenges Ahead",
                    "Impacts on Local Communities", "Conclusion"]:
        assert heading in lines


def test_clean_seed_001_tweet_kept_without_link(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "001")
    lines = _lines(doc)
    assert any(line.startswith("Through the High-Level Security Dialogue") and
               line.endswith("pursue criminal networks.") for line in lines)
    assert "— Secretary Antony Blinken (@SecBlinken) October 8, 2021" in lines


def test_clean_seed_003_caption_dropped_body_kept(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "003")
    assert "mexican troops" not in _lines(doc)
    assert doc.text.startswith("The Pentagon recently announced")
    assert doc.text.endswith("remains within reach.")


UNSEEN = """Skip to content
Home
World
Politics
Business
Sports
The Border Report
Officials sign new fentanyl accord
By Jane Doe
Published 3 hours ago
Share this article
Facebook
Photo: Customs officers inspect a truck in Nogales. (AP Photo/Some One)
MEXICO CITY — Mexican and U.S. officials signed an accord on Monday to curb fentanyl trafficking, the foreign ministry said in a statement.
The accord commits both governments to share intelligence on precursor chemicals and to inspect more cargo at the border.
Story continues below advertisement
What comes next
Officials said talks would resume in Washington next month to set inspection targets.
Related Stories
Migrants wait at the border as new rules take effect
Cartel violence flares in Sinaloa
Sign up for our daily newsletter with the top stories
© 2024 The Border Report. All rights reserved.
"""


def test_clean_generalises_to_unseen_outlet_chrome() -> None:
    doc = clean_doc(RawDoc(path="x.txt", text=UNSEEN))
    assert doc.title == "Officials sign new fentanyl accord"
    assert doc.source == "The Border Report"
    assert doc.byline == "Jane Doe"
    lines = _lines(doc)
    for chrome in ["Skip to content", "Home", "Politics", "Share this article", "Facebook",
                   "Story continues below advertisement", "Related Stories", "Published 3 hours ago",
                   "© 2024 The Border Report. All rights reserved."]:
        assert chrome not in lines, chrome
    assert not any(line.startswith(("Photo:", "Sign up")) for line in lines)
    assert lines[0].startswith("MEXICO CITY — Mexican and U.S. officials signed")
    assert "What comes next" in lines  # a real section heading
    teaser_text = " ".join(doc.text[a:b] for a, b in doc.teasers)
    assert "Migrants wait at the border" in teaser_text and "Cartel violence flares" in teaser_text
    assert "Officials said talks would resume" not in teaser_text


def test_clean_uses_metadata_title_and_drops_its_repeat() -> None:
    raw = RawDoc(path="a.html", text="Border pact\nThe two countries agreed on a border pact on Tuesday, "
                 "officials said in a statement.", title="Border pact", is_html=True)
    doc = clean_doc(raw)
    assert doc.title == "Border pact"
    assert doc.text == "The two countries agreed on a border pact on Tuesday, officials said in a statement."


def test_clean_joins_hard_wrapped_lines() -> None:
    text = ("Mexican officials said on Monday that the new agreement with the United States\n"
            "would take effect next month, after both congresses approve it.\n\n"
            "A second paragraph follows here and ends with a full stop.")
    doc = clean_doc(RawDoc(path="w.txt", text=text))
    assert doc.text.split("\n\n")[0].endswith("United States would take effect next month, after both "
                                              "congresses approve it.")


def test_clean_plain_article_untouched() -> None:
    text = "The US and Mexico agreed to expand joint patrols. Officials welcomed the move on Friday."
    doc = clean_doc(RawDoc(path="p.txt", text=text))
    assert doc.text == text and doc.removed == [] and doc.title == ""


def test_clean_chrome_data_file_has_provenance() -> None:
    table = read_table("chrome.tsv", required=("pattern", "match", "kind"))
    assert "Provenance" in table.header
    assert {row["kind"] for row in table.rows} == {"chrome", "teaser", "outlet-word"}
    assert {row["match"] for row in table.rows} <= {"exact", "regex"}


AP_STYLE = """AP News
World News
Mexico sends 10,000 troops to the border after Trump tariff threat
By MARK STEVENSON
Updated 4:15 PM CST, March 5, 2025
Share
Mexican soldiers patrol near Ciudad Juarez, Mexico, Feb. 4, 2025. (AP Photo/Christian Chavez)
MEXICO CITY (AP) — Mexico began deploying 10,000 National Guard troops to its northern border on Tuesday, part of a deal with President Donald Trump to delay tariffs.
“We are going to work together,” President Claudia Sheinbaum said.
Copyright 2025 The Associated Press. All rights reserved. This material may not be published.
"""

BREADCRUMB = """Home » News » Border
Sheinbaum rejects U.S. strikes on cartels
March 3, 2025
Written by Laura Y. Aizpuru
Mexican President Claudia Sheinbaum on Monday rejected any unilateral U.S. military action against drug cartels on Mexican soil, saying cooperation must respect sovereignty.
She spoke at her morning press conference.
Tags
Mexico
Cartels
Sheinbaum
You might also like
Border crossings fall to record low
U.S. designates cartels as terrorist groups
"""


def test_clean_wire_story_layout() -> None:
    doc = clean_doc(RawDoc(path="ap.txt", text=AP_STYLE))
    assert doc.title == "Mexico sends 10,000 troops to the border after Trump tariff threat"
    assert (doc.source, doc.byline, doc.dateline) == ("AP News", "MARK STEVENSON", "Updated 4:15 PM CST, March 5, 2025")
    assert _lines(doc) == [
        "MEXICO CITY (AP) — Mexico began deploying 10,000 National Guard troops to its northern border on "
        "Tuesday, part of a deal with President Donald Trump to delay tariffs.",
        "“We are going to work together,” President Claudia Sheinbaum said.",
    ]


def test_clean_breadcrumb_tags_and_sidebar() -> None:
    doc = clean_doc(RawDoc(path="b.txt", text=BREADCRUMB))
    assert doc.title == "Sheinbaum rejects U.S. strikes on cartels"
    assert doc.byline == "Laura Y. Aizpuru" and doc.dateline == "March 3, 2025"
    lines = _lines(doc)
    assert lines[:2] == [
        "Mexican President Claudia Sheinbaum on Monday rejected any unilateral U.S. military action against "
        "drug cartels on Mexican soil, saying cooperation must respect sovereignty.",
        "She spoke at her morning press conference.",
    ]
    assert not {"Tags", "Cartels", "You might also like", "Home » News » Border"} & set(lines)
    teaser_text = " ".join(doc.text[a:b] for a, b in doc.teasers)
    assert teaser_text == "Border crossings fall to record low\n\nU.S. designates cartels as terrorist groups"


_PIECES = st.sampled_from([
    "close", "Share", "Advertisement", "Related Stories", "By Jane Doe", "UPDATED 5:45 PM PT – Friday, October 8, 2021",
    "Mexico and the US agreed to cooperate on border security, officials said on Monday.",
    "Challenges Ahead", "  • A teaser headline here", "- A body bullet point.", "mexican troops",
    "— Secretary Antony Blinken (@SecBlinken) October 8, 2021", "pic.twitter.com/abc", "", "\x00", "é",
    "Home » News", "“Quote,” he said.", "short line",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("\n".join))
def test_clean_property_never_raises_and_spans_are_valid(text: str) -> None:
    doc = clean_doc(RawDoc(path="h.txt", text=text))
    assert "\x00" not in doc.text and "pic.twitter.com" not in doc.text
    for start, end in doc.teasers:
        assert 0 <= start < end <= len(doc.text)
        assert doc.text[start:end] == doc.text[start:end].strip()
    if "Mexico and the US agreed" in text:
        assert "Mexico and the US agreed" in doc.text


def test_clean_keeps_a_short_lede_before_a_long_paragraph() -> None:
    text = ("The deal is done.\nMexico and the US signed the agreement on Monday, ending months of "
            "negotiations over border security.")
    doc = clean_doc(RawDoc(path="a.html", text=text, title="Deal", is_html=True))
    assert doc.text.startswith("The deal is done.\n\nMexico and the US signed")


@pytest.mark.parametrize(
    ("before", "teaser"),
    [
        ("The talks ended on Friday.", True),  # a list glued after running text: sidebar
        ("Key elements of the deal include:", False),
        ("Key Takeaways", False),  # under a section heading: the article's own list
    ],
)
def test_clean_trailing_bullet_list(before: str, teaser: bool) -> None:
    text = (f"Mexico and the United States signed a security accord in Washington on Thursday, officials said.\n"
            f"{before}\n- Intelligence sharing on fentanyl precursors.\n- Joint patrols along the border.\n")
    doc = clean_doc(RawDoc(path="t.txt", text=text))
    assert "- Joint patrols along the border." in doc.text
    assert bool(doc.teasers) is teaser
