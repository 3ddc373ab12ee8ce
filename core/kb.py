"""The knowledge base: actors, offices and their holders over time, administrations,
countries, group nouns and the lexicons the resolvers use.

Everything is data under ``core/data`` (see the header of each file for its sources and
known gaps), read through :mod:`core.datafiles`.  :func:`load_kb` builds one
:class:`KnowledgeBase` (cached for the default directory); :func:`validate_kb` reports
every problem in the files with its file and line.

Dates are ISO ``YYYY-MM-DD`` strings.  A term is the half-open interval
``[start, end)``: ``end`` is the day the holder left office (a hand-over day belongs to
the successor, so that "President Biden, 2021-01-20 … 2025-01-20" and "Trump II from
2025-01-20" do not overlap).  An empty ``end`` means "still in office when the data was
last checked".
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from core.datafiles import DATA_DIR, Row, Table, parse_table, split_multi
from core.errors import DataFileError, DataIssue
from core.text import fold_key

COUNTRY_CODES = ("US", "MX", "NS", "OTHER")
ACTOR_KINDS = ("person", "institution", "country", "nonstate", "group")
OPEN_END = "9999-12-31"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Actor:
    """A known actor.  ``country`` is US, MX, NS (non-state) or OTHER; ``kind`` one of
    person, institution, country, nonstate, group; ``sector`` e.g. government,
    military, police, justice, legislature, diplomacy, criminal, media, ngo."""

    id: str
    name: str
    country: str
    kind: str
    sector: str = ""
    aliases: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    iso2: str = ""  # for kind "country": the ISO 3166 code of the country


@dataclass(frozen=True, slots=True)
class Office:
    """An office with holders over time ("mx-president", "us-amb-mx")."""

    id: str
    country: str
    name: str
    sector: str = ""
    titles: tuple[str, ...] = ()  # title-only phrases ("the Mexican president")
    prefixes: tuple[str, ...] = ()  # titles placed before a holder's name ("President")


@dataclass(frozen=True, slots=True)
class Term:
    """One holder's time in one office: ``[start, end)``; ``end`` "" while in office."""

    office: str
    actor_id: str
    start: str
    end: str = ""
    acting: bool = False
    note: str = ""

    @property
    def end_or_open(self) -> str:
        """``end``, or a far-future date for an open term."""
        return self.end or OPEN_END

    def covers(self, day: str) -> bool:
        """True when ``day`` (ISO) lies within the term."""
        return self.start <= day < self.end_or_open


@dataclass(frozen=True, slots=True)
class Administration:
    """A presidential administration: ``label`` ("Biden", "Trump II"), ``[start, end)``."""

    country: str
    label: str
    president: str
    start: str
    end: str = ""

    def covers(self, day: str) -> bool:
        """True when ``day`` (ISO) lies within the administration."""
        return self.start <= day < (self.end or OPEN_END)


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One way of writing a reference.  ``target`` is ``actor`` (``ref`` an actor id),
    ``title`` (a title-only phrase, ``ref`` an office id), ``prefix`` (a title placed
    before names; ``ref`` office ids joined by ``|``), ``role`` (``ref`` the canonical
    role word) or ``group`` (a fixed group phrase, ``ref`` a group id).  ``case``:
    ``exact`` (acronyms), ``cap`` (must start with a capital), ``any``."""

    text: str
    target: str
    ref: str
    case: str = "cap"
    valid_from: str = ""
    valid_to: str = ""


@dataclass(frozen=True, slots=True)
class Group:
    """A generic group: a fixed phrase ("Border Patrol agents") or a role noun used
    after a demonym ("Mexican officials")."""

    id: str
    label: str
    country: str
    sector: str
    kind: str = "group"


@dataclass(frozen=True, slots=True)
class Country:
    """A country of the world: ISO code, name, other names, demonyms, capital(s)."""

    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    actor_id: str

    @property
    def code(self) -> str:
        """The project's country code: US, MX or OTHER."""
        return self.iso2 if self.iso2 in ("US", "MX") else "OTHER"


@dataclass
class KnowledgeBase:
    """Everything the resolvers know, indexed.  Build with :func:`load_kb`."""

    actors: dict[str, Actor]
    offices: dict[str, Office]
    terms: list[Term]
    admins: list[Administration]
    countries: dict[str, Country]
    aliases: list[AliasEntry]
    groups: dict[str, Group]
    group_nouns: list[tuple[str, str]]  # (noun, group id)
    group_modifiers: list[str]
    roles: dict[str, tuple[str, str, str, str]]  # folded word -> (role, sector, position, country)
    places: dict[str, str]  # folded place name -> country code
    date_words: dict[str, tuple[str, str]]  # word as written -> (type, value)
    data_dir: str = ""
    _terms_by_actor: dict[str, list[Term]] = field(default_factory=dict, repr=False)
    _terms_by_office: dict[str, list[Term]] = field(default_factory=dict, repr=False)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)  # resolver caches

    def __post_init__(self) -> None:
        by_actor: dict[str, list[Term]] = defaultdict(list)
        by_office: dict[str, list[Term]] = defaultdict(list)
        for term in sorted(self.terms, key=lambda t: (t.start, t.office)):
            by_actor[term.actor_id].append(term)
            by_office[term.office].append(term)
        self._terms_by_actor = dict(by_actor)
        self._terms_by_office = dict(by_office)

    def __hash__(self) -> int:  # identity: one KB object per load
        return id(self)

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (KeyError when unknown)."""
        return self.actors[actor_id]

    def office(self, office_id: str) -> Office:
        """The office with this id (KeyError when unknown)."""
        return self.offices[office_id]

    def terms_of(self, actor_id: str) -> list[Term]:
        """Every term held by the actor, oldest first."""
        return list(self._terms_by_actor.get(actor_id, ()))

    def terms_in(self, office_id: str) -> list[Term]:
        """Every term of the office, oldest first."""
        return list(self._terms_by_office.get(office_id, ()))

    def holder(self, office_id: str, on: str) -> Actor | None:
        """Who held ``office_id`` on the ISO date ``on`` (``None`` when nobody is known;
        a regular holder is preferred over an acting one)."""
        found = [t for t in self._terms_by_office.get(office_id, ()) if t.covers(on)]
        if not found:
            return None
        found.sort(key=lambda t: t.acting)
        return self.actors.get(found[0].actor_id)

    def holders_between(self, office_id: str, low: str, high: str) -> list[Term]:
        """The terms of ``office_id`` that overlap ``[low, high]``."""
        return [t for t in self._terms_by_office.get(office_id, ())
                if t.start <= high and low < t.end_or_open]

    def admin_list(self, country: str) -> list[Administration]:
        """The administrations of ``country`` (US or MX), oldest first."""
        return [a for a in self.admins if a.country == country]

    def admin_on(self, country: str, day: str) -> Administration | None:
        """The administration of ``country`` in office on ``day``."""
        for adm in self.admins:
            if adm.country == country and adm.covers(day):
                return adm
        return None

    def administrations(self, low: str, high: str) -> tuple[str, str]:
        """``(us_admin, mx_admin)`` for a date window: the label of the administration in
        office, or "A → B" when the window spans a transition; "" when a date is unknown."""
        if not low or not high or not _ISO.match(low) or not _ISO.match(high):
            return "", ""
        return self._admin_span("US", low, high), self._admin_span("MX", low, high)

    def _admin_span(self, country: str, low: str, high: str) -> str:
        mine = [a for a in self.admins if a.country == country]
        labels = [a.label for a in mine if a.start <= high and low < (a.end or OPEN_END)]
        if labels and low < mine[0].start:
            labels.insert(0, "…")  # the window starts before the first known administration
        return " → ".join(labels)

    def country_actor(self, code: str) -> Actor | None:
        """The government actor of a country given by ISO code ("US", "MX", "CA")."""
        c = self.countries.get(code)
        return self.actors.get(c.actor_id) if c else None


# --------------------------------------------------------------------------- loading

FILES = {
    "actors": ("actors.tsv", ("actor_id", "name", "country", "kind")),
    "aliases": ("aliases.tsv", ("actor_id", "alias")),
    "offices": ("offices.tsv", ("office_id", "country", "name")),
    "terms": ("terms.tsv", ("office_id", "actor_id", "start")),
    "administrations": ("administrations.tsv", ("country", "label", "president", "start")),
    "countries": ("countries.tsv", ("iso2", "name")),
    "groups": ("groups.tsv", ("type", "text")),
    "roles": ("roles.tsv", ("word",)),
    "places": ("places.tsv", ("name", "country")),
    "date_words": ("date_words.tsv", ("word", "type", "value")),
}


def _read_all(data_dir: Path) -> tuple[dict[str, Table], list[DataIssue]]:
    tables: dict[str, Table] = {}
    issues: list[DataIssue] = []
    for key, (name, required) in FILES.items():
        path = data_dir / name
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            issues.append(DataIssue(name, 0, f"cannot read: {exc.strerror or exc}"))
            tables[key] = Table(name, "", (), ())
            continue
        table, found = parse_table(text, file=name, required=required)
        tables[key] = table
        issues.extend(found)
    return tables, issues


def _valid_date(value: str) -> bool:
    if not _ISO.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _case_of(alias: str) -> str:
    letters = [c for c in alias if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return "exact"
    if alias[:1].isupper():
        return "cap"
    return "any"


def _default_surnames(name: str, country: str) -> tuple[str, ...]:
    tokens = [t for t in re.split(r"\s+", re.sub(r"\"[^\"]*\"|\([^)]*\)", " ", name)) if t]
    tokens = [t for t in tokens if not re.fullmatch(r"[A-Z]\.", t)]
    if len(tokens) < 2:
        return ()
    out = [tokens[-1]]
    if len(tokens) >= 3 and country in ("MX", "NS") and tokens[-2][:1].isupper():
        out.insert(0, f"{tokens[-2]} {tokens[-1]}")
        out.append(tokens[-2])
    return tuple(out)


class _Builder:
    """The knowledge base built table by table (one method per data file, in dependency
    order), collecting every problem with its file and line."""

    def __init__(self) -> None:
        self.issues: list[DataIssue] = []
        self.actors: dict[str, Actor] = {}
        self.alias_rows: list[tuple[AliasEntry, Row]] = []
        self.aliases: list[AliasEntry] = []
        self.countries: dict[str, Country] = {}
        self.country_rows: dict[str, Row] = {}
        self.offices: dict[str, Office] = {}
        self.terms: list[Term] = []
        self.admins: list[Administration] = []
        self.groups: dict[str, Group] = {}
        self.group_nouns: list[tuple[str, str]] = []
        self.modifiers: list[str] = []
        self.roles: dict[str, tuple[str, str, str, str]] = {}
        self.places: dict[str, str] = {}
        self.date_words: dict[str, tuple[str, str]] = {}

    def bad(self, row: Row, message: str) -> None:
        self.issues.append(DataIssue(row.file, row.line, message))

    def check_dates(self, row: Row, *cols: str) -> bool:
        ok = True
        for col in cols:
            value = row[col]
            if value and not _valid_date(value):
                self.bad(row, f"malformed date in '{col}': {value!r} (want YYYY-MM-DD)")
                ok = False
        return ok

    def read_countries(self, table: Table) -> None:
        """countries.tsv: each country is also an actor of kind "country" (the US and Mexican
        governments are in actors.tsv)."""
        for row in table.rows:
            iso = row["iso2"]
            if not re.fullmatch(r"[A-Z]{2}", iso):
                self.bad(row, f"bad country code {iso!r} (want ISO 3166 alpha-2)")
                continue
            if iso in self.countries:
                self.bad(row, f"duplicate country code {iso!r}")
                continue
            actor_id = row.get("actor_id") or f"country-{iso.lower()}"
            cinfo = Country(
                iso, row["name"], tuple(split_multi(row["aliases"])), tuple(split_multi(row["demonyms"])),
                tuple(split_multi(row["capital"])), actor_id,
            )
            self.countries[iso] = cinfo
            self.country_rows[iso] = row
            if actor_id not in ("gov-us", "gov-mx"):
                names = (cinfo.name, *cinfo.aliases)
                self.actors[actor_id] = Actor(actor_id, cinfo.name, "OTHER", "country", "government",
                                              names, (), iso)
                for text in names:
                    self.alias_rows.append((AliasEntry(text, "actor", actor_id, _case_of(text)), row))

    def read_actors(self, table: Table) -> None:
        """actors.tsv: people, institutions, groups, with their names as aliases."""
        for row in table.rows:
            aid = row["actor_id"]
            if aid in self.actors:
                self.bad(row, f"duplicate actor id {aid!r}")
                continue
            country, kind = row["country"], row["kind"]
            if country not in COUNTRY_CODES:
                self.bad(row, f"bad country code {country!r} (want one of {', '.join(COUNTRY_CODES)})")
            if kind not in ACTOR_KINDS:
                self.bad(row, f"bad kind {kind!r} (want one of {', '.join(ACTOR_KINDS)})")
            names = (row["name"], *split_multi(row["aliases"]))
            surnames = tuple(split_multi(row["surnames"])) or (
                _default_surnames(row["name"], country) if kind == "person" else ())
            iso = country if country in ("US", "MX") and kind == "country" else ""
            self.actors[aid] = Actor(aid, row["name"], country, kind, row["sector"], names, surnames, iso)
            for text in names:
                self.alias_rows.append((AliasEntry(text, "actor", aid, _case_of(text)), row))

    def country_names(self) -> None:
        """The country actors of the US and Mexico also answer to the country's names and
        capital; other countries' actors to their capitals."""
        for iso in ("US", "MX"):
            c = self.countries.get(iso)
            if c is None:
                continue
            if c.actor_id not in self.actors:
                self.bad(self.country_rows[iso], f"{iso}: actor {c.actor_id!r} is not in actors.tsv")
                continue
            for text in (c.name, *c.aliases, *c.capitals):
                self.alias_rows.append((AliasEntry(text, "actor", c.actor_id, _case_of(text)), self.country_rows[iso]))
        for c in self.countries.values():
            if c.actor_id in self.actors and c.iso2 not in ("US", "MX"):
                for text in c.capitals:
                    self.alias_rows.append((AliasEntry(text, "actor", c.actor_id, _case_of(text)),
                                            self.country_rows[c.iso2]))

    def read_aliases(self, table: Table) -> None:
        """aliases.tsv: more names of known actors, optionally date-bounded."""
        for row in table.rows:
            aid = row["actor_id"]
            if aid not in self.actors:
                self.bad(row, f"unknown actor id {aid!r}")
                continue
            if not self.check_dates(row, "valid_from", "valid_to"):
                continue
            if row["valid_from"] and row["valid_to"] and row["valid_from"] > row["valid_to"]:
                self.bad(row, f"valid_from {row['valid_from']} is after valid_to {row['valid_to']}")
            text = row["alias"]
            self.alias_rows.append((AliasEntry(text, "actor", aid, row.get("case") or _case_of(text),
                                               row["valid_from"], row["valid_to"]), row))

    def disambiguate(self) -> None:
        """The actor aliases, each once; one alias naming two actors on overlapping dates is a
        problem."""
        by_key: dict[str, list[tuple[AliasEntry, Row]]] = defaultdict(list)
        for entry, row in self.alias_rows:
            by_key[fold_key(entry.text) + "\x00" + ("E" + entry.text if entry.case == "exact" else "")].append(
                (entry, row))
        for entries in by_key.values():
            seen: dict[str, AliasEntry] = {}
            for entry, row in entries:
                if entry.ref in seen and not entry.valid_from and not entry.valid_to:
                    continue  # the same actor twice (e.g. name repeated as alias)
                for other in seen.values():
                    if other.ref == entry.ref:
                        continue
                    lo = max(entry.valid_from or "0000-00-00", other.valid_from or "0000-00-00")
                    hi = min(entry.valid_to or OPEN_END, other.valid_to or OPEN_END)
                    if lo <= hi:
                        self.bad(row, f"alias {entry.text!r} is ambiguous: {entry.ref!r} and {other.ref!r} "
                                      f"share it on overlapping dates")
                seen[entry.ref] = entry
                self.aliases.append(entry)

    def read_offices(self, table: Table) -> None:
        """offices.tsv: offices with their titles (aliases of kind "title") and the prefixes
        that stand before a holder's name (one alias per spelling, for all its offices)."""
        for row in table.rows:
            oid = row["office_id"]
            if oid in self.offices:
                self.bad(row, f"duplicate office id {oid!r}")
                continue
            if row["country"] not in COUNTRY_CODES:
                self.bad(row, f"bad country code {row['country']!r}")
            office = Office(oid, row["country"], row["name"], row["sector"],
                            tuple(split_multi(row["titles"])), tuple(split_multi(row["prefixes"])))
            self.offices[oid] = office
            for text in office.titles:
                self.aliases.append(AliasEntry(text, "title", oid, "exact" if _case_of(text) == "exact" else "any"))
        prefix_offices: dict[str, list[str]] = defaultdict(list)
        prefix_cases: dict[str, set[str]] = defaultdict(set)
        prefix_text: dict[str, str] = {}
        for office in self.offices.values():
            for text in office.prefixes:
                key = fold_key(text)
                if office.id not in prefix_offices[key]:
                    prefix_offices[key].append(office.id)
                prefix_cases[key].add(_case_of(text))
                prefix_text.setdefault(key, text)
        for key, oids in prefix_offices.items():
            cases = prefix_cases[key]  # the most permissive spelling wins ("presidente", "Presidente")
            case = "any" if "any" in cases else "cap" if "cap" in cases else "exact"
            self.aliases.append(AliasEntry(prefix_text[key], "prefix", "|".join(oids), case))

    def read_terms(self, table: Table) -> None:
        """terms.tsv: who held which office when; terms of one office must not overlap."""
        term_rows: list[tuple[Term, Row]] = []
        for row in table.rows:
            oid, aid = row["office_id"], row["actor_id"]
            ok = True
            if oid not in self.offices:
                self.bad(row, f"unknown office id {oid!r}")
                ok = False
            if aid not in self.actors:
                self.bad(row, f"unknown actor id {aid!r}")
                ok = False
            if not self.check_dates(row, "start", "end"):
                ok = False
            elif row["end"] and row["start"] >= row["end"]:
                self.bad(row, f"start {row['start']} is not before end {row['end']}")
                ok = False
            if ok:
                term = Term(oid, aid, row["start"], row["end"],
                            row["acting"].lower() in ("yes", "true", "1", "acting"), row["notes"])
                self.terms.append(term)
                term_rows.append((term, row))
        by_office: dict[str, list[tuple[Term, Row]]] = defaultdict(list)
        for term, row in term_rows:
            by_office[term.office].append((term, row))
        for oid, pairs in by_office.items():
            pairs.sort(key=lambda p: p[0].start)
            for (prev, _), (nxt, row) in zip(pairs, pairs[1:], strict=False):
                if nxt.start < prev.end_or_open:
                    self.bad(row, f"overlapping terms in {oid!r}: {prev.actor_id} {prev.start}…"
                                  f"{prev.end or 'open'} and {nxt.actor_id} from {nxt.start}")

    def read_administrations(self, table: Table) -> None:
        """administrations.tsv: US and Mexican administrations, which must not overlap."""
        for row in table.rows:
            if row["country"] not in ("US", "MX"):
                self.bad(row, f"bad country code {row['country']!r} (administrations are US or MX)")
                continue
            if row["president"] not in self.actors:
                self.bad(row, f"unknown actor id {row['president']!r}")
            if not self.check_dates(row, "start", "end"):
                continue
            if row["end"] and row["start"] >= row["end"]:
                self.bad(row, f"start {row['start']} is not before end {row['end']}")
                continue
            adm = Administration(row["country"], row["label"], row["president"], row["start"], row["end"])
            for before in self.admins:
                if before.country == adm.country and adm.start < (before.end or OPEN_END) and \
                        before.start < (adm.end or OPEN_END):
                    self.bad(row, f"administration {adm.label!r} overlaps {before.label!r}")
            self.admins.append(adm)
        self.admins.sort(key=lambda a: (a.country, a.start))

    def read_groups(self, table: Table) -> None:
        """groups.tsv: group nouns, their modifiers, and fixed group phrases (aliases)."""
        for row in table.rows:
            typ, text = row["type"], row["text"]
            country = row["country"]
            if country and country not in COUNTRY_CODES:
                self.bad(row, f"bad country code {country!r}")
            if typ == "modifier":
                self.modifiers.append(text)
                continue
            if typ not in ("noun", "phrase"):
                self.bad(row, f"bad type {typ!r} (want noun, modifier or phrase)")
                continue
            gid = f"grp-{typ}-{fold_key(text).replace(' ', '-')}"
            self.groups[gid] = Group(gid, row.get("label", text), country, row["sector"])
            if typ == "noun":
                self.group_nouns.append((text, gid))
            else:
                self.aliases.append(AliasEntry(text, "group", gid, row.get("case") or "any"))

    def read_roles(self, table: Table) -> None:
        """roles.tsv: role words (those written before a name are aliases of kind "role")."""
        for row in table.rows:
            if row["country"] and row["country"] not in COUNTRY_CODES:
                self.bad(row, f"bad country code {row['country']!r}")
            self.roles[fold_key(row["word"])] = (row["role"], row["sector"], row.get("position", "before"),
                                                 row["country"])
            if row.get("position", "before") in ("before", "both"):
                self.aliases.append(AliasEntry(row["word"], "role", row["role"], row.get("case") or "any"))

    def read_places(self, table: Table) -> None:
        """places.tsv: place names and their country."""
        for row in table.rows:
            if row["country"] not in COUNTRY_CODES:
                self.bad(row, f"bad country code {row['country']!r}")
                continue
            self.places[fold_key(row["name"])] = row["country"]

    def read_date_words(self, table: Table) -> None:
        """date_words.tsv, keyed by the word as written (case matters: "May"; its columns are
        validated by :func:`core.dates.validate_date_words`)."""
        for row in table.rows:
            self.date_words[row["word"]] = (row["type"], row["value"])

    def knowledge_base(self) -> KnowledgeBase:
        return KnowledgeBase(self.actors, self.offices, self.terms, self.admins, self.countries, self.aliases,
                             self.groups, self.group_nouns, self.modifiers, self.roles, self.places,
                             self.date_words)


def _build(tables: dict[str, Table]) -> tuple[KnowledgeBase, list[DataIssue]]:
    """The knowledge base of ``tables`` (by name, see ``_TABLES``) and every problem found:
    one step per table, in the order their references need."""
    b = _Builder()
    b.read_countries(tables["countries"])
    b.read_actors(tables["actors"])
    b.country_names()
    b.read_aliases(tables["aliases"])
    b.disambiguate()
    b.read_offices(tables["offices"])
    b.read_terms(tables["terms"])
    b.read_administrations(tables["administrations"])
    b.read_groups(tables["groups"])
    b.read_roles(tables["roles"])
    b.read_places(tables["places"])
    b.read_date_words(tables["date_words"])
    return b.knowledge_base(), b.issues


def validate_kb(data_dir: Path | None = None) -> list[DataIssue]:
    """Every problem in the knowledge-base files, each with its file and line: parse
    errors, unknown ids, bad country codes, malformed dates, terms that start after they
    end or overlap in one office, aliases ambiguous on the same date."""
    tables, issues = _read_all(Path(data_dir) if data_dir else DATA_DIR)
    _kb, more = _build(tables)
    return issues + more


@cache
def _load_default() -> KnowledgeBase:
    return _load(DATA_DIR)


def _load(data_dir: Path) -> KnowledgeBase:
    tables, issues = _read_all(data_dir)
    kb, more = _build(tables)
    issues += more
    if issues:
        raise DataFileError(issues)
    kb.data_dir = str(data_dir)
    return kb


def load_kb(data_dir: Path | None = None) -> KnowledgeBase:
    """Load the knowledge base from ``data_dir`` (default ``core/data``; cached).  Raises
    :class:`core.errors.DataFileError` listing every problem when the files are invalid."""
    if data_dir is None or Path(data_dir).resolve() == DATA_DIR.resolve():
        return _load_default()
    return _load(Path(data_dir))

