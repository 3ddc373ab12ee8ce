"""Passages: the cleaned text cut into sentences, grouped in paragraphs, with offsets.

A paragraph is a run of non-blank lines; a sentence never spans a line break.  Sentence
ends are found with one bounded regular expression per line (linear time): ``.``, ``!``,
``?`` or ``…`` (plus closing quotes/brackets) followed by a blank and a word that can start
a sentence.  Abbreviations come from ``core/data/abbreviations.tsv``: titles ("Gen.",
"Dr.", "Gov.") never end a sentence; other abbreviations ("U.S.", "Jan.") and initials
("Laura Y. Aizpuru") end one only before a typical sentence starter ("The", "He", …).

Roles: ``heading`` (a one-line paragraph that reads like a title), ``bullet`` (a list item;
the marker is left out of the passage), ``embed`` (an embedded tweet: its attribution line
"— Name (@handle) date" and the paragraph before it), ``teaser`` (inside one of the
``teasers`` spans), else ``body``.  For every passage ``text[start:end] == passage.text``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from core import limits
from core.clean import BULLET, TWEET_ATTRIBUTION
from core.datafiles import read_table
from core.records import Passage

#: Sentences longer than this are cut at a blank so that no passage is unbounded.
MAX_SENTENCE = limits.MAX_PASSAGE_CHARS

_CANDIDATE = re.compile(
    r"[.!?…]{1,5}[\"'”’)\]»]{0,3}(?=\s)"  # punctuation then a blank
    r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"  # glued sentences ("accounts.The"), from HTML copy
    r"|(?<=[.!?:])\s{1,3}[*•]\s{1,3}(?=[A-Z])"  # an inline bullet after a sentence
)
#: Every match of :data:`_CANDIDATE` starts on one of these characters or right after one.
_PUNCT = re.compile(r"[.!?…:]")
_TOKEN_BEFORE = re.compile(r"([\w.'’-]{1,20})$")
_TOKEN_CHARS = re.compile(r"[\w.'’-]+")  # the characters of :data:`_TOKEN_BEFORE`
_NEXT_WORD = re.compile(r"\s{1,10}([\"'“‘(\[¿¡«]{0,2})(\w[\w'’-]{0,30})")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]{0,3}$")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Abbreviations:
    """The abbreviation table by kind (lower-cased tokens)."""

    titles: frozenset[str]
    abbrevs: frozenset[str]
    starters: frozenset[str]


@cache
def abbreviations() -> Abbreviations:
    """The abbreviation table (``data/abbreviations.tsv``): titles, abbreviations and
    sentence starters, lower-cased; built once, raising on a bad row."""
    table = read_table("abbreviations.tsv", required=("token", "kind"))
    groups: dict[str, set[str]] = {"title": set(), "abbrev": set(), "starter": set()}
    for row in table.rows:
        groups.setdefault(row["kind"], set()).add(row["token"].lower())
    return Abbreviations(frozenset(groups["title"]), frozenset(groups["abbrev"]), frozenset(groups["starter"]))


def _token_before(line: str, end: int) -> str | None:
    """``_TOKEN_BEFORE.search(line, max(0, end - 20), end).group(1)``: the run of token
    characters ending at ``end`` (at most 20).  Usually the piece after the last blank is
    all token characters, and one ``fullmatch`` says so; else the regex decides."""
    start = max(0, end - 20)
    piece = line[start:end]
    blank = piece.rfind(" ")
    if blank >= 0:
        piece = piece[blank + 1:]
    if piece and "\n" not in piece and _TOKEN_CHARS.fullmatch(piece):
        return piece
    # search only the last 20 characters (the token's longest): from 0 it was quadratic
    before = _TOKEN_BEFORE.search(line, start, end)
    return None if before is None else before.group(1)


def _is_boundary(line: str, match: re.Match[str]) -> bool:
    """Whether the punctuation matched in ``line`` ends a sentence."""
    nxt = _NEXT_WORD.match(line, match.end())
    if nxt is None:
        return False
    word = nxt.group(2)
    opener = nxt.group(1)
    if not (word[:1].isupper() or word[:1].isdigit() or opener):
        return False
    punct = match.group(0)
    if not punct.startswith(".") or len(punct.rstrip("\"'”’)]»")) > 1:
        return True  # "!", "?", "…" or "..." end a sentence
    before = _token_before(line, match.start())
    if before is None:
        return True
    token = before.lstrip("'’-").lower()
    token = token.rsplit("-", 1)[-1]
    abbr = abbreviations()
    if punct != ".":  # a quote or bracket closes before the blank: a real end
        return True
    if token in abbr.titles:
        return False
    if token in abbr.abbrevs or (len(token) == 1 and token.isalpha()) or (
        "." in token and len(token) <= 6
    ):
        return word.lower() in abbr.starters and not opener
    return True


def _candidates(line: str) -> Iterator[re.Match[str]]:
    """The matches of ``_CANDIDATE.finditer(line)``, trying only the positions where one can
    start: on a ``.!?…:`` character or right after one (the regex's alternatives all need
    one there), instead of at every character of the line (that was most of the time)."""
    pos = 0  # the first position not tried yet
    match = _CANDIDATE.match
    for q in _PUNCT.finditer(line):
        at = q.start()
        for p in (at, at + 1):
            if p < pos:
                continue
            m = match(line, p)
            if m is None:
                pos = p + 1
                continue
            yield m
            # after an empty match ("accounts.|The") nothing else can match at p
            pos = max(m.end(), p + 1)


def split_sentences(line: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of one line (blanks trimmed)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _candidates(line):
        punct = m.group(0)
        if not punct or punct[0].isspace():  # glued sentence or inline bullet: always an end
            _trimmed(line, start, m.start(), spans)
            start = m.end()
        elif _is_boundary(line, m):
            _trimmed(line, start, m.end(), spans)
            start = m.end()
    _trimmed(line, start, len(line), spans)
    return spans


def _trimmed(line: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``line[start:end]`` without surrounding blanks to ``spans`` (cut into pieces
    of at most :data:`MAX_SENTENCE` characters)."""
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = line.rfind(" ", start + 1, start + MAX_SENTENCE)
        if cut <= start:
            cut = start + MAX_SENTENCE
        spans.append((start, cut))
        start = cut
        while start < end and line[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def _is_heading(line: str) -> bool:
    """A one-line paragraph that reads like a title: short, and either without final
    punctuation or a title-case question ("Why is Cross-Border Security Important?")."""
    if len(line.split(None, 15)) > 15:  # over 15 words (same blanks as ``\S+``)
        return False
    words = _WORD.findall(line)
    if not words:
        return False
    if not _SENTENCE_END.search(line):
        return not line.rstrip().endswith((",", ";"))
    if line.rstrip().endswith("?") and len(words) <= 12:
        long_words = [w for w in words if len(w) > 3]
        caps = sum(1 for w in long_words if w[:1].isupper())
        return bool(long_words) and caps / len(long_words) >= 0.6
    return False


def _passage_id(article_id: str, start: int, end: int) -> str:
    """``stable_id("p", article_id, start, end)``, inlined for speed (same digest)."""
    digest = hashlib.sha1(f"{article_id}\x1f{start}\x1f{end}".encode()).hexdigest()[:16]
    return f"p-{digest}"


def segment(text: str, *, article_id: str, teasers: Sequence[tuple[int, int]] = ()) -> list[Passage]:
    """Cut ``text`` into sentence passages with offsets into ``text``, paragraph numbers
    and roles.  ``teasers`` are spans of ``text`` whose passages get the role ``teaser``."""
    passages: list[Passage] = []
    paragraph = -1
    prev_end = -1
    para_lines = 0
    spans = sorted(teasers)
    # first pass: lines with their paragraph numbers
    lines: list[tuple[int, int, int]] = []  # (start, end, paragraph)
    line_counts: dict[int, int] = {}
    for m in _LINE.finditer(text):
        if not m.group(0).strip():
            continue
        if prev_end < 0 or "\n\n" in text[prev_end:m.start()].replace(" ", "").replace("\t", ""):
            paragraph += 1
            para_lines = 0
        prev_end = m.end()
        para_lines += 1
        line_counts[paragraph] = para_lines
        lines.append((m.start(), m.end(), paragraph))
    embed_paragraphs: set[int] = set()
    for start, end, para in lines:
        if "(@" not in text[start:end]:  # the attribution's handle: a necessary condition
            continue
        if TWEET_ATTRIBUTION.fullmatch(text, start, end) or TWEET_ATTRIBUTION.fullmatch(text[start:end].strip()):
            embed_paragraphs.add(para)
            if para > 0 and line_counts.get(para) == 1:
                embed_paragraphs.add(para - 1)
    index = 0
    span_i = 0
    for start, end, para in lines:
        line = text[start:end]
        role = "body"
        offset = 0
        bullet = BULLET.match(line)
        if para in embed_paragraphs:
            role = "embed"
        elif bullet:
            role = "bullet"
            offset = bullet.end()
        elif line_counts.get(para) == 1 and _is_heading(line.strip()):
            role = "heading"
        pieces: list[tuple[int, int]] = []
        if role == "heading":
            _trimmed(line, 0, len(line), pieces)
        else:
            pieces = split_sentences(line[offset:] if offset else line)
        base = start + offset if role != "heading" else start
        for a, b in pieces:
            s, e = base + a, base + b
            this_role = role
            while span_i < len(spans) and spans[span_i][1] <= s:  # passages come in order
                span_i += 1
            if span_i < len(spans) and spans[span_i][0] < e:
                this_role = "teaser"
            passages.append(
                Passage(_passage_id(article_id, s, e), article_id, index, para, s, e, text[s:e], this_role)
            )
            index += 1
    return passages
