"""The one loader for the data files under ``core/data`` (knowledge base, lexicons).

Format (PETRARCH-dictionary style, but tabular):

* lines starting with ``#`` are comments; every file starts with a comment header giving
  its provenance (sources) and known problems;
* the first other line holds the column names, separated by tabs;
* each further non-blank line is one row, tab-separated; a cell may hold several values
  separated by ``|`` (see :func:`split_multi`).

Rows keep their file name and 1-based line number so that validators can report every
problem with its location (:class:`core.errors.DataIssue`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from core.errors import DataFileError, DataIssue

DATA_DIR = Path(str(resources.files("core") / "data"))


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a data file: its values by column name, and where it came from."""

    file: str
    line: int
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "")

    def get(self, key: str, default: str = "") -> str:
        """The value of column ``key`` or ``default`` when the cell is empty or missing."""
        return self.values.get(key) or default

    def where(self) -> str:
        """``file:line``, for messages."""
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Table:
    """A parsed data file: the header comment, the column names and the rows."""

    file: str
    header: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def split_multi(cell: str) -> list[str]:
    """Split a multi-valued cell on ``|``, dropping empty parts and surrounding blanks."""
    return [part.strip() for part in cell.split("|") if part.strip()]


def parse_table(text: str, *, file: str, required: Sequence[str] = ()) -> tuple[Table, list[DataIssue]]:
    """Parse the text of a data file.  Returns the table and every issue found (a missing
    header comment, missing required columns, rows with too many cells, empty required
    cells); rows with issues are still returned when they can be read."""
    issues: list[DataIssue] = []
    header_lines: list[str] = []
    columns: tuple[str, ...] = ()
    rows: list[Row] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            if not columns:
                header_lines.append(line.lstrip()[1:].strip())
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not columns:
            columns = tuple(cells)
            missing = [c for c in required if c not in columns]
            if missing:
                issues.append(DataIssue(file, lineno, f"missing column(s): {', '.join(missing)}"))
            continue
        if len(cells) > len(columns):
            issues.append(
                DataIssue(file, lineno, f"{len(cells)} cells but {len(columns)} columns (a stray tab?)")
            )
            cells = cells[: len(columns)]
        values = dict(zip(columns, cells + [""] * (len(columns) - len(cells)), strict=True))
        for col in required:
            if col in columns and not values.get(col):
                issues.append(DataIssue(file, lineno, f"empty required cell '{col}'"))
        rows.append(Row(file, lineno, values))
    if not header_lines:
        issues.append(DataIssue(file, 1, "no provenance header (comment lines starting with '#')"))
    if not columns:
        issues.append(DataIssue(file, 1, "no column header line"))
    return Table(file, "\n".join(header_lines), columns, tuple(rows)), issues


def load_table(name: str, *, data_dir: Path | None = None, required: tuple[str, ...] = ()
               ) -> tuple[Table, list[DataIssue]]:
    """Read ``<data_dir>/<name>`` (default ``core/data``), never raising: the table (empty
    when the file cannot be read) and every issue found (for the validators)."""
    path = (data_dir or DATA_DIR) / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return Table(name, "", (), ()), [DataIssue(name, 0, f"cannot read: {exc.strerror or exc}")]
    return parse_table(text, file=name, required=required)


@cache
def read_table(name: str, *, required: tuple[str, ...] = ()) -> Table:
    """Read ``core/data/<name>`` (cached).  Raises :class:`DataFileError` listing every
    issue when the file is missing or malformed."""
    table, issues = load_table(name, required=required)
    if issues:
        raise DataFileError(issues)
    return table


def unique_rows(table: Table, column: str, issues: list[DataIssue]) -> Iterator[Row]:
    """The rows of ``table``, appending to ``issues`` one problem for each row whose ``column``
    repeats an earlier row's (the row is still yielded)."""
    seen: set[str] = set()
    for row in table.rows:
        if row[column] in seen:
            issues.append(DataIssue(row.file, row.line, f"column '{column}': {row[column]!r} twice"))
        seen.add(row[column])
        yield row
