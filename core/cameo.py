"""Action -> CAMEO root, quad class, polarity and Goldstein-like intensity (``core/data/cameo.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from core.datafiles import read_table
from core.errors import DataFileError, DataIssue

POLARITIES = ("cooperation", "friction", "neutral")
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict", "")


@dataclass(frozen=True, slots=True)
class ActionInfo:
    """What an action means for export: CAMEO root, quad class, polarity, intensity."""

    action: str
    polarity: str
    cameo_root: str
    quad_class: str
    general_polarity: str
    intensity: float  # signed: positive for cooperation, negative for friction, 0 for neutral
    scope: str
    description: str


def _signed(value: float, polarity: str) -> float:
    if polarity == "cooperation":
        return abs(value)
    if polarity == "friction":
        return -abs(value)
    return 0.0


@cache
def table() -> dict[tuple[str, str], ActionInfo]:
    """Every (action, polarity) row of cameo.tsv, plus (action, "") for the action's default
    (its first row).  Raises DataFileError listing every invalid row."""
    tab = read_table(
        "cameo.tsv",
        required=("action", "polarity", "general_polarity", "intensity", "scope"),
    )
    out: dict[tuple[str, str], ActionInfo] = {}
    issues: list[DataIssue] = []
    for row in tab.rows:
        pol = row["polarity"]
        if pol not in POLARITIES or row["general_polarity"] not in POLARITIES:
            issues.append(DataIssue(row.file, row.line, f"unknown polarity '{pol}'"))
            continue
        if row["quad_class"] not in QUADS:
            issues.append(DataIssue(row.file, row.line, f"unknown quad class '{row['quad_class']}'"))
            continue
        try:
            mag = float(row["intensity"])
        except ValueError:
            issues.append(DataIssue(row.file, row.line, f"intensity '{row['intensity']}' is not a number"))
            continue
        if not 0 <= mag <= 10:
            issues.append(DataIssue(row.file, row.line, "intensity must lie in 0..10"))
            continue
        info = ActionInfo(
            action=row["action"],
            polarity=pol,
            cameo_root=row["cameo_root"],
            quad_class=row["quad_class"],
            general_polarity=row["general_polarity"],
            intensity=_signed(mag, pol),
            scope=row["scope"],
            description=row["description"],
        )
        out.setdefault((info.action, pol), info)
        out.setdefault((info.action, ""), info)
    if issues:
        raise DataFileError(issues)
    return out


def info(action: str, polarity: str = "") -> ActionInfo:
    """The export information of ``action`` with ``polarity`` ("" = its default polarity).
    An unknown polarity for a known action falls back to the default row with the sign of
    the requested polarity.  Raises KeyError for an unknown action."""
    tab = table()
    hit = tab.get((action, polarity))
    if hit is not None:
        return hit
    base = tab[(action, "")]
    if not polarity:
        return base
    return ActionInfo(base.action, polarity, base.cameo_root, base.quad_class, polarity,
                      _signed(base.intensity, polarity), base.scope, base.description)


def actions() -> list[str]:
    """Every action named in cameo.tsv, in file order."""
    seen: dict[str, None] = {}
    for action, _pol in table():
        seen.setdefault(action, None)
    return list(seen)


def quad_of_root(root: str) -> str:
    """The GDELT quad class of a two-digit CAMEO root ("" when not a root 01-20)."""
    if not root.isdigit():
        return ""
    n = int(root[:2])
    if 1 <= n <= 5:
        return "verbal_cooperation"
    if 6 <= n <= 9:
        return "material_cooperation"
    if 10 <= n <= 14:
        return "verbal_conflict"
    if 15 <= n <= 20:
        return "material_conflict"
    return ""
