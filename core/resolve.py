"""INTERIM (owned by issue 3): replaced by the real mention resolver."""

from __future__ import annotations

from typing import Any

from core.records import DateWindow, Mention


def find_mentions(text: str, *, kb: Any) -> list[Mention]:
    """INTERIM."""
    return []


def bind_titles(mentions: list[Mention], *, kb: Any, window: DateWindow) -> list[Mention]:
    """INTERIM."""
    return mentions
