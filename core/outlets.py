"""Outlets and wires: who published an article, and which news agency wrote it.

``core/data/outlets.tsv`` lists news outlets with their domains, the names under which
headers, bylines and site names give them, and the wire code of the news agencies (AP,
Reuters, AFP, EFE, Bloomberg, …).  :func:`article_outlet` reads, in this order:

1. the **header positions** of the pasted text (never running text, where "AP" or "Reuters"
   may be a subject): a wire dateline ``MEXICO CITY (AP) —`` / ``(Reuters) -`` opening the
   body, a byline's last part (``By Jane Doe | Associated Press``, ``By Jane Doe, Reuters``),
   a line that is only an outlet's name near the top or bottom, a ``Copyright 2019 The
   Associated Press`` line;
2. the **site name** (HTML og:site_name, a JSONL/CSV ``source`` column, or the name line the
   cleaner separated from the header);
3. the **URL's host**, matched against the table by domain suffix (the longest listed domain
   wins: ``losangeles.cbslocal.com`` before ``cbslocal.com``); an unlisted host is itself the
   outlet's name.

The outlet (``source``) is the site that published the page, except that a paper named in a
byline (``By Jane Doe, The Dallas Morning News`` on another paper's page) is the outlet that
wrote it; a wire named in a header never replaces the site: it goes to the ``wire`` column,
since one wire story reprinted by ten papers is one report (``core/dedup.py`` reads it).
Without a page (no URL, no site name) a wire in the header is also the outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.datafiles import Row, load_table, split_multi, unique_rows
from core.errors import DataFileError, DataIssue
from core.text import fold
from core.urls import host

FILE = "outlets.tsv"
_REQUIRED = ("outlet", "country")  # never empty
_COLUMNS = ("outlet", "domains", "names", "wire", "country")  # present (wire, domains may be empty)
#: The wire codes the ``wire`` column accepts.
WIRES = ("AP", "Reuters", "AFP", "EFE", "Bloomberg", "UPI", "Xinhua", "dpa", "ANSA", "Notimex")
_DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z]{2,24}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_HEAD_LINES = 12  # lines of the pasted text read as its header
_FOOT_LINES = 6  # and as its foot (sign-offs, copyright lines)
_LINE_MAX = 200  # credit patterns read at most this much of a line
CREDITS = "credits.tsv"
_CREDIT_COLUMNS = ("pattern_id", "where", "regex", "example", "example_name")
_WHERE = ("head", "foot", "both")
_SEPARATOR = re.compile(r"\s*[|•·]\s*")


@dataclass(frozen=True, slots=True)
class Outlet:
    """One row of ``outlets.tsv``: display ``name``, ``domains``, the ``names`` it goes by,
    its ``wire`` code (``""`` unless it is a news agency) and home ``country``."""

    name: str
    domains: tuple[str, ...]
    names: tuple[str, ...]
    wire: str
    country: str


@dataclass(frozen=True, slots=True)
class ArticleOutlet:
    """What :func:`article_outlet` found: the outlet's name (``""`` when nothing names one),
    the wire code, and how each was found."""

    outlet: str
    wire: str
    evidence: str


def name_key(name: str) -> str:
    """A name folded for comparison: case, accents, punctuation and a leading "The" ignored."""
    k = re.sub(r"[^\w]+", " ", fold(name).casefold()).strip()
    return k[4:] if k.startswith("the ") else k


@dataclass(frozen=True, slots=True)
class _Table:
    outlets: tuple[Outlet, ...]
    by_domain: dict[str, Outlet]
    by_name: dict[str, Outlet]


def _outlet(row: Row) -> tuple[Outlet, list[DataIssue]]:
    issues: list[DataIssue] = []

    def bad(column: str, message: str) -> None:
        issues.append(DataIssue(row.file, row.line, f"column '{column}': {message}"))

    domains = tuple(split_multi(row["domains"]))
    for d in domains:
        if d != d.lower() or d.startswith("www.") or not _DOMAIN.match(d):
            bad("domains", f"{d!r} is not a lower-case domain without scheme, 'www.' or path")
    names = tuple(split_multi(row["names"])) or (row["outlet"],)
    wire = row["wire"]
    if wire and wire not in WIRES:
        bad("wire", f"{wire!r} is not one of {', '.join(WIRES)} (or empty)")
    country = row["country"]
    if not _COUNTRY.match(country):
        bad("country", f"{country!r} is not an ISO 3166-1 alpha-2 code (ZZ when unknown)")
    return Outlet(row["outlet"], domains, names, wire, country), issues


def _read(data_dir: Path | None = None) -> tuple[_Table, list[DataIssue]]:
    table, issues = load_table(FILE, data_dir=data_dir, required=_REQUIRED)
    if not table.columns:
        return _Table((), {}, {}), issues
    missing = [c for c in _COLUMNS if c not in table.columns]
    if missing:
        return _Table((), {}, {}), [DataIssue(FILE, 1, f"missing column(s): {', '.join(missing)}")]
    outlets: list[Outlet] = []
    by_domain: dict[str, Outlet] = {}
    by_name: dict[str, Outlet] = {}
    seen: dict[str, str] = {}
    for row in table.rows:
        out, found = _outlet(row)
        issues.extend(found)
        key = name_key(out.name)
        if key in seen:
            issues.append(DataIssue(row.file, row.line, f"column 'outlet': {out.name!r} is listed twice "
                                                        f"(also {seen[key]})"))
            continue
        seen[key] = row.where()
        outlets.append(out)
        for d in out.domains:
            if d in by_domain:
                issues.append(DataIssue(row.file, row.line, f"column 'domains': {d!r} is also "
                                                            f"{by_domain[d].name!r}'s"))
            by_domain.setdefault(d, out)
        for n in (out.name, *out.names):
            by_name.setdefault(name_key(n), out)
    return _Table(tuple(outlets), by_domain, by_name), issues


def validate_outlets(data_dir: Path | None = None) -> list[DataIssue]:
    """Every problem of ``outlets.tsv`` (in ``data_dir``, default ``core/data``), each with
    file and line: a domain that is not a bare lower-case domain, a wire code or country the
    code does not know, an outlet or a domain listed twice."""
    return _read(data_dir)[1]


@cache
def _table() -> _Table:
    table, issues = _read()
    if issues:
        raise DataFileError(issues)
    return table


def outlet_of_host(hostname: str) -> Outlet | None:
    """The listed outlet whose domain ``hostname`` is or ends with (``.``-separated); the
    longest matching domain wins."""
    by_domain = _table().by_domain
    h = hostname.lower().strip(".")
    while h:
        if h in by_domain:
            return by_domain[h]
        _, _, h = h.partition(".")
    return None


def outlet_of_name(name: str) -> Outlet | None:
    """The listed outlet that goes by ``name`` (case, accents, punctuation, "The" ignored)."""
    return _table().by_name.get(name_key(name)) if name.strip() else None


@dataclass(frozen=True, slots=True)
class _Credit:
    pattern_id: str
    where: str
    regex: re.Pattern[str]


def _credit(row: Row) -> tuple[_Credit | None, list[DataIssue]]:
    issues: list[DataIssue] = []
    if row["where"] not in _WHERE:
        issues.append(DataIssue(row.file, row.line, f"column 'where': {row['where']!r} is not one of "
                                                    f"{', '.join(_WHERE)}"))
    try:
        rx = re.compile(row["regex"], re.IGNORECASE)
    except re.error as exc:
        return None, [*issues, DataIssue(row.file, row.line, f"column 'regex': not a regular expression ({exc})")]
    if "name" not in rx.groupindex:
        issues.append(DataIssue(row.file, row.line, "column 'regex': wants a named group 'name'"))
    else:
        m = rx.search(row["example"][:_LINE_MAX])
        got = m.group("name").strip() if m else ""
        if got != row["example_name"]:
            issues.append(DataIssue(row.file, row.line, f"column 'example': gives {got or 'nothing'!r}, "
                                                        f"example_name says {row['example_name']!r}"))
    return (None if issues else _Credit(row["pattern_id"], row["where"], rx)), issues


def _read_credits(data_dir: Path | None = None) -> tuple[tuple[_Credit, ...], list[DataIssue]]:
    table, issues = load_table(CREDITS, data_dir=data_dir, required=_CREDIT_COLUMNS)
    if issues:
        return (), issues
    out: list[_Credit] = []
    for row in unique_rows(table, "pattern_id", issues):
        c, found = _credit(row)
        issues.extend(found)
        if c is not None:
            out.append(c)
    return tuple(out), issues


def validate_credits(data_dir: Path | None = None) -> list[DataIssue]:
    """Every problem of ``credits.tsv`` (in ``data_dir``, default ``core/data``), each with
    file and line: a regex that does not compile or lacks its group ``name``, a ``where``
    other than head/foot/both, an example that does not give its ``example_name``."""
    return _read_credits(data_dir)[1]


@cache
def _credits() -> tuple[_Credit, ...]:
    credits, issues = _read_credits()
    if issues:
        raise DataFileError(issues)
    return credits


def _header_names(text: str) -> Iterable[tuple[str, str]]:
    """(name, where) for every outlet name in a header position of ``text``: what the credit
    patterns of ``credits.tsv`` read in the head and foot lines, and a line that is only a
    name (or names separated by ``|``, ``•``)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    head = lines[:_HEAD_LINES]
    foot = lines[-_FOOT_LINES:]
    credits = _credits()
    for zone, zone_lines in (("head", head), ("foot", foot)):
        for line in zone_lines:
            for c in credits:
                if c.where not in (zone, "both"):
                    continue
                m = c.regex.search(line[:_LINE_MAX])
                if m is not None:
                    name = m.group("name").strip()
                    for part in dict.fromkeys([name, *re.split(r"[-/]", name)]):  # (in order: no set)
                        yield part, f"{c.pattern_id.replace('_', ' ')} line {line[:80]!r}"
            if len(line) <= 60:
                for part in _SEPARATOR.split(line):
                    yield part, f"line {line!r}"


def article_outlet(text: str, *, url: str = "", site_name: str = "", header_name: str = "") -> ArticleOutlet:
    """The outlet and wire of an article from its pasted ``text`` (header positions only),
    its ``site_name`` (page metadata, a source column), its ``url`` and ``header_name`` (the
    name line the cleaner separated from the header): see the module docstring for the order."""
    wire, wire_ev = "", ""
    byline_outlet: tuple[Outlet, str] | None = None
    header_wire: tuple[Outlet, str] | None = None
    for name, where in _header_names(text):
        out = outlet_of_name(name)
        if out is None:
            continue
        if out.wire:
            if header_wire is None:
                header_wire = (out, where)
        elif byline_outlet is None and where.startswith(("byline", "name then byline")):
            byline_outlet = (out, where)
    if header_wire is not None:
        wire, wire_ev = header_wire[0].wire, f"wire {header_wire[0].wire} from the {header_wire[1]}"
    h = host(url) if url else ""
    by_host = outlet_of_host(h) if h else None
    by_header = outlet_of_name(header_name) if header_name.strip() else None
    by_site = outlet_of_name(site_name) if site_name.strip() else None
    # the page: its metadata name, the URL's listed outlet, the header's name line, the host itself
    site: tuple[str, str, Outlet | None] | None = None
    if site_name.strip():
        site = (by_site.name if by_site else " ".join(site_name.split()), f"site name {site_name.strip()!r}", by_site)
    elif by_host is not None:
        site = (by_host.name, f"URL host {h} (in outlets.tsv)", by_host)
    elif header_name.strip():
        site = (by_header.name if by_header else " ".join(header_name.split()),
                f"header line {header_name.strip()!r}", by_header)
    elif h:
        site = (h, f"URL host {h}", None)
    if site is not None and site[2] is not None and site[2].wire and not wire:
        wire, wire_ev = site[2].wire, f"wire {site[2].wire}: the site is the agency's"
    if byline_outlet is not None:
        outlet, ev = byline_outlet[0].name, f"outlet from the {byline_outlet[1]}"
        if site is not None and name_key(site[0]) != name_key(outlet):
            ev += f" (published by {site[0]}, {site[1]})"
    elif site is not None:
        outlet, ev = site[0], f"outlet from the {site[1]}"
    elif header_wire is not None:
        outlet, ev = header_wire[0].name, f"outlet from the {header_wire[1]}"
    else:
        outlet, ev = "", ""
    return ArticleOutlet(outlet, wire, "; ".join(e for e in (ev, wire_ev) if e))
