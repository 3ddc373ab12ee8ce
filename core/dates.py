"""Dates: when an article was published, and when the events it tells happened.

Publication date (:func:`date_article`), in order of trust:

1. metadata (``RawDoc.published``; ISO, RFC 2822, "October 8, 2021", "08/10/2021", …);
   a date in the article's URL (``core/urls.py``: ``/2019/06/07/``, ``/2013/may/01/``,
   ``-20170223-``, ``?date=``) is day- or month-precise evidence beside the text's own: where
   both exist and agree (the text's day within the URL's month, or up to three days after the
   URL's day) the text's day is used and both are cited; where they contradict, the URL wins
   and ``date_evidence`` says so (metadata wins over the URL);
2. a dateline or a labelled line ("UPDATED 5:45 PM PT – Friday, October 8, 2021",
   "Published: Monday, October 19, 2020", "date 2025-02-28"), or a wire dateline opening a
   line at the start of the body ("MEXICO CITY, May 2, 2025 —"); a dated embed ("— Secretary
   Antony Blinken (@SecBlinken) October 8, 2021") is a past date like any other (step 3);
3. otherwise a window inferred from the text: the terms of the office holders as the text
   titles them ("President-elect Donald Trump", "former President Joe Biden"), intersected
   with "after the latest past date the text mentions".  Where the text contradicts the
   knowledge base ("took office on January 20, 2024"), the evidence says so and the
   knowledge base wins;
4. no usable cue: undated (precision "none").  A precise date is never invented.

Event dates (:func:`event_date`): relative expressions ("last week", "in January",
"Friday morning", "two years ago", "since 2008", "the previous administration") resolve
against the publication date and keep their precision; explicit dates are taken as
written; otherwise the event takes the publication date or window.  The rules are
written here (dateparser invents days for "in 2019" and fails on "earlier this year").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path

from core.datafiles import Row, Table, load_table, read_table
from core.errors import DataFileError, DataIssue
from core.kb import OPEN_END, KnowledgeBase, load_kb
from core.landmarks import in_sentence
from core.records import CleanDoc, DateWindow, Mention, RawDoc
from core.text import fold
from core.urls import UrlRefusal, url_date

# --------------------------------------------------------------------------- small helpers

_MIN, _MAX = "0001-01-01", OPEN_END


def _iso(d: date) -> str:
    return d.isoformat()


def _d(s: str) -> date:
    return date.fromisoformat(s)


def _today() -> str:
    return date.today().isoformat()


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_days(s: str, n: int) -> str:
    return _iso(_d(s) + timedelta(days=n))


def day_window(d: date, *, confidence: float = 1.0, evidence: str = "") -> DateWindow:
    """A window of one day."""
    iso = _iso(d)
    return DateWindow(iso, iso, iso, "day", confidence, evidence)


def month_window(y: int, m: int, *, confidence: float = 1.0, evidence: str = "") -> DateWindow:
    """A window of one calendar month (value: its first day)."""
    return DateWindow(_iso(date(y, m, 1)), _iso(date(y, m, 1)), _iso(_month_end(y, m)), "month",
                      confidence, evidence)


def year_window(y: int, *, confidence: float = 1.0, evidence: str = "") -> DateWindow:
    """A window of one calendar year (value: 1 January)."""
    return DateWindow(_iso(date(y, 1, 1)), _iso(date(y, 1, 1)), _iso(date(y, 12, 31)), "year",
                      confidence, evidence)


def span_window(low: str, high: str, *, confidence: float = 1.0, evidence: str = "") -> DateWindow:
    """A window ``[low, high]``, with the narrowest precision that describes it exactly."""
    lo, hi = _d(low), _d(high)
    if lo == hi:
        return day_window(lo, confidence=confidence, evidence=evidence)
    if lo.day == 1 and (lo.year, lo.month) == (hi.year, hi.month) and hi == _month_end(hi.year, hi.month):
        return month_window(lo.year, lo.month, confidence=confidence, evidence=evidence)
    if (lo.month, lo.day) == (1, 1) and (hi.month, hi.day) == (12, 31) and lo.year == hi.year:
        return year_window(lo.year, confidence=confidence, evidence=evidence)
    return DateWindow("", low, high, "window", confidence, evidence)


def _with(w: DateWindow, *, confidence: float | None = None, evidence: str | None = None) -> DateWindow:
    return DateWindow(w.value, w.low, w.high, w.precision,
                      w.confidence if confidence is None else confidence,
                      w.evidence if evidence is None else evidence)


# --------------------------------------------------------------------------- lexicon regexes


@dataclass(frozen=True)
class _Lex:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, str]
    month_re: str
    weekday_re: str
    number_re: str
    explicit: re.Pattern[str]
    bare_month: re.Pattern[str]
    year_ref: re.Pattern[str]
    weekday_ref: re.Pattern[str]
    ago: re.Pattern[str]
    triggers: re.Pattern[str]  # on lower-case text: a word without which no date expression holds
    month_any: re.Pattern[str]  # any month name
    # bare month and weekday names (no look-arounds: sre skips ahead to their first
    # letters), to test cheaply whether ``bare_month`` / ``weekday_ref`` can match at all
    month_plain: re.Pattern[str] | None = None
    weekday_plain: re.Pattern[str] | None = None
    # the word part of ``triggers`` split in two, without its look-behind (sre tries a
    # pattern opening with a look-behind at every character; one opening with a character
    # class it skips to): a word at the very start, and a word after a non-letter
    trigger_start: re.Pattern[str] | None = None
    trigger_after: re.Pattern[str] | None = None
    # a named administration ("the Obama administration", "Fox-era"), built from the
    # administration triggers, and those words (a case-sensitive necessary condition of it)
    admin_ref: re.Pattern[str] | None = None
    admin_words: tuple[str, ...] = ()


def _alt(words: list[str]) -> str:
    """A regex matching any of ``words``, longest first, written as a trie (sre tries a
    flat alternation word by word at every position; a trie dispatches on each character)."""
    root: dict[str, dict] = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(root) + ")"


def _build_lex(items: tuple[tuple[str, str, str], ...]) -> _Lex:
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    numbers: dict[str, int] = {}
    units: dict[str, str] = {}
    triggers_of: dict[str, list[str]] = {}
    for written, typ, value in items:
        word = fold(written)
        if typ == "month":
            months[word] = int(value)
        elif typ == "weekday":
            weekdays[word] = int(value)
        elif typ == "number":
            numbers[word.lower()] = int(value)
        elif typ == "unit":
            units[word.lower()] = value
        elif typ == "trigger":
            triggers_of.setdefault(value, []).append(word)
    # English month and weekday names are capitalised ("May" the month, not the verb);
    # Spanish ones are written in lower case, or capitalised at a sentence start.
    month_re = _alt([w for w in months] + [w.capitalize() for w in months if w.islower()])
    weekday_re = _alt([w for w in weekdays] + [w.capitalize() for w in weekdays if w.islower()])
    number_re = _alt(list(numbers)) + r"|\d{1,3}"
    day = r"(\d{1,2})(?:st|nd|rd|th)?(?!\d)"
    year = r"((?:1[89]|20)\d{2})(?!\d)"
    explicit = re.compile(
        rf"(?<![\w/])(?:"
        rf"(?P<iso>(?P<iy>(?:1[89]|20)\d{{2}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))(?!\d)"
        rf"|(?P<md>(?P<m1>{month_re})\.?[ \t]+{day.replace('(', '(?P<d1>', 1)}(?:,?[ \t]+{year.replace('(', '(?P<y1>', 1)})?)"
        rf"|(?P<dm>{day.replace('(', '(?P<d2>', 1)}[ \t]+(?:de[ \t]+|of[ \t]+)?(?P<m2>{month_re})\.?(?:,?[ \t]+(?:de[ \t]+|del[ \t]+)?{year.replace('(', '(?P<y2>', 1)})?)"
        rf"|(?P<my>(?P<m3>{month_re})\.?,?[ \t]+(?:of[ \t]+|de[ \t]+|del[ \t]+)?{year.replace('(', '(?P<y3>', 1)})"
        rf")(?!\w)"
    )
    bare_month = re.compile(
        rf"(?<!\w)(?P<prep>[Ii]n|[Ss]ince|[Dd]uring|[Ll]ast|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id-?|[Oo]f|[Ff]rom|[Uu]ntil|[Tt]hrough|[Bb]y|[Ee]n|[Dd]esde)"
        rf"[ \t]+(?:(?:early|late|mid-?)[ \t]*)?(?P<m>{month_re})(?![ \t]*\d)(?!\w)"
    )
    year_ref = re.compile(
        r"(?<!\w)(?P<prep>[Ii]n|[Ss]ince|[Dd]uring|[Ff]rom|[Oo]f|[Bb]y|[Ee]arly|[Ll]ate|[Mm]id-?|[Bb]efore|[Aa]fter|[Uu]ntil|[Tt]hrough|[Ee]n|[Dd]esde)"
        r"[ \t]+(?:(?:early|late|mid-?)[ \t]*)?(?:the[ \t]+)?(?P<y>(?:19|20)\d{2})(?P<s>s)?(?![\w-])"
    )
    weekday_ref = re.compile(rf"(?<!\w)(?P<w>{weekday_re})(?!\w)")
    unit_re = _alt(sorted(units))
    ago = re.compile(
        rf"(?<!\w)(?:(?P<n>{number_re})[ \t]+(?P<u>{unit_re})[ \t]+ago|[Hh]ace[ \t]+(?P<n2>{number_re})[ \t]+(?P<u2>{unit_re}))(?!\w)",
        re.IGNORECASE)
    trigger_words = (
        {w.lower().rstrip(".") for w in (*months, *weekdays)} | {u.lower() for u in units}
        | {w.lower() for words in triggers_of.values() for w in words}
    )
    admin_words = tuple(sorted(triggers_of.get("administration", [])))
    nouns = "|".join(re.escape(w) for w in admin_words if not w.startswith("-"))
    suffixes = "".join(f"|{re.escape(w)}" for w in admin_words if w.startswith("-"))
    admin_ref = re.compile(
        r"(?<![\w'’-])(?P<name>[A-Z][\w'’-]{1,40}+(?:[ \t]+[A-Z][\w'’-]{1,40}+)?)"
        rf"(?:[ \t]+(?:{nouns}){suffixes})(?!\w)"
    )
    trigger_trie = _alt(sorted(trigger_words))
    triggers = re.compile(r"\d|(?<![a-z])" + trigger_trie)
    month_any = re.compile(r"(?<![A-Za-z])" + month_re + r"(?![a-z])")
    return _Lex({k.lower(): v for k, v in months.items()}, {k.lower(): v for k, v in weekdays.items()},
                numbers, units, month_re, weekday_re, number_re, explicit, bare_month, year_ref,
                weekday_ref, ago, triggers, month_any, re.compile(month_re), re.compile(weekday_re),
                re.compile(trigger_trie), re.compile("[^a-z]" + trigger_trie), admin_ref, admin_words)


_YEAR4 = re.compile(r"(?:1[89]|20)\d\d")
# Cheap necessary conditions of the date regexes of :func:`_event_date` (each of those
# starts with a look-behind, so sre tries it at every character of every sentence):
_ANY_DIGIT = re.compile(r"\d")  # every explicit date has one
_YEAR_REF_YEAR = re.compile(r"(?:19|20)\d{2}")  # the year of ``year_ref``


def _may_hold_date(text: str, lex: _Lex) -> bool:
    """A cheap test: False when ``text`` has no digit and no date word, so that the date
    regexes need not run (they cost a scan each)."""
    low = text.lower()
    if lex.trigger_start is None or lex.trigger_after is None:
        return lex.triggers.search(low) is not None
    # ``lex.triggers.search(low)``, a fifth faster
    return bool(_ANY_DIGIT.search(low) or lex.trigger_start.match(low) or lex.trigger_after.search(low))


def prepare(kb: KnowledgeBase) -> None:
    """Compile the date lexicon of ``kb`` now instead of on the first article (see
    :func:`core.resolve.prepare`)."""
    _lex(kb)


def _lex(kb: KnowledgeBase) -> _Lex:
    """The date lexicon's regexes, built once per knowledge base."""
    cached = kb.cache.get("date_lex")
    if isinstance(cached, _Lex):
        return cached
    lex = _build_lex(tuple(sorted((w, t, v) for w, (t, v) in kb.date_words.items())))
    kb.cache["date_lex"] = lex
    return lex


def _month_no(lex: _Lex, word: str) -> int:
    return lex.months.get(fold(word).lower().rstrip("."), 0)


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    text: str
    window: DateWindow
    has_year: bool


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _explicit_dates(text: str, lex: _Lex) -> list[_Found]:
    """Explicit dates in ``text``: with a year (day or month precision) or without one
    (``has_year`` False; the window then holds year 1 as a placeholder)."""
    out: list[_Found] = []
    for m in lex.explicit.finditer(fold(text)):
        g = m.groupdict()
        if g["iso"]:
            d = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
            if d:
                out.append(_Found(m.start(), m.end(), m.group(0), day_window(d), True))
            continue
        if g["md"] or g["dm"]:
            mon = _month_no(lex, g["m1"] or g["m2"])
            dd = int(g["d1"] or g["d2"])
            yy = g["y1"] or g["y2"]
            d = _safe_date(int(yy) if yy else 4, mon, dd)  # 4: a leap year placeholder
            if d and mon:
                out.append(_Found(m.start(), m.end(), m.group(0), day_window(d), bool(yy)))
            continue
        if g["my"]:
            mon = _month_no(lex, g["m3"])
            if mon:
                out.append(_Found(m.start(), m.end(), m.group(0), month_window(int(g["y3"]), mon), True))
    return out


# --------------------------------------------------------------------------- metadata

_ISO_DT = re.compile(r"^\s*((?:1[89]|20)\d{2})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_ISO_MONTH = re.compile(r"^\s*((?:1[89]|20)\d{2})-(\d{1,2})\s*$")
_YEAR_ONLY = re.compile(r"^\s*((?:1[89]|20)\d{2})\s*$")
_COMPACT = re.compile(r"^\s*((?:1[89]|20)\d{2})(\d{2})(\d{2})(?:T?\d{4,6}Z?)?\s*$")
_SLASHED_YMD = re.compile(r"^\s*((?:1[89]|20)\d{2})[/.](\d{1,2})[/.](\d{1,2})\b")
_SLASHED = re.compile(r"^\s*(\d{1,2})([/.])(\d{1,2})[/.]((?:1[89]|20)\d{2})\b")
_EPOCH = re.compile(r"^\s*(\d{10})(?:\.\d+)?\s*$")


def parse_date(value: str, *, kb: KnowledgeBase | None = None) -> DateWindow | None:
    """Parse a metadata date in any common format (ISO date/datetime, RFC 2822, compact
    ``20211008``, ``2021/10/08``, ``10/08/2021`` (US month first unless the first number is
    over 12; ``08.10.2021`` day first), Unix seconds, "October 8, 2021", "8 de octubre de
    2021", "2021-10", "2021").  ``None`` when it is not a date."""
    if not value or not value.strip():
        return None
    v = value.strip()
    if m := _ISO_DT.match(v):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return day_window(d) if d else None
    if m := _COMPACT.match(v):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return day_window(d) if d else None
    if m := _ISO_MONTH.match(v):
        mo = int(m.group(2))
        return month_window(int(m.group(1)), mo) if 1 <= mo <= 12 else None
    if m := _YEAR_ONLY.match(v):
        return year_window(int(m.group(1)))
    if m := _SLASHED_YMD.match(v):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return day_window(d) if d else None
    if m := _SLASHED.match(v):
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
        month_first = sep == "/" and a <= 12
        d = _safe_date(y, a, b) if month_first else _safe_date(y, b, a)
        return day_window(d) if d else None
    if m := _EPOCH.match(v):
        return day_window(datetime.fromtimestamp(int(m.group(1)), tz=UTC).date())
    try:
        dt = parsedate_to_datetime(v)
    except (TypeError, ValueError, IndexError):
        dt = None
    if dt is not None:
        return day_window(dt.date())
    lex = _lex(kb or load_kb())
    found = [f for f in _explicit_dates(v, lex) if f.has_year]
    if found:
        return found[0].window
    return None


# --------------------------------------------------------------------------- publication date

_LABEL = re.compile(
    r"(?i)^\W{0,3}(?:last[ \t]+)?(updated|published|posted|date|dated|fecha|publicado|actualizado|"
    r"first published|originally published)\b"
)
_FORMER = re.compile(r"(?i)(?:\b(former|ex-|then-|the late|late|outgoing|incoming|future)[ \t]*)$")
_FUTURE = re.compile(
    r"(?i)\b(will|would|plans?|planned|planning|scheduled|expected|expects|next|upcoming|forecasts?|"
    r"projected|projects|aims?|intends?|target|goal|deadline|by the end of|until)\b"
)
#: Before a weekday: the next one ("next Monday", "this coming Friday", "el próximo lunes").
_NEXT_BEFORE = re.compile(r"(?i)\b(?:next|this[ \t]+coming|coming|pr[oó]ximo)[ \t]+$")
#: A sentence about the future: its weekday is the next one ("will meet on Monday").
_UPCOMING = re.compile(r"(?i)\b(?:will|'ll|is[ \t]+set[ \t]+to|are[ \t]+set[ \t]+to|scheduled|plans?[ \t]+to|"
                       r"planning[ \t]+to|expected[ \t]+to|upcoming)\b")
#: Words before a month and day that point ahead: "until April 2", "starting Aug. 1".
_UNTIL_BEFORE = re.compile(r"(?i)\b(?:until|till|through|by|starting|effective|beginning|ahead[ \t]+of|"
                           r"no[ \t]+later[ \t]+than|hasta|a[ \t]+partir[ \t]+del?)[ \t]+(?:on[ \t]+)?$")
#: A quotation, for reading tense outside it ("… will not pay," he said on Wednesday).
_QUOTED = re.compile(r"[“\"][^”\"\n]{0,600}[”\"]")


def _outside_quotes(text: str) -> str:
    """``text`` with its quotations blanked (offsets kept), also a quotation that a sentence
    split cut: text before an unpaired closing ” or after an unpaired opening “."""
    if "\"" not in text and "“" not in text and "”" not in text:
        return text
    out = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    for i, ch in enumerate(out):
        if ch not in "\"“”":
            continue
        # the one quote mark left: closing after punctuation ('wall," he said'), else opening
        closing = ch == "”" or (ch == "\"" and i > 0 and out[i - 1] in ",.!?;:")
        if closing:
            out = " " * (i + 1) + out[i + 1:]
        else:
            out = out[:i] + " " * (len(out) - i)
        break
    return out


_CLAUSE_BREAK = re.compile(r"[,;:—–]")


def _clause_before(text: str, pos: int, *, width: int = 60) -> str:
    """The words of ``text`` before ``pos`` in the same clause (up to ``width`` characters,
    quotations blanked): where a tense marker tells the time of a date at ``pos`` ("will meet
    on Friday"; not "announced Monday that he will ask")."""
    return _CLAUSE_BREAK.split(_outside_quotes(text)[max(0, pos - width):pos])[-1]


#: "since" shortly before an explicit date, with no break between ("Since taking office in
#: October 2024, …"): the event runs from that date to the publication date.
_SINCE_BEFORE = re.compile(r"(?i)\b(?:since|desde)\b[^,;.:()]{0,40}$")
_OFFICE_START = re.compile(
    r"(?i)\b(?:took|assumed|taking|assuming|entered|began)[ \t]+(?:office|power|the presidency)"
    r"|\b(?:was|were)[ \t]+(?:sworn[ \t]+in|inaugurated)|\binauguration\b"
)
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+|(?=\n)|$)")  # a line without a full stop is a sentence too


#: A clock time with its am/pm and time zone: "9:44 PM", "11:28 p.m. ET", "09:37".
_CLOCK = re.compile(r"(?i)\b\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[ap]\.?m\.?)?(?:[ \t]?(?:[ECMP][SD]?T|UTC|GMT))?\b")


#: A numeric date in a dateline: "08/29/2012" (US month first, as parse_date reads it).
_NUMERIC_DATE = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/(?:19|20)\d{2}(?![\d/])")


def _top_lines(text: str, n: int = 15) -> list[str]:
    return [ln for ln in text.splitlines()[:n] if ln.strip()]


def _dateline(raw: RawDoc, doc: CleanDoc, lex: _Lex) -> tuple[DateWindow | None, str]:
    """A publication date from the dateline or a labelled line near the top."""
    lines: list[str] = []
    if doc.dateline:
        lines.extend(doc.dateline.splitlines())
    lines.extend(_top_lines(raw.text))
    for i, line in enumerate(lines):
        label = _LABEL.match(line.strip())
        found = [f for f in _explicit_dates(line, lex) if f.has_year and f.window.precision == "day"]
        numeric = _NUMERIC_DATE.search(line) if "/" in line else None
        if numeric is not None and (not found or numeric.start() < found[0].start):
            w = parse_date(numeric.group(0))
            if w is not None:  # "08/29/2012 04:37 pm ET Updated Oct 29, 2012": the first is the publication
                found.insert(0, _Found(numeric.start(), numeric.end(), numeric.group(0), w, True))
        if not found and label is not None and len(line.strip()) <= 25:
            # "Published" / "on" / "March 3, 2025" on separate lines
            for nxt in lines[i + 1:i + 4]:
                more = [f for f in _explicit_dates(nxt, lex) if f.has_year and f.window.precision == "day"]
                if more and len(nxt.strip()) <= len(more[0].text) + 25:
                    return more[0].window, f"{label.group(1).lower()} line {line.strip()!r} {nxt.strip()!r}"
        if not found:
            continue
        rest = line
        for f in found:
            rest = rest.replace(f.text, " ")
        rest = _CLOCK.sub(" ", rest)  # "on May 3, 2014 at 6:15 AM, updated May 3, 2014 at 7:02 AM"
        only_date = "@" not in line and len(re.sub(r"[\W\d_]+", " ", rest).split()) <= 4
        if label or line is doc.dateline or only_date or line in doc.dateline.splitlines():
            what = f"dateline {line.strip()!r}" if not label else f"{label.group(1).lower()} line {line.strip()!r}"
            return found[0].window, what
    return None, ""


#: The place (and agency) opening a wire dateline, up to the date: "MEXICO CITY, ",
#: "WASHINGTON (Reuters) - ", "Ciudad de México, ", "WASHINGTON, D.C., ".  Up to four
#: capitalised words (a full stop only after an abbreviation: "St.", "D.C."), with single
#: short lower-case connectors ("de", "of") between them.
_WIRE_WORD = r"[A-Z](?:[\w'’-]{0,25}+|\w{0,2}\.(?:[A-Z]\.)?)"
_WIRE_SEG = rf"{_WIRE_WORD}(?:[ \t]{{1,3}}(?:[a-z]{{1,3}}[ \t]{{1,3}})?{_WIRE_WORD}){{0,3}}"
_WIRE_HEAD = re.compile(
    rf"(?P<place>{_WIRE_SEG}(?:,[ \t]{{1,3}}{_WIRE_SEG}){{0,2}})"
    r"(?:[ \t]{0,3}\((?P<agency>[A-Z][\w .&/-]{0,30})\))?"
    r"(?:[ \t]{0,3}[—–-]{1,2}[ \t]{0,3}|,[ \t]{1,3})"
)
#: What follows the date of a wire dateline: an optional agency, then a dash or period-dash.
_WIRE_TAIL = re.compile(r"[ \t]{0,3}(?:\((?P<agency>[A-Za-z][\w .&/-]{0,30})\)[ \t]{0,3})?\.?[ \t]{0,3}(?:[—–:]|-{1,2})")
_WIRE_SPAN = 300  # a wire dateline opens the body: only lines starting in its first characters


def _wire_dateline(text: str, lex: _Lex) -> tuple[DateWindow | None, str]:
    """A publication date from a wire-service dateline opening a line near the start of the
    body ("MEXICO CITY, May 2, 2025 —", "WASHINGTON (Reuters) - March 3, 2024 -",
    "CIUDAD DE MÉXICO, 2 de mayo de 2025.-"); a date later in a sentence is not one."""
    pos = 0
    while pos < min(len(text), _WIRE_SPAN):
        nl = text.find("\n", pos)
        line = text[pos:nl if nl >= 0 else len(text)][:200].strip()
        pos = len(text) if nl < 0 else nl + 1
        head = _WIRE_HEAD.match(fold(line))  # fold keeps offsets: "MÉXICO" reads as "MEXICO"
        if head is None or (head.group("agency") is None and head.group(0).rstrip()[-1:] != ","):
            continue  # "PLACE - date" only with an agency: "WASHINGTON (Reuters) - March 3, 2024 -"
        if lex.month_any.search(head.group("place")) or lex.weekday_ref.search(head.group("place")):
            continue  # "Officials met Friday, May 2, 2025 —" opens a sentence, not a dateline
        rest = line[head.end():]
        found = _explicit_dates(rest, lex)
        if not found or found[0].start != 0 or not found[0].has_year or found[0].window.precision != "day":
            continue
        tail = _WIRE_TAIL.match(rest, found[0].end)
        if tail is None:
            continue
        return found[0].window, f"wire dateline {line[:head.end() + tail.end()].strip()!r}"
    return None, ""


Interval = tuple[str, str]  # inclusive ISO dates


def _intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    out = []
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            lo, hi = max(lo1, lo2), min(hi1, hi2)
            if lo <= hi:
                out.append((lo, hi))
    return sorted(out)


def _term_intervals(kb: KnowledgeBase, actor_id: str, office: str, modifier: str,
                    today: str) -> list[Interval]:
    terms = [t for t in kb.terms_of(actor_id) if t.office == office]
    if not terms:
        return []
    if modifier == "former":
        out: list[Interval] = []
        ends = [t.end for t in terms if t.end]
        if not ends:
            return []
        first_end = min(ends)
        cursor = first_end
        for t in sorted(terms, key=lambda t: t.start):
            if t.start > cursor:
                out.append((cursor, _add_days(t.start, -1)))
            if t.end and t.end > cursor:
                cursor = t.end
            elif not t.end:
                cursor = OPEN_END
        if cursor != OPEN_END:
            out.append((cursor, today))
        return [(lo, hi) for lo, hi in out if lo <= hi]
    return [(t.start, min(_add_days(t.end, -1) if t.end else today, today)) for t in terms]


def _describe(intervals: list[Interval]) -> str:
    return " or ".join(f"{lo}…{hi}" for lo, hi in intervals)


def _contradictions(text: str, mentions: list[Mention], kb: KnowledgeBase, lex: _Lex) -> tuple[list[str], set[int]]:
    """Sentences saying someone took office on a date the knowledge base disagrees with.
    Returns messages and the start offsets of the contradicted dates."""
    notes: list[str] = []
    bad: set[int] = set()
    persons = [m for m in mentions if m.actor_id and m.kind == "person"]
    low_text = text.lower()
    if not any(k in low_text for k in ("office", "power", "presidency", "sworn", "inaugurat")):
        return notes, bad
    for sm in _SENT.finditer(text):
        sent = sm.group(0)
        low_sent = sent.lower()
        if not any(k in low_sent for k in ("office", "power", "presidency", "sworn", "inaugurat")) \
                or not _YEAR4.search(sent) or not _OFFICE_START.search(sent):
            continue
        dates = [f for f in _explicit_dates(sent, lex) if f.has_year and f.window.precision == "day"]
        if not dates:
            continue
        inside = [m for m in persons if sm.start() <= m.start < sm.end()]
        if not inside:
            continue
        who = inside[-1]
        starts = sorted({t.start for t in kb.terms_of(who.actor_id) if not who.role or t.office == who.role}
                        or {t.start for t in kb.terms_of(who.actor_id)})
        if not starts:
            continue
        for f in dates:
            said = f.window.value
            if said in starts:
                continue
            nearest = min(starts, key=lambda s: abs((_d(s) - _d(said)).days))
            if abs((_d(nearest) - _d(said)).days) > 400:
                continue  # probably about something else
            office = kb.offices[who.role].name if who.role in kb.offices else "office"
            notes.append(f"the text says {who.name} took office on {said} ({f.text!r}), but the knowledge base "
                         f"has {who.name} as {office} from {nearest}; the knowledge base is used")
            bad.add(sm.start() + f.start)
    return notes, bad


def _past_date_lows(text: str, lex: _Lex, skip: set[int], today: str) -> list[tuple[str, str, bool, bool]]:
    """For each past date the text mentions: (the earliest publication date it allows,
    evidence, whether its year is known, whether it is a day).  Bare months come back with
    year 4 (placeholder)."""
    out: list[tuple[str, str, bool, bool]] = []
    for sm in _SENT.finditer(fold(text)):
        sent = sm.group(0)
        has_year = _YEAR4.search(sent) is not None
        has_month = lex.month_any.search(sent) is not None
        if not (has_year or has_month) or _FUTURE.search(sent):
            continue
        base = sm.start()
        explicit = _explicit_dates(sent, lex) if has_year else []
        covered = [(f.start, f.end) for f in explicit]
        for f in explicit:
            if base + f.start in skip or not f.has_year:
                continue
            w = f.window
            if w.low > today:
                continue
            low = w.low if w.precision == "day" else _add_days(w.high, 1)
            out.append((low, f"the text mentions {f.text!r} as past", True, w.precision == "day"))
        for m in lex.bare_month.finditer(sent) if has_month else ():
            if any(s <= m.start("m") < e for s, e in covered) or m.group("prep").lower() in ("next", "until", "by"):
                continue
            mon = _month_no(lex, m.group("m"))
            if mon:
                out.append((_iso(date(4, mon, 1)), f"the text mentions {m.group(0)!r} as past", False, False))
        for m in lex.year_ref.finditer(sent) if has_year else ():
            if any(s <= m.start("y") < e for s, e in covered):
                continue
            y = int(m.group("y"))
            if m.group("prep").lower() in ("by", "until", "before") or str(y) > today[:4]:
                continue
            out.append((f"{y:04d}-01-01", f"the text mentions {m.group(0)!r} as past", True, False))
    return out


#: A news text tells the days of the past week by their names ("on Tuesday"): when the
#: latest past day it dates is a weekday it also names, it was published within this many
#: days after that day.
WEEKDAY_REACH_DAYS = 6


def _named_weekday(text: str, lex: _Lex, day: str, lows: list[tuple[str, str, bool, bool]]) -> str:
    """The evidence that the text was published within :data:`WEEKDAY_REACH_DAYS` after
    ``day`` (a day among ``lows``, :func:`_past_date_lows`, whose weekday the text names on
    its own), or ""."""
    if not any(low == day and is_day for low, _ev, _known, is_day in lows) or not _weekday_named(text, lex, day):
        return ""
    return (f"a {_day_names()[_d(day).weekday()]} the text also names (published within "
            f"{WEEKDAY_REACH_DAYS} days after it)")


def _weekday_named(text: str, lex: _Lex, day: str) -> bool:
    """Whether ``text`` names the weekday of ``day`` (ISO) on its own ("on Tuesday"), not only
    as part of a full date ("Tuesday, March 7, 2023")."""
    wd = _d(day).weekday()
    folded = fold(text)
    for m in lex.weekday_ref.finditer(folded):
        if lex.weekdays.get(m.group("w").lower()) != wd:
            continue
        after = folded[m.end():m.end() + 14]
        if not lex.month_any.match(after.lstrip(" ,")):
            return True
    return False


#: How far a dateline's day may follow the day in the URL and still be the same publication:
#: a page's address is made when the story is filed, its printed dateline can be a day or two
#: later (the Washington Post's wp-dyn addresses carry the evening before the paper's date).
URL_DATELINE_DAYS = 3


def _url_window(raw: RawDoc) -> tuple[DateWindow | None, str]:
    """The date the article's URL carries, and the evidence (or why a date-shaped part of
    it was refused)."""
    if not raw.url:
        return None, ""
    got = url_date(raw.url)
    if isinstance(got, UrlRefusal):
        return None, f"url: {got.text!r} looks like a date but {got.reason} (ignored)"
    if got is None:
        return None, ""
    return span_window(got.low, got.high), f"url: {got.text!r} in {raw.url}"


def _reconcile(url_w: DateWindow, url_ev: str, text_w: DateWindow, text_ev: str) -> DateWindow:
    """A URL date and a date stated in the text (dateline, labelled line): the documented
    rule.  The same publication (the text's day within the URL's month, or from the URL's day
    to ``URL_DATELINE_DAYS`` after it): the text's day, both cited.  Otherwise they
    contradict: the URL wins (it is fixed when the page is made; a date line near the top
    may be an update or another story's), and the evidence says so."""
    lo, hi = _d(url_w.low), _d(url_w.high)
    t = _d(text_w.low)
    same = (lo <= t <= hi) if url_w.precision == "month" else (
        0 <= (t - lo).days <= URL_DATELINE_DAYS)
    if same and text_w.precision == "day":
        return _with(text_w, confidence=0.95, evidence=f"{text_ev}; agrees with {url_ev}")
    return _with(url_w, confidence=0.85 if url_w.precision == "day" else 0.6,
                 evidence=f"{url_ev}; contradicts {text_ev} (the URL's date is kept)")


def _landmark_lows(text: str, today: str) -> list[tuple[str, str]]:
    """For each landmark the text recounts as past (``landmarks.tsv``; not in a sentence about
    the future): (its first day, evidence).  Only used to narrow a window that other evidence
    bounds: an alias match alone is weaker than a stated date."""
    out: list[tuple[str, str]] = []
    for sm in _SENT.finditer(fold(text)):
        sent = sm.group(0)
        if _FUTURE.search(sent):
            continue
        for lm in in_sentence(sent):
            if lm.low <= today:
                when = lm.low if lm.precision == "day" else lm.low[:7]
                out.append((lm.low, f"the text recounts {lm.name!r} ({when}, a landmark) as past"))
    return out


#: The lede: a landmark told in a sentence starting within this many characters of the body,
#: with a relative day ("on Thursday", "yesterday"), is the article's news.
LEDE_CHARS = 800
#: How long after a landmark a report of it can say "on Thursday" / "this week" / "last week".
_NEWS_DAYS = {"day": 7, "week": 14}


def _landmark_news(text: str, lex: _Lex, today: str) -> tuple[str, str, str] | None:
    """A publication window from the article's news: a landmark (``landmarks.tsv``) that a
    sentence of the lede (the first ``LEDE_CHARS`` characters) tells with a relative day
    ("Mexico sent 29 cartel figures to the United States on Thursday") and no year (a year
    tells another time: "recalled the 2011 killing …"): published from the landmark to a
    week after it (two weeks for "last week").  ``(low, high, evidence)``, or None."""
    folded = fold(text[:LEDE_CHARS + 400])
    for sm in _SENT.finditer(folded):
        if sm.start() >= LEDE_CHARS:
            break
        sent = sm.group(0)
        if _FUTURE.search(sent):
            continue
        if _YEAR4.search(sent):
            continue  # "On Tuesday officials recalled the 2011 killing …": a year tells another time
        found_rel = relatives().find(sent)
        rel_word = _phrase_key(found_rel[0].group("rel")) if found_rel else ""
        news = found_rel[1].news if found_rel else ""
        relative = bool(news) or lex.weekday_ref.search(sent) is not None
        # "on June 7" (no year): the landmark's own day, told as news
        days_told = {f.window.low[5:] for f in _explicit_dates(sent, lex)
                     if f.window.precision == "day"} if _ANY_DIGIT.search(sent) else set()
        if not relative and not days_told:
            continue
        found = [lm for lm in in_sentence(sent) if lm.low <= today and (
            relative or (lm.precision == "day" and lm.low[5:] in days_told))]
        if not found:
            continue
        lm = max(found, key=lambda x: x.low)
        rel_word = rel_word or (f"on {lm.low[5:]}" if lm.low[5:] in days_told else "")
        days = _NEWS_DAYS[news or "day"]
        high = min(_add_days(lm.high, days), today)
        return lm.low, high, (f"the lede tells {lm.name!r} ({lm.low if lm.precision == 'day' else lm.low[:7]}, "
                              f"a landmark) as news ({(rel_word or 'a weekday')!r}): published within "
                              f"{days} days of it")
    return None


def date_article(raw: RawDoc, doc: CleanDoc, mentions: list[Mention], *, kb: KnowledgeBase) -> DateWindow:
    """The publication date of an article: ``value``/``low``/``high``/``precision``/
    ``confidence``/``evidence`` (see the module docstring for the rules)."""
    lex = _lex(kb)
    url_w, url_ev = _url_window(raw)
    meta = parse_date(raw.published, kb=kb) if raw.published else None
    if meta is not None:
        ev = f"metadata: published {raw.published.strip()!r}"
        if url_w is not None and not (url_w.low <= meta.high and meta.low <= _add_days(url_w.high, URL_DATELINE_DAYS)):
            ev += f"; contradicts {url_ev} (the metadata is kept)"
        return _with(meta, confidence=0.95, evidence=ev)
    found, what = _dateline(raw, doc, lex)
    if found is None:
        found, what = _wire_dateline(doc.text, lex)
    if found is not None and url_w is not None:
        return _reconcile(url_w, url_ev, found, what)
    if found is not None:
        return _with(found, confidence=0.9, evidence=what + (f"; {url_ev}" if url_ev else ""))
    if url_w is not None and url_w.precision == "day":
        return _with(url_w, confidence=0.9, evidence=url_ev)
    inferred = infer_window(doc.text, mentions, kb=kb)
    if url_w is not None:  # a month from the URL: narrowed by what the text allows
        if inferred.precision != "none" and inferred.low <= url_w.high and url_w.low <= inferred.high:
            return span_window(max(inferred.low, url_w.low), min(inferred.high, url_w.high),
                               confidence=0.8, evidence=f"{url_ev}; {inferred.evidence}")
        return _with(url_w, confidence=0.8, evidence=url_ev + (
            f"; the text's own window is ignored ({inferred.evidence})" if inferred.precision != "none" else ""))
    if url_ev:  # a refused URL date
        return _with(inferred, evidence=f"{inferred.evidence}; {url_ev}")
    return inferred


def infer_window(text: str, mentions: list[Mention], *, kb: KnowledgeBase, today: str | None = None) -> DateWindow:
    """A publication window inferred from the text alone: office holders' terms as the text
    titles them, and the latest past date it mentions."""
    lex = _lex(kb)
    today = today or _today()
    evidence: list[str] = []
    constraints: list[tuple[list[Interval], str]] = []
    seen: set[tuple[str, str, str]] = set()
    for m in mentions:
        if not m.actor_id or m.role not in kb.offices or m.kind != "person":
            continue
        mod_m = _FORMER.search(text[max(0, m.start - 14):m.start])
        modifier = mod_m.group(1).lower() if mod_m else ""
        if modifier in ("then-", "the late", "late", "future"):
            continue
        modifier = "former" if modifier in ("former", "ex-") else ""
        key = (m.actor_id, m.role, modifier)
        if key in seen:
            continue
        seen.add(key)
        iv = _term_intervals(kb, m.actor_id, m.role, modifier, today)
        if iv:
            label = f"{'former ' if modifier else ''}{kb.offices[m.role].name}"
            quoted = f"{mod_m.group(0)}{m.text}" if modifier and mod_m else m.text
            constraints.append((iv, f"{quoted!r}: {m.name} as {label} {_describe(iv)}"))
    window: list[Interval] = [(_MIN, today)]
    used = 0
    ambiguity = 0.0
    # most recent constraints first: an older title that conflicts is probably history
    for iv, ev in sorted(constraints, key=lambda c: max(hi for _, hi in c[0]), reverse=True):
        nxt = _intersect(window, iv)
        if nxt:
            window = nxt
            evidence.append(ev)
            used += 1
        else:
            evidence.append(f"ignored (conflicts with the rest) {ev}")

    notes, bad = _contradictions(text, mentions, kb, lex)
    day_lows = _past_date_lows(text, lex, bad, today)
    lows = [(lo, ev, known) for lo, ev, known, _is_day in day_lows]
    dated_lows = [(lo, ev) for lo, ev, known in lows if known]
    news = _landmark_news(text, lex, today)
    if news is not None and dated_lows and max(dated_lows)[0] > news[1]:
        evidence.append(f"ignored (the text mentions a later date: {max(dated_lows)[1]}) {news[2]}")
        news = None
    if news is not None:
        nxt = _intersect(window, [(news[0], news[1])])
        if nxt:
            window = nxt
            evidence.append(news[2])
            used += 1
        else:
            evidence.append(f"ignored (conflicts with the rest) {news[2]}")
    if not used and dated_lows:
        # no title to bound the window: only "after the latest past date", up to today (or a
        # week after it, when the text names that day's weekday)
        lo, ev = max(dated_lows)
        notes_text = "; ".join(notes)
        named = _named_weekday(text, lex, lo, day_lows)
        if named:
            hi = min(today, _add_days(lo, WEEKDAY_REACH_DAYS))
            return DateWindow("", lo, hi, "window", 0.35, f"inferred from the text: {ev}, {named}"
                              + (f"; {notes_text}" if notes_text else ""))
        return DateWindow("", lo, today, "window", 0.25,
                          f"inferred from the text: {ev}; no upper bound but today"
                          + (f"; {notes_text}" if notes_text else ""))
    if used:
        hi_all = max(hi for _, hi in window)
        all_lows = dated_lows + _landmark_lows(text, today)
        ok = [(lo, ev) for lo, ev in all_lows if lo <= hi_all]
        for lo, ev in all_lows:
            if lo > hi_all:
                evidence.append(f"ignored (after the window the titles allow) {ev}")
        if ok:
            lo, ev = max(ok)
            if lo > min(lo_ for lo_, _ in window):
                window = _intersect(window, [(lo, today)])
                evidence.append(ev)
            week = _intersect(window, [(lo, _add_days(lo, WEEKDAY_REACH_DAYS))])
            named = _named_weekday(text, lex, lo, day_lows) if week and week != window else ""
            if named:
                window = week
                evidence.append(named)
        # bare months ("in February"): read in the publication's own year; of the years the
        # window allows, the first one (said so, with less confidence, when several fit; on the
        # development corpus's dev split and the seeds the first year was right three times in
        # four, a window over every fitting year lost more than it gained)
        bare = sorted({(int(lo[5:7]), ev) for lo, ev, known in lows if not known})
        if bare and window:
            fits: list[tuple[int, list[Interval]]] = []
            for y in range(int(window[0][0][:4]), int(window[-1][1][:4]) + 1):
                cand = window
                for mon, _ev in bare:
                    if not _intersect(window, [(f"{y:04d}-{mon:02d}-01", _iso(_month_end(y, mon)))]):
                        cand = []  # the month itself is outside the window ("in May" before the term)
                        break
                    cand = _intersect(cand, [(_iso(_month_end(y, mon) + timedelta(days=1)), f"{y}-12-31")])
                if cand:
                    fits.append((y, cand))
            names = ", ".join(f"{ev.split(chr(39))[1]!r}" for _mon, ev in bare)
            if fits:
                y, window = fits[0]
                more = f"; {', '.join(str(f[0]) for f in fits[1:])} would also fit" if len(fits) > 1 else ""
                evidence.append(f"the text mentions {names} as past (read as {y}, the first year the "
                                f"window allows{more})")
                if len(fits) > 1:
                    ambiguity += 0.1
            else:
                evidence.append(f"ignored {names} (no year in the window fits)")
    evidence.extend(notes)
    if not used:
        return DateWindow("", "", "", "none", 0.0,
                          "; ".join(notes + ["no date in metadata or dateline, and no office-holder title to "
                                             "infer a window from"]))
    conf = min(0.8, 0.45 + 0.1 * used + (0.05 if len(evidence) > used else 0.0)) - ambiguity
    if len(window) > 1:  # several disjoint readings (two terms): the most recent, said so
        others = _describe(window[:-1])
        window = window[-1:]
        evidence.append(f"also possible: {others} (the most recent reading is used)")
        conf -= 0.15
    low, high = window[0][0], window[-1][1]
    conf = max(conf, 0.1)
    return span_window(low, high, confidence=round(conf, 2), evidence="inferred from the text: " + "; ".join(evidence))


# --------------------------------------------------------------------------- event dates

#: The file of relative date expressions and the rules that resolve them.
RELATIVE_FILE = "relative_dates.tsv"
_REL_COLUMNS = ("phrase", "rule", "value", "news", "contains")
_SLOT = "{country}"


@dataclass(frozen=True, slots=True)
class Relative:
    """One relative date expression of ``relative_dates.tsv``: its rule, the rule's number
    (days, weeks, months or years; 0 for rules without one) or country, whether a lede
    sentence telling a landmark with it reports news (``news``: "day" or "week", the unit of
    the window after the landmark), and whether it spans the publication date."""

    rule: str
    number: int = 0
    country: str = ""
    news: str = ""
    contains: bool = False


@dataclass(frozen=True)
class Relatives:
    """The compiled table: one regex over every expression (group ``rel``), a cheap
    necessary condition of it on lower-cased ASCII text, each expression as written
    (folded, lower case, single spaces) with its row and the country its slot names, and
    the country cues of the text."""

    regex: re.Pattern[str]
    prefilter: re.Pattern[str]
    phrases: dict[str, tuple[Relative, str]]
    country_cues: tuple[tuple[str, str], ...]

    def find(self, text: str, low: str = "") -> tuple[re.Match[str], Relative, str] | None:
        """The first relative expression of the folded ``text`` (``low``: its lower-cased
        form when ASCII, for the prefilter; "" = do not skip): the match, its row and the
        country its slot names ("" for none)."""
        if low and not self.prefilter.search(low):
            return None
        m = self.regex.search(text)
        if m is None:
            return None
        row, slot = self.phrases[_phrase_key(m.group("rel"))]
        return m, row, slot

    def names_country(self, text: str, country: str) -> bool:
        """Whether ``text`` holds a ``country_in_text`` cue of ``country``."""
        low = text.lower()
        return any(c == country and cue in low for cue, c in self.country_cues)


def _phrase_key(text: str) -> str:
    return " ".join(fold(text).lower().split())


def _relative_rows(table: Table) -> tuple[list[tuple[Row, Relative]], list[DataIssue]]:
    """The rows of ``relative_dates.tsv`` as records, and every problem, with its line (a
    missing column first)."""
    out: list[tuple[Row, Relative]] = []
    missing = [c for c in _REL_COLUMNS if c not in table.columns]
    issues = [DataIssue(RELATIVE_FILE, 1, f"missing column(s): {', '.join(missing)}")] if missing else []
    seen: dict[str, int] = {}
    for row in table.rows:
        bad = len(issues)
        rule, value, news, contains = row["rule"], row["value"], row["news"], row["contains"]
        kind = _REL_RULES[rule][0] if rule in _REL_RULES else None
        if kind is None:
            issues.append(DataIssue(row.file, row.line, f"column 'rule': unknown rule {rule!r} (want one of "
                                                        f"{', '.join(sorted(_REL_RULES))})"))
        elif kind == "int" and not re.fullmatch(r"-?\d{1,5}", value):
            issues.append(DataIssue(row.file, row.line, f"column 'value': {value!r} is not a whole number "
                                                        f"(rule {rule} wants one)"))
        elif kind == "country" and value not in ("US", "MX"):
            issues.append(DataIssue(row.file, row.line, f"column 'value': {value!r} is not US or MX "
                                                        f"(rule {rule} wants a country)"))
        elif not kind and value:
            issues.append(DataIssue(row.file, row.line, f"column 'value': rule {rule} takes no value, "
                                                        f"got {value!r}"))
        if news not in ("", "day", "week"):
            issues.append(DataIssue(row.file, row.line, f"column 'news': {news!r} is not day, week or empty"))
        if contains not in ("", "yes"):
            issues.append(DataIssue(row.file, row.line, f"column 'contains': {contains!r} is not yes or empty"))
        phrase = row["phrase"]
        if _SLOT in phrase and rule != "previous_admin":
            issues.append(DataIssue(row.file, row.line, f"column 'phrase': the {_SLOT} slot is for "
                                                        f"previous_admin rows, not {rule}"))
        if not _phrase_key(phrase.replace(_SLOT, "")):
            issues.append(DataIssue(row.file, row.line, "column 'phrase': empty"))
        key = (rule if rule.startswith("country") else "") + "|" + _phrase_key(phrase)
        if key in seen:
            issues.append(DataIssue(row.file, row.line, f"column 'phrase': {phrase!r} repeats line {seen[key]}"))
        seen.setdefault(key, row.line)
        if len(issues) > bad:
            continue
        number = int(value) if kind == "int" else 0
        out.append((row, Relative(rule, number, value if kind == "country" else "", news, contains == "yes")))
    return out, issues


def _compile_relatives(rows: list[tuple[Row, Relative]]) -> Relatives:
    slot_words = [(_phrase_key(r["phrase"]), rel.country) for r, rel in rows if rel.rule == "country"]
    cues = tuple((_phrase_key(r["phrase"]), rel.country) for r, rel in rows if rel.rule == "country_in_text")
    phrases: dict[str, tuple[Relative, str]] = {}
    for r, rel in rows:
        if rel.rule in ("country", "country_in_text"):
            continue
        if _SLOT in r["phrase"]:
            bare = _phrase_key(r["phrase"].replace(_SLOT, " "))
            phrases.setdefault(bare, (rel, ""))
            for word, country in slot_words:
                phrases.setdefault(_phrase_key(r["phrase"].replace(_SLOT, f" {word} ")), (rel, country))
        else:
            phrases.setdefault(_phrase_key(r["phrase"]), (rel, ""))
    # one trie over every expression; a space of the table is any run of spaces or tabs
    trie = _alt(sorted(phrases)).replace("\\ ", "[ \\t]+")
    regex = re.compile(rf"(?i)(?<!\w)(?P<rel>{trie})(?!\w)")
    # each expression holds its longest word: those words, as a trie, are a necessary condition
    longest = {max(p.split(), key=len) for p in phrases}
    return Relatives(regex, re.compile(_alt(sorted(longest))), phrases, cues)


def validate_relative_dates(data_dir: Path | None = None) -> list[DataIssue]:
    """Every problem of ``relative_dates.tsv`` (in ``data_dir``, default ``core/data``), each
    with file and line: an unknown rule, a value the rule does not take, a news or contains
    flag out of its values, a slot outside an administration row, a repeated phrase."""
    table, issues = load_table(RELATIVE_FILE, data_dir=data_dir, required=("phrase", "rule"))
    return issues or _relative_rows(table)[1]


#: date_words.tsv: type -> the values it takes (a regex)
_DATE_WORD_VALUES = {"month": r"[1-9]|1[0-2]", "weekday": r"[0-6]", "number": r"\d{1,4}",
                     "unit": r"day|week|month|year|decade", "trigger": r"relative|ago|administration"}


def validate_date_words(data_dir: Path | None = None) -> list[DataIssue]:
    """Every problem of ``date_words.tsv`` (in ``data_dir``, default ``core/data``), each with
    file and line: an unknown type, a value the type does not take, a word listed twice."""
    table, issues = load_table("date_words.tsv", data_dir=data_dir, required=("word", "type", "value"))
    if issues:
        return issues
    seen: dict[str, int] = {}
    for row in table.rows:
        typ, value, word = row["type"], row["value"], row["word"]
        want = _DATE_WORD_VALUES.get(typ)
        if want is None:
            issues.append(DataIssue(row.file, row.line, f"column 'type': unknown type {typ!r} (want one of "
                                                        f"{', '.join(_DATE_WORD_VALUES)})"))
        elif not re.fullmatch(want, value):
            issues.append(DataIssue(row.file, row.line, f"column 'value': {value!r} is not a value of type "
                                                        f"{typ} (want {want.replace('|', ', ')})"))
        if word in seen:
            issues.append(DataIssue(row.file, row.line, f"column 'word': {word!r} repeats line {seen[word]}"))
        seen.setdefault(word, row.line)
    return issues


@cache
def relatives() -> Relatives:
    """The relative date expressions of ``core/data/relative_dates.tsv``, compiled (cached).
    Raises :class:`core.errors.DataFileError` listing every problem of the file."""
    rows, issues = _relative_rows(read_table(RELATIVE_FILE, required=("phrase", "rule")))
    if issues:
        raise DataFileError(issues)
    return _compile_relatives(rows)


def _week(ref: date, n: int) -> DateWindow:
    mon = ref - timedelta(days=ref.weekday()) + timedelta(weeks=n)
    return span_window(_iso(mon), _iso(mon + timedelta(days=6)))


def _weekend(ref: date, n: int) -> DateWindow:
    if n > 0:  # the next one
        sat = ref + timedelta(days=(5 - ref.weekday()) % 7 or 7)
        return span_window(_iso(sat), _iso(sat + timedelta(days=1)))
    if n < 0:  # the one before the publication day
        sat = _last_weekday(ref - timedelta(days=1), 5)
        return span_window(_iso(sat), _iso(sat + timedelta(days=1)))
    sat = _last_weekday(ref, 5) if ref.weekday() >= 5 else _last_weekday(ref - timedelta(days=1), 5)
    return span_window(_iso(sat), _iso(min(sat + timedelta(days=1), ref)))


def _month(ref: date, n: int) -> DateWindow:
    y, m0 = divmod(ref.year * 12 + ref.month - 1 + n, 12)
    return month_window(y, m0 + 1)


_Resolver = Callable[[date, int], DateWindow]
#: The rules of ``relative_dates.tsv``: rule -> (what its ``value`` is: "int", "country" or ""
#: for nothing; its window for publication day ``ref`` and the row's number ``n``, None for
#: the rules resolved elsewhere or not at all).
_REL_RULES: dict[str, tuple[str, _Resolver | None]] = {
    "day": ("int", lambda ref, n: day_window(ref + timedelta(days=n))),
    "week": ("int", _week),
    "week_to_date": ("", lambda ref, _n: span_window(_iso(ref - timedelta(days=ref.weekday())), _iso(ref))),
    "rest_of_week": ("", lambda ref, _n: span_window(_iso(ref), _iso(ref + timedelta(days=6 - ref.weekday())))),
    "back": ("int", lambda ref, n: span_window(_iso(ref - timedelta(days=n)), _iso(ref))),
    "month": ("int", _month),
    "month_to_date": ("", lambda ref, _n: span_window(_iso(ref.replace(day=1)), _iso(ref))),
    "rest_of_month": ("", lambda ref, _n: span_window(_iso(ref), _iso(_month_end(ref.year, ref.month)))),
    "year": ("int", lambda ref, n: year_window(ref.year + n)),
    "year_to_date": ("", lambda ref, _n: span_window(f"{ref.year:04d}-01-01", _iso(ref))),
    "rest_of_year": ("", lambda ref, _n: span_window(_iso(ref), f"{ref.year:04d}-12-31")),
    "weekend": ("int", _weekend),
    "none": ("", None),
    "previous_admin": ("country", None),  # (:func:`_previous_admin`)
    "country": ("country", None),
    "country_in_text": ("country", None),
}


def _resolve_relative(rel: Relative, ref: date) -> DateWindow | None:
    """The window of a relative expression for publication day ``ref`` (None: not resolvable)."""
    resolve = _REL_RULES[rel.rule][1]
    return resolve(ref, rel.number) if resolve is not None else None



def _pub_bounds(published: DateWindow) -> tuple[date, date] | None:
    if not published.low or not published.high:
        return None
    return _d(published.low), _d(published.high)


def _hull(a: DateWindow, b: DateWindow, evidence: str) -> DateWindow:
    if (a.low, a.high, a.precision) == (b.low, b.high, b.precision):
        return _with(a, evidence=evidence)
    return DateWindow("", min(a.low, b.low), max(a.high, b.high), "window", min(a.confidence, b.confidence),
                      evidence)


def _for_bounds(published: DateWindow, fn: object, evidence: str) -> DateWindow:
    """Apply a rule at both ends of the publication window and join the results."""
    bounds = _pub_bounds(published)
    if bounds is None:
        return DateWindow("", "", "", "none", 0.0, f"{evidence}; the publication date is unknown")
    lo, hi = bounds
    assert callable(fn)
    a = fn(lo)
    b = a if hi == lo else fn(hi)  # (the rules are pure: the same day gives the same window)
    if a is None or b is None:
        return _with(published, evidence=f"{evidence}: not resolvable; the publication date is used")
    conf = 0.8 if published.precision == "day" else 0.6
    return _with(_hull(a, b, evidence), confidence=conf)


@cache
def _day_names() -> tuple[str, ...]:
    """``calendar.day_name`` read once (each of its lookups formats a date)."""
    return tuple(calendar.day_name)


def _last_weekday(d: date, wd: int) -> date:
    return d - timedelta(days=(d.weekday() - wd) % 7)


def _next_weekday(d: date, wd: int, *, strict: bool) -> date:
    """The first weekday ``wd`` on or after ``d`` (``strict``: after ``d``)."""
    ahead = (wd - d.weekday()) % 7
    return d + timedelta(days=ahead or (7 if strict else 0))


def _month_before(d: date, mon: int) -> DateWindow:
    y = d.year if mon <= d.month else d.year - 1
    return month_window(y, mon)


def interval_before(text: str, *, kb: KnowledgeBase | None = None) -> tuple[int, str] | None:
    """``(n, unit)`` when ``text`` ends with an exact interval, "two days" / "3 weeks" (the
    words of ``date_words.tsv``), as before a time word: "two days after Trump announced";
    None for none, or an approximate one ("less than three weeks", "about a month")."""
    lex = _lex(kb or load_kb())
    m = _INTERVAL_END.search(text[-40:])
    if m is None or _APPROX.search(text[-40:][:m.start()]):
        return None
    word, unit = m.group("n").lower(), m.group("u").lower().rstrip("s")
    n = int(word) if word.isdigit() else lex.numbers.get(word, 0)
    unit = lex.units.get(unit, lex.units.get(unit + "s", ""))
    return (n, unit) if n > 0 and unit in ("day", "week") else None


_INTERVAL_END = re.compile(r"(?i)(?<!\w)(?P<n>\w{1,12})[ \t]+(?P<u>days?|weeks?)[ \t]*$")
_APPROX = re.compile(r"(?i)\b(?:less|more|fewer)[ \t]+than[ \t]*$|\b(?:about|around|nearly|almost|some|over|under)[ \t]*$")


def shifted(window: DateWindow, n: int, unit: str, *, why: str) -> DateWindow:
    """``window`` moved by ``n`` days or weeks (negative: earlier); a week's move keeps three
    days of slack on each side ("two weeks after" is not to the day)."""
    if not window.low or not window.high:
        return window
    days = n if unit == "day" else 7 * n
    slack = 0 if unit == "day" else 3
    low, high = _add_days(window.low, days - slack), _add_days(window.high, days + slack)
    return span_window(low, high, confidence=min(window.confidence, 0.7), evidence=why)


#: How the evidence of :func:`event_date` begins when the sentence states no date (the event
#: then takes the publication date or window).
NO_DATE = "no date in the sentence"


def states_date(window: DateWindow) -> bool:
    """Whether ``window`` (from :func:`event_date`) rests on a date the sentence states, not on
    the publication date it falls back to."""
    return not window.evidence.startswith(NO_DATE)


def bounded(window: DateWindow, *, not_before: str = "", not_after: str = "", why: str = "") -> DateWindow:
    """``window`` narrowed to ``[not_before, not_after]`` (ISO dates, "" = no bound), e.g. an act
    told as coming "after" another one dated earlier.  A bound that would leave nothing (the
    text contradicts itself, or the window is unknown) is ignored: ``window`` is returned."""
    if not window.low or not window.high:
        return window
    low = max(window.low, not_before) if not_before else window.low
    high = min(window.high, not_after) if not_after else window.high
    if low > high or (low, high) == (window.low, window.high):
        return window
    evidence = f"{window.evidence}; {why}" if why else window.evidence
    return span_window(low, high, confidence=window.confidence, evidence=evidence)


def event_date(sentence: str, *, published: DateWindow, kb: KnowledgeBase | None = None) -> DateWindow:
    """The date of the event told in ``sentence``, resolved against ``published``: explicit
    dates as written, relative expressions against the publication date (keeping their
    precision, giving windows when the publication date is a window), otherwise the
    publication date or window itself."""
    try:
        found = _event_date(sentence, published, kb or load_kb())
        return found if states_date(found) else _landmark_date(sentence, published) or found
    except (OverflowError, ValueError):  # arithmetic past year 1 or 9999
        if not published.low:
            return DateWindow("", "", "", "none", 0.0, "the date is outside the calendar")
        return _with(published, evidence="the relative date falls outside the calendar: the publication date")


#: A landmark dates a sentence that recounts it only when it lies this many days or more before
#: the publication: closer, the landmark is probably the article's news, whose date the
#: publication date (or the sentence's own relative date) gives better.
LANDMARK_MARGIN_DAYS = 7


def _landmark_date(sentence: str, published: DateWindow) -> DateWindow | None:
    """The date of the landmark a sentence without a date of its own recounts ("since the
    killing of ICE agent Jaime Zapata"), when it lies ``LANDMARK_MARGIN_DAYS`` or more before
    the publication (a report of the landmark itself keeps the publication date); the latest
    such landmark when several."""
    margin = _add_days(published.low, -LANDMARK_MARGIN_DAYS) if published.low else ""
    past = [lm for lm in in_sentence(sentence) if not published.low or lm.high < margin]
    if not past:
        return None
    lm = max(past, key=lambda x: x.low)
    return span_window(lm.low, lm.high, confidence=0.7,
                       evidence=f"the sentence recounts {lm.name!r} (a landmark, {lm.landmark_id})")


@dataclass(frozen=True, slots=True)
class _Told:
    """A sentence to date, as every date kind reads it: folded ``text``, its lower-cased form
    when ASCII (``low``, for substring prefilters; "" = do not skip), the lexicon, the
    publication window and how the evidence names it (``pub_s``)."""

    text: str
    low: str
    lex: _Lex
    published: DateWindow
    pub_s: str
    kb: KnowledgeBase


def _explicit_kind(s: _Told) -> DateWindow | None:
    """An explicit date ("May 5, 2021", "5 de mayo", "March 3"): as written, a month and day
    without a year the last one up to the publication (the next one for "until" or the future
    tense), "since <date>" a window until the publication."""
    explicit = _explicit_dates(s.text, s.lex) if _ANY_DIGIT.search(s.text) else []
    if not explicit:
        return None
    f, text, published = explicit[0], s.text, s.published
    if f.has_year:
        since = _SINCE_BEFORE.search(text, max(0, f.start - 40), f.start)
        if since is not None and published.high and f.window.low <= published.high:
            # "Since taking office in October 2024, …": from then until the publication
            return DateWindow("", f.window.low, published.high, "window", 0.8,
                              f"{since.group(0).strip()!r} … {f.text!r} until the publication date")
        return _with(f.window, confidence=0.9, evidence=f"explicit date {f.text!r}")
    mon, dd = _d(f.window.low).month, _d(f.window.low).day
    ahead = _UNTIL_BEFORE.search(text, max(0, f.start - 24), f.start) is not None or \
        _UPCOMING.search(_clause_before(text, f.start)) is not None

    def month_day(ref: date) -> DateWindow | None:
        if ahead:  # "until April 2", "will meet on March 3": the next one from the publication on
            y = ref.year if (mon, dd) >= (ref.month, ref.day) else ref.year + 1
        else:
            y = ref.year if (mon, dd) <= (ref.month, ref.day) else ref.year - 1
        d = _safe_date(y, mon, dd)
        return day_window(d) if d else None
    return _for_bounds(published, month_day, f"{f.text!r} {'from' if ahead else 'before'} {s.pub_s}")


def _ago_kind(s: _Told) -> DateWindow | None:
    """"two weeks ago", "hace dos años": counted back from the publication."""
    lex = s.lex
    m = lex.ago.search(s.text) if not s.low or "ago" in s.low or "hace" in s.low else None
    if not m:
        return None
    word = (m.group("n") or m.group("n2")).lower()
    n = int(word) if word.isdigit() else lex.numbers.get(word, 0)
    unit = lex.units.get((m.group("u") or m.group("u2")).lower(), "")

    def ago(ref: date) -> DateWindow | None:
        if unit == "day":
            return day_window(ref - timedelta(days=n))
        if unit == "week":
            d = ref - timedelta(weeks=n)
            return DateWindow("", _iso(d - timedelta(days=3)), _iso(d + timedelta(days=3)), "window")
        if unit == "month":
            y, mo = divmod(ref.year * 12 + ref.month - 1 - n, 12)
            return month_window(y, mo + 1)
        if unit == "year":
            return year_window(ref.year - n)
        return DateWindow("", _iso(date(ref.year - 10 * n - 5, 1, 1)), _iso(date(ref.year - 10 * n + 5, 12, 31)),
                          "window")
    return _for_bounds(s.published, ago, f"{m.group(0)!r} before {s.pub_s}") if n else None


def _relative_kind(s: _Told) -> DateWindow | None:
    """A relative expression of ``relative_dates.tsv`` ("last week", "the previous
    administration"), by its rule."""
    found_rel = relatives().find(s.text, s.low)
    if found_rel is None or (found_rel[1].contains and s.lex.weekday_ref.search(s.text)):
        # "on Tuesday in the second mass transfer this year": the weekday is the finer
        # date ("this year/month/week" contain the publication date anyway)
        return None
    m, rel, slot = found_rel
    if rel.rule == "previous_admin":
        return _previous_admin(m.group(0), rel, slot, s.text, s.published, s.kb)
    return _for_bounds(s.published, lambda ref: _resolve_relative(rel, ref), f"{m.group(0)!r} relative to {s.pub_s}")


def _month_kind(s: _Told) -> DateWindow | None:
    """A month without a day ("in May", "last March", "since June"): the last such month up
    to the publication ("since": a window until the publication)."""
    lex, text, published = s.lex, s.text, s.published
    m = lex.bare_month.search(text) if lex.month_plain is None or lex.month_plain.search(text) else None
    if not m or m.group("prep").lower() in ("next", "until", "by"):
        return None
    mon = _month_no(lex, m.group("m"))
    prep = m.group("prep").lower()

    def bare(ref: date) -> DateWindow | None:
        if prep == "this":
            return month_window(ref.year, mon)
        w = _month_before(ref, mon)
        if prep == "last" and mon == ref.month:
            w = month_window(ref.year - 1, mon)
        return w
    if not mon:
        return None
    win = _for_bounds(published, bare, f"{m.group(0)!r} before {s.pub_s}")
    if prep in ("since", "desde", "from") and win.low:
        return DateWindow("", win.low, published.high, "window", win.confidence,
                          f"{m.group(0)!r} until the publication date")
    return win


def _weekday_kind(s: _Told) -> DateWindow | None:
    """A weekday ("on Tuesday"): the last one up to the publication; "next Monday" or the
    future tense, the next one."""
    lex, text, published, pub_s = s.lex, s.text, s.published, s.pub_s
    m = lex.weekday_ref.search(text) if lex.weekday_plain is None or lex.weekday_plain.search(text) else None
    if not m:
        return None
    wd = lex.weekdays.get(fold(m.group("w")).lower().rstrip("."), -1)
    if wd < 0:
        return None
    if _NEXT_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        # "next Monday": the first one after the publication date
        return _for_bounds(published, lambda ref: day_window(_next_weekday(ref, wd, strict=True)),
                           f"{m.group(0)!r}: the next {_day_names()[wd]} after {pub_s}")
    if _UPCOMING.search(_clause_before(text, m.start())):
        # "will meet on Monday" (not a "will" inside a quotation: "… will not pay," he said on
        # Wednesday): the first one from the publication date on
        return _for_bounds(published, lambda ref: day_window(_next_weekday(ref, wd, strict=False)),
                           f"{m.group(0)!r} (future tense): the {_day_names()[wd]} from {pub_s} on")
    return _for_bounds(published, lambda ref: day_window(_last_weekday(ref, wd)),
                       f"{m.group(0)!r}: the last {_day_names()[wd]} up to {pub_s}")


def _year_kind(s: _Told) -> DateWindow | None:
    """A year ("in 2019", "since 2006", "in the 1990s"): the year or decade; "since" a window
    until the publication."""
    m = s.lex.year_ref.search(s.text) if _YEAR_REF_YEAR.search(s.text) else None
    if not m:
        return None
    y = int(m.group("y"))
    prep = m.group("prep").lower()
    if m.group("s"):
        low, high = f"{y:04d}-01-01", f"{y + 9:04d}-12-31"
        if prep in ("since", "desde", "from"):
            high = s.published.high or high
        return DateWindow("", low, high, "window", 0.7, f"{m.group(0)!r}")
    if prep in ("since", "desde", "from"):
        return DateWindow("", f"{y:04d}-01-01", s.published.high or f"{y:04d}-12-31", "window", 0.7,
                          f"{m.group(0)!r} until the publication date")
    return year_window(y, confidence=0.8, evidence=f"{m.group(0)!r}")


def _administration_kind(s: _Told) -> DateWindow | None:
    """A named past administration ("the Obama administration", "Fox-era"): its term."""
    lex = s.lex
    m = lex.admin_ref.search(s.text) if lex.admin_ref is not None and any(w in s.text for w in lex.admin_words) \
        else None
    if not m:
        return None
    w = _admin_window(m.group("name"), s.published, s.kb)
    return _with(w, evidence=f"{m.group(0)!r}: {w.evidence}") if w is not None else None


#: The kinds of date a sentence can state, tried in this order (the first that dates the
#: sentence wins): (name, reader).  Each reader returns a window or None.
DATE_KINDS: tuple[tuple[str, Callable[[_Told], DateWindow | None]], ...] = (
    ("explicit", _explicit_kind),
    ("ago", _ago_kind),
    ("relative", _relative_kind),
    ("month", _month_kind),
    ("weekday", _weekday_kind),
    ("year", _year_kind),
    ("administration", _administration_kind),
)


def _event_date(sentence: str, published: DateWindow, kb: KnowledgeBase) -> DateWindow:
    lex = _lex(kb)
    text = fold(sentence)
    if _may_hold_date(text, lex):
        pub_s = published.value or (f"{published.low}…{published.high}" if published.low else "unknown")
        # for the case-insensitive regexes, substring tests on the lower-cased text are exact
        # necessary conditions only on ASCII text
        told = _Told(text, text.lower() if text.isascii() else "", lex, published, pub_s, kb)
        for _name, read in DATE_KINDS:
            found = read(told)
            if found is not None:
                return found
    if not published.low:
        return DateWindow("", "", "", "none", 0.0, f"{NO_DATE}; the publication date is unknown")
    return _with(published, evidence=f"{NO_DATE}: the publication date")


def _previous_admin(said: str, rel: Relative, slot: str, text: str, published: DateWindow,
                    kb: KnowledgeBase) -> DateWindow:
    """The window of "the previous administration" (``said``, read by row ``rel``): the
    administration before the one in office at the publication, of the country the slot
    names, else of the row's country, else of the other one when the sentence names it."""
    country = slot or rel.country
    if not slot:
        other = "MX" if country == "US" else "US"
        if relatives().names_country(text, other):
            country = other
    bounds = _pub_bounds(published)
    if bounds is None:
        return DateWindow("", "", "", "none", 0.0, f"{_phrase_key(said)!r}: the publication date is unknown")
    admins = kb.admin_list(country)
    cur = kb.admin_on(country, _iso(bounds[0]))
    if cur is not None and cur in admins and admins.index(cur) > 0:
        prev = admins[admins.index(cur) - 1]
        return span_window(prev.start, _add_days(prev.end, -1) if prev.end else _iso(bounds[1]),
                           confidence=0.6, evidence=f"{said!r}: the {prev.label} administration ({country})")
    return _with(published, evidence=f"{said!r}: unknown previous administration; publication date")


def _admin_window(name: str, published: DateWindow, kb: KnowledgeBase) -> DateWindow | None:
    """The window of a named past administration ("the Obama administration"); ``None``
    when the name is not a president's or the administration is the current one."""
    key = fold(name).lower()
    candidates = []
    for adm in kb.admins:
        actor = kb.actors.get(adm.president)
        if actor is None:
            continue
        names = {fold(s).lower() for s in (*actor.surnames, adm.label, actor.name)}
        if key in names:
            candidates.append(adm)
    if not candidates:
        return None
    ref_high = published.high or _today()
    ref_low = published.low or ref_high
    past = [a for a in candidates if a.start <= ref_high]
    if not past:
        return None
    adm = max(past, key=lambda a: a.start)
    if adm.covers(ref_low) or adm.covers(ref_high):
        return None  # the current administration: the event takes the publication date
    high = _add_days(adm.end, -1) if adm.end else ref_high
    return span_window(adm.start, high, confidence=0.6, evidence=f"the {adm.label} administration ({adm.country})")
