"""INTERIM (owned by issue 4): replaced by the real event deduplication."""

from __future__ import annotations

import pandas as pd


def mark_duplicates(events: pd.DataFrame) -> pd.Series:
    """INTERIM: duplicate_of for each event row (aligned to ``events.index``)."""
    return pd.Series([""] * len(events), index=events.index, dtype="string")
