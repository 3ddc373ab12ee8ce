"""INTERIM (owned by issue 4): replaced by the real event coder."""

from __future__ import annotations

from typing import Any

from core.records import DateWindow, Event, Mention, Passage


def code_article(text: str, passages: list[Passage], mentions: list[Mention], *, article_id: str,
                 published: DateWindow, kb: Any) -> list[Event]:
    """INTERIM."""
    return []
