"""Compiled cue lexicons: the small pattern language of ``core/data/*.tsv`` cue files.

A pattern cell holds alternatives separated by ``|``; each alternative is a sequence of tokens
(``word``, ``a/b``, ``verb~``, ``verb~~``, ``noun+s``, ``_N`` gaps).  See the header of
``core/data/event_cues.tsv``.  Every alternative becomes an anchored regex (compiled once, when
first needed) indexed by the surface forms of its first token, so that matching a text costs
one dictionary look-up per word plus a few anchored matches: linear in the text, whatever the
lexicon size.  A one-word alternative of plain letters matches without its regex, a first
word shared by several phrases is tested once for all of them, and several lexicons can be
matched in one pass over a text's words (:class:`MultiLexicon`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate

from core.datafiles import Row, read_table, split_multi
from core.errors import DataFileError, DataIssue

#: A word: letters/digits, joined by apostrophes, hyphens or dots, and a final apostrophe.
#: The repetitions are possessive: what may follow each of them can never start with what
#: it repeats, so giving characters back never helps a match (the words found are those of
#: the plain ``[^\W_]+(?:['’\-.][^\W_]+)*'?``, about a tenth faster to find).
WORD = re.compile(r"[^\W_]++(?:['’\-.][^\W_]++)*+'?", re.UNICODE)
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


_APOSTROPHE = re.compile("['’]")


def _form_regex(form: str) -> str:
    # apostrophes match both ' and ’ (one substitution: a second replace would rewrite the
    # class the first one wrote); spaces inside a form are not expected
    return _APOSTROPHE.sub("['’]", re.escape(form))


def compile_alternative(alt: str) -> tuple[list[str], re.Pattern[str]]:
    """Compile one alternative: returns (first-token forms, anchored regex).  Raises
    ValueError with a readable reason when the alternative is malformed."""
    first, pattern = alternative_pattern(alt)
    return first, _compiled(pattern)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """The compiled anchored regex of an alternative (compiled when first needed: a plain
    one-word alternative seldom needs its regex at all; see :func:`_hits_at`)."""
    return re.compile(pattern, re.IGNORECASE)


#: quotation marks and brackets a phrase may run through between two of its words
_QUOTES = r"[\"“”‘’«»()\[\]]*"


def alternative_pattern(alt: str) -> tuple[list[str], str]:
    """(first-token forms, anchored regex source) of one alternative (to be compiled with
    ``re.IGNORECASE``; the source is made of escaped forms and fixed separators, so it
    always compiles).  Raises ValueError with a readable reason when the alternative is
    malformed."""
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
            # indexed under both apostrophes, as the regex matches both
            bare = [f.rstrip(",;:.") for f in forms]
            first = list(dict.fromkeys(v for f in bare for v in (f, f.replace("'", "’"), f.replace("’", "'"))))
        body = "(?:" + "|".join(_form_regex(f) for f in sorted(forms, key=len, reverse=True)) + ")"
        if parts:
            # (quotation marks and brackets may close the word before and open the next one:
            # "keep “amplifying” our cooperation", "boosted the navy’s “capabilities")
            sep = r"[\s\-]+" if not pending_gap else r"\s+(?:[^\s]+\s+){0," + str(pending_gap) + "}"
            parts.append(_QUOTES + sep + _QUOTES)
        parts.append(body)
        pending_gap = 0
    if pending_gap:
        raise ValueError(f"alternative {alt!r} ends with a gap")
    return first, "".join(parts) + r"(?![\w])"


@dataclass(frozen=True, slots=True)
class Alt:
    """One compiled alternative of a lexicon row."""

    row: int  # index of the row in its lexicon
    n_tokens: int
    pattern: str  # the anchored regex source (see :func:`alternative_pattern`)
    #: for a one-token alternative whose forms are plain ASCII letters: those forms (a word
    #: equal to one of them matches without running the regex; see :func:`_hits_at`)
    plain: frozenset[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled regex (compiled once, when first needed)."""
        return _compiled(self.pattern)


@dataclass(slots=True, unsafe_hash=True)
class Hit:
    """One cue found in a text: the lexicon row index and the span.  Treated as immutable
    (not declared frozen: hits are made by the hundred per article, and a frozen dataclass
    takes four times as long to build)."""

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


#: ``WORD`` as a splitter: ``split`` returns the text between words and the words in turn,
#: so the words' offsets are running sums of the parts' lengths (all in C: ≈ 1.4× faster
#: than one match object per word)
_WORD_SPLIT = re.compile(f"({WORD.pattern})", WORD.flags)


def _scan_whole(text: str) -> tuple[Token, ...]:
    """``_scan(text, 0, len(text))``, from one split of the text (``WORD`` never matches an
    empty string, so the parts alternate: between, word, between, …, between)."""
    parts = _WORD_SPLIT.split(text)
    offsets = list(accumulate(map(len, parts)))
    return tuple(zip(offsets[0::2], offsets[1::2], map(str.lower, parts[1::2]), strict=False))


def _whole(text: str) -> tuple[str, tuple[Token, ...], list[int], list[int]]:
    for entry in _WHOLE:
        if entry[0] is text:
            return entry
    words = _scan_whole(text)
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


def _whole_words(text: str, start: int, stop: int) -> tuple[tuple[Token, ...], int, int] | None:
    """``(words, i, j)`` when the words of ``text[start:stop]`` are exactly ``words[i:j]`` of
    the text's words found once (no word straddles ``start`` or ``stop``), else None (the
    caller then scans the window)."""
    if len(text) > MAX_WHOLE_TEXT or start > stop:
        return None
    _text, words, starts, ends = _whole(text)
    i = bisect_left(starts, start)
    j = bisect_left(starts, stop)
    if (i > 0 and ends[i - 1] > start) or (j > i and ends[j - 1] > stop):
        return None
    return words, i, j


def last_words(text: str, start: int, stop: int, n: int) -> list[str]:
    """The last ``n`` words of ``text[start:stop]``, lower-cased (from the text's words found
    once)."""
    if n <= 0:
        return []
    found = _whole_words(text, start, stop)
    if found is not None:
        words, i, j = found
        return [w[2] for w in words[max(i, j - n):j]]
    return [w[2] for w in _window(text, start, stop)[-n:]]


def word_before(text: str, pos: int, *, reach: int, skip: frozenset[str] = frozenset()) -> str:
    """The last word (lower-cased) of ``text[pos - reach:pos]`` that is not in ``skip``,
    never the window's first word when the window is cut (``pos - reach > 0``) and holds
    more than one word (that first word may be the end of a longer one); "" when none.
    From the text's words found once; a window whose first word is cut is scanned only when
    that word would be returned."""
    lo = max(0, pos - reach)
    if len(text) <= MAX_WHOLE_TEXT and lo <= pos:
        _text, words, starts, ends = _whole(text)
        i = bisect_left(starts, lo)
        j = bisect_left(starts, pos)
        if not (j > i and ends[j - 1] > pos) and not (i > 0 and ends[i - 1] >= pos):
            # a cut first word: its rest holds one word, unless it is the word's final "'"
            head = 1 if i > 0 and ends[i - 1] > lo and text[lo:ends[i - 1]] != "'" else 0
            if lo > 0 and (j - i) + head > 1:
                first = i if head else i + 1
            elif not head:
                first = i
            else:
                first = -1  # the cut word itself may be the answer: scan
            if first >= 0:
                for k in range(j - 1, first - 1, -1):
                    if words[k][2] not in skip:
                        return words[k][2]
                return ""
    found = _window(text, lo, pos)
    if found and lo > 0 and len(found) > 1:
        found = found[1:]
    for w in reversed(found):
        if w[2] not in skip:
            return w[2]
    return ""


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


def _is_word_char(ch: str) -> bool:
    """Whether ``ch`` is a regex ``\\w`` character (what ``(?![\\w])`` refuses)."""
    return ch.isalnum() or ch == "_"


@cache
def _gate(pattern: str) -> re.Pattern[str]:
    """The compiled gate of a first word (see :func:`gate_pattern`)."""
    return re.compile(pattern, re.IGNORECASE)


def gate_pattern(alts: Sequence[Alt]) -> str:
    """One regex matching wherever one of the regex alternatives of ``alts`` matches (their
    alternation), or "" when fewer than two alternatives need a regex: a word that starts
    several phrases ("the two countries", "the two nations" …) is then tested once in C
    before each phrase is tried (most occurrences of such a word start none of them)."""
    patterns = [a.pattern for a in alts if a.plain is None]
    return "|".join(f"(?:{p})" for p in patterns) if len(patterns) > 1 else ""


def _hits_at(alts: tuple[Alt, ...], text: str, pos: int, word_end: int, stop: int,
             gate: str = "") -> list[Hit]:
    """Every alternative of ``alts`` matching at ``pos``, the start of a word ending at
    ``word_end`` (as ``WORD`` finds it) and ending by ``stop``; longest first, then by row.

    A plain alternative (one token of ASCII letters, reached through the index, so the
    lower-cased word is one of its forms) matches exactly the word when the word is ASCII
    and no word character follows it: a longer form would need a letter after the word
    (which would belong to it) and a shorter one a non-word character inside it.  That is
    what its anchored regex finds, without running it."""
    found: list[Hit] = []
    fast: bool | None = None
    ok = False
    regex_ok = not gate or _gate(gate).match(text, pos) is not None
    for alt in alts:
        if alt.plain is not None:
            if fast is None:
                fast = text[pos:word_end].isascii()
                ok = fast and (word_end >= len(text) or not _is_word_char(text[word_end]))
            if fast:
                if ok and word_end <= stop:
                    found.append(Hit(alt.row, pos, word_end, text[pos:word_end]))
                continue
        if not regex_ok:
            continue
        m = alt.regex.match(text, pos)
        if m and m.end() <= stop:
            found.append(Hit(alt.row, pos, m.end(), m.group(0)))
    if len(found) > 1:
        found.sort(key=_hit_order)
    return found


def _hit_order(h: Hit) -> tuple[int, int]:
    return (h.start - h.end, h.row)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A compiled cue lexicon: the rows (from the data file) and the first-word index."""

    file: str
    rows: tuple[Row, ...]
    index: dict[str, tuple[Alt, ...]]
    #: first word -> :func:`gate_pattern` of its alternatives (only the words that have one)
    gates: dict[str, str] = field(default_factory=dict)

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
        for hits in self._scan(text, start, end, past_hit=True):
            yield hits[0]

    def find_all(self, text: str, *, start: int = 0, end: int | None = None) -> Iterator[list[Hit]]:
        """Like :meth:`find` but yields, at each position, every candidate (longest first)
        so that the caller may skip a candidate and fall back to the next."""
        return self._scan(text, start, end, past_hit=False)

    def _scan(self, text: str, start: int, end: int | None, *, past_hit: bool) -> Iterator[list[Hit]]:
        """The candidates at each word of ``text[start:end]`` that starts an entry, longest
        first; the scan goes on after the longest hit (``past_hit``) or after its first word."""
        stop = len(text) if end is None else end
        pos = start
        index = self.index
        words, vocab = tokens(text, start, stop)
        if index.keys().isdisjoint(vocab):
            return
        for w_start, w_end, w_lower in words:
            if w_start < pos:
                continue
            alts = index.get(w_lower)
            if alts is None:
                continue
            hits = _hits_at(alts, text, w_start, w_end, stop, self.gates.get(w_lower, ""))
            if hits:
                yield hits
                pos = hits[0].end if past_hit else w_end


@dataclass(frozen=True, slots=True)
class MultiLexicon:
    """Several lexicons matched together: one pass over a text's words finds what each
    lexicon's :meth:`Lexicon.find` finds (and, for one of them, :meth:`Lexicon.find_all`),
    with one dictionary look-up per word instead of one scan per lexicon."""

    lexicons: tuple[Lexicon, ...]
    #: word -> (lexicon number, that lexicon's alternatives for the word, their gate, and
    #: when all of them are plain, their rows in hit order, and the rows of its plain
    #: alternatives in hit order), per lexicon
    index: dict[str, tuple[tuple[int, tuple[Alt, ...], str, tuple[int, ...] | None, tuple[int, ...]], ...]]
    #: word -> one regex matching where one of the regex alternatives of any lexicon for the
    #: word matches (their alternation; for the words that have one): most occurrences of
    #: "is", "the", "in", "security" start no phrase of any lexicon, found with one match
    #: instead of one call per lexicon
    gates: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def scan(self, text: str, words: Sequence[Token], stop: int, *,
             all_of: int = -1) -> tuple[list[list[Hit]], list[list[Hit]]]:
        """``(hits, groups)`` for ``words`` (those of ``text[start:stop]``, as
        :func:`words_in` gives them): ``hits[k]`` is ``list(lexicons[k].find(text,
        start=start, end=stop))`` and ``groups`` is ``list(lexicons[all_of].find_all(…))``
        (empty when ``all_of`` is -1)."""
        found: list[list[Hit]] = [[] for _ in self.lexicons]
        groups: list[list[Hit]] = []
        pos = [-1] * len(self.lexicons)  # every word starts at or after the window start
        pos_all = -1
        index = self.index
        gates = self.gates
        size = len(text)
        for w_start, w_end, w_lower in words:
            entries = index.get(w_lower)
            if entries is None:
                continue
            plain: bool | None = None  # whether the word is ASCII (see _hits_at)
            plain_ok = False
            word = ""
            regex_ok: bool | None = None  # whether some regex alternative of the word matches
            for k, alts, gate, rows, plain_rows in entries:
                single = w_start >= pos[k]
                grouped = k == all_of and w_start >= pos_all
                if not (single or grouped):
                    continue
                if rows is None:
                    if regex_ok is None:
                        word_gate = gates.get(w_lower)
                        regex_ok = word_gate is None or word_gate.match(text, w_start) is not None
                    if not regex_ok:
                        # no regex alternative matches: the plain ones alone (as _hits_at)
                        if not plain_rows:
                            continue
                        rows = plain_rows
                if rows is not None:  # only plain alternatives: _hits_at without a call
                    if plain is None:
                        word = text[w_start:w_end]
                        plain = word.isascii()
                        plain_ok = plain and w_end <= stop and (
                            w_end >= size or not _is_word_char(text[w_end]))
                    if plain:
                        if not plain_ok:
                            continue
                        hits = [Hit(row, w_start, w_end, word) for row in rows]
                    else:
                        hits = _hits_at(alts, text, w_start, w_end, stop, gate)
                else:
                    hits = _hits_at(alts, text, w_start, w_end, stop, gate)
                if not hits:
                    continue
                if grouped:
                    groups.append(hits)
                    pos_all = w_end
                if single:
                    found[k].append(hits[0])
                    pos[k] = hits[0].end
        return found, groups


def combine(lexicons: Sequence[Lexicon]) -> MultiLexicon:
    """The :class:`MultiLexicon` of ``lexicons`` (numbered in the given order)."""
    index: dict[str, list[tuple[int, tuple[Alt, ...], str, tuple[int, ...] | None, tuple[int, ...]]]] = {}
    for k, lex in enumerate(lexicons):
        for word, alts in lex.index.items():
            # plain hits share one span: in hit order they are sorted by row (sort is stable)
            rows = tuple(sorted(a.row for a in alts)) if all(a.plain is not None for a in alts) else None
            plain_rows = tuple(sorted(a.row for a in alts if a.plain is not None))
            index.setdefault(word, []).append((k, alts, lex.gates.get(word, ""), rows, plain_rows))
    gates: dict[str, re.Pattern[str]] = {}
    for word, entries in index.items():
        patterns = [a.pattern for e in entries if e[3] is None for a in e[1] if a.plain is None]
        if patterns:
            gates[word] = _gate("|".join(f"(?:{p})" for p in patterns))
    return MultiLexicon(tuple(lexicons), {w: tuple(v) for w, v in index.items()}, gates)


def build_lexicon(file: str, rows: Sequence[Row], *, column: str = "pattern") -> Lexicon:
    """Compile the ``column`` patterns of ``rows``.  Raises DataFileError listing every
    malformed pattern with its file and line."""
    index: dict[str, list[Alt]] = {}
    issues: list[DataIssue] = []
    for i, row in enumerate(rows):
        for alt in split_multi(row[column]):
            try:
                first, pattern = alternative_pattern(alt)
            except (ValueError, re.error) as exc:
                issues.append(DataIssue(row.file, row.line, f"bad pattern: {exc}"))
                continue
            toks = [t for t in alt.split() if not _GAP.match(t)]
            forms = token_forms(toks[0])
            plain = frozenset(forms) if len(toks) == 1 and all(
                f.isascii() and f.isalpha() for f in forms) else None
            compiled = Alt(i, len(toks), pattern, plain)
            for form in first:
                index.setdefault(form, []).append(compiled)
    if issues:
        raise DataFileError(issues)
    gates = {k: g for k, v in index.items() if (g := gate_pattern(v))}
    return Lexicon(file, tuple(rows), {k: tuple(v) for k, v in index.items()}, gates)


@cache
def lexicon(name: str, *, required: tuple[str, ...] = ("pattern",)) -> Lexicon:
    """The compiled lexicon of data file ``name`` (cached)."""
    table = read_table(name, required=required)
    return build_lexicon(name, table.rows)


#: The one list of reporting verbs, read by the event coder and by the stance extractor
#: (kinds ``speech`` and ``speech_or_object``; see its header).
REPORTING_VERBS = "reporting_verbs.tsv"


@cache
def word_class(name: str, kind: str, *more: str) -> Lexicon:
    """The compiled sub-lexicon of the rows of ``name`` whose ``kind`` column is ``kind`` or
    one of ``more`` (e.g. ``word_class("modality.tsv", "negation")``).  Cached."""
    kinds = (kind, *more)
    table = read_table(name, required=("kind", "pattern"))
    rows = tuple(r for r in table.rows if r["kind"] in kinds)
    for k in kinds:
        if not any(r["kind"] == k for r in rows):
            raise DataFileError([DataIssue(name, 1, f"no rows of kind '{k}'")])
    return build_lexicon(name, rows)
