"""Hard-wrapped text joined back into paragraphs (core/reflow.py).  All text here is made up."""

from __future__ import annotations

import textwrap
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.reflow import reflow

STORY = [
    "RIVERTON (AP) — Officials in the coastal province of Alder said on Tuesday that a joint "
    "patrol had seized four tonnes of contraband at the northern port, the largest haul there "
    "in a decade.",
    "The patrol, made up of customs agents and harbor police, boarded the cargo ship shortly "
    "before dawn after a tip from inspectors in a neighboring state, a statement said.",
    "“This is the result of months of quiet work,” said Mara Quill, the province’s governor, "
    "at a news conference. “We will keep going until the routes are closed.”",
    "No arrests were announced.",
    "The ship’s owners, a shipping firm registered abroad, did not answer calls on Tuesday "
    "evening. Port officials said the vessel would stay docked while the inquiry went on.",
]

TITLE = "Port authorities in Alder seize a record haul of contraband after a long joint inquiry"

WEB_TEXT = (
    "Alder patrol seizes record contraband haul\n"
    "\n"
    "By Jane Doe\n"
    "Updated 5:30 p.m.\n"
    "\n"
    + "\n".join(STORY)
    + "\n\nShare this story\n"
)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _only_newlines_changed(before: str, after: str) -> bool:
    return len(before) == len(after) and all(
        x == y or (x == "\n" and y == " ") for x, y in zip(before, after, strict=True)
    )


def _wrap(paragraphs: list[str], width: int, sep: str) -> str:
    return sep.join(textwrap.fill(p, width) for p in paragraphs)


@pytest.mark.parametrize("width", [60, 70, 80])
@pytest.mark.parametrize("sep", ["\n", "\n\n"], ids=["wire", "blank-lines"])
def test_reflow_joins_wrapped_story(width: int, sep: str) -> None:
    wrapped = _wrap(STORY, width, sep)
    assert wrapped.count("\n") > 2 * len(STORY)
    out = reflow(wrapped)
    assert _only_newlines_changed(wrapped, out)
    assert _paragraphs(out) == STORY
    if sep == "\n\n":
        assert out.count("\n\n") == len(STORY) - 1


@pytest.mark.parametrize("width", [60, 70])
def test_reflow_joins_wrapped_title(width: int) -> None:
    header = [TITLE, "By Jane Doe", "Associated Press", "Updated 5:30 p.m. June 3, 2024"]
    wrapped = _wrap(header + STORY, width, "\n")
    assert wrapped.split("\n")[0] != TITLE  # the title is wrapped
    out = reflow(wrapped)
    assert _only_newlines_changed(wrapped, out)
    assert out.split("\n")[0] == TITLE
    assert _paragraphs(out) == header + STORY


def test_reflow_joins_title_continued_in_lower_case() -> None:
    # the title is broken early (not by the body's wrapper): joined as it goes on in lower case
    text = "Alder port patrol seizes\nrecord haul of contraband\nBy Jane Doe\n\n" + _wrap(STORY, 70, "\n\n")
    out = reflow(text)
    assert out.split("\n")[:2] == ["Alder port patrol seizes record haul of contraband", "By Jane Doe"]


@pytest.mark.parametrize(
    "second",
    ["By Jane Doe", "BY JANE DOE AND JOHN ROE", "RIVERTON (AP) — Officials said on Tuesday that a patrol",
     "WASHINGTON — Officials said on Tuesday that a patrol had", "Updated 5:30 p.m."],
    ids=["byline", "byline-capitals", "dateline-agency", "dateline", "time-stamp"],
)
def test_reflow_keeps_title_apart_from_header_line(second: str) -> None:
    # the title line is full (the next line's first word would not fit on it)
    title = "Alder port patrol seizes a record haul of contraband worth millions"  # 67 characters
    text = title + "\n" + second + "\n" + _wrap(STORY[1:], len(title), "\n")
    out = reflow(text)
    assert _only_newlines_changed(text, out)
    assert out.split("\n")[0] == title
    assert out.split("\n")[1].startswith(second)


def test_reflow_keeps_list_items() -> None:
    items = [
        "- the seizure of four tonnes of contraband at the port;",
        "* the arrest warrants issued for two ship officers;",
        "• a review of the inspection rules at every harbor;",
        "1. more patrols;",
        "2) new scanners for containers.",
    ]
    # the line before the list is full: only the item markers keep the items apart
    intro = "The governor listed what the province would do in the weeks to come:"
    text = _wrap(STORY, len(intro), "\n") + "\n" + intro + "\n" + "\n".join(items)
    out = reflow(text)
    assert _only_newlines_changed(text, out)
    assert _paragraphs(out) == [*STORY, intro, *items]


def test_reflow_joins_list_item_with_hanging_indent() -> None:
    item = textwrap.fill(
        "the seizure of four tonnes of contraband at the northern port, the largest haul there "
        "in a decade, after a tip from inspectors",
        60, initial_indent="- ", subsequent_indent="  ",
    )
    text = _wrap(STORY, 60, "\n\n") + "\n\n" + item + "\n- a second and last item\n"
    out = reflow(text)
    assert _only_newlines_changed(text, out)
    assert _paragraphs(out)[-2:] == [" ".join(item.split()), "- a second and last item"]


def test_reflow_leaves_quoted_lines() -> None:
    quoted = "> The patrol boarded the cargo ship shortly before dawn after a\n> tip from inspectors."
    text = _wrap(STORY, 64, "\n") + "\n" + quoted + "\n" + _wrap(STORY[:2], 64, "\n")
    out = reflow(text)
    assert _only_newlines_changed(text, out)
    assert quoted in out
    assert _paragraphs(out) == [*STORY, *quoted.split("\n"), *STORY[:2]]


def test_reflow_starts_a_paragraph_at_an_indented_line() -> None:
    # the first paragraph's last line is full and ends a sentence: only the indent of the
    # next line tells that a paragraph starts there
    first = [
        "    Officials in the coastal province of Alder said on Tuesday that",
        "a joint patrol had seized four tonnes of contraband at the port.",
    ]
    rest = [textwrap.fill(p, 66, initial_indent="    ") for p in STORY[1:]]
    text = "\n".join(first + rest)
    assert len(first[1]) + 1 + len("The") > max(len(line) for line in text.split("\n"))
    out = reflow(text)
    assert _only_newlines_changed(text, out)
    assert _paragraphs(out) == [" ".join(" ".join(first).split()), *STORY[1:]]


@pytest.mark.parametrize(
    "text",
    [
        WEB_TEXT,
        "\n".join(STORY),
        "\n\n".join(STORY),
        "Headline\n\nShort line one.\nShort line two.\nShort line three.\n",
        "- a list\n- of items\n- that are short\n",
        "\n".join(STORY) + "\n\nRelated stories\n" + "\n".join(
            ["Harbor police in Alder train new recruits for night patrols",
             "Customs agents find hidden rooms in two cargo ships at Riverton",
             "Governor Quill names a new head for the provincial port authority",
             "Inspectors in a neighboring state share tips with Alder officials"]
        ),
    ],
    ids=["web-page", "one-paragraph-a-line", "blank-separated", "short-lines", "list", "related-list"],
)
def test_reflow_leaves_unwrapped_text_unchanged(text: str) -> None:
    assert reflow(text) == text


@pytest.mark.parametrize("text", ["", "one line", "one line\n", "\n", "\n\n\n", "  \n \n"])
def test_reflow_leaves_trivial_text_unchanged(text: str) -> None:
    assert reflow(text) == text


def test_reflow_leaves_crlf_line_ends() -> None:
    wrapped = _wrap(STORY, 60, "\n")
    crlf = wrapped.replace("\n", "\r\n")
    assert reflow(crlf) == crlf  # the input should have \n line ends; \r\n is left alone
    assert reflow(wrapped) != wrapped


@pytest.mark.parametrize(("hyphens", "joined"), [("join", "anti- drug"), ("keep", "anti-\ndrug")])
def test_reflow_hyphen_at_line_end(hyphens: str, joined: str) -> None:
    line = "The governor said the province would widen its long-running anti-"
    text = _wrap(STORY[:2], len(line), "\n") + "\n" + line + "\ndrug campaign next year, with more patrols.\n"
    out = reflow(text, hyphens=hyphens)  # type: ignore[arg-type]
    assert _only_newlines_changed(text, out)
    assert joined in out
    assert _paragraphs(out)[:2] == STORY[:2]


def test_reflow_joins_after_spaced_dash() -> None:
    text = _wrap(STORY[:2], 62, "\n") + (
        "\nThe inquiry, which began last spring, is not over yet, officials said -\n"
        "a second ship is now being watched closely.\n"
    )
    out = reflow(text)
    assert "said - a second" in out


@pytest.mark.parametrize(
    "start",
    ["16. [PHOTO AGENCY]", "U.S. – the last time", "2) and then, as planned,"],
    ids=["number", "abbreviation-dash", "number-paren"],
)
def test_reflow_joins_line_starting_like_an_item_after_an_open_line(start: str) -> None:
    first = "The two ships left the harbor of Port Alder together on June"  # no sentence end
    text = _wrap(STORY[:2], len(first), "\n") + "\n" + first + "\n" + start + " went on.\n"
    out = reflow(text)
    assert f"June {start}" in out


def test_reflow_joins_proportional_font_wrap() -> None:
    # lines of a PDF: one width in points, so their lengths in characters vary; the line in
    # wide capitals would have had room for "before" in characters
    lines = [
        "Officials in the coastal province of Alder said on Tuesday",
        "that a joint patrol had seized four tonnes of contraband at",
        "the northern port, the largest haul reported there in a",
        "decade, and that the inquiry would go on for many weeks.",
        "",
        "The patrol, made up of customs agents and harbor police,",
        "boarded the MV WANDERWOMAN MKIII, a cargo ship, just",
        "before dawn after a tip from inspectors in a neighboring",
        "state. The tip came from the WAREHOUSE MANAGERS.",
        "It led the patrol to a hold full of sealed crates.",
        "",
        "No arrests were announced.",
    ]
    text = "\n".join(lines)
    out = reflow(text)
    assert _only_newlines_changed(text, out)
    assert _paragraphs(out) == [" ".join(lines[:4]), " ".join(lines[5:10]), lines[11]]


def test_reflow_is_fast_on_a_large_text() -> None:
    text = "\n".join([_wrap(STORY, 72, "\n")] * 2000)  # about 1.3 MB
    start = time.perf_counter()
    out = reflow(text)
    assert time.perf_counter() - start < 3
    assert _only_newlines_changed(text, out)
    assert out.count("\n") == len(STORY) * 2000 - 1


_WORDS = st.sampled_from(["the", "port", "patrol", "said", "anti-", "drug", "—", "-", "1.", "By",
                          "RIVERTON", "(AP)", "Alder", "on", "Tuesday.", "“Yes.”", "a", "haul,", "\r"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(_WORDS, min_size=1, max_size=60), max_size=8),
    st.sampled_from([40, 55, 70, 90]),
    st.sampled_from(["\n", "\n\n"]),
)
def test_reflow_only_turns_newlines_into_spaces(paragraphs: list[list[str]], width: int, sep: str) -> None:
    text = _wrap([" ".join(p) for p in paragraphs], width, sep)
    for candidate in (text, text.replace("\n", "\n  ", 3)):
        out = reflow(candidate)
        assert _only_newlines_changed(candidate, out)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .-\n\t\r—", max_size=400))
def test_reflow_only_turns_newlines_into_spaces_on_any_text(text: str) -> None:
    assert _only_newlines_changed(text, reflow(text))


def test_reflow_stamp_line_under_a_title_is_not_joined() -> None:
    title = "Border ministers agree on a joint plan for river crossings"
    body = ("LAREDO, Texas (AP) — Officials from both countries met on Tuesday to sign a plan for shared "
            "patrols of the river crossings, a step they said would cut smuggling and speed up trade, "
            "though several mayors on both banks asked for more details before the patrols begin.")
    wrapped = title + "\nPosted 3/14/2006 4:10 PM ET E-mail | Print |\n" + textwrap.fill(body, width=66) + "\n"
    out = reflow(wrapped)
    assert out.split("\n")[0] == title
    assert len(out) == len(wrapped)
