"""INTERIM (owned by issue 3): replaced by the real date resolver."""

from __future__ import annotations

from typing import Any

from core.records import CleanDoc, DateWindow, Mention, RawDoc


def date_article(raw: RawDoc, doc: CleanDoc, mentions: list[Mention], *, kb: Any) -> DateWindow:
    """INTERIM."""
    return DateWindow()


def event_date(sentence: str, *, published: DateWindow) -> DateWindow:
    """INTERIM."""
    return published
