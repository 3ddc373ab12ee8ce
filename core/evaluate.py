"""Score the frames against a gold annotation, or the sentence coder against a peer set.

Two modes (``python -m core evaluate ...``)::

    evaluate --gold FILE_OR_DIR --corpus PATH [PATH ...] [--json OUT] [--tolerance-days N]
    evaluate --peer FILE.jsonl [--split NAME] [--json OUT]

**Gold mode** builds the frames with :func:`core.build_frames` and compares them with the gold
(see ``tests/gold/README.md`` for the format).  Only articles named in the gold are scored;
gold articles missing from the frames are listed as not scored.
The gold may also be an analysts' corrections file (``--gold STORE.corrections.sqlite``,
:func:`core.corrections.gold_from_corrections`): confirmed, corrected and missed frames are
required gold, not_event / not_stance ones are not gold, unreviewed frames of the corrected
articles are optional.

Matching rule (events): a predicted event and a gold event are candidates when they are in the
same article and the predicted evidence span ``[start, end)`` overlaps the gold sentence
(located in the cleaned article text; a sentence printed twice, such as a repeated headline,
may be coded at each place).  Pairs are chosen one-to-one, greedily, preferring in turn: the
same polarity, a required (not optional) gold item, the larger overlap in characters, the same
action, the same pair of actor countries.  A chosen pair with the same polarity is a match
(true positive); a chosen pair whose polarity differs is both a miss and a false positive
(reported as "wrong polarity").  Polarity accuracy is measured on all chosen pairs; action,
actor-country and event-date accuracy on matches.  A prediction chosen for an optional gold
item is set aside; an optional item left unmatched is not a miss.  Predicted events marked
``duplicate_of`` still count as predictions; events coded ``domestic``/``neutral`` (acts inside
one country) are left out of the event score and counted apart (``--score-domestic`` counts
them).  Stances follow the same rule with the quote span
and the stance label in place of the evidence span and the polarity.

Actor countries are right when ``(country1, country2)`` equals the gold pair, or, for the
symmetric actions CONSULT, AGREE and COOPERATE, the reversed pair.

Dates (articles, and events on matches): a gold ``day`` requires the predicted window to be that
day; a gold window counts the predicted window right when it lies inside the gold window widened
by ``tolerance_days`` (31 by default) at each end, i.e. overlaps it without being much wider;
"overlap" is also reported.  An undated gold article is right only when the prediction is
undated.  Administrations are compared after folding accents, case and arrow spelling.

**Peer mode** codes each record's sentence with ``core.sentence_api.code_sentence`` and reports,
per split: polarity accuracy (gold ``none`` counts as ``neutral``), coverage (share given a
non-neutral polarity), accuracy among covered records, and a confusion table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from core.errors import CoreError, UsageError
from core.gold import (  # noqa: F401 - re-exported: core.evaluate.Gold etc. keep working
    ACTIONS,
    ADMINISTRATIONS_MX,
    ADMINISTRATIONS_US,
    COUNTRIES_EVENT,
    COUNTRIES_STANCE,
    DYADS,
    MODALITIES,
    POLARITIES,
    PRECISIONS,
    STANCES,
    SYMMETRIC_ACTIONS,
    Gold,
    GoldArticle,
    GoldEvent,
    GoldStance,
)

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPACE = re.compile(r"\s+")
_CHAR_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201a": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
        "\u2026": ".",
    }
)


_KINDS = {"event": GoldEvent, "stance": GoldStance, "article": GoldArticle}
_STEM_KIND = {"events": "event", "stances": "stance", "articles": "article"}


def _record(kind: str, raw: Mapping[str, Any], where: str) -> GoldEvent | GoldStance | GoldArticle:
    cls = _KINDS[kind]
    fields = set(cls.__dataclass_fields__)  # type: ignore[attr-defined]
    values = {k: v for k, v in raw.items() if k in fields and k != "where"}
    values["where"] = where
    if "optional" in values:
        values["optional"] = bool(values["optional"])
    if "span_sha" in values:  # offset-keyed: the text comes from the article file
        values.setdefault({"event": "sentence", "stance": "quote"}.get(kind, "span"), "")
        values.pop("span", None)
    try:
        return cls(**values)  # type: ignore[no-any-return]
    except TypeError as exc:
        missing = sorted(
            f for f, spec in cls.__dataclass_fields__.items()  # type: ignore[attr-defined]
            if f not in values and spec.default is spec.default_factory  # both MISSING
        )
        raise UsageError(f"{where}: {kind} record lacks field(s) {', '.join(missing)}") from exc


def span_sha(text: str) -> str:
    """The short hash that offset-keyed gold keeps of each span: 12 hex digits of SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _article_file(name: str, corpus: Sequence[str | Path]) -> Path | None:
    for root in map(Path, corpus):
        if root.is_file() and root.name == name:
            return root
        if root.is_dir() and (root / name).is_file():
            return root / name
    return None


def _materialise(item: GoldEvent | GoldStance, corpus: Sequence[str | Path],
                 texts: dict[str, str]) -> GoldEvent | GoldStance:
    """Fill the sentence / quote of an offset-keyed gold record from its article's file,
    checking the span's hash (a changed text is an error, never a silent mis-score)."""
    if item.start < 0 or (item.sentence if isinstance(item, GoldEvent) else item.quote):
        return item
    text = _text_of(item.article, corpus, texts)
    if text is None:
        raise UsageError(f"{item.where}: offset-keyed gold needs the text of {item.article}, which is in"
                         " none of the corpus paths (re-pull it: devcorpus/README.md)")
    span = text[item.start:item.end]
    if not (0 <= item.start < item.end <= len(text)) or span_sha(span) != item.span_sha:
        raise UsageError(f"{item.where}: the span {item.start}..{item.end} of {item.article} no longer has hash"
                         f" {item.span_sha}: the article's text changed (re-pull it and verify its sha256)")
    return replace(item, sentence=span) if isinstance(item, GoldEvent) else replace(item, quote=span)


def _text_of(article: str, corpus: Sequence[str | Path], texts: dict[str, str]) -> str | None:
    """The text of the gold's ``article`` from the corpus paths (read once, kept in ``texts``),
    or None when no path holds it."""
    if article not in texts:
        file = _article_file(article, corpus)
        if file is None:
            return None
        texts[article] = file.read_bytes().decode("utf-8", errors="replace")
    return texts[article]


def _materialise_title(item: GoldArticle, corpus: Sequence[str | Path], texts: dict[str, str]) -> GoldArticle:
    """Fill the title of an offset-keyed gold article record (``title_start``/``title_end``/
    ``title_sha``) from its file; without the file the record stays as it is (titles are
    then not scored for it)."""
    if item.title or item.title_start < 0:
        return item
    text = _text_of(item.article, corpus, texts)
    if text is None:
        return item
    span = text[item.title_start:item.title_end]
    if not (0 <= item.title_start < item.title_end <= len(text)) or span_sha(span) != item.title_sha:
        raise UsageError(f"{item.where}: the title span {item.title_start}..{item.title_end} of {item.article}"
                         f" no longer has hash {item.title_sha}: the article's text changed")
    return replace(item, title=span)


def load_gold(path: str | Path, *, corpus: Sequence[str | Path] = (), store: str | Path | None = None) -> Gold:
    """Read a gold annotation: a directory of ``events.jsonl``/``stances.jsonl``/
    ``articles.jsonl`` (any other ``*.jsonl`` in it needs a ``kind`` field per record), or
    one JSON Lines file whose records carry ``"kind": "event"|"stance"|"article"``, or an
    analysts' corrections file (``STORE.corrections.sqlite``, see :mod:`core.corrections`:
    read on the store it belongs to, ``store`` or the folder the file is named after).

    Records keyed by offsets (``start``, ``end``, ``span_sha`` in place of ``sentence`` /
    ``quote``, as in ``devcorpus/gold``) get their text from the article files found under
    ``corpus``.  Raises :class:`UsageError` naming ``file:line`` for anything unreadable."""
    p = Path(path)
    if p.is_file() and (p.suffix == ".sqlite" or _is_sqlite(p)):
        from core.corrections import load_gold_corrections

        return load_gold_corrections(p, store=store)
    if p.is_dir():
        files = sorted(p.glob("*.jsonl"))
        if not files:
            raise UsageError(f"{p}: no *.jsonl gold files in this directory")
    elif p.is_file():
        files = [p]
    else:
        raise UsageError(f"{p}: gold file or directory not found")
    out: dict[str, list[Any]] = {"event": [], "stance": [], "article": []}
    for file in files:
        default_kind = _STEM_KIND.get(file.stem, "")
        for lineno, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{file}:{lineno}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{where}: not valid JSON ({exc.msg})") from exc
            if not isinstance(raw, dict):
                raise UsageError(f"{where}: a gold record must be a JSON object")
            kind = str(raw.get("kind") or default_kind)
            if kind not in _KINDS:
                raise UsageError(
                    f"{where}: unknown record kind {kind!r}; give \"kind\": \"event\", \"stance\" or"
                    " \"article\" (or name the file events/stances/articles.jsonl)"
                )
            out[kind].append(_record(kind, raw, where))
    texts: dict[str, str] = {}
    events = tuple(_materialise(e, corpus, texts) for e in out["event"])
    stances = tuple(_materialise(st, corpus, texts) for st in out["stance"])
    articles = tuple(_materialise_title(a, corpus, texts) for a in out["article"])
    return Gold(events, stances, articles)  # type: ignore[arg-type]


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def read_manifest(path: str | Path, *, column: str = "split") -> dict[str, str]:
    """Article file name -> split (or another ``column``, e.g. ``url``), from a
    development-corpus manifest (TSV with ``id`` and ``split`` columns, as
    ``devcorpus/manifest.tsv``)."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"{p}: cannot read the manifest ({exc.strerror or exc})") from exc
    if not lines:
        raise UsageError(f"{p}: empty manifest")
    head = lines[0].split("\t")
    if "id" not in head or column not in head:
        raise UsageError(f"{p}:1: the manifest needs columns id and {column}")
    i, k = head.index("id"), head.index(column)
    out: dict[str, str] = {}
    for lineno, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(head):
            raise UsageError(f"{p}:{lineno}: {len(cells)} cells, the header has {len(head)}")
        out[f"{cells[i]}.txt"] = cells[k]
    return out


def check_gold(gold: Gold) -> list[str]:
    """Every problem with the gold's codes (not with its substrings): unknown countries,
    actions, polarities, action/polarity combinations, stances, dates, administrations.
    Returns one message per problem, prefixed with the record's ``file:line``."""
    issues: list[str] = []

    def bad(where: str, msg: str) -> None:
        issues.append(f"{where}: {msg}")

    def check_window(where: str, low: str, high: str, precision: str) -> None:
        for value in (low, high):
            if value and not _ISO.fullmatch(value):
                bad(where, f"date {value!r} is not an ISO date")
        if low and high and _ISO.fullmatch(low) and _ISO.fullmatch(high) and low > high:
            bad(where, f"date window {low}…{high} is reversed")
        if precision not in PRECISIONS:
            bad(where, f"date precision {precision!r} is not one of {sorted(PRECISIONS)}")
        if precision == "none" and (low or high):
            bad(where, "precision none with a date window")
        if precision == "day" and not (low and low == high):
            bad(where, "precision day needs date_low == date_high")

    for e in gold.events:
        for c in (e.country1, e.country2):
            if c not in COUNTRIES_EVENT:
                bad(e.where, f"country {c!r} is not one of {sorted(COUNTRIES_EVENT)}")
        if e.action not in ACTIONS:
            bad(e.where, f"action {e.action!r} is not a codebook action")
        elif e.polarity not in ACTIONS[e.action]:
            bad(e.where, f"action {e.action} cannot have polarity {e.polarity!r}")
        if e.polarity not in POLARITIES:
            bad(e.where, f"polarity {e.polarity!r} is not one of {sorted(POLARITIES)}")
        if e.dyad not in DYADS:
            bad(e.where, f"dyad {e.dyad!r} is not one of {sorted(DYADS)}")
        if e.dyad == "gov" and "NS" in (e.country1, e.country2):
            bad(e.where, "dyad gov with a non-state actor")
        if e.dyad == "nonstate" and "NS" not in (e.country1, e.country2):
            bad(e.where, "dyad nonstate without a non-state actor")
        if e.modality not in MODALITIES:
            bad(e.where, f"modality {e.modality!r} is not one of {sorted(MODALITIES)}")
        check_window(e.where, e.date_low, e.date_high, e.date_precision)
        if e.date and not (e.date_low <= e.date <= (e.date_high or "9999")):
            bad(e.where, f"date {e.date} outside its window")
        if not e.sentence.strip():
            bad(e.where, "empty sentence")
    for s in gold.stances:
        if s.holder_country not in COUNTRIES_STANCE:
            bad(s.where, f"holder country {s.holder_country!r} is not one of {sorted(COUNTRIES_STANCE)}")
        if s.stance not in STANCES:
            bad(s.where, f"stance {s.stance!r} is not one of {sorted(STANCES)}")
        if not s.quote.strip():
            bad(s.where, "empty quote")
    for a in gold.articles:
        check_window(a.where, a.date_low, a.date_high, a.date_precision)
        if a.published and (a.date_precision != "day" or a.published != a.date_low):
            bad(a.where, "published given but the window is not that day")
        for value, allowed in ((a.us_admin, ADMINISTRATIONS_US), (a.mx_admin, ADMINISTRATIONS_MX)):
            parts = [p.strip() for p in value.split("→")] if value else []
            if any(p not in allowed for p in parts):
                bad(a.where, f"administration {value!r}: each part must be one of {list(allowed)}")
    return issues


# --------------------------------------------------------------------------- report records


@dataclass(frozen=True, slots=True)
class Score:
    """Counts of true positives, false positives and misses, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp), or None when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn), or None when the gold is empty."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall (0 when both are 0; None when undefined)."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, Any]:
        """Counts and rates, for JSON."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True, slots=True)
class Ratio:
    """``right`` out of ``total`` (an accuracy)."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        """right / total, or None when there is nothing to count."""
        return self.right / self.total if self.total else None

    def as_dict(self) -> dict[str, Any]:
        """Counts and rate, for JSON."""
        return {"right": self.right, "total": self.total, "value": self.value}


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the error lists: a miss, a false positive, or a disagreement on a match.

    ``kind`` is ``miss``, ``false_positive``, ``wrong_polarity``, ``wrong_stance``,
    ``action``, ``countries``, ``event_date``, ``holder_country``, ``date`` or ``admin``.
    """

    frame: str  # events | stances | articles
    kind: str
    article: str
    text: str
    expected: str = ""
    predicted: str = ""


@dataclass(frozen=True, slots=True)
class ArticleCounts:
    """Per-article counts of events and stances."""

    article: str
    events: Score
    stances: Score


@dataclass(frozen=True, slots=True)
class Report:
    """The result of :func:`evaluate`."""

    events: Score
    stances: Score
    polarity_accuracy: Ratio
    action_accuracy: Ratio
    country_accuracy: Ratio
    event_date_accuracy: Ratio
    stance_accuracy: Ratio
    holder_country_accuracy: Ratio
    date_accuracy: Ratio
    date_overlap: Ratio
    us_admin_accuracy: Ratio
    mx_admin_accuracy: Ratio
    date_holds: Ratio = Ratio(0, 0)
    date_narrow: Ratio = Ratio(0, 0)
    outlet_accuracy: Ratio = Ratio(0, 0)
    wire_accuracy: Ratio = Ratio(0, 0)
    title_accuracy: Ratio = Ratio(0, 0)
    misses: tuple[Finding, ...] = ()
    false_positives: tuple[Finding, ...] = ()
    disagreements: tuple[Finding, ...] = ()
    per_article: tuple[ArticleCounts, ...] = ()
    set_aside: int = 0  # predictions matched to optional gold items
    not_scored: tuple[str, ...] = ()  # gold articles absent from the frames
    tolerance_days: int = 31
    domestic_neutral: int = 0  # predicted domestic/neutral events left out of the event score

    @property
    def admin_accuracy(self) -> Ratio:
        """US and Mexican administrations together."""
        return Ratio(self.us_admin_accuracy.right + self.mx_admin_accuracy.right,
                     self.us_admin_accuracy.total + self.mx_admin_accuracy.total)

    def as_dict(self) -> dict[str, Any]:
        """The whole report as plain JSON-ready data."""
        out: dict[str, Any] = {}
        for name in ("events", "stances"):
            out[name] = getattr(self, name).as_dict()
        for name in ("polarity_accuracy", "action_accuracy", "country_accuracy", "event_date_accuracy",
                     "stance_accuracy", "holder_country_accuracy", "date_accuracy", "date_overlap",
                     "us_admin_accuracy", "mx_admin_accuracy", "admin_accuracy", "date_holds",
                     "date_narrow", "outlet_accuracy", "wire_accuracy", "title_accuracy"):
            out[name] = getattr(self, name).as_dict()
        out["misses"] = [asdict(f) for f in self.misses]
        out["false_positives"] = [asdict(f) for f in self.false_positives]
        out["disagreements"] = [asdict(f) for f in self.disagreements]
        out["per_article"] = [
            {"article": a.article, "events": a.events.as_dict(), "stances": a.stances.as_dict()}
            for a in self.per_article
        ]
        out["set_aside"] = self.set_aside
        out["not_scored"] = list(self.not_scored)
        out["tolerance_days"] = self.tolerance_days
        out["domestic_neutral"] = self.domestic_neutral
        return out


# --------------------------------------------------------------------------- locating text


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """``text`` with quotes/dashes folded and whitespace runs collapsed to one space, and for
    each character of the result the offset of its source character in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    prev_space = True
    for i, ch in enumerate(text):
        c = ch.translate(_CHAR_FOLD)
        if c.isspace():
            if prev_space:
                continue
            c = " "
            prev_space = True
        else:
            prev_space = False
        out.append(c)
        offsets.append(i)
    while out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


def locate(needle: str, text: str, *, min_score: float = 90.0) -> list[tuple[int, int]]:
    """Every span ``[start, end)`` of ``text`` holding ``needle``: exactly, or after folding
    quotes, dashes and whitespace, or (when neither is found) the best fuzzy alignment
    scoring at least ``min_score`` (rapidfuzz partial ratio).  Empty when not found."""
    if not needle.strip():
        return []
    spans: list[tuple[int, int]] = []
    start = text.find(needle)
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    if spans:
        return spans
    folded, offsets = _fold_with_map(text)
    fneedle, _ = _fold_with_map(needle)
    if not fneedle or not folded:
        return []
    start = folded.find(fneedle)
    while start >= 0:
        end = start + len(fneedle)
        spans.append((offsets[start], offsets[end - 1] + 1))
        start = folded.find(fneedle, start + 1)
    if spans:
        return spans
    from rapidfuzz import fuzz

    al = fuzz.partial_ratio_alignment(fneedle, folded, score_cutoff=min_score)
    if al is None or al.dest_end <= al.dest_start:
        return []
    return [(offsets[al.dest_start], offsets[al.dest_end - 1] + 1)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class _Pair:
    gold: int  # index into the gold list
    pred: int  # index into the predicted list
    slot: int  # which occurrence of the gold text
    agree: bool  # polarity / stance label agrees


def match_spans(
    gold_spans: Sequence[Sequence[tuple[int, int]]],
    pred_spans: Sequence[tuple[int, int]],
    *,
    agree: Callable[[int, int], bool],
    optional: Sequence[bool],
    tie_break: Callable[[int, int], tuple[int, ...]] = lambda g, p: (),
) -> list[_Pair]:
    """Choose gold–prediction pairs one-to-one, greedily.  Candidates overlap in position;
    preference goes to agreeing labels (``agree(g, p)``), then required over optional gold,
    then larger overlap, then ``tie_break`` (smaller is better).  A gold item with several
    occurrences (``gold_spans[g]``) may take one prediction per occurrence."""
    cands: list[tuple[tuple[Any, ...], _Pair]] = []
    for g, spans in enumerate(gold_spans):
        for slot, gspan in enumerate(spans):
            for p, pspan in enumerate(pred_spans):
                ov = _overlap(gspan, pspan)
                if ov <= 0:
                    continue
                ok = agree(g, p)
                key = (not ok, optional[g], -ov, *tie_break(g, p), g, slot, p)
                cands.append((key, _Pair(g, p, slot, ok)))
    cands.sort(key=lambda kv: kv[0])
    used_slot: set[tuple[int, int]] = set()
    used_pred: set[int] = set()
    chosen: list[_Pair] = []
    for _key, pair in cands:
        if (pair.gold, pair.slot) in used_slot or pair.pred in used_pred:
            continue
        used_slot.add((pair.gold, pair.slot))
        used_pred.add(pair.pred)
        chosen.append(pair)
    return chosen


def _norm_admin(value: str) -> str:
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("->", "→").replace("=>", "→")
    return _SPACE.sub(" ", " → ".join(p.strip() for p in text.split("→"))).strip().casefold()


def _parse(d: str) -> date | None:
    try:
        return date.fromisoformat(d[:10]) if d else None
    except ValueError:
        return None


def window_right(
    pred_low: str, pred_high: str, gold_low: str, gold_high: str, gold_precision: str,
    *, tolerance_days: int = 31,
) -> tuple[bool, bool]:
    """Whether a predicted date window is right, and whether it overlaps the gold window.

    Gold ``none`` (undated): right when the prediction is undated too.  Gold ``day``: right
    when the prediction is exactly that day.  Otherwise right when the predicted window lies
    inside the gold window widened by ``tolerance_days`` at each end.  A missing bound on
    either side is unbounded."""
    pl, ph = _parse(pred_low), _parse(pred_high)
    gl, gh = _parse(gold_low), _parse(gold_high)
    if gold_precision == "none" or (gl is None and gh is None):
        undated = pl is None and ph is None
        return undated, undated
    if pl is None and ph is None:
        return False, False
    lo_p, hi_p = pl or date.min, ph or date.max
    lo_g, hi_g = gl or date.min, gh or date.max
    overlaps = lo_p <= hi_g and lo_g <= hi_p
    if gold_precision == "day":
        return (lo_p == lo_g and hi_p == hi_g), overlaps
    tol = timedelta(days=tolerance_days)
    lo_w = lo_g - tol if lo_g > date.min + tol else date.min
    hi_w = hi_g + tol if hi_g < date.max - tol else date.max
    return (overlaps and lo_w <= lo_p and hi_p <= hi_w), overlaps


#: A window is "narrow" when it spans at most this many days (the dates issue's target).
NARROW_DAYS = 90


def window_holds(pred_low: str, pred_high: str, gold_low: str, gold_high: str, gold_precision: str,
                 *, slack_days: int = 1) -> bool:
    """Whether a predicted publication window holds the truth.

    Gold ``day``/``month``/``year``: the predicted window contains the gold one, with
    ``slack_days`` at each end (a story filed late on one day is dated the next by its
    print edition).  Gold ``window`` (the truth is somewhere inside): the windows overlap.
    Gold ``none``: only an undated prediction holds.  A missing bound is unbounded."""
    pl, ph = _parse(pred_low), _parse(pred_high)
    gl, gh = _parse(gold_low), _parse(gold_high)
    if gold_precision == "none" or (gl is None and gh is None):
        return pl is None and ph is None
    if pl is None and ph is None:
        return False
    lo_p, hi_p = pl or date.min, ph or date.max
    lo_g, hi_g = gl or date.min, gh or date.max
    if gold_precision == "window":
        return lo_p <= hi_g and lo_g <= hi_p
    slack = timedelta(days=slack_days)
    return (lo_p == date.min or lo_p <= lo_g + slack) and (hi_p == date.max or hi_p >= hi_g - slack)


def window_days(low: str, high: str) -> int | None:
    """The number of days a window spans (1 for a day), ``None`` when a bound is missing."""
    lo, hi = _parse(low), _parse(high)
    return None if lo is None or hi is None else (hi - lo).days + 1


_OUTLET_NOISE = re.compile(r"[^\w]+")


def same_outlet(gold: str, pred: str) -> bool:
    """Whether a predicted outlet name names the gold outlet: case, accents, punctuation and a
    leading "The" aside ("The Washington Post" = "Washington Post", "USA TODAY" = "USA Today"),
    or two names of one row of ``outlets.tsv`` ("AP" = "Associated Press").  A gold name with a
    part in brackets ("HuffPost (Reuters)", "Miami Herald (McClatchy)": the site and the
    outlet that wrote the story) accepts either part."""
    from core.outlets import outlet_of_name

    def norm(v: str) -> str:
        v = unicodedata.normalize("NFKD", v or "")
        v = "".join(ch for ch in v if not unicodedata.combining(ch)).casefold().strip()
        v = re.sub(r"^the\s+", "", v)
        return _OUTLET_NOISE.sub("", v)
    if not norm(pred):
        return False
    m = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", gold or "")
    names = [gold, *(m.groups() if m else ())]
    mine = outlet_of_name(pred)
    return any(norm(g) == norm(pred) or (mine is not None and outlet_of_name(g) is mine) for g in names)


def same_title(gold: str, pred: str) -> bool:
    """Whether a predicted title is the gold title: equal after folding quotes, dashes and
    white space, or at least 90 similar (a trailing " - Outlet" or a dropped character)."""
    from rapidfuzz import fuzz

    g = _fold_with_map(gold)[0].strip().casefold()
    p = _fold_with_map(pred)[0].strip().casefold()
    if not g or not p:
        return False
    return g == p or fuzz.ratio(g, p) >= 90


def _str(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key, "")
    if value is None:
        return ""
    try:
        if value != value:  # NaN / NA
            return ""
    except (TypeError, ValueError):
        return ""
    return str(value)


def _int(row: Mapping[str, Any], key: str) -> int:
    try:
        return int(row.get(key, 0) or 0)
    except (TypeError, ValueError):
        return 0


def _clip(text: str, limit: int = 240) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe_event(row: Mapping[str, Any]) -> str:
    return (f"{_str(row, 'actor1') or '?'} ({_str(row, 'country1') or '?'}) "
            f"{_str(row, 'action') or '?'}/{_str(row, 'polarity') or '?'} → "
            f"{_str(row, 'actor2') or '?'} ({_str(row, 'country2') or '?'})")


def _describe_gold_event(e: GoldEvent) -> str:
    opt = " [optional]" if e.optional else ""
    return f"{e.actor1} ({e.country1}) {e.action}/{e.polarity} → {e.actor2} ({e.country2}){opt}"


def _describe_stance(row: Mapping[str, Any]) -> str:
    return (f"{_str(row, 'holder') or '?'} ({_str(row, 'holder_country') or '?'}) "
            f"{_str(row, 'stance') or '?'}: {_str(row, 'target') or '?'}")


def _countries_right(e: GoldEvent, row: Mapping[str, Any]) -> bool:
    pred = (_str(row, "country1"), _str(row, "country2"))
    gold = (e.country1, e.country2)
    return pred == gold or (e.action in SYMMETRIC_ACTIONS and pred == gold[::-1])


def _rows(df: Any) -> list[dict[str, Any]]:
    if df is None or len(df) == 0:
        return []
    return [dict(r) for r in df.to_dict(orient="records")]


def _only(df: Any, article_ids: set[str]) -> Any:
    """The rows of ``df`` whose ``article_id`` is in ``article_ids`` (all rows when the frame
    has no such column)."""
    if df is None or len(df) == 0 or "article_id" not in df.columns:
        return df
    return df[df["article_id"].astype("string").isin(sorted(article_ids))]


def _article_index(articles: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Gold article name (file name) -> article row, by path, duplicate paths and base name."""
    index: dict[str, dict[str, Any]] = {}
    for row in articles:
        paths = [_str(row, "path")] + [p.strip() for p in _str(row, "duplicate_paths").split(";")]
        for path in paths:
            if not path:
                continue
            index.setdefault(path, row)
            base = re.sub(r":\d+$", "", path)
            index.setdefault(base, row)
            index.setdefault(Path(base).name, row)
        if _str(row, "url"):
            index.setdefault(f"url:{_str(row, 'url')}", row)
    return index


@dataclass(slots=True)
class _Resolved:
    """How the chosen pairs of one article count."""

    status: dict[int, str] = field(default_factory=dict)  # pred -> tp | aside | wrong
    matches: list[tuple[int, int]] = field(default_factory=list)  # (gold, pred) true positives
    located: list[tuple[int, int]] = field(default_factory=list)  # required pairs, any label
    matched_gold: set[int] = field(default_factory=set)
    wrong_for_gold: dict[int, int] = field(default_factory=dict)  # gold -> pred with another label
    set_aside: int = 0


def _resolve_pairs(pairs: Sequence[_Pair], optional: Sequence[bool]) -> _Resolved:
    """Turn the chosen pairs (in preference order: agreeing pairs first) into true positives,
    set-aside predictions (optional gold, or a further occurrence of a matched sentence) and
    wrong-label predictions."""
    out = _Resolved()
    for pair in pairs:
        g, p = pair.gold, pair.pred
        if not pair.agree:
            out.status[p] = "wrong"
            if not optional[g] and g not in out.matched_gold and g not in out.wrong_for_gold:
                out.wrong_for_gold[g] = p
                out.located.append((g, p))
            continue
        if optional[g] or g in out.matched_gold:
            out.status[p] = "aside"
            out.set_aside += 1
            out.matched_gold.add(g)
            continue
        out.status[p] = "tp"
        out.matched_gold.add(g)
        out.matches.append((g, p))
        out.located.append((g, p))
    return out


def _describe_gold_stance(s: GoldStance) -> str:
    opt = " [optional]" if s.optional else ""
    return f"{s.holder} ({s.holder_country}) {s.stance}: {s.target}{opt}"


@dataclass(slots=True)
class _Acc:
    """Mutable tallies while scoring."""

    findings_miss: list[Finding] = field(default_factory=list)
    findings_fp: list[Finding] = field(default_factory=list)
    findings_dis: list[Finding] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def ratio(self, name: str) -> Ratio:
        return Ratio(self.counts[name + ".right"], self.counts[name + ".total"])

    def tally(self, name: str, right: bool) -> None:
        self.counts[name + ".total"] += 1
        if right:
            self.counts[name + ".right"] += 1


def _score_events(
    name: str, text: str, gev: list[GoldEvent], pev: list[dict[str, Any]], acc: _Acc,
    *, tolerance_days: int, passages: Mapping[str, str],
) -> tuple[Score, int]:
    """Match and score the events of one article; returns the score and the number of
    predictions set aside (matched to optional gold items)."""
    gspans = [locate(e.sentence, text) for e in gev]
    for e, spans in zip(gev, gspans, strict=True):
        if not spans and not e.optional:
            acc.findings_miss.append(Finding("events", "miss", name, _clip(e.sentence),
                                             _describe_gold_event(e) + " [sentence not found in the cleaned text]"))
    pspans = [(_int(r, "start"), _int(r, "end")) for r in pev]
    pairs = match_spans(
        gspans, pspans,
        agree=lambda g, p: gev[g].polarity == _str(pev[p], "polarity"),
        optional=[e.optional for e in gev],
        tie_break=lambda g, p: (int(gev[g].action != _str(pev[p], "action")),
                                int(not _countries_right(gev[g], pev[p]))),
    )
    out = _resolve_pairs(pairs, [e.optional for e in gev])
    for g, p in out.located:
        acc.tally("polarity", (g, p) in out.matches)
    for g, p in out.matches:
        e, row = gev[g], pev[p]
        arow = _str(row, "action")
        acc.tally("action", e.action == arow)
        if e.action != arow:
            acc.findings_dis.append(Finding("events", "action", name, _clip(e.sentence),
                                            _describe_gold_event(e), _describe_event(row)))
        cright = _countries_right(e, row)
        acc.tally("countries", cright)
        if not cright:
            acc.findings_dis.append(Finding("events", "countries", name, _clip(e.sentence),
                                            _describe_gold_event(e), _describe_event(row)))
        dright, _ = window_right(_str(row, "date_low") or _str(row, "date"),
                                 _str(row, "date_high") or _str(row, "date"),
                                 e.date_low, e.date_high, e.date_precision,
                                 tolerance_days=tolerance_days)
        acc.tally("event_date", dright)
        if not dright:
            acc.findings_dis.append(Finding(
                "events", "event_date", name, _clip(e.sentence),
                f"{e.date_low}…{e.date_high} ({e.date_precision})",
                f"{_str(row, 'date_low')}…{_str(row, 'date_high')} ({_str(row, 'date_precision')})"))
    fn = 0
    for g, e in enumerate(gev):
        if e.optional or g in out.matched_gold:
            continue
        fn += 1
        if not gspans[g]:
            continue  # already listed as not found
        if g in out.wrong_for_gold:
            acc.findings_miss.append(Finding("events", "wrong_polarity", name, _clip(e.sentence),
                                             _describe_gold_event(e),
                                             _describe_event(pev[out.wrong_for_gold[g]])))
        else:
            acc.findings_miss.append(Finding("events", "miss", name, _clip(e.sentence),
                                             _describe_gold_event(e)))
    fp = 0
    for p, row in enumerate(pev):
        status = out.status.get(p, "")
        if status in ("tp", "aside"):
            continue
        fp += 1
        s, t = pspans[p]
        acc.findings_fp.append(Finding(
            "events", "wrong_polarity" if status == "wrong" else "false_positive", name,
            _clip(passages.get(_str(row, "passage_id")) or text[s:t]), "", _describe_event(row)))
    return Score(len(out.matches), fp, fn), out.set_aside


def _score_stances(
    name: str, text: str, gst: list[GoldStance], pst: list[dict[str, Any]], acc: _Acc,
) -> tuple[Score, int]:
    """Match and score the stances of one article; returns the score and the number of
    predictions set aside."""
    gsp = [locate(s.quote, text) for s in gst]
    for st, spans in zip(gst, gsp, strict=True):
        if not spans and not st.optional:
            acc.findings_miss.append(Finding("stances", "miss", name, _clip(st.quote),
                                             _describe_gold_stance(st) + " [quote not found in the cleaned text]"))
    psp = [(_int(r, "start"), _int(r, "end")) for r in pst]
    spairs = match_spans(
        gsp, psp,
        agree=lambda g, p: gst[g].stance == _str(pst[p], "stance"),
        optional=[st.optional for st in gst],
        tie_break=lambda g, p: (int(gst[g].holder_country != _str(pst[p], "holder_country")),),
    )
    sout = _resolve_pairs(spairs, [st.optional for st in gst])
    for g, p in sout.located:
        acc.tally("stance", (g, p) in sout.matches)
    for g, p in sout.matches:
        st, row = gst[g], pst[p]
        hright = st.holder_country == _str(row, "holder_country")
        acc.tally("holder_country", hright)
        if not hright:
            acc.findings_dis.append(Finding("stances", "holder_country", name, _clip(st.quote),
                                            _describe_gold_stance(st), _describe_stance(row)))
    sfn = 0
    for g, st in enumerate(gst):
        if st.optional or g in sout.matched_gold:
            continue
        sfn += 1
        if not gsp[g]:
            continue
        if g in sout.wrong_for_gold:
            acc.findings_miss.append(Finding("stances", "wrong_stance", name, _clip(st.quote),
                                             _describe_gold_stance(st),
                                             _describe_stance(pst[sout.wrong_for_gold[g]])))
        else:
            acc.findings_miss.append(Finding("stances", "miss", name, _clip(st.quote),
                                             _describe_gold_stance(st)))
    sfp = 0
    for p, row in enumerate(pst):
        status = sout.status.get(p, "")
        if status in ("tp", "aside"):
            continue
        sfp += 1
        a, b = psp[p]
        acc.findings_fp.append(Finding(
            "stances", "wrong_stance" if status == "wrong" else "false_positive", name,
            _clip(_str(row, "quote") or text[a:b]), "", _describe_stance(row)))
    return Score(len(sout.matches), sfp, sfn), sout.set_aside


def evaluate(frames: Any, gold: Gold, *, tolerance_days: int = 31, score_domestic: bool = False,
             urls: Mapping[str, str] | None = None) -> Report:
    """Compare ``frames`` (a :class:`core.Frames`, or anything with ``articles``, ``events``
    and ``stances`` DataFrames) with ``gold``; see the module docstring for the rules.

    A gold article is found in the frames by its file name (path, duplicate paths, base
    name) or, through ``urls`` (gold article name -> URL, e.g. from the manifest), by the
    ``url`` of an article read from JSONL/CSV.

    Predicted events coded ``domestic``/``neutral`` (acts inside one country, which the issue
    allows as such) are left out of the event score and counted in ``Report.domestic_neutral``,
    unless ``score_domestic`` is true (then they count like any prediction)."""
    index = _article_index(_rows(frames.articles))
    for name, url in (urls or {}).items():
        if name not in index and f"url:{url}" in index:
            index[name] = index[f"url:{url}"]
    wanted = {_str(index[n], "article_id") for n in gold.article_names() if n in index}
    events = _rows(_only(frames.events, wanted))
    stances = _rows(_only(frames.stances, wanted))
    passages = {_str(r, "passage_id"): _str(r, "text")
                for r in _rows(_only(getattr(frames, "passages", None), wanted))}
    ev_by_aid: dict[str, list[dict[str, Any]]] = {}
    domestic = 0
    for row in events:
        if not score_domestic and _str(row, "dyad") == "domestic" and _str(row, "polarity") == "neutral":
            domestic += 1
            continue
        ev_by_aid.setdefault(_str(row, "article_id"), []).append(row)
    st_by_aid: dict[str, list[dict[str, Any]]] = {}
    for row in stances:
        st_by_aid.setdefault(_str(row, "article_id"), []).append(row)

    acc = _Acc()
    per_article: list[ArticleCounts] = []
    not_scored: list[str] = []
    set_aside = 0
    gold_articles = {a.article: a for a in gold.articles}
    ev_total = Counter[str]()
    st_total = Counter[str]()

    for name in gold.article_names():
        art = index.get(name)
        if art is None:
            not_scored.append(name)
            continue
        text = _str(art, "text")
        aid = _str(art, "article_id")

        gev = [e for e in gold.events if e.article == name]
        ev_score, aside = _score_events(name, text, gev, ev_by_aid.get(aid, []), acc,
                                        tolerance_days=tolerance_days, passages=passages)
        set_aside += aside
        ev_total.update(tp=ev_score.tp, fp=ev_score.fp, fn=ev_score.fn)
        gst = [st for st in gold.stances if st.article == name]
        st_score, aside = _score_stances(name, text, gst, st_by_aid.get(aid, []), acc)
        set_aside += aside
        st_total.update(tp=st_score.tp, fp=st_score.fp, fn=st_score.fn)
        per_article.append(ArticleCounts(name, ev_score, st_score))

        # ---- article date and administrations
        ga = gold_articles.get(name)
        if ga is not None:
            right, overlaps = window_right(_str(art, "date_low"), _str(art, "date_high"),
                                           ga.date_low, ga.date_high, ga.date_precision,
                                           tolerance_days=tolerance_days)
            acc.tally("date", right)
            acc.tally("date_overlap", overlaps)
            holds = window_holds(_str(art, "date_low"), _str(art, "date_high"),
                                 ga.date_low, ga.date_high, ga.date_precision)
            acc.tally("date_holds", holds)
            width = window_days(_str(art, "date_low"), _str(art, "date_high"))
            acc.tally("date_narrow", holds and width is not None and width <= NARROW_DAYS)
            if ga.outlet:
                ok = same_outlet(ga.outlet, _str(art, "source"))
                acc.tally("outlet", ok)
                if not ok:
                    acc.findings_dis.append(Finding("articles", "outlet", name, "", ga.outlet,
                                                    _str(art, "source") or "(none)"))
            ok = _str(art, "wire").casefold() == ga.wire.casefold()
            acc.tally("wire", ok)
            if not ok:
                acc.findings_dis.append(Finding("articles", "wire", name, "", ga.wire or "(none)",
                                                _str(art, "wire") or "(none)"))
            if ga.title:
                ok = same_title(ga.title, _str(art, "title"))
                acc.tally("title", ok)
                if not ok:
                    acc.findings_dis.append(Finding("articles", "title", name, "", _clip(ga.title),
                                                    _clip(_str(art, "title")) or "(none)"))
            if not right:
                acc.findings_dis.append(Finding(
                    "articles", "date", name, "",
                    f"{ga.date_low}…{ga.date_high} ({ga.date_precision})",
                    f"{_str(art, 'date_low')}…{_str(art, 'date_high')} ({_str(art, 'date_precision')});"
                    f" evidence: {_clip(_str(art, 'date_evidence'), 160)}"))
            for key, gold_value in (("us_admin", ga.us_admin), ("mx_admin", ga.mx_admin)):
                pred_value = _str(art, key)
                ok = _norm_admin(pred_value) == _norm_admin(gold_value)
                acc.tally(key, ok)
                if not ok:
                    acc.findings_dis.append(Finding("articles", "admin", name, key,
                                                    gold_value or "(none)", pred_value or "(none)"))

    return Report(
        events=Score(ev_total["tp"], ev_total["fp"], ev_total["fn"]),
        stances=Score(st_total["tp"], st_total["fp"], st_total["fn"]),
        polarity_accuracy=acc.ratio("polarity"),
        action_accuracy=acc.ratio("action"),
        country_accuracy=acc.ratio("countries"),
        event_date_accuracy=acc.ratio("event_date"),
        stance_accuracy=acc.ratio("stance"),
        holder_country_accuracy=acc.ratio("holder_country"),
        date_accuracy=acc.ratio("date"),
        date_overlap=acc.ratio("date_overlap"),
        us_admin_accuracy=acc.ratio("us_admin"),
        mx_admin_accuracy=acc.ratio("mx_admin"),
        date_holds=acc.ratio("date_holds"),
        date_narrow=acc.ratio("date_narrow"),
        outlet_accuracy=acc.ratio("outlet"),
        wire_accuracy=acc.ratio("wire"),
        title_accuracy=acc.ratio("title"),
        misses=tuple(acc.findings_miss),
        false_positives=tuple(acc.findings_fp),
        disagreements=tuple(acc.findings_dis),
        per_article=tuple(per_article),
        set_aside=set_aside,
        not_scored=tuple(not_scored),
        tolerance_days=tolerance_days,
        domestic_neutral=domestic,
    )


# --------------------------------------------------------------------------- printing


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _ratio(r: Ratio) -> str:
    return f"{_pct(r.value)}  ({r.right}/{r.total})"


def format_report(report: Report) -> str:
    """The report as the text the CLI prints."""
    lines: list[str] = []
    add = lines.append
    for name in ("events", "stances"):
        s: Score = getattr(report, name)
        add(f"{name:<8} precision {_pct(s.precision)}  recall {_pct(s.recall)}  F1 {_pct(s.f1)}"
            f"  (tp {s.tp}, fp {s.fp}, fn {s.fn})")
    add(f"polarity accuracy        {_ratio(report.polarity_accuracy)}  [located event pairs]")
    add(f"action accuracy          {_ratio(report.action_accuracy)}  [matched events]")
    add(f"actor-country accuracy   {_ratio(report.country_accuracy)}  [matched events]")
    add(f"event date accuracy      {_ratio(report.event_date_accuracy)}  [matched events]")
    add(f"stance label accuracy    {_ratio(report.stance_accuracy)}  [located stance pairs]")
    add(f"holder-country accuracy  {_ratio(report.holder_country_accuracy)}  [matched stances]")
    add(f"article date accuracy    {_ratio(report.date_accuracy)}  [inside gold window ±{report.tolerance_days} d]")
    add(f"article date overlap     {_ratio(report.date_overlap)}")
    add(f"article window holds     {_ratio(report.date_holds)}  [holds the gold date, ±1 d]")
    add(f"article window narrow    {_ratio(report.date_narrow)}  [holds it in ≤ {NARROW_DAYS} days]")
    add(f"outlet accuracy          {_ratio(report.outlet_accuracy)}  [gold names an outlet]")
    add(f"wire accuracy            {_ratio(report.wire_accuracy)}")
    add(f"title accuracy           {_ratio(report.title_accuracy)}  [gold has a title]")
    add(f"administration accuracy  {_ratio(report.admin_accuracy)}  (US {_ratio(report.us_admin_accuracy)};"
        f" MX {_ratio(report.mx_admin_accuracy)})")
    add(f"set aside (matched optional gold items): {report.set_aside}")
    add(f"domestic/neutral predicted events left out of the event score: {report.domestic_neutral}")
    if report.not_scored:
        add(f"NOT SCORED (gold articles missing from the frames): {', '.join(report.not_scored)}")
    add("")
    add("per article                 events tp/fp/fn   stances tp/fp/fn")
    for a in report.per_article:
        add(f"  {a.article:<26} {a.events.tp:>3}/{a.events.fp:>2}/{a.events.fn:>2}"
            f"          {a.stances.tp:>3}/{a.stances.fp:>2}/{a.stances.fn:>2}")
    for title, items in (("MISSES", report.misses), ("FALSE POSITIVES", report.false_positives),
                         ("DISAGREEMENTS ON MATCHES", report.disagreements)):
        add("")
        add(f"{title} ({len(items)})")
        for f in items:
            head = f"  [{f.frame} {f.kind}] {f.article}"
            add(head + (f": {f.text}" if f.text else ""))
            if f.expected:
                add(f"      expected:  {f.expected}")
            if f.predicted:
                add(f"      predicted: {f.predicted}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- peer mode

Coder = Callable[..., Mapping[str, Any]]
_PEER_LABELS = ("cooperation", "friction", "neutral")


@dataclass(frozen=True, slots=True)
class PeerSplit:
    """Scores of the sentence coder on one split of a peer set."""

    split: str
    n: int
    accuracy: Ratio
    coverage: Ratio
    covered_accuracy: Ratio
    confusion: dict[str, dict[str, int]]  # gold -> predicted -> count
    errors: tuple[dict[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """For JSON."""
        return {"split": self.split, "n": self.n, "accuracy": self.accuracy.as_dict(),
                "coverage": self.coverage.as_dict(), "covered_accuracy": self.covered_accuracy.as_dict(),
                "confusion": self.confusion, "errors": list(self.errors)}


def load_peer(path: str | Path) -> list[dict[str, Any]]:
    """Read a peer JSON Lines set (records with ``id``, ``text``, ``polarity``, optional
    ``date`` and ``split``).  Raises :class:`UsageError` naming ``file:line`` on bad lines."""
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"{p}: peer file not found")
    out: list[dict[str, Any]] = []
    for lineno, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{p}:{lineno}: not valid JSON ({exc.msg})") from exc
        if not isinstance(rec, dict) or "text" not in rec:
            raise UsageError(f"{p}:{lineno}: a peer record must be an object with a \"text\"")
        out.append(rec)
    return out


def _peer_date(value: Any) -> str | None:
    """Peer dates come as YYYYMMDD, ISO or null; return ISO or None."""
    if not value:
        return None
    s = str(value)
    if re.fullmatch(r"\d{8}", s):
        s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    return s if _parse(s) is not None else None


def evaluate_peer(
    records: Iterable[Mapping[str, Any]],
    *,
    coder: Coder,
    split: str | None = None,
    max_errors: int = 50,
) -> list[PeerSplit]:
    """Code each record's ``text`` with ``coder(text, date=...)`` (which returns a mapping with
    ``polarity``) and score it against the record's ``polarity`` (gold ``none`` = ``neutral``),
    per split.  Records without a ``split`` field fall in split ``all``; with ``split`` given,
    only that split is scored (or every record, when the set has no split field).  Records
    with empty text are skipped.  The last entry is the total over the scored records."""
    recs = [r for r in records if str(r.get("text") or "").strip()]
    has_split = any(r.get("split") for r in recs)
    if split is not None and has_split:
        recs = [r for r in recs if r.get("split") == split]
    groups: dict[str, list[tuple[Mapping[str, Any], str]]] = {}
    for rec in recs:
        result = coder(str(rec["text"]), date=_peer_date(rec.get("date")))
        pred = str(result.get("polarity") or "neutral")
        if pred not in _PEER_LABELS:
            pred = "neutral"
        key = str(rec.get("split") or "all") if has_split else "all"
        groups.setdefault(key, []).append((rec, pred))
    out: list[PeerSplit] = []
    keys = sorted(groups)
    if len(keys) > 1:
        keys.append("total")
    for key in keys:
        items = [it for k in groups for it in groups[k]] if key == "total" else groups[key]
        confusion = {g: {p: 0 for p in _PEER_LABELS} for g in _PEER_LABELS}
        right = covered = covered_right = 0
        errors: list[dict[str, str]] = []
        for rec, pred in items:
            gold = str(rec.get("polarity") or "none")
            gold = "neutral" if gold not in ("cooperation", "friction") else gold
            confusion[gold][pred] += 1
            ok = gold == pred
            right += ok
            if pred != "neutral":
                covered += 1
                covered_right += ok
            if not ok and len(errors) < max_errors:
                errors.append({"id": str(rec.get("id", "")), "gold": gold, "predicted": pred,
                               "text": _clip(str(rec["text"]), 200)})
        n = len(items)
        out.append(PeerSplit(key, n, Ratio(right, n), Ratio(covered, n), Ratio(covered_right, covered),
                             confusion, tuple(errors)))
    return out


def format_peer(results: Sequence[PeerSplit], *, source: str = "", show_errors: int = 0) -> str:
    """The peer scores as the text the CLI prints."""
    lines = [f"peer set: {source}"] if source else []
    for r in results:
        lines.append(f"split {r.split}: n={r.n}  polarity accuracy {_ratio(r.accuracy)}  coverage "
                     f"{_ratio(r.coverage)}  accuracy among covered {_ratio(r.covered_accuracy)}")
        lines.append("    gold \\ predicted   " + "  ".join(f"{p:>11}" for p in _PEER_LABELS))
        for g in _PEER_LABELS:
            row = r.confusion[g]
            if g == "neutral" and not any(row.values()):
                continue
            label = "none/neutral" if g == "neutral" else g
            lines.append(f"    {label:<18} " + "  ".join(f"{row[p]:>11}" for p in _PEER_LABELS))
        for err in r.errors[:show_errors]:
            lines.append(f"      {err['id']}: gold {err['gold']}, predicted {err['predicted']}: {err['text']}")
    return "\n".join(lines)


@cache
def _default_coder() -> Coder:
    try:
        from core.sentence_api import code_sentence
    except ImportError as exc:
        if exc.name not in (None, "core.sentence_api"):
            raise
        raise UsageError("the sentence coder (core.sentence_api.code_sentence) is not available") from exc
    return code_sentence  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- command line


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m core evaluate",
        description="Score the frames against a gold annotation (--gold with --corpus), "
        "or the sentence coder against an outside labelled set (--peer).",
    )
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--gold", metavar="FILE_OR_DIR", help="gold annotation (see tests/gold/README.md), or an"
                      " analysts' corrections file STORE.corrections.sqlite (README: Analyst corrections)")
    mode.add_argument("--peer", metavar="FILE", help="peer JSON Lines set, e.g. ../shared/peer/*.jsonl")
    ap.add_argument("--corpus", nargs="+", metavar="PATH", help="articles to build frames from (with --gold)")
    ap.add_argument("--split", help="score only this split (e.g. test): a peer set's split, or with --gold"
                    " the articles the --manifest gives this split")
    ap.add_argument("--manifest", metavar="TSV", help="with --gold --split: the corpus manifest (default:"
                    " manifest.tsv beside the gold directory); its url column also finds articles read"
                    " from JSONL/CSV by their URL")
    ap.add_argument("--gold-texts", metavar="PATH", nargs="+",
                    help="with --gold: where the texts of offset-keyed gold are (default: the --corpus"
                         " paths), so that the corpus can be another form of the same articles (JSONL"
                         " with their URLs, hard-wrapped copies)")
    ap.add_argument("--store", metavar="DIR", help="with --gold STORE.corrections.sqlite: the store the"
                    " corrections were made on (default: the folder the file is named after)")
    ap.add_argument("--json", metavar="OUT", help="also write the report as JSON to OUT")
    ap.add_argument("--tolerance-days", type=int, default=31,
                    help="slack at each end of a gold date window (default 31)")
    ap.add_argument("--score-domestic", action="store_true",
                    help="count predicted domestic/neutral events as predictions (by default left out)")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="with --peer: print up to N wrongly coded sentences per split")
    return ap


def _write_json(path: str, data: Any) -> None:
    try:
        out = Path(path)
        if out.parent and not out.parent.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the JSON report ({exc.strerror or exc})") from exc


def run(argv: Sequence[str], *, coder: Coder | None = None) -> int:
    """The command, raising :class:`CoreError` on wrong usage; ``coder`` replaces the
    sentence coder in peer mode (for tests)."""
    args = _parser().parse_args(list(argv))
    if args.peer:
        if args.corpus:
            raise UsageError("--corpus goes with --gold, not with --peer")
        records = load_peer(args.peer)
        results = evaluate_peer(records, coder=coder or _default_coder(), split=args.split)
        if not results:
            raise UsageError(f"{args.peer}: no records" + (f" in split {args.split!r}" if args.split else ""))
        print(format_peer(results, source=args.peer, show_errors=args.show_errors))
        if args.json:
            _write_json(args.json, {"peer": args.peer, "split": args.split,
                                    "results": [r.as_dict() for r in results]})
        return 0
    if not args.corpus:
        raise UsageError("--gold needs --corpus PATH [PATH ...]")
    for path in args.corpus:
        if not Path(path).exists():
            raise UsageError(f"{path}: corpus path not found")
    gold = load_gold(args.gold, corpus=args.gold_texts or args.corpus, store=args.store)
    corpus: list[str] = list(args.corpus)
    manifest = args.manifest or str(Path(args.gold).resolve().parent / "manifest.tsv")
    urls: dict[str, str] = {}
    if args.manifest or (args.split and Path(manifest).is_file()):
        try:
            urls = read_manifest(manifest, column="url")
        except UsageError:
            urls = {}
    if args.split:
        splits = read_manifest(manifest)
        names = {n for n, s in splits.items() if s == args.split}
        if not names:
            raise UsageError(f"{manifest}: no article in split {args.split!r}")
        gold = gold.only(names)
        files = [f for f in (_article_file(n, corpus) for n in sorted(names)) if f is not None]
        corpus = [str(f) for f in files] or corpus
    from core import build_frames

    frames = build_frames(corpus)
    report = evaluate(frames, gold, tolerance_days=args.tolerance_days, score_domestic=args.score_domestic,
                      urls=urls)
    print(format_report(report))
    for problem in getattr(frames, "problems", []):
        print(f"note: {problem.message()}", file=sys.stderr)
    if args.json:
        _write_json(args.json, report.as_dict())
    if report.not_scored and not report.per_article:
        print("error: none of the gold articles is in the built frames (see the notes above);"
              " nothing was scored", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    """Entry point of ``python -m core evaluate ARGS``: returns the exit status (0 ok,
    2 wrong usage), printing errors on stderr without a traceback."""
    try:
        return run(argv)
    except SystemExit as exc:  # argparse: --help, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except CoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
