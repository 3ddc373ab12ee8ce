"""Reflow: undo hard wrapping (a line break every 60–80 characters) in pasted text.

Wire copy, e-mails and PDF extracts arrive with a line break every W characters, while the
rest of the pipeline reads one paragraph per line (title = first line, one passage list per
paragraph, no sentence across a line break).  :func:`reflow` replaces the breaks *inside*
hard-wrapped paragraphs by spaces and leaves every other character where it was.

Only the shape of the lines is used, never a list of words: the lengths of the lines, their
indentation, the length of the first word of the next line, sentence punctuation at a line
end, and a few line-start shapes (list items, quoted lines, datelines, bylines).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal, NamedTuple

__all__ = ["reflow"]

#: Widths a hard-wrapped text is looked for at (the wrapper's maximum line length).
_MIN_WIDTH = 40
_MAX_WIDTH = 100
#: A line in a greedy-wrapped text is at most this much shorter than the width, unless the
#: next word is long: lines within the band "cluster" near the width.
_MIN_BAND = 8
#: The text is wrapped when at least this many lines cluster near one width ...
_MIN_CLUSTER = 3
#: ... lines longer than the width are at most this share of them ...
_MAX_OVER = 0.2
#: ... and, of the clustered lines followed by another line, at least this share could not
#: have taken the next line's first word (what a wrapper does).
_MIN_FULL = 0.5
#: The tolerance is the least that makes this share of the clustered lines without sentence
#: punctuation full (nearly all of them are inside paragraphs).
_FULL_SHARE = 0.9
#: A line shorter than this share of the width is never joined to the next one.
_MIN_JOIN_SHARE = 0.5
#: Paragraphs are separated by blank lines when there are at least this many blocks of
#: lines between blank lines, and at most this many short lines that end a sentence and are
#: followed by another line (a paragraph end in wire copy) per block.
_MIN_BLOCKS = 3
_MAX_SHORT_ENDS = 0.1
#: A time stamp under a title is no longer than this share of the width and has at most
#: this many words.
_HEADER_SHARE = 0.75
_HEADER_WORDS = 6
#: A clock time ("5:30", "11:28") or a year from 1800 to 2099.
_STAMP = re.compile(r"\b(?:\d{1,2}:\d\d|1[89]\d\d|20\d\d)\b")
#: A clock time or year within this many characters of a line's start marks a stamp line.
_STAMP_REACH = 24
#: A byline is no longer than this share of the width.
_BYLINE_SHARE = 0.75
#: At most this many lines at the start of the text make a title.
_TITLE_LINES = 3

_WORD = re.compile(r"\S+")
#: A list item at a line start: "- ", "* ", "• ", "1. ", "2) ".
_ITEM = re.compile(r"[ \t]{0,8}(?:[•·▪●◦‣∙*+]|-(?!-)|\d{1,2}[.)])[ \t]{1,4}(?=\S)")
#: The first characters of list items and quoted lines (">", e-mail style, never joined).
_MARKS = frozenset("•·▪●◦‣∙*+-0123456789>")
#: "By Jane Doe": "By" (or "BY") and a capitalised word, at the start of a short line.
_BYLINE = re.compile(r"[ \t]*(?:By|BY)[ \t]+[A-Z]")
#: A dateline: place in capitals, optional ", Region" and "(Agency)", then a dash or colon:
#: "MEXICO CITY (AP) — ", "WASHINGTON — ", "TIJUANA, Mexico - ", "(Agency) — ".
_DATELINE = re.compile(
    r"[ \t]{0,8}(?:(?P<place>[A-Z][A-Z.'’-]{1,15}(?:[ ][A-Z][A-Z.'’-]{1,15}){0,3})"
    r"(?:,[ \t][^\n—–()]{1,40}?)?(?:[ \t]{0,2}\([^()\n]{1,30}\))?|(?P<agency>\([A-Z][^()\n]{0,30}\)))"
    r"[ \t]{0,2}(?:—|–|--?|:)[ \t]"
)
#: A dateline's dash or colon comes within this many characters (the longest match).
_DATELINE_REACH = 160
_CLOSERS = "\"'”’)]»"
_SENTENCE_MARKS = ".!?…"


def reflow(text: str, *, hyphens: Literal["join", "keep"] = "join") -> str:
    """Join the lines of hard-wrapped paragraphs; leave everything else as it is.

    **Offsets are kept:** the result has the length of ``text`` and differs from it only
    where a ``"\\n"`` became a ``" "`` (one character for one character), so a character
    offset into the result is the same offset into the input.  A text that is not
    hard-wrapped comes back unchanged (the same string).

    *The whole text* is judged first, from the lengths of its lines: it is hard-wrapped
    when at least three lines, and all but a few of its long lines, have lengths in a band
    just under one width W (40 to 100 characters; the band is a fifth of W), and most of
    those lines could not have taken the first word of the next line
    (``len(line) + 1 + len(word) > W``), which is what a wrapper does.  From the same
    lines comes a *tolerance*: 0 for text wrapped greedily in characters (e-mail, wire
    copy), a few characters for text wrapped in a proportional font (PDF extracts), where
    a full line may have room left in characters.  Ordinary web text, one paragraph per
    line, has long lines of all lengths and is not hard-wrapped.

    *Each pair* of consecutive non-blank lines of a hard-wrapped text is then judged: the
    break becomes a space when the first line is *full* — at least half of W, and the next
    word would not have fitted on it, give or take the tolerance (twice the tolerance for a
    line that does not end a sentence, as such a line seldom ends a paragraph) — unless:

    * either line is longer than W plus the tolerance (not made by the wrapper);
    * the next line is indented differently from the body (an indented line starts a
      paragraph), other than the hanging indent under a list item;
    * the next line starts a list item (``-``, ``*``, ``•``, ``1.``, ``2)``; a number
      after a line that does not end a sentence is no item), either line is quoted
      (``>``), or the next line is a dateline ("MEXICO CITY (AP) — ") or a short byline
      ("By Jane Doe");
    * the first line ends with a carriage return (a ``\\r`` is left as it is).

    So a paragraph ends at a blank line, or at a line that ends a sentence (``. ! ? …``,
    maybe then closing quotes or brackets) and is clearly shorter than W: wire copy
    without blank lines between paragraphs.  When the text separates its paragraphs by
    blank lines (no such short sentence-ending lines inside its blocks), a line near the
    width is always joined after the first block.  A line that ends a sentence and is
    full *and* followed by a new paragraph cannot be told from one inside a paragraph:
    without blank lines between paragraphs, those paragraphs are joined.

    The title: in the first lines of the text (up to three) a line without sentence
    punctuation at its end is also joined to a next line that starts in lower case, even
    when not full; a short time stamp ("Updated 5:30 p.m.", "Dec 5, 2019") after a title
    line is never joined to it.  Other header lines (agency, "Associated Press") are short,
    so they are not full and keep their own lines, as do list items.

    Hyphens (``anti-`` at a line end, then ``drug``): no length-keeping choice is right,
    since the right join removes the line break.  With ``hyphens="join"`` (the default)
    the break becomes a space like any other, giving "anti- drug": the sentence stays one
    sentence (the pipeline never lets a sentence span a line break) and a wrapped title
    stays whole, for one wrong space after a hyphen — a form English also has ("pre- and
    post-war").  With ``hyphens="keep"`` the line break is left, so the paragraph and its
    sentence are cut in two there.  A spaced dash at a line end ("word -", "word —") is an
    ordinary word end either way.

    Only shapes are used, never a list of words; linear in the length of the text.
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    lengths = [len(line.rstrip(" \t")) for line in lines]
    shape = _wrap_width(lines, lengths)
    if shape is None:
        return text
    return _join(lines, lengths, shape, join_hyphens=hyphens == "join")


def _indent(line: str) -> int:
    if line[:1] not in (" ", "\t"):
        return 0
    return len(line) - len(line.lstrip(" \t"))


def _first_word(line: str, start: int) -> int:
    m = _WORD.match(line, start)
    return len(m.group()) if m else 0


def _ends_sentence(line: str, n: int) -> bool:
    """Whether ``line[:n]`` ends with sentence punctuation, maybe then closing quotes."""
    i = n - 1
    while i >= 0 and n - i <= 3 and line[i] in _CLOSERS:
        i -= 1
    return i >= 0 and line[i] in _SENTENCE_MARKS


class _Shape(NamedTuple):
    """How a hard-wrapped text is wrapped."""

    #: the length of the longest line near the width the most lines cluster under
    width: int
    #: how much room a line may have left and still count as full: 0 for text wrapped
    #: greedily in characters (full: the next word would not have fitted), a few
    #: characters for text wrapped in a proportional font (PDF extracts), where the
    #: length in characters of a full line varies with its letters
    tolerance: int
    #: paragraphs are separated by blank lines (no short line ending a sentence is
    #: followed by another line), so a line near the width never ends a paragraph
    blank_separated: bool


def _wrap_width(lines: list[str], lengths: list[int]) -> _Shape | None:
    """The shape of a hard-wrapped text, ``None`` for a text that is not hard-wrapped."""
    hist = [0] * (_MAX_WIDTH + 2)  # the last bucket: longer than _MAX_WIDTH
    nonblank = 0
    for n in lengths:
        if n:
            nonblank += 1
            hist[min(n, _MAX_WIDTH + 1)] += 1
    if nonblank < _MIN_CLUSTER:
        return None
    upto = [0] * (_MAX_WIDTH + 2)  # upto[k]: lines of length 1..k
    running = 0
    for k in range(_MAX_WIDTH + 2):
        running += hist[k] if k else 0
        upto[k] = running
    best: tuple[int, int, int] | None = None  # (score, cluster, W)
    for w in range(_MIN_WIDTH, _MAX_WIDTH + 1):
        cluster = upto[w] - upto[w - _band(w) - 1]
        score = cluster - 2 * (nonblank - upto[w])
        if best is None or score > best[0]:
            best = (score, cluster, w)
    assert best is not None
    _, cluster, w = best
    if cluster < _MIN_CLUSTER or nonblank - upto[w] > _MAX_OVER * cluster:
        return None
    while hist[w] == 0:  # the longest line in the band: the wrapper's width, or just under
        w -= 1
    band = _band(w)
    # room left on the clustered lines: len + 1 + len(next word) - W, > 0 when full; counted
    # from -band (index 0) to 1 (index band + 1), lines that end a sentence apart
    slack = [0] * (band + 2)
    ends = [0] * (band + 2)
    for i in range(len(lines) - 1):
        n, nxt = lengths[i], lines[i + 1]
        if w - band <= n <= w + band and lengths[i + 1]:
            start = _indent(nxt)
            if nxt[start] in _MARKS and _ITEM.match(nxt):
                continue
            room = n + 1 + _first_word(nxt, start) - w
            counts = ends if _ends_sentence(lines[i], n) else slack
            counts[band + (room if -band <= room <= 1 else (1 if room > 1 else -band))] += 1
    pairs = sum(slack)
    if pairs < 2:
        return None
    tolerance, seen = 0, slack[band + 1]
    while seen < _FULL_SHARE * pairs and tolerance < band // 2:
        seen += slack[band - tolerance]
        tolerance += 1
    full = sum(slack[band + 1 - tolerance :]) + sum(ends[band + 1 - tolerance :])
    if full < _MIN_FULL * (pairs + sum(ends)):
        return None
    blocks = short_ends = 0
    for i, n in enumerate(lengths):
        if n and (i == 0 or not lengths[i - 1]):
            blocks += 1
        elif n and lengths[i - 1] < w - band and _ends_sentence(lines[i - 1], lengths[i - 1]):
            short_ends += 1
    blank_separated = blocks >= _MIN_BLOCKS and short_ends <= _MAX_SHORT_ENDS * blocks
    return _Shape(w, tolerance, blank_separated)


def _band(width: int) -> int:
    return max(_MIN_BAND, width // 5)


def _join(lines: list[str], lengths: list[int], shape: _Shape, *, join_hyphens: bool) -> str:
    width, band = shape.width, _band(shape.width)
    indents = [_indent(line) for line in lines]
    # the indent of the lines that go on after a line near the width (the first line of a
    # paragraph may be indented, the lines that continue it are not)
    after = Counter(
        indents[i + 1] for i, n in enumerate(lengths[:-1]) if width - band <= n <= width and lengths[i + 1]
    )
    body_indent = after.most_common(1)[0][0] if after else 0
    longest = width + shape.tolerance  # longer lines were not made by the wrapper
    shortest = _MIN_JOIN_SHARE * width
    tolerance = shape.tolerance

    def continues(i: int, hang: int | None) -> bool:
        """Whether line ``i + 1`` continues the paragraph of line ``i``."""
        a, b = lines[i], lines[i + 1]
        na, nb, indent_b = lengths[i], lengths[i + 1], indents[i + 1]
        if not (na and nb) or na > longest or nb > longest or a.endswith("\r"):
            return False
        if indent_b != body_indent and indent_b != hang:
            return False
        if a[indents[i] : indents[i] + 1] == ">":
            return False  # a quoted line
        sentence_end = _ends_sentence(a, na)
        start = b[indent_b]
        if start in _MARKS:  # cheap test first: most lines start with a letter
            if start == ">":
                return False
            if _ITEM.match(b) and not (start.isdigit() and hang is None and not sentence_end):
                return False  # a list item; but "16. " after a line that goes on is a number
        elif start == "(" or start.isupper():
            if _is_dateline(b):
                return False
            if start == "B" and _BYLINE.match(b) and nb <= _BYLINE_SHARE * width and not _ends_sentence(b, nb):
                return False
        if a[na - 1] == "-" and na >= 2 and a[na - 2].isalnum() and not join_hyphens:
            return False  # "anti-" then "drug": see the docstring of reflow
        # full: the next word would not have fitted (give or take the tolerance, which
        # is wider where the line does not end a sentence: then it seldom ends a paragraph)
        room = tolerance if sentence_end else min(band, 2 * tolerance)
        return na >= shortest and na + 1 + _first_word(b, indent_b) > width - room

    def title_continues(i: int) -> bool:
        """Whether line ``i + 1`` continues the title that line ``i`` is part of: as any
        line, or (without sentence punctuation) when it starts in lower case."""
        a, b = lines[i], lines[i + 1]
        na, nb, indent_b = lengths[i], lengths[i + 1], indents[i + 1]
        if (
            na and nb and na <= longest and nb <= longest and indent_b == body_indent
            and not a.endswith("\r") and b[indent_b : indent_b + 1].islower() and not _ends_sentence(a, na)
            and not (a[na - 1] == "-" and not join_hyphens)
        ):
            return True
        if _STAMP.search(b, indent_b, indent_b + _STAMP_REACH) and (len(b.split()) <= _HEADER_WORDS + 3 or "|" in b):
            return False  # a stamp line under the title ("Posted 1/20/2007 2:52 PM ET | Print")
        return continues(i, None) and not (nb <= _HEADER_SHARE * width and _is_stamp(b))

    first = next((i for i, n in enumerate(lengths) if n), len(lines))
    hang: int | None = None  # the text column of the list item being continued
    out: list[str] = []
    for i in range(len(lines) - 1):
        out.append(lines[i])
        if shape.blank_separated and i > first and not lengths[i]:
            tolerance = band  # past the header block, only blank lines end paragraphs
        item = _ITEM.match(lines[i])
        if item:
            hang = item.end()
        if first <= i < first + _TITLE_LINES - 1:
            joined = title_continues(i)
            if not joined:
                first = -_TITLE_LINES  # the title has ended
        else:
            joined = continues(i, hang)
        if not joined:
            hang = None
        out.append(" " if joined else "\n")
    out.append(lines[-1])
    return "".join(out)


def _is_stamp(line: str) -> bool:
    """Whether ``line`` is a time stamp: a few words with a clock time or a year ("Dec 5,
    2019", "Updated 5:30 p.m."), a header line of its own under a title."""
    return bool(_STAMP.search(line)) and len(line.split()) <= _HEADER_WORDS


def _is_dateline(line: str) -> bool:
    """A dateline at the start of ``line``; a place needs four letters ("U.S. –" is none)."""
    head = line[:_DATELINE_REACH]
    if "—" not in head and "–" not in head and "-" not in head and ":" not in head:
        return False  # cheap test first
    m = _DATELINE.match(line)
    if m is None:
        return False
    place = m.group("place")
    return place is None or sum(c.isalpha() for c in place) >= 4
