"""Analyst corrections: verdicts on the machine's frames, stored beside the store, applied to
the frames, exported with them and read as gold by the evaluator.

An analyst marks an event or a stance as ``confirmed``, as no frame at all (``not_event`` /
``not_stance``), as wrong in one respect with the right value (``wrong_polarity``,
``wrong_action``, ``wrong_actor``, ``wrong_target`` for events; ``wrong_stance``,
``wrong_holder``, ``wrong_target`` for stances), or adds a frame the machine missed
(``missed``) on a passage of an article.  Each :class:`Correction` records who made it, when
(UTC) and why.

**Where.**  One SQLite file beside the store, a sibling of the store's folder
(:func:`corrections_path`: ``<parent>/<store name>.corrections.sqlite``).  A rebuild swaps
the store's folder with renames (:func:`core.store.write_store`) and never touches a sibling
file, so corrections survive any rebuild.

**Matching survives rebuilds.**  A correction is tied to its frame by the article and the
frame's passage span (``article_id``, ``start``, ``end`` of the events/stances frames: offsets
into the cleaned article text, whose hash is the article id), never by row number or frame
id (``frame_id`` is kept for the record only).  Several events can share one span (events are
coded per sentence, and their span is the sentence's), so an event correction also records
the cue span (``cue_start``, ``cue_end``) and the machine's values at the time
(``original``); see :func:`apply_corrections` for the order in which these are used.

**History is kept.**  Corrections are only ever added: a correction is never edited or
deleted (SQLite triggers refuse both), a withdrawn correction is marked withdrawn (by whom,
when, why) and no longer applied.  A later correction of the same frame and column
supersedes an earlier one ("latest wins", latest = highest id, the order of the commits).

**Concurrent sessions.**  Every operation opens its own connection (so a
:class:`CorrectionStore` can be shared by threads), the database is in WAL mode with a busy
timeout, and a write is one ``BEGIN IMMEDIATE`` transaction: several processes and threads
can add corrections at once and none is lost.

**A broken file** (not a SQLite database, another application's database, a newer schema,
unreadable pages) raises :class:`~core.errors.CorrectionsFileError` naming the file and the
problem.  The file is checked before SQLite opens it and is never deleted, truncated or
rewritten; the frames do not depend on it.
"""

from __future__ import annotations

import builtins
import contextlib
import contextvars
import dataclasses
import datetime as _dt
import json
import math
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from core import schema
from core.errors import CorrectionsFileError, InvalidCorrectionError, UsageError
from core.gold import ACTIONS, Gold, GoldEvent, GoldStance

if TYPE_CHECKING:
    from core.records import Frames

# --------------------------------------------------------------------------- vocabulary

KINDS: tuple[str, ...] = ("event", "stance")
#: the verdicts each kind of frame can receive
VERDICTS: dict[str, tuple[str, ...]] = {
    "event": ("confirmed", "not_event", "wrong_polarity", "wrong_action", "wrong_actor", "wrong_target", "missed"),
    "stance": ("confirmed", "not_stance", "wrong_stance", "wrong_holder", "wrong_target", "missed"),
}
#: the verdict that says "this is no frame", per kind
NOT_FRAME: dict[str, str] = {"event": "not_event", "stance": "not_stance"}
#: the columns a ``wrong_*`` verdict may correct; the first is its ``field`` by default
FIELDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("event", "wrong_polarity"): ("polarity", "action"),
    ("event", "wrong_action"): ("action", "polarity"),
    ("event", "wrong_actor"): ("actor1", "country1", "actor1_id"),
    ("event", "wrong_target"): ("actor2", "country2", "actor2_id"),
    ("stance", "wrong_stance"): ("stance",),
    ("stance", "wrong_holder"): ("holder", "holder_country", "holder_id"),
    ("stance", "wrong_target"): ("target",),
}
#: the values a ``missed`` frame must give
MISSED_REQUIRED: dict[str, tuple[str, ...]] = {
    "event": ("actor1", "country1", "action", "polarity"),
    "stance": ("holder", "stance", "target"),
}
#: the machine's values a correction records of its frame (``original``)
ORIGINAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "event": ("actor1", "country1", "actor2", "country2", "action", "polarity", "dyad", "modality",
              "date", "date_low", "date_high", "date_precision"),
    "stance": ("holder", "holder_country", "target", "stance", "quote"),
}
#: the recorded values that tell apart frames sharing one span
MATCH_COLUMNS: dict[str, tuple[str, ...]] = {"event": ("action", "actor1", "actor2"), "stance": ("holder", "target")}
#: a missed frame is "found" when a machine frame on its span has these values
FOUND_COLUMNS: dict[str, tuple[str, ...]] = {"event": ("action", "actor1"), "stance": ("holder",)}
COUNTRIES: tuple[str, ...] = ("US", "MX", "NS", "OTHER", "")
ENUMS: dict[str, tuple[str, ...]] = {
    "polarity": ("cooperation", "friction", "neutral"),
    "stance": ("support", "oppose", "mixed"),
    "dyad": ("gov", "nonstate", "domestic"),
    "modality": ("asserted", "reported", "planned"),
    "date_precision": ("day", "month", "year", "window", "none"),
    "country1": COUNTRIES,
    "country2": COUNTRIES,
    "holder_country": COUNTRIES,
}
_NON_EMPTY = frozenset({"actor1", "holder", "target", "action", "polarity", "stance"})
_DATES = frozenset({"date", "date_low", "date_high"})
_TOP_LEVEL = frozenset({"event_id", "stance_id", "article_id", "start", "end"})
_FRAME = {"event": "events", "stance": "stances"}
_ID = {"event": "event_id", "stance": "stance_id"}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: the columns :func:`apply_corrections` adds to the frames
ADDED_COLUMNS: tuple[str, ...] = ("correction", "correction_ids", "machine")


@cache
def _actions() -> tuple[str, ...]:
    from core import cameo

    return tuple(cameo.actions())


@cache
def _codebook_polarities() -> dict[str, frozenset[str]]:
    return dict(ACTIONS)


#: set while rows are read back from the file: the codebook's value rules are checked when a
#: correction is made, not again when it is read (a later change of the rules or of
#: cameo.tsv must not make a stored correction unreadable); its structure is always checked
_READING: contextvars.ContextVar[bool] = contextvars.ContextVar("_READING", default=False)


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds")


def _utc(when: str, where: str) -> str:
    """``when`` (ISO 8601 with a time zone) as an ISO UTC timestamp."""
    try:
        moment = _dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InvalidCorrectionError(f"{where}: when {when!r} is not an ISO 8601 timestamp") from exc
    if moment.tzinfo is None:
        raise InvalidCorrectionError(f"{where}: when {when!r} has no time zone (give UTC, e.g. …+00:00)")
    return moment.astimezone(_dt.UTC).isoformat(timespec="milliseconds")


def _check_value(kind: str, col: str, value: Any, where: str) -> Any:
    """``value`` of column ``col`` normalised to the column's type; raises
    :class:`InvalidCorrectionError` naming the problem."""
    spec = schema.FRAMES[_FRAME[kind]]
    if col not in spec or col in _TOP_LEVEL:
        allowed = ", ".join(c for c in spec if c not in _TOP_LEVEL)
        raise InvalidCorrectionError(f"{where}: {col!r} is not a column a {kind} correction can set ({allowed})")
    dtype = spec[col]
    if dtype == "string":
        if not isinstance(value, str):
            raise InvalidCorrectionError(f"{where}: {col} must be text, not {type(value).__name__}")
        text = value.strip()
        if _READING.get():
            return text
        allowed_values = ENUMS.get(col)
        if allowed_values is not None and text not in allowed_values:
            shown = ", ".join(repr(a) for a in allowed_values)
            raise InvalidCorrectionError(f"{where}: {col} {text!r} is not one of {shown}")
        if col == "action" and text not in _actions():
            raise InvalidCorrectionError(f"{where}: action {text!r} is not one of the actions of core/data/cameo.tsv"
                                         f" ({', '.join(_actions())})")
        if col in _DATES and text and not _ISO_DAY.fullmatch(text):
            raise InvalidCorrectionError(f"{where}: {col} {text!r} is not an ISO date (YYYY-MM-DD)")
        if col in _NON_EMPTY and not text:
            raise InvalidCorrectionError(f"{where}: {col} cannot be empty")
        return text
    if dtype == "int64":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise InvalidCorrectionError(f"{where}: {col} must be a whole number")
        try:
            return int(value)
        except ValueError as exc:
            raise InvalidCorrectionError(f"{where}: {col} {value!r} is not a whole number") from exc
    if dtype == "float64":
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise InvalidCorrectionError(f"{where}: {col} must be a finite number")
        return float(value)
    if not isinstance(value, bool):
        raise InvalidCorrectionError(f"{where}: {col} must be true or false")
    return value


# --------------------------------------------------------------------------- the record


@dataclass(frozen=True, slots=True, kw_only=True)
class Correction:
    """One analyst correction of one frame (keyword arguments only; validated when made:
    an invalid one raises :class:`~core.errors.InvalidCorrectionError`).

    ``kind`` is ``event`` or ``stance``; ``article_id``, ``start``, ``end`` the frame's
    passage span (the ``start``/``end`` columns of the events/stances frames: offsets into
    ``articles.text``), for ``missed`` the passage the new frame is read from.  ``verdict``
    is one of :data:`VERDICTS` for the kind.  ``wrong_*`` verdicts give ``field`` (one of
    :data:`FIELDS` for the verdict; empty means the first) and its right ``value``, and may
    set the other columns of the same group in ``values`` (``wrong_actor`` with ``field``
    ``actor1`` and ``values={"country1": "MX"}``).  ``missed`` gives the new frame's columns
    in ``values`` (at least :data:`MISSED_REQUIRED`).  ``confirmed`` and ``not_event`` /
    ``not_stance`` give neither.

    ``cue_start``/``cue_end`` (events: the cue span, -1 when not known) and ``original``
    (the machine's values of :data:`ORIGINAL_COLUMNS` when the correction was made) tell
    apart frames that share a span; ``frame_id`` (the event_id/stance_id) is for the record
    only and never used to match.  ``id`` and, when empty, ``when`` are given by the
    store; ``when`` is an ISO UTC timestamp.  ``withdrawn_*`` are set when the correction is
    withdrawn (:meth:`CorrectionStore.withdraw`).  Easiest made from a frame's row with
    :func:`correction_for` / :func:`missed_frame`."""

    id: int = 0
    kind: str
    article_id: str
    start: int
    end: int
    verdict: str
    field: str = ""
    value: str = ""
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict, hash=False)
    cue_start: int = -1
    cue_end: int = -1
    original: Mapping[str, str] = dataclasses.field(default_factory=dict, hash=False)
    frame_id: str = ""
    who: str = ""
    when: str = ""
    why: str = ""
    withdrawn_when: str = ""
    withdrawn_who: str = ""
    withdrawn_why: str = ""
    #: (column, value) pairs this correction sets, computed once (see :meth:`columns`)
    column_items: tuple[tuple[str, Any], ...] = dataclasses.field(init=False, repr=False, compare=False, hash=False)
    #: the recorded ``original`` values of :data:`MATCH_COLUMNS` (None: not recorded)
    recorded: tuple[str | None, ...] = dataclasses.field(init=False, repr=False, compare=False, hash=False)
    #: (id, start, end, cue_start, cue_end), for reading many corrections at once
    numbers: tuple[int, int, int, int, int] = dataclasses.field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        where = f"correction #{self.id}" if self.id else "correction"
        put = object.__setattr__
        if self.kind not in KINDS:
            raise InvalidCorrectionError(f"{where}: kind {self.kind!r} is not 'event' or 'stance'")
        where = f"{where} ({self.kind} {self.verdict})"
        verdicts = VERDICTS[self.kind]
        if self.verdict not in verdicts:
            hint = ""
            if self.verdict in NOT_FRAME.values():
                hint = f" (for a {self.kind}, say {NOT_FRAME[self.kind]!r})"
            raise InvalidCorrectionError(f"{where}: verdict {self.verdict!r} is not one of"
                                         f" {', '.join(verdicts)}{hint}")
        if not isinstance(self.article_id, str) or not self.article_id.strip():
            raise InvalidCorrectionError(f"{where}: article_id must be a non-empty text")
        put(self, "article_id", self.article_id.strip())
        for name in ("id", "start", "end", "cue_start", "cue_end"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | np.integer):
                raise InvalidCorrectionError(f"{where}: {name} must be a whole number")
            put(self, name, int(v))
        if not 0 <= self.start < self.end:
            raise InvalidCorrectionError(f"{where}: the span {self.start}..{self.end} is empty or negative")
        if self.kind == "stance" or self.cue_start < 0 or self.cue_end < 0:
            put(self, "cue_start", -1)
            put(self, "cue_end", -1)
        elif self.cue_start > self.cue_end:
            raise InvalidCorrectionError(f"{where}: the cue span {self.cue_start}..{self.cue_end} is reversed")
        for name in ("field", "value", "frame_id", "who", "why", "withdrawn_who", "withdrawn_why"):
            v = getattr(self, name)
            if not isinstance(v, str):
                raise InvalidCorrectionError(f"{where}: {name} must be text, not {type(v).__name__}")
            put(self, name, v.strip() if name != "why" else v)
        if not self.who:
            raise InvalidCorrectionError(f"{where}: who made it must be given (who=...)")
        for name in ("when", "withdrawn_when"):
            v = getattr(self, name)
            if not isinstance(v, str):
                raise InvalidCorrectionError(f"{where}: {name} must be text")
            if v:
                put(self, name, _utc(v, where))
        if not isinstance(self.values, Mapping) or not isinstance(self.original, Mapping):
            raise InvalidCorrectionError(f"{where}: values and original must be mappings")
        values = {str(k): _check_value(self.kind, str(k), v, where) for k, v in self.values.items()}
        original = {str(k): "" if v is None else str(v) for k, v in self.original.items()
                    if str(k) in ORIGINAL_COLUMNS[self.kind]}
        put(self, "original", original)
        if self.verdict == "missed":
            if self.field or self.value:
                raise InvalidCorrectionError(f"{where}: a missed frame gives its columns in values, not field/value")
            lacking = [c for c in MISSED_REQUIRED[self.kind] if not values.get(c)]
            if lacking:
                raise InvalidCorrectionError(f"{where}: a missed {self.kind} needs values for {', '.join(lacking)}")
        elif self.verdict.startswith("wrong_"):
            group = FIELDS[(self.kind, self.verdict)]
            fld = self.field or group[0]
            if fld not in group:
                raise InvalidCorrectionError(f"{where}: {self.verdict} corrects {', '.join(group)}, not {fld!r}")
            put(self, "field", fld)
            put(self, "value", _check_value(self.kind, fld, self.value, where))
            others = [k for k in values if k not in group or k == fld]
            if others:
                raise InvalidCorrectionError(f"{where}: {self.verdict} can also set only"
                                             f" {', '.join(g for g in group if g != fld) or 'nothing'}"
                                             f" in values, not {', '.join(others)}")
        elif self.field or self.value or values:
            raise InvalidCorrectionError(f"{where}: {self.verdict} takes no field, value or values")
        cols = self._columns(values)
        if self.kind == "event" and not _READING.get() and "polarity" in cols and ("action" in cols or original.get("action")):
            # (a new action alone takes its own polarity when the old one does not fit it)
            action = cols.get("action") or original["action"]
            allowed = _codebook_polarities().get(action)
            if allowed is not None and cols["polarity"] not in allowed:
                hint = "" if "action" in cols else " (correct the action too: values={'action': ...})"
                raise InvalidCorrectionError(f"{where}: action {action} cannot have polarity"
                                             f" {cols['polarity']!r} (codebook: {', '.join(sorted(allowed))}){hint}")
        put(self, "values", values)
        put(self, "column_items", tuple(cols.items()))
        put(self, "recorded", tuple(original.get(c) for c in MATCH_COLUMNS[self.kind]))
        put(self, "numbers", (self.id, self.start, self.end, self.cue_start, self.cue_end))

    def _columns(self, values: Mapping[str, Any]) -> dict[str, Any]:
        if self.verdict == "missed":
            return dict(values)
        if self.verdict.startswith("wrong_"):
            return {self.field or FIELDS[(self.kind, self.verdict)][0]: self.value, **values}
        return {}

    @property
    def active(self) -> bool:
        """Whether the correction is in force (not withdrawn)."""
        return not self.withdrawn_when

    def columns(self) -> dict[str, Any]:
        """The columns this correction sets and their right values (``field``/``value`` and
        ``values`` of a ``wrong_*`` verdict; the new frame's values of a ``missed`` one)."""
        return dict(self.column_items)

    def as_dict(self) -> dict[str, Any]:
        """Every field, for JSON."""
        return {f.name: (dict(getattr(self, f.name)) if f.name in ("values", "original") else getattr(self, f.name))
                for f in dataclasses.fields(self) if f.init}


def _cell(row: Any, key: str, default: Any = "") -> Any:
    try:
        value = row[key]
    except (KeyError, IndexError):
        return default
    if value is None:
        return default
    try:
        if value != value:  # NaN / NA
            return default
    except (TypeError, ValueError):
        return default
    return value


def correction_for(kind: str, row: Mapping[str, Any] | pd.Series, verdict: str, *, who: str, why: str = "",
                   field: str = "", value: str = "", values: Mapping[str, Any] | None = None,
                   when: str = "") -> Correction:
    """A correction of the frame in ``row`` (a row of the events or stances frame, as a mapping
    or a Series: plain or categorical columns): its article, span, cue span, id and the
    machine's values are taken from the row."""
    if kind not in KINDS:
        raise InvalidCorrectionError(f"correction: kind {kind!r} is not 'event' or 'stance'")
    original = {c: str(_cell(row, c)) for c in ORIGINAL_COLUMNS[kind] if _cell(row, c, None) is not None}
    start = _cell(row, "start", -1)
    end = _cell(row, "end", -1)
    return Correction(
        kind=kind, article_id=str(_cell(row, "article_id")), start=int(start), end=int(end), verdict=verdict,
        field=field, value=value, values=dict(values or {}),
        cue_start=int(_cell(row, "cue_start", -1)) if kind == "event" else -1,
        cue_end=int(_cell(row, "cue_end", -1)) if kind == "event" else -1,
        original=original, frame_id=str(_cell(row, _ID[kind])), who=who, when=when, why=why,
    )


def missed_frame(kind: str, passage: Mapping[str, Any] | pd.Series, values: Mapping[str, Any], *, who: str,
                 why: str = "", start: int | None = None, end: int | None = None, when: str = "") -> Correction:
    """A ``missed`` correction: a new frame of ``kind`` with ``values`` (at least
    :data:`MISSED_REQUIRED`), read from ``passage`` (a row of the passages frame: its
    ``article_id``, ``start``, ``end`` and ``passage_id``; ``start``/``end`` narrow it to
    the selected words, e.g. a stance's quote)."""
    vals = dict(values)
    if _cell(passage, "passage_id") and "passage_id" not in vals:
        vals["passage_id"] = str(_cell(passage, "passage_id"))
    s = int(_cell(passage, "start", -1)) if start is None else start
    e = int(_cell(passage, "end", -1)) if end is None else end
    return Correction(kind=kind, article_id=str(_cell(passage, "article_id")), start=s, end=e, verdict="missed",
                      values=vals, who=who, why=why, when=when)


# --------------------------------------------------------------------------- the file


def corrections_path(store: str | Path) -> Path:
    """The corrections file of ``store``: ``<parent>/<store name>.corrections.sqlite``, a
    sibling of the store's folder (a rebuild replaces the folder, never its siblings)."""
    p = Path(store)
    if p.name in ("", ".", ".."):
        p = p.resolve()
    return p.parent / f"{p.name}.corrections.sqlite"


_SUFFIX = ".corrections.sqlite"


def store_of(corrections_file: str | Path) -> Path | None:
    """The store a corrections file belongs to by its name (:func:`corrections_path`
    inverted), or None when the name does not follow the rule."""
    p = Path(corrections_file)
    if not p.name.endswith(_SUFFIX) or len(p.name) == len(_SUFFIX):
        return None
    return p.parent / p.name[: -len(_SUFFIX)]


SCHEMA_VERSION = 1
APPLICATION_ID = 0x75736D78  # "usmx"
_MAGIC = b"SQLite format 3\x00"
_SQL_COLUMNS: tuple[str, ...] = (
    "id", "kind", "article_id", "span_start", "span_end", "cue_start", "cue_end", "verdict", "field", "value",
    "values_json", "original_json", "frame_id", "who", "created_utc", "why", "withdrawn_utc", "withdrawn_by",
    "withdrawn_why",
)
_SCHEMA: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('event', 'stance')),
        article_id TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        cue_start INTEGER NOT NULL DEFAULT -1,
        cue_end INTEGER NOT NULL DEFAULT -1,
        verdict TEXT NOT NULL,
        field TEXT NOT NULL DEFAULT '',
        value TEXT NOT NULL DEFAULT '',
        values_json TEXT NOT NULL DEFAULT '{}',
        original_json TEXT NOT NULL DEFAULT '{}',
        frame_id TEXT NOT NULL DEFAULT '',
        who TEXT NOT NULL,
        created_utc TEXT NOT NULL,
        why TEXT NOT NULL DEFAULT '',
        withdrawn_utc TEXT NOT NULL DEFAULT '',
        withdrawn_by TEXT NOT NULL DEFAULT '',
        withdrawn_why TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX IF NOT EXISTS corrections_by_span ON corrections (kind, article_id, span_start, span_end)",
    """CREATE TRIGGER IF NOT EXISTS corrections_never_deleted BEFORE DELETE ON corrections
    BEGIN SELECT RAISE(ABORT, 'corrections are never deleted: withdraw them'); END""",
    """CREATE TRIGGER IF NOT EXISTS corrections_never_edited BEFORE UPDATE OF
        id, kind, article_id, span_start, span_end, cue_start, cue_end, verdict, field, value, values_json,
        original_json, frame_id, who, created_utc, why ON corrections
    BEGIN SELECT RAISE(ABORT, 'a correction is never edited: add a later one or withdraw it'); END""",
    """CREATE TRIGGER IF NOT EXISTS corrections_withdrawn_once BEFORE UPDATE OF withdrawn_utc ON corrections
    WHEN OLD.withdrawn_utc != ''
    BEGIN SELECT RAISE(ABORT, 'this correction is already withdrawn'); END""",
    f"PRAGMA application_id = {APPLICATION_ID}",
    f"PRAGMA user_version = {SCHEMA_VERSION}",
)


def is_corrections_file(path: str | Path) -> bool:
    """Whether ``path`` is a file that starts like a SQLite database (the corrections file's
    format; its schema is checked when it is opened)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(_MAGIC)) == _MAGIC
    except OSError:
        return False


class CorrectionStore:
    """The corrections file at ``path`` (see :func:`corrections_path`).  Nothing is created
    until the first correction is added; reading a file that does not exist gives no
    corrections.  Every method opens its own connection: an instance can be shared by
    threads, and several processes can write one file at once.  Problems with the file raise
    :class:`~core.errors.CorrectionsFileError`; invalid corrections raise
    :class:`~core.errors.InvalidCorrectionError`."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"CorrectionStore({str(self.path)!r})"

    # ---- connections

    def _error(self, problem: str) -> CorrectionsFileError:
        return CorrectionsFileError(str(self.path), problem)

    def _looks_like_sqlite(self) -> bool:
        """False when there is no file (or an empty one); raises when the file is not a
        SQLite database.  Checked before SQLite touches the file, so that a corrupt file is
        never modified."""
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise self._error(f"cannot be read ({exc.strerror or exc})") from exc
        if self.path.is_dir():
            raise self._error("is a folder, not a corrections file")
        if size == 0:
            return False
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(100)
        except OSError as exc:
            raise self._error(f"cannot be read ({exc.strerror or exc})") from exc
        if len(head) < 100 or not head.startswith(_MAGIC):
            raise self._error("is not a SQLite database (corrupt, or another kind of file)")
        return True

    def _sql_error(self, exc: sqlite3.Error) -> CorrectionsFileError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return self._error(f"is busy: another session held it for more than {self.timeout:g} s ({text})")
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
            return self._error(f"is corrupt ({text})")
        return self._error(f"cannot be used ({type(exc).__name__}: {text})")

    @contextlib.contextmanager
    def _connect(self, *, write: bool) -> Iterator[sqlite3.Connection | None]:
        """A connection in autocommit mode (transactions are explicit), or None when reading
        a file that does not exist."""
        exists = self._looks_like_sqlite()
        if not exists and not write:
            yield None
            return
        if write:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._error(f"cannot be created ({exc.strerror or exc})") from exc
        try:
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._sql_error(exc) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            if exists:  # (before WAL mode is set: another application's database is left as it is)
                with self._snapshot(conn):
                    self._check_schema(conn)
            if write:
                with contextlib.suppress(sqlite3.OperationalError):  # e.g. a file system without shared memory
                    conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
            yield conn
        except sqlite3.Error as exc:
            raise self._sql_error(exc) from exc
        finally:
            conn.close()

    @staticmethod
    @contextlib.contextmanager
    def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
        """A read transaction: the statements inside see one state of the file (another
        session's commit lands either before or after all of them)."""
        conn.execute("BEGIN")
        try:
            yield
        finally:
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection | None]:
        """A connection inside a read transaction, or None when there is no file or no schema
        yet (nothing stored)."""
        with self._connect(write=False) as conn:
            if conn is None:
                yield None
                return
            with self._snapshot(conn):
                yield conn if self._check_schema(conn) else None

    def _check_schema(self, conn: sqlite3.Connection) -> bool:
        """Whether the schema is there (False: an empty database); raises for anything but
        this tool's schema.  Call inside a transaction."""
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
        if not tables and app == 0 and version == 0:
            return False
        if app != APPLICATION_ID or "corrections" not in tables:
            raise self._error("is a SQLite database but not a corrections file (tables: "
                              f"{', '.join(tables) or 'none'})")
        if version > SCHEMA_VERSION:
            raise self._error(f"was written by a newer version (schema {version}; this tool reads"
                              f" {SCHEMA_VERSION}): upgrade usmx-frames")
        if version < 1:
            raise self._error(f"has an unknown schema version {version}")
        have = {r[1] for r in conn.execute("PRAGMA table_info(corrections)")}
        missing = [c for c in _SQL_COLUMNS if c not in have]
        if missing:
            raise self._error(f"lacks column(s) {', '.join(missing)} (damaged schema)")
        return True

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``: one writer at a time, waiting up to the
        timeout), creating the schema on first use; committed on success, rolled back on
        any error."""
        with self._connect(write=True) as conn:
            assert conn is not None
            conn.execute("BEGIN IMMEDIATE")
            try:
                if not self._check_schema(conn):
                    for statement in _SCHEMA:  # (executescript would commit the transaction first)
                        conn.execute(statement)
                    conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?), (?, ?), (?, ?)",
                                 ("application", "usmx-frames analyst corrections", "schema_version",
                                  str(SCHEMA_VERSION), "created_utc", _now()))
                yield conn
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # ---- rows

    def _from_row(self, row: Sequence[Any]) -> Correction:
        d = dict(zip(_SQL_COLUMNS, row, strict=True))
        token = _READING.set(True)
        try:
            values = json.loads(d["values_json"] or "{}")
            original = json.loads(d["original_json"] or "{}")
            return Correction(
                id=int(d["id"]), kind=d["kind"], article_id=d["article_id"], start=int(d["span_start"]),
                end=int(d["span_end"]), cue_start=int(d["cue_start"]), cue_end=int(d["cue_end"]),
                verdict=d["verdict"], field=d["field"], value=d["value"], values=values, original=original,
                frame_id=d["frame_id"], who=d["who"], when=d["created_utc"], why=d["why"],
                withdrawn_when=d["withdrawn_utc"], withdrawn_who=d["withdrawn_by"], withdrawn_why=d["withdrawn_why"],
            )
        except (ValueError, TypeError) as exc:  # InvalidCorrectionError is a ValueError; bad JSON too
            raise self._error(f"correction #{d.get('id')} cannot be read ({exc})") from exc
        finally:
            _READING.reset(token)

    @staticmethod
    def _params(c: Correction, when: str) -> tuple[Any, ...]:
        return (c.kind, c.article_id, c.start, c.end, c.cue_start, c.cue_end, c.verdict, c.field, c.value,
                json.dumps(dict(c.values), ensure_ascii=False, sort_keys=True),
                json.dumps(dict(c.original), ensure_ascii=False, sort_keys=True),
                c.frame_id, c.who, when, c.why)

    def _insert(self, conn: sqlite3.Connection, c: Correction) -> int:
        if not isinstance(c, Correction):
            raise InvalidCorrectionError(f"not a Correction: {type(c).__name__}")
        if c.withdrawn_when:
            raise InvalidCorrectionError("a withdrawn correction cannot be added")
        cur = conn.execute(
            "INSERT INTO corrections (kind, article_id, span_start, span_end, cue_start, cue_end, verdict, field,"
            " value, values_json, original_json, frame_id, who, created_utc, why)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self._params(c, c.when or _now()))
        return int(cur.lastrowid or 0)

    def _select(self, conn: sqlite3.Connection, where: str = "", params: Sequence[Any] = ()) -> list[Correction]:
        rows = conn.execute(f"SELECT {', '.join(_SQL_COLUMNS)} FROM corrections {where} ORDER BY id", params)
        return [self._from_row(r) for r in rows]

    # ---- public

    def add(self, correction: Correction) -> Correction:
        """Store ``correction`` (in one transaction) and return it with its ``id`` and, when
        it had none, its ``when``."""
        return self.add_many([correction])[0]

    def add_many(self, corrections: Iterable[Correction]) -> builtins.list[Correction]:
        """Store several corrections in one transaction (all or none) and return them as
        stored."""
        items = builtins.list(corrections)
        with self._writing() as conn:
            ids = [self._insert(conn, c) for c in items]
            marks = ", ".join("?" * len(ids))
            stored = self._select(conn, f"WHERE id IN ({marks})", ids) if ids else []
        by_id = {c.id: c for c in stored}
        return [by_id[i] for i in ids]

    def list(self, *, include_withdrawn: bool = False) -> builtins.list[Correction]:
        """The corrections in force (with ``include_withdrawn``, every correction ever made),
        in the order they were made (by id)."""
        with self._reading() as conn:
            if conn is None:
                return []
            return self._select(conn, "" if include_withdrawn else "WHERE withdrawn_utc = ''")

    def all(self) -> builtins.list[Correction]:
        """Every correction ever made, withdrawn ones included, by id."""
        return self.list(include_withdrawn=True)

    def get(self, correction_id: int) -> Correction:
        """The correction with this id (withdrawn or not); raises InvalidCorrectionError when
        there is none."""
        with self._reading() as conn:
            found = self._select(conn, "WHERE id = ?", (int(correction_id),)) if conn is not None else []
        if not found:
            raise InvalidCorrectionError(f"{self.path}: there is no correction #{correction_id}")
        return found[0]

    def withdraw(self, correction_id: int, *, who: str, why: str = "") -> Correction:
        """Withdraw a correction: it stays in the file, marked withdrawn by ``who`` (now, for
        ``why``), and is no longer applied.  Raises InvalidCorrectionError when there is no
        such correction or it is already withdrawn."""
        if not isinstance(who, str) or not who.strip():
            raise InvalidCorrectionError("withdraw: who withdraws it must be given (who=...)")
        with self._writing() as conn:
            found = self._select(conn, "WHERE id = ?", (int(correction_id),))
            if not found:
                raise InvalidCorrectionError(f"{self.path}: there is no correction #{correction_id}")
            if found[0].withdrawn_when:
                raise InvalidCorrectionError(f"{self.path}: correction #{correction_id} was already withdrawn"
                                             f" by {found[0].withdrawn_who} at {found[0].withdrawn_when}")
            conn.execute("UPDATE corrections SET withdrawn_utc = ?, withdrawn_by = ?, withdrawn_why = ? WHERE id = ?",
                         (_now(), who.strip(), why, int(correction_id)))
            return self._select(conn, "WHERE id = ?", (int(correction_id),))[0]

    def check(self) -> None:
        """Raise :class:`~core.errors.CorrectionsFileError` when the file exists and cannot be
        read as a corrections file (every row is read and validated)."""
        self.all()


def _file_of(path: str | Path) -> Path:
    p = Path(path)
    return corrections_path(p) if p.is_dir() else p


def load_corrections(path: str | Path, *, include_withdrawn: bool = False) -> list[Correction]:
    """The corrections of a store (``path`` a store folder: the file beside it) or of a
    corrections file; none when there is no file.  Raises CorrectionsFileError."""
    return CorrectionStore(_file_of(path)).list(include_withdrawn=include_withdrawn)


def try_load_corrections(path: str | Path) -> tuple[list[Correction], CorrectionsFileError | None]:
    """As :func:`load_corrections` (the corrections in force), but a broken file gives no
    corrections and the error to report instead of raising, so that the caller can go on
    with the machine's frames."""
    try:
        return load_corrections(path), None
    except CorrectionsFileError as exc:
        return [], exc


# --------------------------------------------------------------------------- applying


@dataclass(frozen=True, slots=True)
class Orphan:
    """A correction that matched no frame: ``reason`` says why (the article is not in the
    frames, no frame has this span any more, or several do and the recorded values do not
    tell which)."""

    correction: Correction
    reason: str


@dataclass(frozen=True)
class ApplyReport:
    """What :func:`apply_corrections` did.

    ``applied``: ids of the corrections in effect on some frame (or that added one);
    ``superseded``: matched, but every effect overridden by later corrections of the same
    frame; ``found``: ``missed`` corrections whose frame the machine now codes itself (their
    values were applied to that frame instead of adding a copy); ``orphans``: matched no
    frame.  Counts per kind of the frames dropped, changed and added.  ``keep_events`` /
    ``keep_stances``: per row of the frames given, whether it is kept (False: a not_event /
    not_stance); with ``drop=False`` the rows are in the frames returned in the same order,
    so these are the masks to show.  ``added_events`` / ``added_stances``: the rows of the
    missed frames (appended to the frames returned unless ``append=False``)."""

    applied: tuple[int, ...] = ()
    superseded: tuple[int, ...] = ()
    found: tuple[int, ...] = ()
    orphans: tuple[Orphan, ...] = ()
    events_dropped: int = 0
    events_changed: int = 0
    events_added: int = 0
    stances_dropped: int = 0
    stances_changed: int = 0
    stances_added: int = 0
    keep_events: np.ndarray = dataclasses.field(default_factory=lambda: np.ones(0, dtype=bool))
    keep_stances: np.ndarray = dataclasses.field(default_factory=lambda: np.ones(0, dtype=bool))
    added_events: pd.DataFrame | None = None
    added_stances: pd.DataFrame | None = None

    def summary(self) -> str:
        """One line for people."""
        return (f"{len(self.applied)} correction(s) applied ({self.events_dropped} events and"
                f" {self.stances_dropped} stances dropped, {self.events_changed} events and {self.stances_changed}"
                f" stances changed, {self.events_added} events and {self.stances_added} stances added),"
                f" {len(self.superseded)} superseded, {len(self.orphans)} orphaned")


@dataclass(slots=True)
class _KindResult:
    frame: pd.DataFrame
    keep: np.ndarray
    added: pd.DataFrame | None
    applied: list[int]
    superseded: list[int]
    found: list[int]
    orphans: list[Orphan]
    dropped: int
    changed: int


def _is_cat(col: pd.Series) -> bool:
    return isinstance(col.dtype, pd.CategoricalDtype)


def _category_lut(cats: pd.Index, wanted: Sequence[str]) -> np.ndarray:
    """For each of the string categories ``cats`` the position of its value in ``wanted``
    (-1 when absent; the first of equal wanted values), plus a last slot -1 (what code -1, a
    missing value, reads).  Arrow strings are looked up by Arrow's hash join of the few
    wanted values (pandas' lookup of Arrow strings converts them to objects first: 2-3x
    slower for a store's hundred thousand article ids)."""
    arrow = getattr(cats.array, "__arrow_array__", None)
    if arrow is not None:
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = arrow()
        found = pc.index_in(arr, value_set=pa.array(builtins.list(wanted), type=arr.type))
        lut = np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
        return np.append(lut, -1)
    at = cats.get_indexer(pd.Index(builtins.list(wanted), dtype=cats.dtype))
    hit = np.flatnonzero(at >= 0)
    lut = np.full(len(cats) + 1, -1, dtype=np.int64)
    if len(hit):
        u, first = np.unique(at[hit], return_index=True)
        lut[u] = hit[first]
    return lut


def _index_in(col: pd.Series, wanted: Sequence[str]) -> np.ndarray:
    """For each row of ``col`` (article ids: Arrow strings, categorical or objects) the
    position of its value in ``wanted``, -1 when absent.  O(rows) in C, no Python per row."""
    n = len(col)
    if not n or not len(wanted):
        return np.full(n, -1, dtype=np.int64)
    if _is_cat(col):
        cats = col.cat.categories
        if pd.api.types.is_string_dtype(cats.dtype):
            lut = _category_lut(cats, wanted).astype(np.int32)
        else:
            lut = np.append(_index_in(pd.Series(cats), wanted), -1).astype(np.int32)
        return lut.take(col.array.codes)  # code -1 (missing) reads the last slot: -1
    arrow = getattr(col.array, "__arrow_array__", None)
    if arrow is not None and pd.api.types.is_string_dtype(col.dtype):
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = arrow()
        found = pc.index_in(arr, value_set=pa.array(builtins.list(wanted), type=arr.type))
        return np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
    return np.asarray(pd.Index(builtins.list(wanted)).get_indexer(pd.Index(col.astype(object))), dtype=np.int64)


def _strings_at(col: pd.Series, pos: np.ndarray) -> np.ndarray:
    """The values of ``col`` at the row positions ``pos`` as Python strings ("" for missing)."""
    if not len(pos):
        return np.empty(0, dtype=object)
    if _is_cat(col):
        codes = col.array.codes[pos]
        cats = col.cat.categories
        if not len(cats):
            return np.full(len(pos), "", dtype=object)
        table = np.append(np.asarray(cats.astype(object), dtype=object), "") if len(cats) <= 4 * len(pos) \
            else None
        if table is not None:
            return table[codes]  # code -1 reads ""
        out = np.asarray(cats.take(np.where(codes < 0, 0, codes)).astype(object), dtype=object)
        out[codes < 0] = ""
        return out
    if getattr(col.dtype, "storage", None) == "pyarrow" and pd.api.types.is_string_dtype(col.dtype):
        import pyarrow as pa

        taken = col.array.__arrow_array__().take(pa.array(pos, type=pa.int64())).to_pylist()
        return _object_array(["" if v is None else v for v in taken])
    vals = col.iloc[pos]
    if pd.api.types.is_string_dtype(vals.dtype) or vals.dtype == object:
        return np.array(vals.astype(object).where(vals.notna(), ""), dtype=object)  # (a copy: writable)
    return np.asarray([str(v) for v in vals.to_numpy()], dtype=object)


def _positions(cats: pd.Index, values: Sequence[str]) -> np.ndarray:
    """The position in ``cats`` (distinct strings) of each of the strings ``values``, -1 for
    those it lacks: a dict for a few categories (cheaper than pandas' lookup of Arrow
    strings), the index's own hash table for many."""
    if len(cats) <= 4096:
        code_of = {c: i for i, c in enumerate(cats.tolist())}
        return np.fromiter((code_of.get(v, -1) for v in values), dtype=np.int64, count=len(values))
    return np.asarray(cats.get_indexer(pd.Index(builtins.list(values), dtype=cats.dtype)), dtype=np.int64)


def _codes_in(cats: pd.Index, wanted: np.ndarray) -> np.ndarray:
    """The code in ``cats`` of each value of ``wanted`` (an object array), -2 for None and for
    values not among the categories (so that they equal no row, not even a missing one)."""
    if not len(wanted):
        return np.empty(0, dtype=np.int64)
    inv, uniq = pd.factorize(wanted)  # (None: -1)
    lut = np.full(len(uniq) + 1, -2, dtype=np.int64)
    if len(uniq):
        if pd.api.types.is_string_dtype(cats.dtype) and all(isinstance(u, str) for u in uniq.tolist()):
            at = _positions(cats, uniq.tolist())
        else:
            code_of = {c: i for i, c in enumerate(cats.tolist())}
            at = np.asarray([code_of.get(u, -2) for u in uniq.tolist()], dtype=np.int64)
        lut[:-1] = np.where(at >= 0, at, -2)
    return lut[inv]


def _equal_at(col: pd.Series, pos: np.ndarray, wanted: Sequence[Any] | np.ndarray) -> np.ndarray:
    """Whether ``col`` at the row positions ``pos`` equals ``wanted`` (strings; None never
    equals), elementwise; a categorical is compared by its codes."""
    want = np.empty(len(pos), dtype=object)
    want[:] = wanted
    if _is_cat(col):
        return np.asarray(col.array.codes[pos] == _codes_in(col.cat.categories, want))
    vals = _strings_at(col, pos)
    return np.asarray(vals == want, dtype=bool)



def _union_categories(cats: pd.Index, extra: Iterable[Any]) -> tuple[pd.Index, np.ndarray | None]:
    """``cats`` with the values of ``extra`` it lacks (kept sorted when it was sorted), and
    how to recode the old codes (None: unchanged)."""
    wanted = extra if isinstance(extra, pd.Index) else pd.Index(builtins.list(dict.fromkeys(extra)), dtype=cats.dtype)
    new = wanted[cats.get_indexer(wanted) < 0] if len(cats) else wanted
    if not len(new):
        return cats, None
    grown = cats.append(new)
    if not cats.is_monotonic_increasing:
        return grown, None
    try:
        merged = grown.sort_values()
    except TypeError:
        return grown, None
    return merged, merged.get_indexer(cats)


def _code_dtype(n_categories: int) -> type[np.signedinteger[Any]]:
    for dt in (np.int8, np.int16, np.int32):
        if n_categories < np.iinfo(dt).max:
            return dt
    return np.int64


def _set_at(df: pd.DataFrame, name: str, pos: np.ndarray, values: Sequence[Any] | np.ndarray) -> None:
    """Set column ``name`` of ``df`` at row positions ``pos`` (unique) to ``values``, keeping
    its dtype; a categorical gains the categories it lacks.  Replaces the column (the frame
    the caller gave, of which ``df`` is a shallow copy, is not modified)."""
    col = df[name]
    if _is_cat(col) and pd.api.types.is_string_dtype(col.cat.categories.dtype):
        old = col.cat.categories
        raw = values if isinstance(values, np.ndarray) and values.dtype == object else _object_array(builtins.list(values))
        inv, uniq = pd.factorize(raw)
        given = uniq.tolist()
        if not all(isinstance(u, str) for u in given) or (inv < 0).any():  # (text them one by one)
            inv, uniq = pd.factorize(_object_array([str(v) for v in values]))
            given = [str(u) for u in uniq]
        at = _positions(old, given)
        codes = col.array.codes
        dtype: Any = col.dtype
        if (at < 0).any():
            names = old.tolist()
            merged = names + [g for g, a in zip(given, at.tolist(), strict=True) if a < 0]
            if old.is_monotonic_increasing:
                with contextlib.suppress(TypeError):
                    merged = sorted(merged)
            cats = pd.Index(merged, dtype=old.dtype)
            dtype = pd.CategoricalDtype(cats, ordered=col.cat.ordered)
            remap = _positions(cats, names)
            code_type = _code_dtype(len(cats))
            if np.array_equal(remap, np.arange(len(old))):  # (the old categories kept their codes)
                codes = codes.astype(code_type, copy=True)
            else:
                codes = np.append(remap, -1).astype(code_type).take(codes)
            at = _positions(cats, given)
        else:
            codes = codes.astype(_code_dtype(len(old)), copy=True)
        codes[pos] = at[inv]
        df[name] = pd.Categorical.from_codes(codes, dtype=dtype, validate=False)
        return
    if _is_cat(col):
        old = col.cat.categories
        names = old.tolist()
        code_of = {c: i for i, c in enumerate(names)}
        given = [str(v) for v in values]
        lacking = [v for v in dict.fromkeys(given) if v not in code_of]
        codes = col.cat.codes.to_numpy()
        cats = old
        if lacking:
            merged = names + lacking
            if old.is_monotonic_increasing:
                with contextlib.suppress(TypeError):
                    merged = sorted(merged)
            cats = pd.Index(merged, dtype=old.dtype)
            code_of = {c: i for i, c in enumerate(merged)}
            remap = np.fromiter((code_of[c] for c in names), dtype=np.int64, count=len(names))
            codes = np.append(remap, -1).astype(_code_dtype(len(cats)))[codes]
        else:
            codes = codes.astype(_code_dtype(len(cats)), copy=True)
        codes[pos] = np.fromiter((code_of[v] for v in given), dtype=np.int64, count=len(given))
        dtype = pd.CategoricalDtype(cats, ordered=col.cat.ordered)
        df[name] = pd.Series(pd.Categorical.from_codes(codes, dtype=dtype, validate=False), index=df.index, name=name)
        return
    if pd.api.types.is_numeric_dtype(col.dtype) and not pd.api.types.is_bool_dtype(col.dtype):
        arr = col.to_numpy(copy=True)
        arr[pos] = np.asarray(values, dtype=arr.dtype)
        if isinstance(col.dtype, np.dtype) and arr.dtype == col.dtype:
            df[name] = arr
        else:
            df[name] = pd.Series(arr, index=df.index, name=name, dtype=col.dtype)
        return
    arrow = getattr(col.array, "__arrow_array__", None)
    if arrow is not None and pd.api.types.is_string_dtype(col.dtype):
        import pyarrow as pa

        chunked = arrow()
        if isinstance(chunked, pa.Array):
            chunked = pa.chunked_array([chunked])
        # one take over the column and the new values (Arrow arrays are immutable: a new
        # column either way, and this is the quickest way to it)
        merged = pa.chunked_array([*chunked.chunks, pa.array([str(v) for v in values], type=chunked.type)])
        index = np.arange(len(col), dtype=np.int64)
        index[pos] = len(col) + np.arange(len(pos), dtype=np.int64)
        df[name] = pd.Series(pd.array(merged.take(pa.array(index)), dtype=col.dtype), index=df.index, name=name)
        return
    out = col.copy()
    out.iloc[pos] = builtins.list(values)
    df[name] = out


def _label_column(n: int, index: pd.Index, pos: np.ndarray, labels: Sequence[str] | np.ndarray, *,
                  sort: bool = True) -> pd.Series:
    """A categorical column of ``n`` rows: ``labels`` at ``pos``, "" elsewhere (categories
    sorted, unless ``sort`` is false: then "" and the labels in order of appearance)."""
    if not len(pos):
        dtype = pd.CategoricalDtype(pd.Index([""], dtype="string"))
        return pd.Series(pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), dtype=dtype, validate=False),
                         index=index)
    fcodes, uniq = pd.factorize(np.asarray(labels, dtype=object))
    names = [str(u) for u in uniq]
    if sort:
        ordered = [""] + sorted(u for u in names if u != "")
        cats = pd.Index(ordered, dtype="string")
        code_of = {u: i for i, u in enumerate(ordered)}
        lut = np.fromiter((code_of[u] for u in names), dtype=np.int64, count=len(names))
    else:
        cats = pd.Index(["", *names], dtype="string")
        lut = np.arange(1, len(names) + 1)
    codes = np.zeros(n, dtype=_code_dtype(len(cats)))
    codes[pos] = lut[fcodes]
    dtype = pd.CategoricalDtype(cats)
    return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype, validate=False), index=index)


def _group_starts(pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first index and the length of each run of equal values of the sorted ``pos``."""
    starts = np.flatnonzero(np.r_[True, pos[1:] != pos[:-1]]) if len(pos) else np.empty(0, dtype=np.int64)
    return starts, np.diff(np.r_[starts, len(pos)]).astype(np.int64)


def _join_runs(pos: np.ndarray, texts: np.ndarray, sep: str, *, unique: bool = False
               ) -> tuple[np.ndarray, np.ndarray]:
    """Per distinct value of the sorted ``pos``, its ``texts`` joined by ``sep`` (in order;
    ``unique``: each text once); a Python step only for the values with several texts."""
    if not len(pos):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
    starts, counts = _group_starts(pos)
    out = texts[starts].astype(object)
    for g in np.flatnonzero(counts > 1).tolist():
        part = texts[starts[g]:starts[g] + counts[g]].tolist()
        out[g] = sep.join(dict.fromkeys(part) if unique else part)
    return pos[starts], out


def _sort_pairs(major: np.ndarray, minor: np.ndarray) -> np.ndarray:
    """The indices that sort the pairs (``major``, ``minor``) of non-negative integers: one
    argsort of a packed int64 key (several times quicker than ``np.lexsort`` on 10k pairs),
    lexsort when the key would not fit."""
    a, b = major.astype(np.int64), minor.astype(np.int64)
    if not len(a):
        return np.empty(0, dtype=np.int64)
    span = int(b.max()) + 1
    if a.min() >= 0 and b.min() >= 0 and int(a.max()) < np.iinfo(np.int64).max // span:
        return np.argsort(a * span + b, kind="stable")
    return np.lexsort((b, a))


def _last_per(pos: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Indices of the entries with the largest ``order`` for each distinct ``pos``, sorted by
    pos (the latest correction of each frame)."""
    if not len(pos):
        return np.empty(0, dtype=np.int64)
    idx = _sort_pairs(pos, order)
    p = pos[idx]
    last = np.r_[p[1:] != p[:-1], True]
    return idx[last]


def _first_per(k: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Indices of the entries with the smallest ``pos`` for each distinct ``k``."""
    if not len(k):
        return np.empty(0, dtype=np.int64)
    idx = _sort_pairs(k, pos)
    kk = k[idx]
    return idx[np.r_[True, kk[1:] != kk[:-1]]]


def _dyads(c1: np.ndarray, c2: np.ndarray, actor2: np.ndarray) -> np.ndarray:
    """The dyad rule of the coder (core.code), elementwise: non-state when one side is NS, gov
    between two countries, else domestic (also without a target)."""
    gov = (c1 != "") & (c2 != "") & (c1 != c2)
    out = np.where((c1 == "NS") | (c2 == "NS"), "nonstate", np.where(gov, "gov", "domestic")).astype(object)
    out[actor2 == ""] = "domestic"
    return out


def _dyad(c1: str, c2: str, actor2: str) -> str:
    """:func:`_dyads` of one event."""
    if not actor2:
        return "domestic"
    if "NS" in (c1, c2):
        return "nonstate"
    return "gov" if c1 and c2 and c1 != c2 else "domestic"


def _order(corrections: Sequence[Correction]) -> list[Correction]:
    """The active corrections in the order they take effect: stored ones by id, then the
    ones not stored yet (id 0) in the order given."""
    active = [c for c in corrections if not c.withdrawn_when]  # (c.active, without a call per correction)
    ids = np.fromiter((c.id for c in active), dtype=np.int64, count=len(active))
    if len(ids) < 2 or (ids[0] > 0 and bool((np.diff(ids) > 0).all())):
        return active
    return [active[i] for i in np.lexsort((np.arange(len(ids)), ids, ids <= 0)).tolist()]


def _rows_in(col: pd.Series, wanted: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The row positions of ``col`` whose value is one of ``wanted`` (distinct), and for each
    the position of its value in ``wanted`` (:func:`_index_in` at those rows only)."""
    if _is_cat(col) and pd.api.types.is_string_dtype(col.cat.categories.dtype) and len(col) and len(wanted):
        lut = _category_lut(col.cat.categories, wanted)
        codes = col.array.codes
        rows = np.flatnonzero((lut >= 0)[codes])  # (a boolean pass over the rows, then the few)
        return rows, lut[codes[rows]]
    where = _index_in(col, wanted)
    rows = np.flatnonzero(where >= 0)
    return rows, where[rows]


def _span_pairs(fa: np.ndarray, cand: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                ka: np.ndarray, ks: np.ndarray, ke: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (row position, correction index) with the same article, start and end (``fa``:
    the article of each candidate row ``cand``, an index into the corrections' ``ka``): one
    hash join on a packed integer key (three-column join when the key does not fit)."""
    a = fa.astype(np.int64)  # (int64 before packing: an int32 shift would wrap)
    s, e = starts[cand].astype(np.int64), ends[cand].astype(np.int64)
    ka, ks, ke = ka.astype(np.int64), ks.astype(np.int64), ke.astype(np.int64)
    if not len(cand) or not len(ka):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    top_s = int(max(s.max(), ks.max())) + 1
    top_d = int(max((e - s).max(), (ke - ks).max())) + 1
    bits_a, bits_s, bits_d = int(ka.max() + 1).bit_length(), top_s.bit_length(), top_d.bit_length()
    if min(s.min(), ks.min()) >= 0 and min((e - s).min(), (ke - ks).min()) >= 0 and bits_a + bits_s + bits_d <= 62:
        left = (a << (bits_s + bits_d)) | (s << bits_d) | (e - s)
        right = (ka << (bits_s + bits_d)) | (ks << bits_d) | (ke - ks)
    else:  # (a key too wide to pack: rank the triples instead)
        both = pd.MultiIndex.from_arrays([np.r_[a, ka], np.r_[s, ks], np.r_[e, ke]])
        codes = pd.factorize(both)[0].astype(np.int64)
        left, right = codes[:len(a)], codes[len(a):]
    # the frames' keys looked up among the corrections' distinct keys (a hash table of the
    # smaller side), each found key giving its run of corrections in key order
    order = np.argsort(right, kind="stable")
    sorted_right = right[order]
    starts = np.flatnonzero(np.r_[True, sorted_right[1:] != sorted_right[:-1]])
    runs = np.diff(np.r_[starts, len(sorted_right)])
    at = pd.Index(sorted_right[starts]).get_indexer(left)
    rows = np.flatnonzero(at >= 0)
    if not len(rows):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    lo, count = starts[at[rows]], runs[at[rows]]
    total = int(count.sum())
    within = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    return cand[np.repeat(rows, count)], order[np.repeat(lo, count) + within].astype(np.int64)


def _object_array(values: Sequence[Any], shape: tuple[int, ...] | None = None) -> np.ndarray:
    """``values`` as an object array (never a nested one)."""
    out = np.empty(shape if shape is not None else len(values), dtype=object)
    if len(values):
        out[:] = values
    return out


@dataclass(frozen=True, eq=False)
class KindCorrections:
    """The active corrections of one kind in the order they take effect (so an index into
    them is also their order), as the arrays :func:`apply_corrections` reads: made by
    :func:`prepare_corrections`, read-only."""

    items: tuple[Correction, ...]
    #: per correction: verdict (objects), id, start, end, cue_start, cue_end, whether missed
    verdict: np.ndarray
    ids: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    cue_starts: np.ndarray
    cue_ends: np.ndarray
    is_missed: np.ndarray
    #: the id as text, per correction
    id_texts: np.ndarray
    #: per correction, the index of its article in ``articles`` (its distinct article ids)
    article: np.ndarray
    articles: tuple[str, ...]
    #: the (column, value) pairs of every correction one after another: the pairs of
    #: correction k are ``item_start[k] : item_start[k] + item_count[k]``; ``item_column`` an
    #: index into ``columns``
    item_start: np.ndarray
    item_count: np.ndarray
    item_column: np.ndarray
    item_value: np.ndarray
    #: ``item_value`` as text
    item_text: np.ndarray
    columns: tuple[str, ...]
    #: per correction, its recorded values of :data:`MATCH_COLUMNS` (None: not recorded) and
    #: its values of :data:`FOUND_COLUMNS` as text ("" when not given)
    recorded: np.ndarray
    found_values: np.ndarray
    #: ``recorded`` as codes, per column: an index into ``recorded_values[column]``, -1 for None
    recorded_code: np.ndarray
    recorded_values: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, kind: str, items: Sequence[Correction]) -> KindCorrections:
        """The arrays of ``items`` (active corrections of ``kind``, in the order they take
        effect)."""
        nk = len(items)
        numbers = np.fromiter(chain.from_iterable(c.numbers for c in items), dtype=np.int64,
                              count=5 * nk).reshape(nk, 5)
        n_match, n_found = len(MATCH_COLUMNS[kind]), len(FOUND_COLUMNS[kind])
        found_values = np.full((nk, n_found), "", dtype=object)
        missed = [i for i, c in enumerate(items) if c.verdict == "missed"]
        if missed:
            found_values[missed] = _object_array([tuple(str(items[i].values.get(col, "")) for col in
                                                        FOUND_COLUMNS[kind]) for i in missed], (len(missed), n_found))
        verdict = _object_array([c.verdict for c in items])
        article, uniq = pd.factorize(_object_array([c.article_id for c in items]))
        sets = [c.column_items for c in items]
        count = np.fromiter(map(len, sets), dtype=np.int64, count=nk)
        flat = builtins.list(chain.from_iterable(sets))
        item_names, item_values = (builtins.list(x) for x in zip(*flat, strict=True)) if flat else ([], [])
        column, names = pd.factorize(_object_array(item_names))
        recorded = _object_array(builtins.list(chain.from_iterable(c.recorded for c in items))).reshape(nk, n_match)
        recorded_code = np.full((nk, n_match), -1, dtype=np.int64)
        recorded_values: list[tuple[str, ...]] = []
        for j in range(n_match):
            if nk:
                codes, uniq_j = pd.factorize(recorded[:, j])
                recorded_code[:, j] = codes
                recorded_values.append(tuple(str(u) for u in uniq_j.tolist()))
            else:
                recorded_values.append(())
        return cls(
            items=tuple(items), verdict=verdict, ids=numbers[:, 0].copy(), starts=numbers[:, 1].copy(),
            ends=numbers[:, 2].copy(), cue_starts=numbers[:, 3].copy(), cue_ends=numbers[:, 4].copy(),
            is_missed=np.asarray(verdict == "missed", dtype=bool),
            id_texts=_object_array(builtins.list(map(str, numbers[:, 0].tolist()))),
            article=np.asarray(article, dtype=np.int64), articles=tuple(str(a) for a in uniq),
            item_start=np.cumsum(count) - count, item_count=count, item_column=np.asarray(column, dtype=np.int64),
            item_value=_object_array(item_values),
            item_text=_object_array(builtins.list(map(str, item_values))), columns=tuple(str(x) for x in names),
            recorded=recorded, found_values=found_values, recorded_code=recorded_code,
            recorded_values=tuple(recorded_values),
        )


@dataclass(frozen=True, eq=False)
class PreparedCorrections:
    """Corrections made ready for :func:`apply_corrections` by :func:`prepare_corrections`:
    the active ones in the order they take effect (``corrections``) and, per kind, the arrays
    read when applying them (``by_kind``).  Give it to :func:`apply_corrections` in place of
    the list to apply the same corrections to several frames (or the same frames again)
    without going over every correction each time; it does not change when the corrections
    file does: prepare again after adding or withdrawing corrections."""

    corrections: tuple[Correction, ...]
    by_kind: Mapping[str, KindCorrections]

    def __len__(self) -> int:
        return len(self.corrections)


def prepare_corrections(corrections: Sequence[Correction] | PreparedCorrections) -> PreparedCorrections:
    """``corrections`` made ready for :func:`apply_corrections`: the withdrawn ones left out,
    the others in the order they take effect (see :func:`apply_corrections`), each kind's as
    arrays.  Given a :class:`PreparedCorrections`, returns it."""
    if isinstance(corrections, PreparedCorrections):
        return corrections
    ordered = _order(corrections)
    return PreparedCorrections(
        corrections=tuple(ordered),
        by_kind={k: KindCorrections.of(k, [c for c in ordered if c.kind == k]) for k in KINDS})


def _pick(pos: np.ndarray, k: np.ndarray, kind: str, df: pd.DataFrame, prep: KindCorrections
          ) -> tuple[np.ndarray, np.ndarray, set[int]]:
    """From candidate (pos, k) pairs, one frame per correction k: the only candidate, else
    the candidates whose values equal the correction's recorded ``original`` ones (the first
    of them when several are equal); ks left with several candidates and nothing recorded to
    tell them apart are returned as ambiguous."""
    if not len(k):
        return pos, k, set()
    counts = np.bincount(k, minlength=len(prep.items))
    multi = counts[k] > 1
    if not multi.any():
        return pos, k, set()
    mp, mk = pos[multi], k[multi]
    ok = np.ones(len(mk), dtype=bool)
    recorded = np.zeros(len(mk), dtype=bool)
    for j, col in enumerate(MATCH_COLUMNS[kind]):
        if col not in df.columns:
            continue
        rc = prep.recorded_code[mk, j]
        have = rc >= 0
        if not have.any():
            continue
        column = df[col]
        if _is_cat(column):  # (the distinct recorded values looked up once, compared as codes)
            lut = np.append(_codes_in(column.cat.categories, _object_array(prep.recorded_values[j])), -2)
            equal = column.array.codes[mp] == lut[rc]
        else:
            equal = _equal_at(column, mp, prep.recorded[mk, j])
        ok &= ~have | equal
        recorded |= have
    sel = ok & recorded
    first = _first_per(mk[sel], mp[sel])
    cp, ck = mp[sel][first], mk[sel][first]
    ambiguous = set(np.unique(mk).tolist()) - set(ck.tolist())
    return np.r_[pos[~multi], cp], np.r_[k[~multi], ck], ambiguous



def _new_rows(kind: str, corrs: Sequence[Correction], articles: pd.DataFrame | None, *,
              rows: np.ndarray | None = None) -> pd.DataFrame:
    """The frame rows of ``missed`` corrections (contract columns and dtypes), dated from
    their articles' rows in ``articles`` unless their values give dates; ``rows``: the row
    position in ``articles`` of each correction's article (the first with its id; -1: none),
    when the caller has looked them up."""
    from core import cameo

    m = len(corrs)
    art: dict[str, np.ndarray] = {}
    if articles is not None and len(articles) and m:
        if rows is None:
            wanted = builtins.list(dict.fromkeys(c.article_id for c in corrs))
            first = _first_rows(articles["article_id"], wanted)
            lookup = dict(zip(wanted, first.tolist(), strict=True))
            rows = np.asarray([lookup[c.article_id] for c in corrs], dtype=np.int64)
        have = rows >= 0
        names = ["published", "date_low", "date_high", "date_precision", "us_admin", "mx_admin"]
        if kind == "stance":
            names.append("text")
        for col in names:
            if col in articles.columns:
                vals = np.full(m, "", dtype=object)
                vals[have] = _strings_at(articles[col], rows[have])
                art[col] = vals
    else:
        rows = np.full(m, -1, dtype=np.int64)
    has_art = rows >= 0
    spec = schema.FRAMES[_FRAME[kind]]
    data: dict[str, list[Any]] = {col: [None] * m for col in spec}
    data[_ID[kind]] = [f"corr-{c.id}" for c in corrs]
    data["article_id"] = [c.article_id for c in corrs]
    data["start"] = [c.start for c in corrs]
    data["end"] = [c.end for c in corrs]
    data["confidence"] = [1.0] * m
    data["explanation"] = [f"added by {c.who} ({c.when}): {c.why}".rstrip(": ") for c in corrs]
    infos: dict[tuple[str, str], Any] = {}
    for i, c in enumerate(corrs):
        v = c.values
        dated = bool(has_art[i])
        if kind == "event":
            key = (str(v["action"]), str(v["polarity"]))
            info = infos.get(key)
            if info is None:
                try:
                    info = infos[key] = cameo.info(*key)
                except KeyError:  # an action cameo.tsv no longer has (read back from an old file)
                    info = infos[key] = cameo.ActionInfo(key[0], key[1], "", "", "", 0.0, "", "")
            data["cue_start"][i] = c.cue_start if c.cue_start >= 0 else c.start
            data["cue_end"][i] = c.cue_end if c.cue_end >= 0 else c.end
            data["intensity"][i] = info.intensity
            data["cameo_root"][i] = info.cameo_root
            data["quad_class"][i] = info.quad_class
            data["modality"][i] = "asserted"
            for col in ("actor1_start", "actor1_end", "actor2_start", "actor2_end"):
                data[col][i] = -1
            data["dyad"][i] = _dyad(str(v.get("country1", "")), str(v.get("country2", "")), str(v.get("actor2", "")))
            if dated and art and not ("date" in v or "date_low" in v or "date_high" in v):
                pub = art["published"][i]
                data["date"][i] = pub
                data["date_low"][i] = art["date_low"][i]
                data["date_high"][i] = art["date_high"][i]
                data["date_precision"][i] = art["date_precision"][i] or ("day" if pub else "none")
        else:
            if dated and "text" in art and "quote" not in v:
                data["quote"][i] = str(art["text"][i])[c.start:c.end]
            if dated and "published" in art and "date" not in v:
                data["date"][i] = art["published"][i]
        if dated and art and not ("us_admin" in v or "mx_admin" in v):
            data["us_admin"][i] = art["us_admin"][i]
            data["mx_admin"][i] = art["mx_admin"][i]
        for col, value in v.items():
            data[col][i] = value
    return _frame_of_columns(_FRAME[kind], data)


def _frame_of_columns(name: str, data: dict[str, list[Any]]) -> pd.DataFrame:
    """Frame ``name`` from column lists (``None`` = the column's default)."""
    spec = schema.FRAMES[name]
    defaults = {"string": "", "int64": 0, "float64": 0.0, "bool": False}
    cols: dict[str, Any] = {}
    blank: dict[str, Any] = {}  # per dtype, a column of defaults (each column gets its own copy)
    for col, dtype in spec.items():
        vals = data.get(col) or []
        dt: Any = dtype
        nulls = vals.count(None)
        if nulls and nulls == len(vals):
            if dtype not in blank:
                blank[dtype] = pd.array([defaults[dtype]] * len(vals), dtype=dt)
            cols[col] = blank[dtype].copy()
            continue
        if nulls:
            vals = [defaults[dtype] if v is None else v for v in vals]
        cols[col] = _column_array(vals, dtype)  # (arrays, not Series: no index alignment)
    return pd.DataFrame(cols)


def _column_array(vals: list[Any], dtype: str) -> Any:
    """``vals`` as an array of the contract's ``dtype``: strings through one Arrow array (a
    third of the time of pandas' own conversion) when they all are strings; everything else
    through pandas' conversion (which texts or refuses other values as it always did)."""
    import pyarrow as pa

    if dtype == "string":
        try:
            return pd.array(pa.array(vals, type=pa.large_string()), dtype="string")
        except pa.ArrowException:  # (a value that is not a string: pandas texts it)
            pass
    dt: Any = dtype
    return pd.array(vals, dtype=dt)


def _default_for(col: pd.Series) -> Any:
    if _is_cat(col) or pd.api.types.is_string_dtype(col.dtype):
        return ""
    if pd.api.types.is_bool_dtype(col.dtype):
        return False
    if pd.api.types.is_integer_dtype(col.dtype):
        return 0
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        return pd.NaT
    return np.nan


def _append(base: pd.DataFrame, new: pd.DataFrame, id_col: str, *, fresh_index: bool) -> pd.DataFrame:
    """``new`` rows appended to ``base``, in ``base``'s columns and dtypes (categoricals gain
    the categories the new rows need, instead of turning into objects)."""
    new = new.copy()
    for col in base.columns:
        if col not in new.columns:
            new[col] = _default_for(base[col])
    new = new[builtins.list(base.columns)]
    base = base.copy(deep=False)
    for col in base.columns:
        b = base[col]
        if _is_cat(b):
            vals = [("" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)) for v in new[col]]
            cats, remap = _union_categories(b.cat.categories, vals)
            if remap is not None or len(cats) != len(b.cat.categories):
                codes = b.cat.codes.to_numpy()
                codes = np.append(remap, -1)[codes] if remap is not None else codes
                dtype = pd.CategoricalDtype(cats, ordered=b.cat.ordered)
                base[col] = pd.Series(pd.Categorical.from_codes(codes, dtype=dtype, validate=False), index=base.index,
                                      name=col)
            cat_dtype: Any = base[col].dtype
            new[col] = pd.Categorical(vals, dtype=cat_dtype)
        else:
            with contextlib.suppress(TypeError, ValueError):
                new[col] = new[col].astype(b.dtype)
    if fresh_index:
        return pd.concat([base, new], ignore_index=True)
    labels = new[id_col].astype(str).tolist() if id_col in new.columns else [f"corr-{i}" for i in range(len(new))]
    new.index = pd.Index(labels, dtype=base.index.dtype if base.index.dtype != np.int64 else object)
    return pd.concat([base, new])


def _first_rows(col: pd.Series, wanted: Sequence[str]) -> np.ndarray:
    """For each of the distinct ``wanted`` values, the first row position of ``col`` that holds
    it, -1 when none does."""
    where = _index_in(col, wanted)
    rows = np.flatnonzero(where >= 0)
    first = np.full(len(wanted), -1, dtype=np.int64)
    if len(rows):
        u, at = np.unique(where[rows], return_index=True)
        first[u] = rows[at]
    return first


def _apply_kind(kind: str, df: pd.DataFrame, prep: KindCorrections, *, articles: pd.DataFrame | None,
                drop: bool, append: bool,
                prepare: Callable[[str, pd.DataFrame], pd.DataFrame] | None) -> _KindResult:
    """:func:`apply_corrections` for one kind; ``prep`` holds the active corrections of that
    kind in the order they take effect (so an index into them is also their order)."""
    items = prep.items
    n, nk = len(df), len(items)
    not_frame = NOT_FRAME[kind]
    verdict, ids, ks, ke, kcs, kce = prep.verdict, prep.ids, prep.starts, prep.ends, prep.cue_starts, prep.cue_ends
    is_missed, ka, ua = prep.is_missed, prep.article, prep.articles
    if n and nk:
        cand, fa = _rows_in(df["article_id"], ua)  # (the rows on the corrections' articles)
    else:
        cand, fa = np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    pos_all, k_all = _span_pairs(fa, cand, df["start"].to_numpy(), df["end"].to_numpy(), ka, ks, ke)

    # on-frame corrections: level 1 (events with a recorded cue span): the same cue span too;
    # level 2: the span alone, among the frames and corrections level 1 did not pair
    on = ~is_missed[k_all]
    pos_on, k_on = pos_all[on], k_all[on]
    chosen_k = np.zeros(nk, dtype=bool)
    taken = np.zeros(n, dtype=bool)
    m_pos: list[np.ndarray] = []
    m_k: list[np.ndarray] = []
    ambiguous: set[int] = set()
    if kind == "event" and {"cue_start", "cue_end"} <= set(df.columns) and len(k_on):
        same = (kcs[k_on] >= 0) & (df["cue_start"].to_numpy()[pos_on] == kcs[k_on]) \
            & (df["cue_end"].to_numpy()[pos_on] == kce[k_on])
        p1, k1, amb = _pick(pos_on[same], k_on[same], kind, df, prep)
        chosen_k[k1] = True
        taken[p1] = True
        m_pos.append(p1)
        m_k.append(k1)
        ambiguous |= amb
    rest = ~chosen_k[k_on] & ~taken[pos_on]
    p2, k2, amb = _pick(pos_on[rest], k_on[rest], kind, df, prep)
    chosen_k[k2] = True
    m_pos.append(p2)
    m_k.append(k2)
    ambiguous = (ambiguous - set(k2.tolist())) | amb
    mpos, mk = np.concatenate(m_pos), np.concatenate(m_k)

    # articles known to exist (for orphans' reasons and for missed frames), and the row in
    # ``articles`` of each article of a missed frame (one lookup for both)
    present = np.zeros(len(ua), dtype=bool)
    present[fa] = True
    art_row = np.full(len(ua), -1, dtype=np.int64)
    if articles is not None and len(articles) and nk:
        look = np.zeros(len(ua), dtype=bool)
        look[~present] = True
        look[ka[is_missed]] = True
        wanted = np.flatnonzero(look)
        if len(wanted):
            art_row[wanted] = _first_rows(articles["article_id"], [ua[i] for i in wanted.tolist()])
            present[art_row >= 0] = True
    orphans: list[Orphan] = []
    for i in np.flatnonzero(~chosen_k & ~is_missed).tolist():
        c = items[i]
        if not present[ka[i]]:
            reason = "the article is not in the frames"
        elif i in ambiguous:
            reason = "several frames share this span and the recorded values do not tell which"
        else:
            reason = f"no {kind} has this span any more"
        orphans.append(Orphan(c, reason))

    # missed frames the machine now codes (same span and FOUND_COLUMNS): applied to that frame
    fpos, fk = pos_all[~on], k_all[~on]
    if len(fk):
        ok = np.ones(len(fk), dtype=bool)
        for j, col in enumerate(FOUND_COLUMNS[kind]):
            ok &= _equal_at(df[col], fpos, prep.found_values[fk, j])
        first = _first_per(fk[ok], fpos[ok])
        fpos, fk = fpos[ok][first], fk[ok][first]
    found_k = np.zeros(nk, dtype=bool)
    found_k[fk] = True
    add_k = np.flatnonzero(is_missed & ~found_k)
    if articles is not None:
        for i in add_k[~present[ka[add_k]]].tolist():
            orphans.append(Orphan(items[i], "the article is not in the frames"))
        add_k = add_k[present[ka[add_k]]]

    # effects, the latest correction winning per frame and column: first whether the frame
    # exists (not_event / not_stance: no), then the columns
    epos, ek = np.r_[mpos, fpos].astype(np.int64), np.r_[mk, fk].astype(np.int64)
    last = _last_per(epos, ek)
    win_pos, win_k = [epos[last]], [ek[last]]
    dropped_pos = epos[last][verdict[ek[last]] == not_frame]
    keep = np.ones(n, dtype=bool)
    keep[dropped_pos] = False
    lens = prep.item_count[ek]
    total = int(lens.sum())
    # the (column, value) pairs of the corrections ek, one after another
    flat = np.repeat(prep.item_start[ek] - (np.cumsum(lens) - lens), lens) + np.arange(total, dtype=np.int64)
    cpos, ck = np.repeat(epos, lens), np.repeat(ek, lens)
    name_codes, vals = prep.item_column[flat], prep.item_value[flat]
    alive = keep[cpos] if len(cpos) else np.zeros(0, dtype=bool)
    final: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    m_texts: list[tuple[np.ndarray, np.ndarray]] = []
    present_codes, first_at = np.unique(name_codes, return_index=True)
    for code in present_codes[np.argsort(first_at, kind="stable")].tolist():  # (in order of appearance)
        col = prep.columns[code]
        if col not in df.columns:
            continue
        sel = alive & (name_codes == code)
        w = _last_per(cpos[sel], ck[sel])
        p, k_, v = cpos[sel][w], ck[sel][w], vals[sel][w]
        win_pos.append(p)
        win_k.append(k_)
        old = _strings_at(df[col], p)
        diff = old != prep.item_text[flat[sel][w]]
        if diff.any():
            final[col] = (p[diff], v[diff])
            m_texts.append((p[diff], f"{col}=" + old[diff]))
    if kind == "event":
        _derive_event_columns(df, final, m_texts)
    out = df.copy(deep=False)
    for col, (p, v) in final.items():
        _set_at(out, col, p, v)

    # labels: the verdicts and ids in effect per frame, and the machine's replaced values
    wp, wk = np.concatenate(win_pos), np.concatenate(win_k)
    both = np.unique(wp * max(nk, 1) + wk)
    pairs = np.c_[both // max(nk, 1), both % max(nk, 1)] if len(both) else np.empty((0, 2), dtype=np.int64)
    lp, lab_verdict = _join_runs(pairs[:, 0], verdict[pairs[:, 1]], ",", unique=True)
    _, lab_ids = _join_runs(pairs[:, 0], prep.id_texts[pairs[:, 1]], ",")
    out["correction"] = _label_column(n, out.index, lp, lab_verdict)
    out["correction_ids"] = _label_column(n, out.index, lp, lab_ids, sort=False)
    if m_texts:
        tp = np.concatenate([t[0] for t in m_texts])
        tt = np.concatenate([t[1] for t in m_texts])
        order = np.argsort(tp, kind="stable")
        mp, mt = _join_runs(tp[order], tt[order], "; ")
    else:
        mp, mt = np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
    out["machine"] = _label_column(n, out.index, mp, mt, sort=False)
    in_effect = np.zeros(nk, dtype=bool)
    in_effect[pairs[:, 1]] = True
    applied = ids[in_effect].tolist()
    superseded = ids[(chosen_k | found_k) & ~in_effect].tolist()
    changed = len(np.unique(np.concatenate([p for p, _ in final.values()]))) if final else 0

    added: pd.DataFrame | None = None
    if len(add_k):
        to_add = [items[i] for i in add_k.tolist()]
        added = _new_rows(kind, to_add, articles, rows=art_row[ka[add_k]])
        added["correction"] = "missed"
        added["correction_ids"] = [str(c.id) for c in to_add]
        added["machine"] = ""
        if prepare is not None:
            added = prepare(_FRAME[kind], added)
        applied.extend(c.id for c in to_add)
    fresh = isinstance(df.index, pd.RangeIndex)
    if drop and len(dropped_pos):
        out = out.iloc[np.flatnonzero(keep)]
        if fresh:
            out = out.reset_index(drop=True)
    if append and added is not None and len(added):
        out = _append(out, added, _ID[kind], fresh_index=fresh)
    return _KindResult(out, keep, added, applied, superseded, ids[found_k].tolist(), orphans,
                       len(dropped_pos), changed)



def _derive_event_columns(df: pd.DataFrame, final: dict[str, tuple[np.ndarray, np.ndarray]],
                          m_texts: list[tuple[np.ndarray, np.ndarray]]) -> None:
    """Keep an event's derived columns true to its corrected values: a corrected action or
    polarity gives the intensity, CAMEO root and quad class of core/data/cameo.tsv (and a
    new action that the codebook does not allow with the event's polarity takes the
    action's own polarity); a corrected country or target gives the dyad.  Adds to
    ``final`` (column -> positions, values) and to the machine's replaced values."""
    from core import cameo

    def current(col: str, pos: np.ndarray) -> np.ndarray:
        vals = _strings_at(df[col], pos)
        if col in final:
            fpos, fvals = final[col]
            vals[np.searchsorted(pos, fpos)] = fvals
        return vals

    def note(col: str, pos: np.ndarray, old: np.ndarray) -> None:
        m_texts.append((pos, np.asarray([f"{col}={o}" for o in old.tolist()], dtype=object)))

    sem = np.unique(np.concatenate([final[c][0] for c in ("action", "polarity") if c in final] or
                                   [np.empty(0, dtype=np.int64)]))
    if len(sem) and {"action", "polarity"} <= set(df.columns):
        action, polarity = current("action", sem), current("polarity", sem)
        told = np.isin(sem, final["polarity"][0]) if "polarity" in final else np.zeros(len(sem), dtype=bool)
        keys, uniq = pd.factorize(action.astype(str) + "\x1f" + polarity.astype(str))
        allowed = _codebook_polarities()
        fix: list[str] = []
        infos: list[Any] = []
        for key in uniq.tolist():
            a, p = key.split("\x1f")
            q = p
            if a in allowed and p not in allowed[a]:
                with contextlib.suppress(KeyError):
                    q = cameo.info(a).polarity  # a new action the polarity does not fit: its own
            fix.append(q)
            try:
                infos.append(cameo.info(a, q))
            except KeyError:
                infos.append(None)
        fixed = np.where(told, polarity, np.asarray(fix, dtype=object)[keys])
        moved = fixed != polarity
        if moved.any():
            old = _strings_at(df["polarity"], sem[moved])
            really = old != fixed[moved]
            note("polarity", sem[moved][really], old[really])
            merged = dict(zip(*final["polarity"], strict=True)) if "polarity" in final else {}
            merged.update(zip(sem[moved].tolist(), fixed[moved].tolist(), strict=True))
            ppos = np.asarray(sorted(merged), dtype=np.int64)
            final["polarity"] = (ppos, np.asarray([merged[p] for p in ppos.tolist()], dtype=object))
        # the cameo row of each position's final (action, polarity)
        keys2, uniq2 = pd.factorize(action.astype(str) + "\x1f" + fixed.astype(str))
        info_of: dict[str, Any] = {}
        for key in uniq2.tolist():
            a, p = key.split("\x1f")
            try:
                info_of[key] = cameo.info(a, p)
            except KeyError:
                info_of[key] = None
        has = np.asarray([info_of[k] is not None for k in uniq2.tolist()], dtype=bool)[keys2]
        for col in ("intensity", "cameo_root", "quad_class"):
            if col in df.columns and col not in final and has.any():
                table = np.asarray([getattr(info_of[k], col) if info_of[k] is not None else None
                                    for k in uniq2.tolist()], dtype=object)
                final[col] = (sem[has], table[keys2][has])
    geo = np.unique(np.concatenate([final[c][0] for c in ("country1", "country2", "actor2") if c in final] or
                                   [np.empty(0, dtype=np.int64)]))
    if len(geo) and {"country1", "country2", "actor2", "dyad"} <= set(df.columns) and "dyad" not in final:
        dyad = _dyads(current("country1", geo), current("country2", geo), current("actor2", geo))
        old = _strings_at(df["dyad"], geo)
        moved = dyad != old
        if moved.any():
            final["dyad"] = (geo[moved], dyad[moved])
            note("dyad", geo[moved], old[moved])


def apply_corrections(
    events: pd.DataFrame,
    stances: pd.DataFrame,
    corrections: Sequence[Correction] | PreparedCorrections,
    *,
    articles: pd.DataFrame | None = None,
    drop: bool = True,
    append: bool = True,
    prepare: Callable[[str, pd.DataFrame], pd.DataFrame] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, ApplyReport]:
    """The frames with the analyst's corrections applied, and a report.

    ``events`` and ``stances`` are the frames as :func:`core.store.load_store` gives them or
    with string columns as pandas categoricals (the dashboard's); they are not modified, so
    the caller keeps the machine's coding to toggle back to.  Withdrawn corrections are
    ignored.  ``corrections`` is a sequence of :class:`Correction` or what
    :func:`prepare_corrections` made of one (to apply one list again and again without
    going over every correction each time).

    Matching (never by row number or frame id): a correction applies to the frame of its kind
    with the same ``article_id``, ``start`` and ``end``.  Events share spans (one sentence can
    hold several), so an event correction with a recorded cue span first looks for the event
    with the same cue span too; failing that (a rebuild that moved the cue), for the events of
    the span that no correction took by cue.  Several candidates left: the one whose values
    equal the recorded ``original`` action/actors (stances: holder/target); still several, or
    none, the correction is an orphan (listed in the report with its reason, never applied to
    a guess).

    Effects, latest correction (highest id) winning per frame and column: ``not_event`` /
    ``not_stance`` drops the frame (unless a later verdict on it says otherwise); ``wrong_*``
    sets the corrected columns (an event's intensity, CAMEO root and quad class follow a new
    action or polarity, its dyad a new country or target); ``missed`` appends a row with id
    ``corr-<id>`` (date and administrations from ``articles`` when given and the values name
    none), unless the machine now codes that frame itself (same span, action and actor1 /
    holder), which then takes the missed values instead.  Columns added: ``correction``
    (the verdicts in effect, comma-separated, "" for none), ``correction_ids`` and
    ``machine`` (the machine's values replaced, ``col=value; …``), all categoricals.  A
    categorical column gains any category a corrected value needs (sorted, when its
    categories were).

    ``articles`` (optional): tells an article that is gone from one without frames (a missed
    frame on an article not in ``articles`` is an orphan) and dates the missed frames.
    ``drop=False`` keeps the dropped rows (marked ``not_event`` in ``correction``; the
    report's ``keep_*`` masks say which to show) and ``append=False`` leaves the missed rows
    in the report (``added_*``) instead of appending them: together they keep every frame's
    rows where they were, the fast path for a million events.  ``prepare(frame_name, rows)``
    is called on the new rows before they are appended (e.g. the dashboard's own
    preparation); appended rows take their id as index label unless the frame has a default
    RangeIndex (then the result has a fresh one)."""
    prepared = prepare_corrections(corrections)
    results = {}
    for kind, df in (("event", events), ("stance", stances)):
        results[kind] = _apply_kind(kind, df, prepared.by_kind[kind], articles=articles, drop=drop, append=append,
                                    prepare=prepare)
    ev, st = results["event"], results["stance"]
    report = ApplyReport(
        applied=tuple(sorted(set(ev.applied) | set(st.applied))),
        superseded=tuple(sorted(set(ev.superseded) | set(st.superseded))),
        found=tuple(sorted(ev.found + st.found)),
        orphans=tuple(ev.orphans + st.orphans),
        events_dropped=ev.dropped, events_changed=ev.changed, events_added=0 if ev.added is None else len(ev.added),
        stances_dropped=st.dropped, stances_changed=st.changed,
        stances_added=0 if st.added is None else len(st.added),
        keep_events=ev.keep, keep_stances=st.keep, added_events=ev.added, added_stances=st.added,
    )
    return ev.frame, st.frame, report


# --------------------------------------------------------------------------- gold


def _gold_name(path: str) -> str:
    """How the gold names an article: its file name, or the whole ``file:line`` of a row of
    a JSONL/CSV file (see core.evaluate's article index)."""
    if re.search(r":\d+$", path):
        return path
    return Path(path).name


def gold_from_corrections(corrections: Sequence[Correction], frames: Frames, *, source: str = "") -> Gold:
    """The corrections as gold for :func:`core.evaluate.evaluate`, on the store ``frames``
    they were made on (for the article texts and file names).

    Every article with a correction is a gold article.  Its confirmed, corrected and missed
    frames are required gold items with the corrected values; its not_event / not_stance
    frames are not gold (a prediction there is a false positive); its frames no analyst
    reviewed are optional items (a prediction matched to one is set aside, neither right nor
    wrong), as are confirmed domestic/neutral events (which the evaluator leaves out of the
    predictions by default).  A correction whose frame is no longer in the store (an orphan)
    is still gold from the values it recorded (``original`` with the corrections applied).
    Items are keyed by the text of their span in the cleaned article, which the evaluator
    locates again in the frames it builds."""
    active = _order(corrections)
    ev, st, report = apply_corrections(frames.events, frames.stances, active, articles=frames.articles)
    touched = {c.article_id for c in active}
    arts = frames.articles
    art_rows = arts[arts["article_id"].astype(str).isin(touched)]
    info = {str(a): (_gold_name(str(p)), str(t)) for a, p, t in
            zip(art_rows["article_id"], art_rows["path"], art_rows["text"], strict=True)}
    by_id = {c.id: c for c in active}

    def rationale(ids: str) -> str:
        parts = []
        for i in ids.split(","):
            c = by_id.get(int(i)) if i.strip().lstrip("-").isdigit() else None
            if c is not None:
                parts.append(f"#{c.id} {c.verdict} by {c.who} at {c.when}" + (f": {c.why}" if c.why else ""))
        return "; ".join(parts)

    gev: list[GoldEvent] = []
    for row in _records(ev[ev["article_id"].astype(str).isin(info)]):
        name, text = info[row["article_id"]]
        reviewed = bool(row.get("correction"))
        domestic = row.get("dyad") == "domestic" and row.get("polarity") == "neutral"
        gev.append(_gold_event(GoldEvent, name, text, row, optional=not reviewed or domestic,
                               rationale=rationale(row.get("correction_ids", "")) if reviewed else "unreviewed",
                               where=f"{source}#{row.get('correction_ids') or row.get('event_id')}"))
    gst: list[GoldStance] = []
    for row in _records(st[st["article_id"].astype(str).isin(info)]):
        name, text = info[row["article_id"]]
        reviewed = bool(row.get("correction"))
        gst.append(GoldStance(article=name, holder=row.get("holder", ""), holder_country=row.get("holder_country", ""),
                              target=row.get("target", ""), stance=row.get("stance", ""),
                              quote=text[int(row["start"]):int(row["end"])], optional=not reviewed,
                              rationale=rationale(row.get("correction_ids", "")) if reviewed else "unreviewed",
                              where=f"{source}#{row.get('correction_ids') or row.get('stance_id')}"))
    # orphans: gold from what they recorded, the corrections of one frame taken together
    groups: dict[tuple[Any, ...], list[Correction]] = {}
    for o in report.orphans:
        c = o.correction
        if c.verdict == "missed" or c.article_id not in info:
            continue
        key = (c.kind, c.article_id, c.start, c.end, c.cue_start, c.cue_end,
               tuple(c.original.get(k, "") for k in MATCH_COLUMNS[c.kind]))
        groups.setdefault(key, []).append(c)
    for items in groups.values():
        first = items[0]
        if items[-1].verdict == NOT_FRAME[first.kind]:
            continue
        values: dict[str, Any] = dict(first.original)
        for c in items:
            values.update(c.columns())
        name, text = info[first.article_id]
        row = {**values, "start": first.start, "end": first.end}
        ids = ",".join(str(c.id) for c in items)
        if first.kind == "event":
            if not (values.get("actor1") and values.get("action") and values.get("polarity")):
                continue
            domestic = values.get("dyad") == "domestic" and values.get("polarity") == "neutral"
            gev.append(_gold_event(GoldEvent, name, text, row, optional=domestic, rationale=rationale(ids),
                                   where=f"{source}#{ids}"))
        elif values.get("holder") and values.get("stance"):
            gst.append(GoldStance(article=name, holder=values["holder"], holder_country=values.get("holder_country", ""),
                                  target=values.get("target", ""), stance=values["stance"],
                                  quote=text[first.start:first.end], rationale=rationale(ids), where=f"{source}#{ids}"))
    return Gold(tuple(gev), tuple(gst), ())


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain values (categoricals and NA as strings)."""
    out = []
    for row in df.to_dict(orient="records"):
        out.append({str(k): ("" if v is None or (not isinstance(v, str) and pd.isna(v)) else
                             v if isinstance(v, int | float | str) else str(v))
                    for k, v in row.items() if not isinstance(v, list | dict)})
    return out


def _gold_event(cls: Any, name: str, text: str, row: Mapping[str, Any], *, optional: bool, rationale: str,
                where: str) -> Any:
    precision = str(row.get("date_precision") or "none")
    low, high = str(row.get("date_low") or ""), str(row.get("date_high") or "")
    if precision == "none":
        low = high = ""
    return cls(article=name, sentence=text[int(row["start"]):int(row["end"])], actor1=str(row.get("actor1", "")),
               country1=str(row.get("country1", "")), actor2=str(row.get("actor2", "")),
               country2=str(row.get("country2", "")), action=str(row.get("action", "")),
               polarity=str(row.get("polarity", "")), dyad=str(row.get("dyad", "")),
               modality=str(row.get("modality", "")), date=str(row.get("date") or ""), date_low=low,
               date_high=high, date_precision=precision, optional=optional, rationale=rationale, where=where)


def load_gold_corrections(path: str | Path, *, store: str | Path | None = None) -> Gold:
    """:func:`gold_from_corrections` of a corrections file, on the store it belongs to
    (``store``, by default the folder the file is named after).  Raises UsageError when the
    store is not there and CorrectionsFileError when the file cannot be read."""
    from core.store import load_store

    file = Path(path)
    where = Path(store) if store is not None else store_of(file)
    if where is None or not where.is_dir():
        raise UsageError(f"{file}: corrections are read as gold on the store they were made on, "
                         f"{'which is not at ' + str(where) if where is not None else 'which its name does not give'}"
                         " (give it with --store DIR)")
    corrections = CorrectionStore(file).list()
    frames = load_store(where)
    return gold_from_corrections(corrections, frames, source=str(file))


# --------------------------------------------------------------------------- export


def write_corrections(corrections: Sequence[Correction], out: str | Path, *, fmt: str = "jsonl") -> Path:
    """Write ``corrections`` (every field; ``values``/``original`` as JSON objects, as JSON
    text in CSV and Parquet) to ``out/corrections.<fmt>`` and return the file."""
    target = Path(out) / f"corrections.{fmt}"
    records = [c.as_dict() for c in corrections]
    if fmt == "jsonl":
        with open(target, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=False) + "\n")
        return target
    names = [f.name for f in dataclasses.fields(Correction) if f.init]
    flat = pd.DataFrame([{k: (json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, dict) else v)
                          for k, v in rec.items()} for rec in records], columns=names)
    if fmt == "csv":
        flat.to_csv(target, index=False)
    elif fmt == "parquet":
        flat.to_parquet(target, index=False, engine="pyarrow")
    else:
        raise UsageError(f"unknown format '{fmt}' (choose one of: csv, parquet, jsonl)")
    return target


def export_with_corrections(store: str | Path, *, fmt: str, out: str | Path, corrected: bool = False
                            ) -> tuple[list[Path], CorrectionsFileError | None]:
    """:func:`core.store.export_store` of ``store``, plus its corrections file when there is
    one (every correction, withdrawn ones too, as ``corrections.<fmt>``); with ``corrected``
    the frames are written with the corrections in force applied (:func:`apply_corrections`)
    and the manifest says so under ``corrections``.  Returns the files written and the error
    of a corrections file that cannot be read: then the frames are still written, without
    corrections."""
    from core.records import Frames
    from core.store import export_store, load_store

    frames = load_store(store)
    cfile = corrections_path(store)
    error: CorrectionsFileError | None = None
    every: list[Correction] = []
    try:
        every = CorrectionStore(cfile).all()
    except CorrectionsFileError as exc:
        error = exc
    active = [c for c in every if c.active]
    manifest = dict(frames.manifest)
    if corrected:
        info: dict[str, Any] = {"file": str(cfile), "applied": False}
        if error is not None:
            info["error"] = str(error)
        else:
            ev, st, report = apply_corrections(frames.events, frames.stances, active, articles=frames.articles)
            frames = Frames(articles=frames.articles, passages=frames.passages, events=ev, stances=st,
                            problems=frames.problems, manifest=manifest)
            info.update(applied=True, in_force=len(active), effective=len(report.applied),
                        superseded=list(report.superseded),
                        orphans=[{"id": o.correction.id, "reason": o.reason} for o in report.orphans],
                        events_dropped=report.events_dropped, events_changed=report.events_changed,
                        events_added=report.events_added, stances_dropped=report.stances_dropped,
                        stances_changed=report.stances_changed, stances_added=report.stances_added)
        manifest["corrections"] = info
        frames.manifest = manifest
    written = export_store(frames, fmt=fmt, out=out)
    if every:
        written.append(write_corrections(every, out, fmt=fmt))
    return written, error
