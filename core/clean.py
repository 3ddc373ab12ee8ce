"""Cleaning text copied from web pages: :class:`RawDoc` → :class:`CleanDoc`.

Hard-wrapped text (a line break every 60–80 characters: wire copy, e-mails, PDFs) is first
re-flowed into paragraphs (:func:`core.reflow.reflow`), so that a title or a sentence that
wraps is one line.  The text is then handled line by line in three zones:

* the **header** (everything before the title, or before the first body paragraph when
  no title is found): the outlet's name goes to ``source``, a byline to ``byline``, an
  "UPDATED …" / date line to ``dateline``; taglines, category labels and menus are dropped;
* the **lead** (between the title and the first body paragraph): repeated title lines,
  author handles (→ ``byline``), stray "Published"/"on" fragments and image captions;
* the **body**: chrome lines (``core/data/chrome.tsv``: menus, share and comment prompts,
  ad labels), runs of menu-like short lines, lines repeated in the article, lone links,
  captions and trailing furniture are dropped; "related stories" lists (after a
  "Related …" heading, or a bullet list ending the article right after running text) are
  kept in the text but flagged in ``CleanDoc.teasers``; tweet links are removed from
  embedded tweets.

Short title-like body lines ("Challenges Ahead") are kept: they are section headings
(the segmenter gives them the role ``heading``).  Every kept line becomes one paragraph;
paragraphs are separated by a blank line in ``CleanDoc.text``.  All patterns are bounded
regular expressions compiled once; the work is linear in the text length.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from core.datafiles import read_table
from core.records import CleanDoc, RawDoc
from core.reflow import reflow
from core.text import normalize_text
from core.urls import is_address_line

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}\s{{1,3}}\d{{1,2}}(?:st|nd|rd|th)?,?\s{{1,3}}\d{{4}}|\d{{1,2}}\s{{1,3}}{_MONTH},?\s{{1,3}}\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
)
_DATE_LABEL = r"(?:last\s)?(?:updated|published|posted|first published)"
#: A dateline: "UPDATED 5:45 PM PT – Friday, October 8, 2021", "Published on 3 May 2024", a bare date.
DATELINE = re.compile(
    rf"(?:{_DATE_LABEL}(?:\son)?\s?:?\s{{0,3}})?"
    rf"[^\n]{{0,40}}?\b{_DATE}(?:[^\n.!?]{{0,40}})",
    re.IGNORECASE,
)
#: A labelled ISO date opening the first line, before its title or first sentence ("date
#: 2026-02-23 Mexico sends …", "Published: 2025-03-06T14:05Z Sheinbaum says …", as page
#: exports and scrapers write it): split off as a line of its own, the dateline.
_LEADING_DATE = re.compile(
    rf"^\s*(?:{_DATE_LABEL}|date)\s?:?\s{{0,3}}\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}})?Z?)?[ \t]+(?=\S)",
    re.IGNORECASE,
)
#: Dotted initials ending a line ("… drug lords to U.S."): an abbreviation, not a full stop.
_INITIALS_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
#: The attribution line of an embedded tweet: "— Name (@handle) October 8, 2021".
TWEET_ATTRIBUTION = re.compile(
    rf"[—–-]{{1,2}}\s?[^\n()]{{1,80}}\(@\w{{1,30}}\)\s{{1,3}}{_DATE}", re.IGNORECASE
)
_TWEET_LINK = re.compile(r"\s?(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w{1,40}", re.IGNORECASE)
_BYLINE = re.compile(r"(?:written\s)?by\s{1,3}([A-Z][^\n]{1,80})|por\s{1,3}([A-Z][^\n]{1,80})", re.IGNORECASE)
_HANDLE = re.compile(r"@?[a-z0-9_.]{2,30}")
_MIXED_TOKEN = re.compile(r"[A-Za-z](?=[A-Za-z0-9]*(?:\d|[a-z][A-Z]))[A-Za-z0-9]{3,30}")
_DOMAIN = re.compile(r"(?:www\.)?[\w-]{2,40}\.(?:com|net|org|news|mx|us|co|info|tv)", re.IGNORECASE)
#: A bullet marker at the start of a line (en/em dashes are not bullets: they open quotes
#: and tweet attributions).
BULLET = re.compile(r"[ \t]{0,8}(?:[•·▪●◦‣∙*+]|-(?!-)|\d{1,2}[.)])[ \t]{1,4}(?=\S)")
_MD_HEADING = re.compile(r"#{1,6}[ \t]{1,4}")
#: A Markdown title: a level-one heading ("# Heading", optionally closed "# Heading #").
_MD_TITLE = re.compile(r"#[ \t]{1,4}(?P<title>[^#\s][^\n]{0,400}?)(?:[ \t]{1,4}#{1,6})?[ \t]*")
_MD_SUFFIXES = (".md", ".markdown")


class _Tail:
    """A pattern anchored at the end (``$``) whose matches are at most ``width`` characters
    long: :meth:`search` looks only at the end of the text (the same answer; searching a
    whole line of running text tried the pattern at each of its punctuation marks)."""

    __slots__ = ("pattern", "width")

    def __init__(self, pattern: str, width: int) -> None:
        self.pattern = re.compile(pattern)
        self.width = width + 1  # ("$" also matches before a final newline)

    def search(self, text: str) -> re.Match[str] | None:
        """``self.pattern.search(text)``."""
        return self.pattern.search(text, max(0, len(text) - self.width))


_SENTENCE_END = _Tail(r"[.!?…][\"'”’)\]]{0,3}$", 4)
_STATEMENT_END = _Tail(r"[.][\"'”’)\]]{0,3}$", 4)
_END_PUNCT = _Tail(r"[.!?…;:,][\"'”’)\]]{0,3}$", 4)
_KEY_TRIM = " \t:|»›…-–—"


def line_key(line: str) -> str:
    """Comparison key of a line: casefolded, inner blanks folded, trailing marks trimmed."""
    return " ".join(line.casefold().split()).strip(_KEY_TRIM)


@dataclass(frozen=True, slots=True)
class ChromePatterns:
    """The compiled site-chrome table: exact line keys, regexes, outlet-name words."""

    exact: dict[str, str]
    regex: tuple[tuple[re.Pattern[str], str], ...]
    outlet_words: frozenset[str]


@cache
def chrome_patterns() -> ChromePatterns:
    """The site-chrome table (``data/chrome.tsv``) compiled: exact lines, regexes and the
    words of outlet names; built once, raising on a bad row."""
    table = read_table("chrome.tsv", required=("pattern", "match", "kind"))
    exact: dict[str, str] = {}
    regex: list[tuple[re.Pattern[str], str]] = []
    outlet: set[str] = set()
    for row in table.rows:
        kind = row["kind"]
        if kind == "outlet-word":
            outlet.add(line_key(row["pattern"]))
        elif row["match"] == "regex":
            regex.append((re.compile(row["pattern"], re.IGNORECASE), kind))
        else:
            exact[line_key(row["pattern"])] = kind
    return ChromePatterns(exact, _combined(regex), frozenset(outlet))


def _combined(regex: list[tuple[re.Pattern[str], str]]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Consecutive patterns of the same kind joined into one alternation (one ``fullmatch``
    instead of one per pattern: the same answer, since the kind of the first pattern that
    matches is the kind of its run).  A pattern that cannot be joined (a back-reference, a
    global flag) stays on its own."""
    out: list[tuple[re.Pattern[str], str]] = []
    run: list[re.Pattern[str]] = []

    def flush() -> None:
        if len(run) == 1:
            out.append((run[0], kind))
        elif run:
            try:
                joined = re.compile("|".join(f"(?:{r.pattern})" for r in run), re.IGNORECASE)
            except re.error:  # e.g. one group name in two patterns
                out.extend((r, kind) for r in run)
            else:
                out.append((joined, kind))
        run.clear()

    kind = ""
    for pattern, k in regex:
        joinable = not re.search(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)", pattern.pattern)
        if run and (k != kind or not joinable):
            flush()
        kind = k
        if joinable:
            run.append(pattern)
        else:
            out.append((pattern, k))
    flush()
    return tuple(out)


#: Lines longer than this are never chrome by pattern (wire-photo captions run to ~550 characters).
MAX_CHROME_LINE = 600


def chrome_kind(line: str) -> str:
    """``"chrome"`` or ``"teaser"`` when the line is a known piece of site furniture (see
    ``core/data/chrome.tsv``), else ``""``."""
    return _chrome_kind(line, line_key(line))


def _chrome_kind(line: str, key: str) -> str:
    """:func:`chrome_kind` of ``line`` whose :func:`line_key` is ``key``."""
    pats = chrome_patterns()
    if not key:
        return "chrome"
    kind = pats.exact.get(key)
    if kind:
        return kind
    stripped = line.strip()
    if len(stripped) <= MAX_CHROME_LINE:
        for pattern, kind in pats.regex:
            if pattern.fullmatch(stripped):
                return kind
    return ""


def _words(line: str) -> int:
    return len(line.split())


def _at_most(line: str, n: int) -> bool:
    """``_words(line) <= n`` without splitting all of a long line."""
    return len(line.split(None, n)) <= n


def is_body_paragraph(line: str) -> bool:
    """A line that reads as running text: at least 12 words ending like a sentence, or long."""
    return (not _at_most(line, 11) and bool(_SENTENCE_END.search(line))) or len(line) >= 200


def _title_like(line: str) -> bool:
    n = _words(line)
    ends = _END_PUNCT.search(line) is not None and _INITIALS_END.search(line[-12:]) is None
    return 4 <= n <= 40 and not ends and not line[:1].islower()


def _is_dateline(line: str) -> bool:
    return len(line) <= 120 and _words(line) <= 16 and DATELINE.fullmatch(line) is not None


def _byline(line: str) -> str:
    m = _BYLINE.fullmatch(line)
    if m and _words(line) <= 12 and not _SENTENCE_END.search(line):
        return (m.group(1) or m.group(2) or "").strip()
    return ""


def _outlet_like(line: str) -> bool:
    words = line.split()
    if len(words) == 1:
        return bool(_MIXED_TOKEN.fullmatch(line) or _DOMAIN.fullmatch(line))
    return (
        len(words) <= 6
        and line_key(words[-1]) in chrome_patterns().outlet_words
        and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    )


def _is_caption(line: str) -> bool:
    """A short line that starts in lower case and has no sentence punctuation: the text
    under an image ("mexican troops")."""
    return line[:1].islower() and _words(line) <= 8 and not _END_PUNCT.search(line)


def _short_unpunctuated(line: str) -> bool:
    return _at_most(line, 4) and not _END_PUNCT.search(line) and not BULLET.match(line)


def _continues(prev: str, line: str) -> bool:
    """Whether ``line`` continues hard-wrapped ``prev``: ``prev`` is long and has no final
    punctuation, ``line`` starts in lower case and has a few words (not a handle)."""
    return (
        len(prev.strip()) >= 50
        and not _END_PUNCT.search(prev.rstrip())
        and line.strip()[:1].islower()
        and not _at_most(line, 3)
        and not BULLET.match(prev)
    )


@dataclass(slots=True)
class _Line:
    text: str
    gap_before: bool  # a blank line (or a removed line) precedes it
    bullet: bool
    teaser: bool = False


def _opens_body(line: str) -> bool:
    """Whether ``line`` can be the first line of the body: running text, or a statement of
    four words or more; never a chrome line ("Notifications can be managed in browser
    preferences.") nor a title-length line ending in dotted initials ("… drug lords to U.S.")."""
    t = line.strip()
    if not (is_body_paragraph(t) or (_words(t) >= 4 and _STATEMENT_END.search(t))):
        return False
    if _words(t) <= 20 and _INITIALS_END.search(t[-12:]):
        return False
    return not chrome_kind(t)


def _split_leading_date(text: str) -> str:
    """``text`` with a labelled ISO date that opens its first line (:data:`_LEADING_DATE`)
    put on a line of its own."""
    m = _LEADING_DATE.match(text)
    if m is None:
        return text
    return text[:m.end()].rstrip() + "\n" + text[m.end():]


def clean_doc(raw: RawDoc) -> CleanDoc:
    """Clean one article: separate title, outlet, byline and dateline from the body, drop
    site chrome, flag "related stories" teaser lists, remove tweet links.  Never raises
    for odd text; a document with no recognisable structure is returned as it is (minus
    chrome)."""
    removed: list[str] = []
    lines: list[tuple[str, bool]] = []  # (stripped text, blank before)
    gap = False
    # a Markdown file opening with "# Heading": the heading is the title, not body text
    md_title = ""
    md_first = raw.path.lower().endswith(_MD_SUFFIXES) and not raw.title.strip()
    for raw_line in _split_leading_date(reflow(normalize_text(raw.text))).split("\n"):
        line = raw_line.rstrip()
        if md_first and line.strip():
            md_first = False
            heading = _MD_TITLE.fullmatch(line.strip())
            if heading is not None:
                md_title = " ".join(heading.group("title").split())
                removed.append(line.strip())
                gap = True
                continue
        if _MD_HEADING.match(line):
            line = _MD_HEADING.sub("", line, count=1)
        if "twitter.com" in line or "t.co/" in line:
            stripped_links = _TWEET_LINK.sub("", line).rstrip()
            if stripped_links != line:
                removed.append(_TWEET_LINK.search(line).group(0).strip())  # type: ignore[union-attr]
                line = stripped_links
        if not line.strip():
            gap = True
            continue
        if ("://" in line or "www." in line) and is_address_line(line):
            removed.append(line.strip())  # the page's address: RawDoc.url, not body text
            gap = True
            continue
        if lines and not gap and _continues(lines[-1][0], line):
            lines[-1] = (f"{lines[-1][0]} {line.strip()}", lines[-1][1])
            continue
        lines.append((line, gap))
        gap = False

    title = " ".join(raw.title.split()) or md_title
    source = ""
    byline = ""
    dateline = ""
    keys = [line_key(text) for text, _ in lines]  # line_key(text) == line_key(text.strip())
    counts = Counter(keys)
    first_body = next((i for i, (t, _) in enumerate(lines) if _opens_body(t)), -1)
    if first_body < 0:  # a short article: the first sentence-like line starts the body
        first_body = next((i for i, (t, _) in enumerate(lines)
                           if _words(t) >= 3 and _SENTENCE_END.search(t.rstrip())), 0)

    # --- the title -------------------------------------------------------------------
    title_at = -1
    if not title:
        head = [(i, t.strip()) for i, (t, _) in enumerate(lines[:first_body])]
        candidates = [(i, t) for i, t in head if _title_like(t) and not chrome_kind(t)
                      and not _is_dateline(t) and not _byline(t)]
        repeated = [(i, t) for i, t in candidates if counts[line_key(t)] >= 2]
        if repeated or candidates:
            title_at, title = (repeated or candidates)[0]
    title_key = line_key(title) if title else ""
    if title_at < 0 and title_key:
        title_at = next((i for i, (t, _) in enumerate(lines[:first_body]) if line_key(t) == title_key), -1)
    header_end = title_at if title_at >= 0 else first_body

    kept: list[_Line] = []
    gap_pending = False

    def drop(text: str) -> None:
        nonlocal gap_pending
        removed.append(text)
        gap_pending = True

    for i, (text, gap_before) in enumerate(lines):
        s = text.strip()
        key = keys[i]
        if title_key and key == title_key:
            drop(s)
            continue
        if i < header_end or i < first_body:
            # header and lead: metadata or furniture, never body text
            if TWEET_ATTRIBUTION.fullmatch(s):
                pass
            elif _is_dateline(s):  # (a second one: "Published: …" under "date …")
                dateline = dateline or s
                drop(s)
                continue
            elif not byline and _byline(s):
                byline = _byline(s)
                drop(s)
                continue
            elif _chrome_kind(s, key):
                drop(s)
                continue
            elif i < header_end:
                if not source and _outlet_like(s):
                    source = s
                drop(s)
                continue
            elif not byline and _HANDLE.fullmatch(s):
                byline = s
                drop(s)
                continue
            elif _is_caption(s):
                drop(s)
                continue
        else:
            kind = _chrome_kind(s, key)
            if kind == "teaser":
                drop(s)
                kept.append(_Line("", True, False, teaser=True))  # marker: a teaser list follows
                continue
            if kind or (counts[key] >= 2 and not is_body_paragraph(s)) or _is_caption(s):
                drop(s)
                continue
            if not byline and _byline(s) and _words(s) <= 6:  # a byline placed after the lead
                byline = _byline(s)
                drop(s)
                continue
            # (the cheapest test first: running text has more than eight words)
            if _at_most(s, 8) and not TWEET_ATTRIBUTION.fullmatch(s) and _is_dateline(s):
                if not dateline:
                    dateline = s
                drop(s)
                continue
        bullet = bool(BULLET.match(text))
        kept.append(_Line(s if not bullet else text.strip(), gap_before or gap_pending, bullet))
        gap_pending = False

    kept = _mark_teasers(kept)
    kept = _drop_menus(kept, removed)
    body, teasers = _assemble(kept)
    if not body:  # nothing looked like body text: keep every line that is not chrome
        plain = [_Line(t.strip(), g, bool(BULLET.match(t))) for t, g in lines if not chrome_kind(t)]
        body, teasers = _assemble(plain)
    return CleanDoc(
        text=body,
        title=title,
        source=source,
        byline=byline,
        dateline=dateline,
        teasers=teasers,
        removed=removed,
    )


def _drop_menus(kept: list[_Line], removed: list[str]) -> list[_Line]:
    """Drop runs of three or more short unpunctuated lines (navigation menus, tag lists)
    and short unpunctuated lines after the last line of running text (footer furniture);
    teaser lists are left alone."""
    out: list[_Line] = []
    i = 0
    while i < len(kept):
        j = i
        while j < len(kept) and not kept[j].teaser and _short_unpunctuated(kept[j].text):
            j += 1
        if j - i >= 3:
            removed.extend(line.text for line in kept[i:j])
            i = j
            continue
        out.append(kept[i])
        i += 1
    last_text = next((k for k in range(len(out) - 1, -1, -1) if (line := out[k]).teaser or line.bullet
                      or is_body_paragraph(line.text) or _SENTENCE_END.search(line.text)), -1)
    removed.extend(line.text for line in out[last_text + 1:])
    return out[: last_text + 1]


def _mark_teasers(kept: list[_Line]) -> list[_Line]:
    """Flag "related stories" lists: the lines after a teaser heading (bullets, or
    headline-like lines without sentence punctuation), and a trailing run of two or more
    bullets that directly follows running text (not a colon, not a heading)."""
    out: list[_Line] = []
    in_list = False
    for line in kept:
        if line.teaser and not line.text:
            in_list = True
            continue
        if in_list and (line.bullet or not _SENTENCE_END.search(line.text)):
            line.teaser = True
            out.append(line)
            continue
        in_list = False
        out.append(line)
    # trailing bullet run
    k = len(out)
    while k > 0 and out[k - 1].bullet:
        k -= 1
    run = len(out) - k
    # a list after a colon ("Key elements include:") or under a heading ("Key points") is the
    # article's own; one that follows running text, at the very end, is a sidebar
    if run >= 2 and k > 0 and _SENTENCE_END.search(out[k - 1].text.rstrip()):
        for line in out[k:]:
            line.teaser = True
    return out


def _assemble(paragraphs: list[_Line]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in paragraphs:
        if not para.text:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        start = pos
        parts.append(para.text)
        pos += len(para.text)
        if para.teaser:
            if spans and spans[-1][1] == start - 2:
                spans[-1] = (spans[-1][0], pos)
            else:
                spans.append((start, pos))
    return "".join(parts), spans
