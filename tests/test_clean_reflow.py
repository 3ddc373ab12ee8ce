"""Hard-wrapped pasted text through cleaning: re-flowed into paragraphs before the title,
byline and body are told apart, with offsets into the stored (cleaned) text."""

from __future__ import annotations

import textwrap
from pathlib import Path

from core.clean import clean_doc
from core.pipeline import build_frames
from core.records import RawDoc

TITLE = "Mexico hands a group of two dozen gang suspects to U.S. prosecutors in a new transfer"
PARAS = [
    "MEXICO CITY (AP) — Mexico extradited 24 suspected gang leaders to the United States on Wednesday, "
    "its third group handover in a year, while officials in both capitals argued over border "
    "security and trade duties.",
    "The suspects were taken on military planes to courts in four U.S. states, where they are wanted "
    "on weapons and smuggling charges, Mexico's attorney general's office said.",
    "U.S. Attorney General Pam Bondi praised the Mexican government for the handover and said both "
    "countries would keep working on the cases together.",
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
