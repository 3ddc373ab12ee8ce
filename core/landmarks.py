"""Landmark events of US–Mexico security relations as dated knowledge (``landmarks.tsv``).

Each row is a dated event (the Mérida Initiative's announcement, the killing of ICE agent
Jaime Zapata, the captures of Joaquín Guzmán, the Culiacán operation, the terrorist
designations of February 2025, …) with aliases: phrases by which articles refer to it.  An
alias is a sequence of terms joined by `` + `` that must all occur in one sentence; a term lists
alternatives separated by ``/``; every alternative is matched on whole words, case and accents
ignored (``Zapata + killed/slain``).

Matching is linear in the text: text and alternatives are read as the same word tokens, every
alternative is indexed by its first token, a sentence's tokens are looked up once, and only
the aliases whose words the sentence holds are checked.

Uses (``core/dates.py``): an article that names a landmark as past was published on or after
it (a lower bound of the inferred window); a sentence that recounts one, and states no date of
its own, dates its event with the landmark's date.  The dashboard can draw them on the
timeline.  Upper bounds ("before the next landmark it does not name") are not drawn from
them: an article's silence about a later landmark is no evidence (a story on extraditions
need not mention tariffs), so no such bound is safe enough to state.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from core.datafiles import Row, load_table, split_multi, unique_rows
from core.errors import DataFileError, DataIssue
from core.text import fold

FILE = "landmarks.tsv"
_COLUMNS = ("landmark_id", "date", "precision", "name", "aliases", "actors", "polarity", "source")
_POLARITIES = ("cooperation", "friction", "neutral")
_TOKEN = re.compile(r"[^\W_]+|%")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|(?=\n)|$)")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_URL = re.compile(r"^https?://\S+$")

Term = tuple[tuple[str, ...], ...]  # alternatives, each a token sequence


@dataclass(frozen=True, slots=True)
class Landmark:
    """One landmark: id, the ISO window ``low``…``high`` (one day, or a month), ``precision``,
    ``name``, its aliases (each a tuple of terms), actor ids, polarity and source URL."""

    landmark_id: str
    low: str
    high: str
    precision: str
    name: str
    aliases: tuple[tuple[Term, ...], ...]
    actors: tuple[str, ...]
    polarity: str
    source: str


@dataclass(frozen=True, slots=True)
class LandmarkMention:
    """A sentence (``start``…``end`` in the text) that recounts ``landmark``."""

    landmark: Landmark
    start: int
    end: int


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(fold(text))]


def _parse_aliases(cell: str) -> tuple[tuple[tuple[Term, ...], ...], list[str]]:
    problems: list[str] = []
    aliases: list[tuple[Term, ...]] = []
    for alias in split_multi(cell):
        terms: list[Term] = []
        for term in alias.split(" + "):
            alts: Term = tuple(tuple(_tokens(a)) for a in term.split("/") if a.strip())
            if not alts or any(not a for a in alts):
                problems.append(f"alias {alias!r}: an empty term or alternative")
                continue
            terms.append(alts)
        if terms:
            aliases.append(tuple(terms))
    if not aliases:
        problems.append("no alias")
    return tuple(aliases), problems


def _landmark(row: Row, actor_ids: frozenset[str] | None) -> tuple[Landmark | None, list[DataIssue]]:
    issues: list[DataIssue] = []

    def bad(column: str, message: str) -> None:
        issues.append(DataIssue(row.file, row.line, f"column '{column}': {message}"))

    when, precision = row["date"], row["precision"]
    low = high = ""
    if precision not in ("day", "month"):
        bad("precision", f"{precision!r} is not day or month")
    elif not (_DAY if precision == "day" else _MONTH).match(when):
        bad("date", f"{when!r} is not {'YYYY-MM-DD' if precision == 'day' else 'YYYY-MM'} (precision {precision})")
    else:
        try:
            if precision == "day":
                low = high = date.fromisoformat(when).isoformat()
            else:
                y, m = int(when[:4]), int(when[5:7])
                first = date(y, m, 1)
                high = date.fromordinal(date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1).isoformat()
                low = first.isoformat()
        except ValueError:
            bad("date", f"{when!r} cannot exist")
    aliases, problems = _parse_aliases(row["aliases"])
    for p in problems:
        bad("aliases", p)
    actors = tuple(split_multi(row["actors"]))
    if actor_ids is not None:
        for a in actors:
            if a not in actor_ids:
                bad("actors", f"unknown actor {a!r} (not an actor_id of actors.tsv)")
    if row["polarity"] not in _POLARITIES:
        bad("polarity", f"{row['polarity']!r} is not one of {', '.join(_POLARITIES)}")
    if not _URL.match(row["source"]):
        bad("source", f"{row['source']!r} is not an http(s) URL")
    if issues:
        return None, issues
    return Landmark(row["landmark_id"], low, high, precision, row["name"], aliases, actors,
                    row["polarity"], row["source"]), issues


def _actor_ids(data_dir: Path | None) -> frozenset[str] | None:
    table, issues = load_table("actors.tsv", data_dir=data_dir)
    if issues or "actor_id" not in table.columns:
        return None  # reported by the knowledge base's own validator
    return frozenset(r["actor_id"] for r in table.rows)


def _read(data_dir: Path | None = None) -> tuple[tuple[Landmark, ...], list[DataIssue]]:
    table, issues = load_table(FILE, data_dir=data_dir, required=_COLUMNS)
    if issues:
        return (), issues
    actor_ids = _actor_ids(data_dir)
    out: list[Landmark] = []
    for row in unique_rows(table, "landmark_id", issues):
        lm, found = _landmark(row, actor_ids)
        issues.extend(found)
        if lm is not None:
            out.append(lm)
    return tuple(out), issues


def validate_landmarks(data_dir: Path | None = None) -> list[DataIssue]:
    """Every problem of ``landmarks.tsv`` (in ``data_dir``, default ``core/data``), each with
    file and line: a date that is not of its precision's form or cannot exist, an actor that
    is no ``actor_id`` of ``actors.tsv``, a bad polarity, source or alias, a duplicate id."""
    return _read(data_dir)[1]


@dataclass(frozen=True, slots=True)
class _Index:
    landmarks: tuple[Landmark, ...]
    by_first: dict[str, tuple[tuple[tuple[str, ...], int], ...]]  # first token -> (alternative, key)
    by_key: dict[int, tuple[tuple[int, int], ...]]  # alternative key -> (alias no., term no.)
    aliases: tuple[tuple[int, int], ...]  # alias no. -> (landmark no., number of terms)


@cache
def _index() -> _Index:
    landmarks, issues = _read()
    if issues:
        raise DataFileError(issues)
    alt_key: dict[tuple[str, ...], int] = {}
    by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    by_key: dict[int, list[tuple[int, int]]] = {}
    aliases: list[tuple[int, int]] = []
    for n, lm in enumerate(landmarks):
        for alias in lm.aliases:
            a = len(aliases)
            aliases.append((n, len(alias)))
            for t, term in enumerate(alias):
                for alt in term:
                    if alt not in alt_key:
                        alt_key[alt] = len(alt_key)
                        by_first.setdefault(alt[0], []).append((alt, alt_key[alt]))
                    by_key.setdefault(alt_key[alt], []).append((a, t))
    return _Index(landmarks, {k: tuple(v) for k, v in by_first.items()},
                  {k: tuple(v) for k, v in by_key.items()}, tuple(aliases))


def landmarks() -> tuple[Landmark, ...]:
    """Every landmark of ``landmarks.tsv``, in file order (by date)."""
    return _index().landmarks


def in_sentence(sentence: str) -> list[Landmark]:
    """The landmarks ``sentence`` recounts (an alias with all its terms in it), in file order.
    The cost is that of the sentence's tokens and of the aliases whose words it holds, not of
    the whole table."""
    index = _index()
    toks = _tokens(sentence)
    present: set[int] = set()
    for i, tok in enumerate(toks):
        for alt, key in index.by_first.get(tok, ()):
            if len(alt) == 1 or tuple(toks[i:i + len(alt)]) == alt:
                present.add(key)
    if not present:
        return []
    satisfied: dict[int, set[int]] = {}
    for key in present:
        for a, term_no in index.by_key[key]:
            satisfied.setdefault(a, set()).add(term_no)
    found = sorted({index.aliases[a][0] for a, terms in satisfied.items() if len(terms) == index.aliases[a][1]})
    return [index.landmarks[n] for n in found]


def find(text: str, *, sentences: Sequence[tuple[int, int]] | None = None) -> Iterator[LandmarkMention]:
    """Every sentence of ``text`` that recounts a landmark (``sentences``: the sentence
    spans to read, default a split on end punctuation and line breaks)."""
    spans = sentences if sentences is not None else [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
    for start, end in spans:
        for lm in in_sentence(text[start:end]):
            yield LandmarkMention(lm, start, end)


def mentions_cell(text: str, *, sentences: Sequence[tuple[int, int]] | None = None) -> str:
    """The landmarks ``text`` names, as the articles' ``landmarks`` column: for each landmark
    the first sentence that recounts it, ``landmark_id@start-end`` (offsets into ``text``),
    joined by ``|`` in text order; ``""`` when it names none."""
    seen: dict[str, tuple[int, int]] = {}
    for m in find(text, sentences=sentences):
        seen.setdefault(m.landmark.landmark_id, (m.start, m.end))
    return "|".join(f"{lid}@{a}-{b}" for lid, (a, b) in seen.items())


def parse_mentions_cell(cell: str) -> list[tuple[str, int, int]]:
    """:func:`mentions_cell` read back: (landmark id, start, end) for each well-formed part
    (a malformed part is skipped: the cell is data from a store, never trusted)."""
    out: list[tuple[str, int, int]] = []
    for part in (cell or "").split("|"):
        lid, _, span = part.partition("@")
        a, _, b = span.partition("-")
        if lid and a.isdigit() and b.isdigit():
            out.append((lid, int(a), int(b)))
    return out
