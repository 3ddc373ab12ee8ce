"""Check every data file under ``core/data`` and report every problem with its location.

``validate_data()`` parses each file with the one loader's parser (provenance header, column
header, cell counts), runs the knowledge-base validator (terms, ids, dates, aliases), and loads
every lexicon the pipeline uses, collecting all problems instead of stopping at the first.
``python -m core check-data`` prints them, one ``file:line: message`` per line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from core.datafiles import DATA_DIR, parse_table
from core.errors import DataFileError, DataIssue


def _lexicon_loaders() -> list[tuple[str, Callable[[], Any]]]:
    from core import cameo, clean, code, segment, stance

    return [
        ("cameo", cameo.table),
        ("chrome", clean._patterns),
        ("abbreviations", segment._abbrev),
        ("event cues", code.lexicons),
        ("stance cues", stance.lexicons),
    ]


def validate_data() -> list[DataIssue]:
    """Every problem in the data files, each with file and line (empty when all is well)."""
    from core.kb import validate_kb

    issues: list[DataIssue] = []
    for path in sorted(DATA_DIR.glob("*.tsv")):
        _table, found = parse_table(path.read_text(encoding="utf-8"), file=path.name)
        issues.extend(found)
    issues.extend(validate_kb())
    for name, loader in _lexicon_loaders():
        try:
            getattr(loader, "cache_clear", lambda: None)()
            loader()
        except DataFileError as exc:
            issues.extend(exc.issues)
        except Exception as exc:  # noqa: BLE001 - report a broken lexicon, keep checking the rest
            issues.append(DataIssue(name, 0, f"cannot be loaded: {type(exc).__name__}: {exc}"))
    unique = {(i.file, i.line, i.message): i for i in issues}
    return sorted(unique.values(), key=lambda i: (i.file, i.line, i.message))


def main(argv: list[str]) -> int:
    """``python -m core check-data``: print every problem; exit 1 when there is any."""
    if argv and argv[0] in ("-h", "--help"):
        print("usage: python -m core check-data\n\n" + (__doc__ or "").strip())
        return 0
    if argv:
        print(f"error: check-data takes no arguments (got {' '.join(argv)})", file=sys.stderr)
        return 2
    issues = validate_data()
    for issue in issues:
        print(issue, file=sys.stderr)
    n_files = len(list(DATA_DIR.glob("*.tsv")))
    print(f"{n_files} data files checked, {len(issues)} problem(s)")
    return 1 if issues else 0
