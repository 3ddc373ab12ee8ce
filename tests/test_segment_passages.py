"""Sentence passages with offsets (core/segment.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.clean import BULLET, clean_doc
from core.ids import stable_id
from core.records import Passage, RawDoc
from core.segment import MAX_SENTENCE, segment


def _texts(text: str) -> list[str]:
    return [p.text for p in segment(text, article_id="a", teasers=[])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gen. Smith met Dr. Ruiz in the U.S. on Monday. He left.",
         ["Gen. Smith met Dr. Ruiz in the U.S. on Monday.", "He left."]),
        ("Gov. Katie Hobbs spoke. Sen. Cruz agreed.", ["Gov. Katie Hobbs spoke.", "Sen. Cruz agreed."]),
        ("Reporting by Laura Y. Aizpuru in El Paso. Editing by J. R. Smith.",
         ["Reporting by Laura Y. Aizpuru in El Paso.", "Editing by J. R. Smith."]),
        ("Drugs flow north from Mexico to the U.S. The guns flow south.",
         ["Drugs flow north from Mexico to the U.S.", "The guns flow south."]),
        ("U.S. Secretary Mayorkas spoke with U.S. officials.", ["U.S. Secretary Mayorkas spoke with U.S. officials."]),
        ("“The truth is Mexico is not safe.” Salazar said so. “Is it?” she asked.",
         ["“The truth is Mexico is not safe.”", "Salazar said so.", "“Is it?” she asked."]),
        ("It rose 3.5 percent. Talks start at 5 p.m. on Friday.",
         ["It rose 3.5 percent.", "Talks start at 5 p.m. on Friday."]),
        ("Wait... What happened? Nothing!", ["Wait...", "What happened?", "Nothing!"]),
        ("It hit offshore accounts.The Future of Security is bright.",
         ["It hit offshore accounts.", "The Future of Security is bright."]),
    ],
)
def test_segment_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_segment_paragraphs_roles_and_ids() -> None:
    text = ("Challenges Ahead\n\nThe plan has limits. Critics agree.\n\n- First point here.\n"
            "- Second point. With two sentences.\n\nRelated teaser line.")
    teaser_start = text.index("Related")
    passages = segment(text, article_id="art", teasers=[(teaser_start, len(text))])
    got = [(p.paragraph, p.role, p.text) for p in passages]
    assert got == [
        (0, "heading", "Challenges Ahead"),
        (1, "body", "The plan has limits."),
        (1, "body", "Critics agree."),
        (2, "bullet", "First point here."),
        (2, "bullet", "Second point."),
        (2, "bullet", "With two sentences."),
        (3, "teaser", "Related teaser line."),
    ]
    assert [p.index for p in passages] == list(range(len(passages)))
    for p in passages:
        assert text[p.start:p.end] == p.text
        assert p.passage_id == stable_id("p", "art", p.start, p.end)


def _seed_passages(seeds_dir: Path, prefix: str) -> tuple[str, list[Passage]]:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    doc = clean_doc(RawDoc(path=str(path), text=path.read_text(encoding="utf-8")))
    return doc.text, segment(doc.text, article_id=prefix, teasers=doc.teasers)


def test_segment_seed_roles(seeds_dir: Path) -> None:
    _, p000 = _seed_passages(seeds_dir, "000")
    teasers = [p for p in p000 if p.role == "teaser"]
    assert teasers[0].text.startswith("Gov. Katie Hobbs said")  # "Gov." did not split, marker left out
    assert all(p.role == "body" for p in p000 if p not in teasers)
    assert p000[-len(teasers) - 1].text == "“We coordinate, we work together, but there is no compliance,” Sheinbaum said."

    _, p001 = _seed_passages(seeds_dir, "001")
    embeds = [p.text for p in p001 if p.role == "embed"]
    assert embeds[0].startswith("Through the High-Level Security Dialogue")
    assert embeds[-1] == "— Secretary Antony Blinken (@SecBlinken) October 8, 2021"
    assert len(embeds) == 3

    _, p002 = _seed_passages(seeds_dir, "002")
    assert [p.text for p in p002 if p.role == "heading"] == [
        "Details of the Joint Operations", "Context of the Partnership", "Challenges Ahead",
        "Impacts on Local Communities", "Conclusion"]

    _, p004 = _seed_passages(seeds_dir, "004")
    assert "Why is Cross-Border Security Important?" in [p.text for p in p004 if p.role == "heading"]
    bullets = [p.text for p in p004 if p.role == "bullet"]
    assert bullets[0].startswith("Intelligence Sharing:") and len(bullets) >= 7


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_segment_seed_offsets_cover_text(seeds_dir: Path, prefix: str) -> None:
    text, passages = _seed_passages(seeds_dir, prefix)
    _check_cover(text, passages)


def _check_cover(text: str, passages: list[Passage]) -> None:
    """Passages lie inside the text, reproduce it, are ordered and disjoint, and together
    hold every non-blank character except bullet markers."""
    covered = [False] * len(text)
    prev_end = 0
    for p in passages:
        assert 0 <= p.start < p.end <= len(text)
        assert text[p.start:p.end] == p.text
        assert p.text == p.text.strip()
        assert p.start >= prev_end
        prev_end = p.end
        for i in range(p.start, p.end):
            covered[i] = True
    markers: set[int] = set()
    for line in re.finditer(r"[^\n]+", text):
        m = BULLET.match(line.group(0))
        if m:
            markers.update(range(line.start(), line.start() + m.end()))
        inline = re.finditer(r"(?<=[.!?:])\s{1,3}[*•]\s{1,3}(?=[A-Z])", line.group(0))
        for im in inline:
            markers.update(range(line.start() + im.start(), line.start() + im.end()))
    missing = [i for i, ch in enumerate(text) if not covered[i] and not ch.isspace() and i not in markers]
    assert missing == [], [text[i] for i in missing[:10]]


_ALPHABET = st.sampled_from(
    list("abcXYZ .!?…\n\n\t“”\"'’()-–—•*:;,0123456789") + ["U.S. ", "Gen. ", "Dr. ", " Y. ", "- ", "\r", "\x00", "é"]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_segment_property_passages_reproduce_text(text: str) -> None:
    passages = segment(text, article_id="h", teasers=[(0, len(text) // 2)])
    _check_cover(text, passages)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_segment_property_any_unicode(text: str) -> None:
    _check_cover(text, segment(text, article_id="h", teasers=[]))


def test_segment_long_sentence_is_cut_and_fast() -> None:
    text = "word " * 5000 + "end."
    passages = segment(text, article_id="x", teasers=[])
    assert all(len(p.text) <= MAX_SENTENCE for p in passages)
    _check_cover(text, passages)


def test_segment_abbreviation_data_file() -> None:
    from core.datafiles import read_table

    table = read_table("abbreviations.tsv", required=("token", "kind"))
    assert "Provenance" in table.header
    kinds: dict[str, set[str]] = {}
    for row in table.rows:
        kinds.setdefault(row["kind"], set()).add(row["token"])
    assert set(kinds) == {"title", "abbrev", "starter"}
    assert {"gen", "dr", "gov"} <= kinds["title"] and "u.s" in kinds["abbrev"] and "the" in kinds["starter"]
    assert all(t == t.lower() and not t.endswith(".") for t in kinds["title"] | kinds["abbrev"])
