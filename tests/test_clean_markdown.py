"""Markdown articles (core/clean.py): a leading "# Heading" is the title; sub-headings
stay in the text as headings, without their "#" marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.clean import clean_doc
from core.ids import article_id
from core.read import iter_corpus
from core.records import CleanDoc, RawDoc
from core.segment import segment

ARTICLE = """\
# Will Mexico let U.S. troops fight the cartels?

*By Jane Roe* | May 2, 2025

MEXICO CITY — Mexican and U.S. officials failed on Friday to agree on a new plan against fentanyl \
trafficking, Mexico's foreign ministry said in a statement after two days of talks.

President Claudia Sheinbaum told reporters that Mexico would "never accept" U.S. troops on its soil, \
but said cooperation on intelligence and arms trafficking would continue.

## What comes next

Both governments said the talks would resume next month in Washington, according to two officials \
familiar with the matter.

### The cartels' supply chain

The Sinaloa cartel remains the main supplier of fentanyl to the United States, U.S. officials said.
"""
TITLE = "Will Mexico let U.S. troops fight the cartels?"  # no title without the "#": it ends with "?"


def _clean_file(tmp_path: Path, name: str, text: str) -> CleanDoc:
    (tmp_path / name).write_text(text, encoding="utf-8")
    docs = [d for d in iter_corpus([str(tmp_path / name)]) if isinstance(d, RawDoc)]
    assert len(docs) == 1
    return clean_doc(docs[0])


@pytest.mark.parametrize("name", ["article.md", "article.markdown"])
def test_clean_markdown_heading_is_the_title(tmp_path: Path, name: str) -> None:
    doc = _clean_file(tmp_path, name, ARTICLE)
    assert doc.title == TITLE
    assert TITLE not in doc.text and "#" not in doc.text
    assert doc.text.startswith("MEXICO CITY — Mexican and U.S. officials")
    # the byline/date line under the title is still separated from the body
    assert "Jane Roe" not in doc.text and "May 2, 2025" in doc.dateline


def test_clean_markdown_subheadings_stay_as_headings_without_marks(tmp_path: Path) -> None:
    doc = _clean_file(tmp_path, "article.md", ARTICLE)
    paragraphs = doc.text.split("\n\n")
    assert "What comes next" in paragraphs and "The cartels' supply chain" in paragraphs
    passages = segment(doc.text, article_id=article_id(doc.text), teasers=doc.teasers)
    headings = {doc.text[p.start:p.end] for p in passages if p.role == "heading"}
    assert headings == {"What comes next", "The cartels' supply chain"}
    assert all(doc.text[p.start:p.end] == p.text for p in passages)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("article.txt", "# Border\n\n" + ARTICLE.split("\n\n", 2)[2]),  # only Markdown files
        ("article.md", "## Border\n\n" + ARTICLE.split("\n\n", 2)[2]),  # a sub-heading is not a title
        ("article.md", "Lead paragraph first.\n\n# Border\n\n" + ARTICLE.split("\n\n", 2)[2]),  # not first
    ],
)
def test_clean_markdown_title_only_from_a_leading_level_one_heading(tmp_path: Path, name: str, text: str) -> None:
    doc = _clean_file(tmp_path, name, text)
    assert doc.title != "Border"


def test_clean_markdown_one_word_heading_and_closing_marks(tmp_path: Path) -> None:
    doc = _clean_file(tmp_path, "a.md", "\n\n# Border #\n\n" + ARTICLE.split("\n\n", 2)[2])
    assert doc.title == "Border" and not doc.text.startswith("Border")
