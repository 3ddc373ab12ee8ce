"""Compiled cue lexicons: the small pattern language of ``core/data/*.tsv`` cue files.

A pattern cell holds alternatives separated by ``|``; each alternative is a sequence of tokens
(``word``, ``a/b``, ``verb~``, ``verb~~``, ``noun+s``, ``_N`` gaps).  See the header of
``core/data/event_cues.tsv``.  Every alternative is compiled once into an anchored regex and
indexed by the surface forms of its first token, so that matching a text costs one dictionary
look-up per word plus a few anchored matches: linear in the text, whatever the lexicon size.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from core.datafiles import Row, read_table, split_multi
from core.errors import DataFileError, DataIssue

WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*'?", re.UNICODE)
_GAP = re.compile(r"^_([1-9])$")
_VOWELS = set("aeiou")


def verb_forms(lemma: str, *, double: bool = False) -> list[str]:
    """Regular English inflections of a verb lemma: base, -s, -ed, -ing (``double`` doubles
    the final consonant before -ed/-ing: ban -> banned, banning)."""
    w = lemma.lower()
    if double:
        return [w, w + "s", w + w[-1] + "ed", w + w[-1] + "ing"]
    if w.endswith(("ee", "ye", "oe")):
        return [w, w + "s", w + "d", w + "ing"]
    if w.endswith("ie"):
        return [w, w + "s", w + "d", w[:-2] + "ying"]
    if w.endswith("e"):
        return [w, w + "s", w + "d", w[:-1] + "ing"]
    if len(w) > 1 and w.endswith("y") and w[-2] not in _VOWELS:
        return [w, w[:-1] + "ies", w[:-1] + "ied", w + "ing"]
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return [w, w + "es", w + "ed", w + "ing"]
    return [w, w + "s", w + "ed", w + "ing"]


def token_forms(token: str) -> list[str]:
    """All surface forms of one pattern token (without gaps)."""
    forms: list[str] = []
    for part in token.split("/"):
        if not part:
            continue
        if part.endswith("~~"):
            forms.extend(verb_forms(part[:-2], double=True))
        elif part.endswith("~"):
            forms.extend(verb_forms(part[:-1]))
        elif part.endswith("+s"):
            base = part[:-2].lower()
            forms.extend([base, base + "s", base + "es"])
        else:
            forms.append(part.lower())
    return list(dict.fromkeys(forms))


def _form_regex(form: str) -> str:
    # apostrophes match both ' and ’; spaces inside a form are not expected
    return re.escape(form).replace("'", "['’]").replace("’", "['’]")


def compile_alternative(alt: str) -> tuple[list[str], re.Pattern[str]]:
    """Compile one alternative: returns (first-token forms, anchored regex).  Raises
    ValueError with a readable reason when the alternative is malformed."""
    tokens = alt.split()
    if not tokens:
        raise ValueError("empty alternative")
    if _GAP.match(tokens[0]):
        raise ValueError(f"alternative {alt!r} starts with a gap")
    parts: list[str] = []
    first: list[str] = []
    pending_gap = 0
    for i, tok in enumerate(tokens):
        gap = _GAP.match(tok)
        if gap:
            pending_gap = int(gap.group(1))
            continue
        if tok.startswith("_"):
            raise ValueError(f"bad gap token {tok!r} in {alt!r} (use _1 … _9)")
        forms = token_forms(tok)
        if not forms:
            raise ValueError(f"empty token in {alt!r}")
        if i == 0:
            first = list(dict.fromkeys(f.rstrip(",;:.") for f in forms))
        body = "(?:" + "|".join(_form_regex(f) for f in sorted(forms, key=len, reverse=True)) + ")"
        if parts:
            sep = r"[\s\-]+" if not pending_gap else r"\s+(?:[^\s]+\s+){0," + str(pending_gap) + "}"
            parts.append(sep)
        parts.append(body)
        pending_gap = 0
    if pending_gap:
        raise ValueError(f"alternative {alt!r} ends with a gap")
    regex = re.compile("".join(parts) + r"(?![\w])", re.IGNORECASE)
    return first, regex


@dataclass(frozen=True, slots=True)
class Alt:
    """One compiled alternative of a lexicon row."""

    row: int  # index of the row in its lexicon
    n_tokens: int
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Hit:
    """One cue found in a text: the lexicon row index and the span."""

    row: int
    start: int
    end: int
    text: str


Token = tuple[int, int, str]


#: Texts longer than this are not tokenised whole (their windows are scanned one by one, as
#: before): news articles are far shorter, and a hostile 20 MB text must not hold millions
#: of word tuples at once.
MAX_WHOLE_TEXT = 200_000
#: The last few texts tokenised whole (by identity): text, words, word starts, word ends.
_WHOLE: list[tuple[str, tuple[Token, ...], list[int], list[int]]] = []


def _scan(text: str, start: int, stop: int) -> tuple[Token, ...]:
    return tuple([(w.start(), w.end(), w.group(0).lower()) for w in WORD.finditer(text, start, stop)])


def _whole(text: str) -> tuple[str, tuple[Token, ...], list[int], list[int]]:
    for entry in _WHOLE:
        if entry[0] is text:
            return entry
    words = _scan(text, 0, len(text))
    entry = (text, words, [w[0] for w in words], [w[1] for w in words])
    _WHOLE.insert(0, entry)
    del _WHOLE[4:]
    return entry


def _window(text: str, start: int, stop: int) -> tuple[Token, ...]:
    """The words ``WORD.finditer(text, start, stop)`` finds.  A window of an article (a
    sentence, a quotation, the text after a cue) is a slice of the article's words, which are
    found once: the two are the same whenever no word of the whole text straddles ``start``
    or ``stop`` (the pattern has no anchors or look-arounds), else the window is scanned."""
    if (start <= 0 and stop >= len(text)) or len(text) > MAX_WHOLE_TEXT:
        return _scan(text, start, stop)
    _text, words, starts, ends = _whole(text)
    i = bisect_left(starts, start)  # the first word starting in the window
    j = bisect_left(starts, stop)  # the first word starting after it
    head: tuple[Token, ...] = ()
    tail: tuple[Token, ...] = ()
    if i > 0 and ends[i - 1] > start:
        # the window starts inside a word: the scan finds the rest of it (ending where the
        # word ends: the pattern's repetitions are greedy, with nothing after them to force
        # a backtrack), or, when the window ends inside that word too, something shorter
        if ends[i - 1] >= stop:
            return _scan(text, start, stop)
        head = _scan(text, start, ends[i - 1])
    if j > i and ends[j - 1] > stop:
        # the window ends inside a word: scan from that word's start (a word boundary)
        tail = _scan(text, starts[j - 1], stop)
        j -= 1
    return head + words[i:j] + tail if head or tail else words[i:j]


def words_in(text: str, start: int, stop: int) -> tuple[Token, ...]:
    """``(start, end, lower-cased word)`` of what ``WORD.finditer(text, start, stop)`` finds
    (from the text's words found once; see :func:`_window`)."""
    return _window(text, start, stop)


def last_words(text: str, start: int, stop: int, n: int) -> list[str]:
    """The last ``n`` words of ``text[start:stop]``, lower-cased (from the text's words found
    once)."""
    return [w[2] for w in _window(text, start, stop)[-n:]] if n > 0 else []


def count_words(text: str, start: int, stop: int) -> int:
    """``len(WORD.findall(text, start, stop))``, from the text's words found once."""
    return len(_window(text, start, stop))


@lru_cache(maxsize=128)
def tokens(text: str, start: int, stop: int) -> tuple[tuple[Token, ...], frozenset[str]]:
    """``(start, end, lower-cased word)`` of the words of ``text[start:stop]``, and the set of
    those lower-cased words.  Cached: the coder scans the same sentence with many lexicons,
    so it is tokenised once, and a lexicon none of whose first words occurs in the sentence
    is skipped with one set test (a hot path at 100k articles; the words found are exactly
    those of ``WORD.finditer``; see :func:`_window`)."""
    words = _window(text, start, stop)
    return words, frozenset([w[2] for w in words])


def _words(text: str, start: int, stop: int) -> tuple[Token, ...]:
    """The words of ``text[start:stop]`` (see :func:`tokens`)."""
    return tokens(text, start, stop)[0]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A compiled cue lexicon: the rows (from the data file) and the first-word index."""

    file: str
    rows: tuple[Row, ...]
    index: dict[str, tuple[Alt, ...]]

    def hits_at(self, text: str, pos: int, word: str) -> list[Hit]:
        """Every alternative matching at ``pos`` (where ``word`` starts), longest first then
        by row order."""
        alts = self.index.get(word.lower())
        if not alts:
            return []
        found: list[Hit] = []
        for alt in alts:
            m = alt.regex.match(text, pos)
            if m:
                found.append(Hit(alt.row, pos, m.end(), m.group(0)))
        if len(found) > 1:
            found.sort(key=lambda h: (-(h.end - h.start), h.row))
        return found

    def occurs_in(self, text: str, *, start: int = 0, end: int | None = None) -> bool:
        """Whether some first word of the lexicon occurs among the words of
        ``text[start:end]`` (a necessary condition for a hit; one set test)."""
        stop = len(text) if end is None else end
        return not self.index.keys().isdisjoint(tokens(text, start, stop)[1])

    def find(self, text: str, *, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        """Non-overlapping hits in ``text[start:end]``, left to right, the longest at each
        position (ties: the earlier row)."""
        stop = len(text) if end is None else end
        pos = start
        index = self.index
        words, vocab = tokens(text, start, stop)
        if index.keys().isdisjoint(vocab):
            return
        for w_start, _end, w_lower in words:
            if w_start < pos or w_lower not in index:
                continue
            hits = self.hits_at(text, w_start, w_lower)
            hits = [h for h in hits if h.end <= stop]
            if hits:
                yield hits[0]
                pos = hits[0].end

    def find_all(self, text: str, *, start: int = 0, end: int | None = None) -> Iterator[list[Hit]]:
        """Like :meth:`find` but yields, at each position, every candidate (longest first)
        so that the caller may skip a candidate and fall back to the next."""
        stop = len(text) if end is None else end
        pos = start
        index = self.index
        words, vocab = tokens(text, start, stop)
        if index.keys().isdisjoint(vocab):
            return
        for w_start, w_end, w_lower in words:
            if w_start < pos or w_lower not in index:
                continue
            hits = [h for h in self.hits_at(text, w_start, w_lower) if h.end <= stop]
            if hits:
                yield hits
                pos = w_end


def build_lexicon(file: str, rows: Sequence[Row], *, column: str = "pattern") -> Lexicon:
    """Compile the ``column`` patterns of ``rows``.  Raises DataFileError listing every
    malformed pattern with its file and line."""
    index: dict[str, list[Alt]] = {}
    issues: list[DataIssue] = []
    for i, row in enumerate(rows):
        for alt in split_multi(row[column]):
            try:
                first, regex = compile_alternative(alt)
            except (ValueError, re.error) as exc:
                issues.append(DataIssue(row.file, row.line, f"bad pattern: {exc}"))
                continue
            n = len([t for t in alt.split() if not _GAP.match(t)])
            for form in first:
                index.setdefault(form, []).append(Alt(i, n, regex))
    if issues:
        raise DataFileError(issues)
    return Lexicon(file, tuple(rows), {k: tuple(v) for k, v in index.items()})


@cache
def lexicon(name: str, *, required: tuple[str, ...] = ("pattern",)) -> Lexicon:
    """The compiled lexicon of data file ``name`` (cached)."""
    table = read_table(name, required=required)
    return build_lexicon(name, table.rows)


@cache
def word_class(name: str, kind: str) -> Lexicon:
    """The compiled sub-lexicon of the rows of ``name`` whose ``kind`` column is ``kind``
    (e.g. ``word_class("modality.tsv", "negation")``).  Cached."""
    table = read_table(name, required=("kind", "pattern"))
    rows = tuple(r for r in table.rows if r["kind"] == kind)
    if not rows:
        raise DataFileError([DataIssue(name, 1, f"no rows of kind '{kind}'")])
    return build_lexicon(name, rows)
