"""Hard-wrapped pasted text through cleaning: re-flowed into paragraphs before the title,
byline and body are told apart, with offsets into the stored (cleaned) text."""

from __future__ import annotations

import textwrap
from pathlib import Path

from core.clean import clean_doc
from core.pipeline import build_frames
from core.records import RawDoc

TITLE = "Mexico sends 26 alleged cartel members to the United States in second mass transfer"
PARAS = [
    "MEXICO CITY (AP) — Mexico sent 26 alleged cartel members to the United States on Tuesday, "
    "the second such mass transfer this year, as the government seeks to ease pressure from Washington "
    "over drug trafficking and tariffs.",
    "The prisoners were flown to several U.S. cities, where they face charges including drug trafficking, "
    "money laundering and murder, Mexico's security cabinet said in a statement.",
    "U.S. Attorney General Pam Bondi thanked the Mexican government for its cooperation and said the "
    "transfers showed what the two countries could achieve together.",
]


def _wrapped() -> str:
    body = "\n\n".join(textwrap.fill(p, width=68) for p in PARAS)
    return textwrap.fill(TITLE, width=68) + "\n\n" + body + "\n"


def test_clean_reflow_keeps_a_wrapped_title_whole() -> None:
    doc = clean_doc(RawDoc(path="a.txt", text=_wrapped()))
    assert doc.title == TITLE
    assert "\n" not in doc.text.split("\n\n")[0]


def test_clean_reflow_paragraphs_are_whole_and_offsets_hold(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text(_wrapped(), encoding="utf-8")
    frames = build_frames([str(path)])
    art = frames.articles.iloc[0]
    text = art["text"]
    for para in PARAS:
        assert para in text
    for row in frames.passages.itertuples():
        assert text[row.start:row.end] == row.text
    assert len(frames.events) >= 1
    for ev in frames.events.itertuples():
        assert text[ev.start:ev.end].strip()
