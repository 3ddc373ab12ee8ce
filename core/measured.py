"""The evaluation figures measured for this coder version (``core/data/evaluation.tsv``).

The dashboard's "About these numbers" panel shows them beside the charts.  The file records
runs of ``python -m core evaluate`` as measured; :func:`validate_measured` (run by
``python -m core check-data``) checks every column of every row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from core import __version__
from core.datafiles import Row, load_table
from core.errors import DataFileError, DataIssue

FILE = "evaluation.tsv"
_COLUMNS = ("set", "metric", "value", "version", "measured", "command")
#: the sets and metrics the file may name
SETS = ("seeds", "dev", "test")
METRICS = ("events_f1", "events_precision", "events_recall", "stances_f1", "window_holds", "window_90d",
           "admin", "outlet", "title", "event_dates")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Measured:
    """One measured figure: ``value`` of ``metric`` on ``set`` (over ``n`` items, 0 when not
    given), for coder ``version``, measured on ``measured`` by ``command``."""

    set: str
    metric: str
    value: float
    n: int
    version: str
    measured: str
    command: str


def _row(row: Row) -> tuple[Measured | None, list[DataIssue]]:
    issues: list[DataIssue] = []

    def problem(column: str, message: str) -> None:
        issues.append(DataIssue(row.file, row.line, f"column '{column}': {message}"))

    if row["set"] not in SETS:
        problem("set", f"{row['set']!r} is not one of {', '.join(SETS)}")
    if row["metric"] not in METRICS:
        problem("metric", f"{row['metric']!r} is not one of {', '.join(METRICS)}")
    try:
        value = float(row["value"])
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        problem("value", f"{row['value']!r} is not a number from 0 to 1")
    n = row.get("n", "0")
    if not n.isdigit():
        problem("n", f"{n!r} is not a count")
    if row["version"] != __version__:
        problem("version", f"{row['version']!r} is not this coder's version {__version__} (re-measure)")
    when = row["measured"]
    if not _ISO.match(when) or not _valid_day(when):
        problem("measured", f"{when!r} is not an ISO date up to today")
    if not row["command"].startswith("python -m core evaluate"):
        problem("command", "must be the `python -m core evaluate …` command that measures it")
    if issues:
        return None, issues
    return Measured(row["set"], row["metric"], value, int(n), row["version"], when, row["command"]), []


def _parse(data_dir: Path | None) -> tuple[tuple[Measured, ...], list[DataIssue]]:
    table, issues = load_table(FILE, data_dir=data_dir, required=_COLUMNS)
    out: list[Measured] = []
    seen: set[tuple[str, str]] = set()
    for row in table.rows:
        fig, found = _row(row)
        issues.extend(found)
        key = (row["set"], row["metric"])
        if key in seen:
            issues.append(DataIssue(row.file, row.line, f"column 'metric': {key[0]}/{key[1]} is given twice"))
        seen.add(key)
        if fig is not None:
            out.append(fig)
    return tuple(out), issues


def _valid_day(text: str) -> bool:
    try:
        return date.fromisoformat(text) <= date.today()
    except ValueError:
        return False


def validate_measured(data_dir: Path | None = None) -> list[DataIssue]:
    """Every problem of ``evaluation.tsv``, each with file and line."""
    return _parse(data_dir)[1]


@cache
def measured() -> tuple[Measured, ...]:
    """The figures of ``core/data/evaluation.tsv``.  Raises :class:`DataFileError` listing
    every problem when the file is malformed."""
    rows, issues = _parse(None)
    if issues:
        raise DataFileError(issues)
    return rows
