"""Text normalisation, below every stage that reads text: the one home of folding (accents,
quotes and dashes unified one character for one character, so offsets survive) and of the
normalisation of line endings and control characters that reading applies to every input.

:mod:`core.read` normalises what it reads, :mod:`core.clean` what it is given; the knowledge
base keys its aliases by :func:`fold_key`; the resolver, dates, landmarks and outlets match on
:func:`fold`.  Nothing here depends on another module of the package.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD_EXTRA = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u00a0": " ", "\u202f": " ",
}


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord(k): v for k, v in _FOLD_EXTRA.items()}
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii():
            table[cp] = base
    return table


_FOLD_TABLE = _build_fold_table()
_FOLD_CHARS = {chr(k): v for k, v in _FOLD_TABLE.items()}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_char(m: re.Match[str]) -> str:
    ch = m.group()
    return _FOLD_CHARS.get(ch, ch)


def fold(text: str) -> str:
    """Strip accents and unify quotes/dashes *one character for one character*, so that
    offsets into the folded text are offsets into the original ("López" → "Lopez")."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(_fold_char, text)  # faster than str.translate on long texts


@lru_cache(maxsize=1 << 16)
def fold_key(text: str) -> str:
    """The lookup key of an alias: folded, lower-cased, inner blanks collapsed."""
    return " ".join(fold(text).lower().split())



#: control characters removed from every text (tabs and newlines are kept), lone surrogates too
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def normalize_text(text: str) -> str:
    """Normalise line endings to ``\\n`` and remove NUL and other control characters
    (tabs and newlines are kept)."""
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:  # (a sub scans slowly)
        text = _NEWLINES.sub("\n", text)
    return CONTROL_CHARS.sub("", text)
