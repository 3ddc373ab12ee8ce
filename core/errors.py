"""One place for the errors this package raises and the messages users see.

Bad *input* (a broken article, a bad row) is never raised to the user: readers turn it
into a :class:`core.records.Problem` and go on.  The exceptions below are for things
that stop a command: wrong usage, a corrupt store, an invalid data file.
"""

from __future__ import annotations

from dataclasses import dataclass


class CoreError(Exception):
    """Base class: every error this package raises on purpose.  ``str(err)`` is the
    complete message for the user; the CLI prints it without a traceback."""

    exit_code = 1


class UsageError(CoreError):
    """The command was called wrongly (a missing path, an unknown format)."""

    exit_code = 2


class StoreError(CoreError):
    """A store is missing, partial or corrupt.  The message names the store and says how
    to rebuild it."""

    def __init__(self, store: str, problem: str) -> None:
        super().__init__(
            f"{store}: {problem}. Rebuild it with: python -m core build --corpus PATH --out {store}"
        )
        self.store = store
        self.problem = problem


class CorrectionsFileError(CoreError):
    """The analyst-corrections file (``core.corrections``) cannot be used: it is not a SQLite
    database, holds another schema, was written by a newer version, is locked for too long or
    cannot be read.  The message names the file and the problem.  The file is never deleted
    or overwritten, so the caller can report the error and go on with the uncorrected frames."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem} (the file was left as it is; the frames are unaffected)")
        self.path = path
        self.problem = problem


class InvalidCorrectionError(CoreError, ValueError):
    """A correction is invalid (unknown verdict, a field the verdict cannot correct, a value
    outside the codebook's values, a missing ``who``); the message names the problem."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class DataIssue:
    """One problem in a data file under ``core/data``: the file, the 1-based line, what."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class DataFileError(CoreError):
    """One or more data files under ``core/data`` are invalid; lists every issue."""

    def __init__(self, issues: list[DataIssue]) -> None:
        self.issues = list(issues)
        lines = "\n".join(f"  {issue}" for issue in self.issues)
        super().__init__(f"{len(self.issues)} problem(s) in the data files:\n{lines}")
