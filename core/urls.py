"""Page addresses: which strings are URLs, the publication date a URL carries, its host.

An article's ``url`` comes from a JSONL/CSV column, from an HTML page's canonical or og:url
(trafilatura's metadata), or from a line of a text file that holds only an address
(``URL: https://…``, ``Source: https://…`` or the bare address) near its top or bottom
(:func:`url_in_text`).  Many news sites put the publication day in the address; the forms are
rows of ``core/data/url_dates.tsv`` (regular expressions with named groups), tried in order on
the path and query only, so a host name never dates a page.  What only looks like a date (an
id, a year in a slug such as ``/2030-agenda/``) does not match, and a date that cannot exist
(``/2019/02/30/``) or lies outside 1990 … next year is refused with a reason, never a crash.

Why not htmldate's URL reader (installed with trafilatura): it reads only year, month and day
joined by ``/``, ``_`` or ``-`` (``extractors.COMPLETE_URL``), so it misses ``/2013/may/01/``,
``la-xpm-2011-feb-16``, ``-20110217-``, ``/2009/0402/`` and ``?date=``, and it returns a
date without telling which part of the address it came from; here every form is a data row
with an example that check-data verifies, and the evidence quotes the part read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from core.datafiles import Row, load_table, read_table, unique_rows
from core.errors import DataFileError, DataIssue

FILE = "url_dates.tsv"
_COLUMNS = ("pattern_id", "regex", "precision", "example", "example_date")
_PRECISIONS = ("day", "month")
_MIN_YEAR = 1990

#: What a URL must look like: a scheme and a host with a dot (or ``localhost``), no blanks.
_URL = re.compile(r"(?i)^(?:https?|ftp)://(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+|localhost)(?::\d{1,5})?(?:[/?#]\S*)?$")
_BARE_HOST = re.compile(r"(?i)^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/\S*$")
#: A line that only gives the page's address: "URL: https://…", "Source: …", or the address.
_URL_LINE = re.compile(r"(?i)^\s*(?:(?:url|link|source|fuente|permalink|canonical)\s*:\s*)?<?(?P<url>\S+?)>?\s*$")
_URL_LINE_SPAN = 8  # lines read at the top and at the bottom of a text file
_URL_LINE_CHARS = 8000  # characters those lines are looked for in, at each end


@dataclass(frozen=True, slots=True)
class UrlDate:
    """The date a URL carries: ISO ``low``/``high`` (equal for a day), ``precision``
    (``day``/``month``), the part of the URL read (``text``) and the pattern's id."""

    low: str
    high: str
    precision: str
    text: str
    pattern_id: str


@dataclass(frozen=True, slots=True)
class UrlRefusal:
    """A part of a URL that has a date's form but is no date (``2019/02/30``), and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class _Pattern:
    pattern_id: str
    regex: re.Pattern[str]
    precision: str


def is_url(value: str) -> bool:
    """Whether ``value`` is an absolute http(s)/ftp address (scheme, dotted host, no blanks)."""
    return bool(_URL.match(value.strip()))


def normalise_url(value: str) -> str:
    """``value`` as an absolute address: surrounding blanks and angle brackets removed, and
    ``https://`` put before a bare ``www.example.com/path``; ``""`` when it is not a URL."""
    v = value.strip().strip("<>").strip()
    if not _URL.match(v) and _BARE_HOST.match(v):
        v = "https://" + v
    return v if _URL.match(v) else ""


def host(url: str) -> str:
    """The lower-cased host of ``url`` without ``www.`` and port (``""`` when not a URL)."""
    if not is_url(url):
        return ""
    h = (urlsplit(url.strip()).hostname or "").lower()
    return h[4:] if h.startswith("www.") else h


def _address(line: str) -> str:
    """The address a line that only gives one holds (normalised), else ``""``."""
    if len(line) > 600 or ("://" not in line and "www." not in line):
        return ""
    m = _URL_LINE.match(line)
    return normalise_url(m.group("url")) if m is not None else ""


def is_address_line(line: str) -> bool:
    """Whether ``line`` only gives a page's address (``URL: https://…``, ``<https://…>``)."""
    return bool(_address(line))


def url_in_text(text: str) -> str:
    """The page address a pasted text gives on a line of its own near its top or bottom
    (``URL: https://…``, ``Source: <https://…>``, or the bare address); ``""`` when none.
    Only the text's ends are read (a few kilobytes), whatever its length."""
    head = [ln for ln in text[:_URL_LINE_CHARS].splitlines() if ln.strip()][:_URL_LINE_SPAN]
    tail = [ln for ln in text[-_URL_LINE_CHARS:].splitlines() if ln.strip()][-_URL_LINE_SPAN:]
    for line in [*head, *reversed(tail)]:
        url = _address(line)
        if url:
            return url
    return ""


@cache
def _months() -> dict[str, int]:
    """Month words of ``date_words.tsv`` without their dot, lower-cased → month number."""
    return {r["word"].rstrip(".").lower(): int(r["value"]) for r in read_table("date_words.tsv").rows
            if r["type"] == "month"}


def _month_words() -> str:
    return "|".join(re.escape(w) for w in sorted(_months(), key=lambda w: (-len(w), w)))


def _month_of(word: str) -> int:
    return _months().get(word.rstrip(".").lower(), 0)


def _compile(row: Row, months: str) -> tuple[_Pattern | None, list[DataIssue]]:
    issues: list[DataIssue] = []
    try:
        rx = re.compile(row["regex"].replace("{month}", f"(?:{months})"))
    except re.error as exc:
        return None, [DataIssue(row.file, row.line, f"column 'regex': not a regular expression ({exc})")]
    groups = set(rx.groupindex)
    if "y" not in groups or not groups & {"m", "mon"}:
        issues.append(DataIssue(row.file, row.line, "column 'regex': wants named groups y and m (or mon)"))
    precision = row["precision"]
    if precision not in _PRECISIONS:
        issues.append(DataIssue(row.file, row.line, f"column 'precision': {precision!r} is not one of day, month"))
    elif (precision == "day") != ("d" in groups):
        issues.append(DataIssue(row.file, row.line, "column 'regex': a day-precision row wants a group d, "
                                                    "a month-precision row none"))
    return (None if issues else _Pattern(row["pattern_id"], rx, precision)), issues


def validate_url_dates(data_dir: Path | None = None) -> list[DataIssue]:
    """Every problem of ``url_dates.tsv`` (in ``data_dir``, default ``core/data``), each with
    file and line: a regex that does not compile or lacks its groups, a precision other than
    day/month, a duplicate id, an example that the row does not date as its ``example_date``
    says."""
    table, issues = load_table(FILE, data_dir=data_dir, required=_COLUMNS)
    if issues:
        return issues
    months = _month_words()
    for row in unique_rows(table, "pattern_id", issues):
        pat, found = _compile(row, months)
        issues.extend(found)
        if pat is None:
            continue
        got = _read(pat, _target(row["example"]), today=date.today())
        want = row["example_date"]
        shown = "" if not isinstance(got, UrlDate) else (got.low if got.precision == "day" else got.low[:7])
        if shown != want:
            issues.append(DataIssue(row.file, row.line, f"column 'example': dated {shown or 'nothing'!r}, "
                                                        f"example_date says {want!r}"))
    return issues


@cache
def _patterns() -> tuple[_Pattern, ...]:
    table = read_table(FILE, required=_COLUMNS)
    months = _month_words()
    out: list[_Pattern] = []
    issues: list[DataIssue] = []
    for row in table.rows:
        pat, found = _compile(row, months)
        issues.extend(found)
        if pat is not None:
            out.append(pat)
    if issues:
        raise DataFileError(issues)
    return tuple(out)


def _target(url: str) -> str:
    parts = urlsplit(url.strip())
    return (parts.path + ("?" + parts.query if parts.query else "")).lower()


def _read(pat: _Pattern, target: str, *, today: date) -> UrlDate | UrlRefusal | None:
    m = pat.regex.search(target)
    if m is None:
        return None
    y = int(m.group("y"))
    mon = int(m.group("m")) if "m" in pat.regex.groupindex and m.group("m") else _month_of(m.group("mon") or "")
    if not _MIN_YEAR <= y <= today.year + 1:
        return UrlRefusal(m.group(0), f"year {y} is outside {_MIN_YEAR}–{today.year + 1}")
    if not 1 <= mon <= 12:
        return UrlRefusal(m.group(0), f"month {mon} cannot exist")
    if pat.precision == "month":
        end = date(y + (mon == 12), mon % 12 + 1, 1).toordinal() - 1
        return UrlDate(f"{y:04d}-{mon:02d}-01", date.fromordinal(end).isoformat(), "month",
                       m.group(0).strip("/"), pat.pattern_id)
    d = int(m.group("d"))
    try:
        day = date(y, mon, d)
    except ValueError:
        return UrlRefusal(m.group(0).strip("/"), f"{y:04d}-{mon:02d}-{d:02d} cannot exist")
    if day.toordinal() > today.toordinal() + 1:
        return UrlRefusal(m.group(0).strip("/"), f"{day.isoformat()} is in the future")
    return UrlDate(day.isoformat(), day.isoformat(), "day", m.group(0).strip("/-_"), pat.pattern_id)


def url_date(url: str, *, today: date | None = None) -> UrlDate | UrlRefusal | None:
    """The publication date ``url`` carries (the first pattern of ``url_dates.tsv`` that
    matches its path or query), a :class:`UrlRefusal` when the first date-shaped part is no
    date, or ``None`` when nothing in it reads as a date (or ``url`` is not a URL)."""
    if not is_url(url):
        return None
    target = _target(url)
    now = today or date.today()
    refusal: UrlRefusal | None = None
    for pat in _patterns():
        got = _read(pat, target, today=now)
        if isinstance(got, UrlDate):
            return got if refusal is None or got.precision == "day" else refusal
        if isinstance(got, UrlRefusal) and refusal is None:
            refusal = got
    return refusal

