"""INTERIM (owned by issue 4): replaced by the real stance extractor."""

from __future__ import annotations

from typing import Any

from core.records import DateWindow, Mention, Passage, Stance


def extract_stances(text: str, passages: list[Passage], mentions: list[Mention], *, article_id: str,
                    published: DateWindow, kb: Any) -> list[Stance]:
    """INTERIM."""
    return []
