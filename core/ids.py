"""Stable identifiers derived from content, so that the same input always gives the
same ids (across runs, machines, executors and incremental rebuilds)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def content_key(text: str) -> str:
    """Normalise text for identity: NFC, whitespace folded, case folded."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def article_id(text: str) -> str:
    """The article id: 16 hex digits of the SHA-1 of the normalised cleaned text.  The same
    article under two file names (or with different line endings) gets one id."""
    return hashlib.sha1(content_key(text).encode("utf-8")).hexdigest()[:16]


def stable_id(prefix: str, *parts: object) -> str:
    """An id such as ``ev-3fa2…``: the prefix and 16 hex digits of the SHA-1 of the parts."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}-{digest}"
