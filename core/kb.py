"""INTERIM (owned by the knowledge-base work, issue 3): replaced by the real loader."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class KnowledgeBase:
    """INTERIM knowledge base."""

    def administrations(self, low: str, high: str) -> tuple[str, str]:
        """INTERIM: (us_admin, mx_admin) for a date window."""
        return "", ""


def load_kb() -> KnowledgeBase:
    """INTERIM."""
    return KnowledgeBase()
