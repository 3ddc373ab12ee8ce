"""Column names and types of the four frames: the output contract (FRAMES.md).

This is the single source of truth for the store's columns.  Names listed in FRAMES.md
are never renamed or removed; extra columns may be added at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from operator import is_
from typing import Any

import pandas as pd

# dtype strings: "string" (pandas StringDtype), "int64", "float64", "bool"
ARTICLES: dict[str, str] = {
    "article_id": "string",
    "path": "string",
    "source": "string",
    "title": "string",
    "url": "string",
    "published": "string",
    "date_low": "string",
    "date_high": "string",
    "date_precision": "string",
    "date_confidence": "float64",
    "date_evidence": "string",
    "us_admin": "string",
    "mx_admin": "string",
    "text": "string",
    "problems": "string",
    # extra columns
    "byline": "string",
    "wire": "string",
    "source_evidence": "string",
    "landmarks": "string",
    "dateline": "string",
    "content_hash": "string",
    "duplicate_paths": "string",
    "n_passages": "int64",
    "n_events": "int64",
    "n_stances": "int64",
}

PASSAGES: dict[str, str] = {
    "passage_id": "string",
    "article_id": "string",
    "start": "int64",
    "end": "int64",
    "text": "string",
    # extra columns
    "index": "int64",
    "paragraph": "int64",
    "role": "string",
}

EVENTS: dict[str, str] = {
    "event_id": "string",
    "article_id": "string",
    "passage_id": "string",
    "start": "int64",
    "end": "int64",
    "actor1": "string",
    "country1": "string",
    "actor2": "string",
    "country2": "string",
    "action": "string",
    "polarity": "string",
    "intensity": "float64",
    "dyad": "string",
    "modality": "string",
    "date": "string",
    "date_precision": "string",
    "us_admin": "string",
    "mx_admin": "string",
    "cue": "string",
    "confidence": "float64",
    "cameo_root": "string",
    "quad_class": "string",
    "duplicate_of": "string",
    # extra columns
    "date_low": "string",
    "date_high": "string",
    "cue_start": "int64",
    "cue_end": "int64",
    "actor1_id": "string",
    "actor2_id": "string",
    "actor1_start": "int64",
    "actor1_end": "int64",
    "actor2_start": "int64",
    "actor2_end": "int64",
    "explanation": "string",
}

STANCES: dict[str, str] = {
    "stance_id": "string",
    "article_id": "string",
    "passage_id": "string",
    "start": "int64",
    "end": "int64",
    "holder": "string",
    "holder_country": "string",
    "target": "string",
    "stance": "string",
    "quote": "string",
    "date": "string",
    "us_admin": "string",
    "mx_admin": "string",
    "cue": "string",
    "confidence": "float64",
    # extra columns
    "holder_id": "string",
    "explanation": "string",
}

FRAMES: dict[str, dict[str, str]] = {
    "articles": ARTICLES,
    "passages": PASSAGES,
    "events": EVENTS,
    "stances": STANCES,
}

_DEFAULTS: dict[str, Any] = {"string": "", "int64": 0, "float64": 0.0, "bool": False}


def empty_frame(name: str) -> pd.DataFrame:
    """An empty DataFrame with the columns and dtypes of frame ``name``."""
    return pd.DataFrame({col: pd.Series([], dtype=dt) for col, dt in FRAMES[name].items()})


def to_frame(name: str, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Build frame ``name`` from row mappings (dataclass dicts): missing columns are
    filled with defaults, extra keys dropped, dtypes enforced, column order fixed."""
    rows = rows if isinstance(rows, list) else list(rows)
    return _from_columns(name, {col: [row.get(col) for row in rows] for col in FRAMES[name]})


def from_records(name: str, records: Sequence[Any]) -> pd.DataFrame:
    """Build frame ``name`` from flat records (Passage, Event, Stance: attributes named
    like the columns), column by column without a dict per row; otherwise as
    :func:`to_frame` (a missing attribute or ``None`` gets the column's default)."""
    return _from_columns(name, {col: [getattr(r, col, None) for r in records] for col in FRAMES[name]})


def _from_columns(name: str, data: dict[str, list[Any]]) -> pd.DataFrame:
    spec = FRAMES[name]
    for col, vals in data.items():
        if any(map(is_, vals, repeat(None))):  # (identity, in C: not ``None in vals``, which uses ==)
            default = _DEFAULTS[spec[col]]
            data[col] = [default if v is None else v for v in vals]
    return pd.DataFrame({col: pd.Series(vals, dtype=spec[col]) for col, vals in data.items()})


def conform(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with exactly the columns of frame ``name`` (missing ones added with
    defaults, extra ones kept at the end) and the contract's dtypes."""
    spec = FRAMES[name]
    out = df.copy(deep=False)  # copy-on-write: columns already right are shared, not copied
    for col, dt in spec.items():
        if col not in out.columns:
            out[col] = pd.Series([_DEFAULTS[dt]] * len(out), dtype=dt, index=out.index)
            continue
        column: Any = out[col]
        if not has_dtype(column, dt):
            out[col] = conform_column(column, dt)
    extra = [c for c in out.columns if c not in spec]
    return out[list(spec) + extra]


def has_dtype(column: pd.Series, dtype: str) -> bool:
    """Whether ``column`` already has the contract's ``dtype`` and no missing values (then
    :func:`conform_column` would only copy it)."""
    return str(column.dtype) == str(pd.Series([], dtype=dtype).dtype) and not column.hasnans


def conform_column(column: Any, dtype: str) -> Any:
    """``column`` (a Series) as the contract's ``dtype``, missing values as that dtype's
    default."""
    return column.fillna(_DEFAULTS[dtype]).astype(dtype)
