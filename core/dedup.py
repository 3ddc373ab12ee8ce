"""Event deduplication: repeated reports of one real event point to its first report.

Two event rows are reports of the same event when they have the same action, the same pair of
actor countries (in either order: a joint act may be told from either side), dates within a
window (``WINDOW_DAYS``; undated rows are compared on text only) and similar evidence (the
passage text when given, else the cue and actor names; rapidfuzz ``token_set_ratio``).  Within
one article the bar is lower (an article that repeats its news in its conclusion), and so it is
between two articles of the same wire (``wires``: AP copy reprinted, trimmed and retitled by
several papers is one report, whatever the site).

Cost: rows are blocked by (action, country pair); inside a block they are visited in date
order and compared with at most ``MAX_CANDIDATES`` recent first reports inside the window, so
the cost is linear in the number of rows, never quadratic.  The constant depends on density:
the pairs scored per row grow with the number of first reports inside a block's window until
they reach the cap (measured by ``python -m benchmarks.bench_build dedup``, which prints the
pairs scored per event).  Columns are read once, column-wise, and permuted into visiting
order, so the loop touches memory sequentially even at a million rows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

WINDOW_DAYS = 7
MAX_CANDIDATES = 12
SAME_ARTICLE_MIN = 50.0
SAME_ACTORS_MIN = 35.0
CROSS_ARTICLE_MIN = 70.0
UNDATED_MIN = 85.0


def _day(value: str) -> int | None:
    if len(value) >= 10:
        try:
            return date.fromisoformat(value[:10]).toordinal()
        except ValueError:
            return None
    return None


def _strings(values: pd.Series) -> np.ndarray:
    """``values`` as an object array of str, missing values as ""."""
    return values.fillna("").astype(str).to_numpy(dtype=object)


def mark_duplicates(events: pd.DataFrame, *, passages: pd.DataFrame | None = None,
                    wires: Mapping[str, str] | None = None) -> pd.Series:
    """For each event row, the ``event_id`` of the first report of the same real event, or ""
    (string dtype, aligned to ``events.index``).  ``passages`` (optional, with ``passage_id``
    and ``text``) gives the evidence text to compare; without it the cue and actors are used.
    ``wires`` maps an article id to its wire (AP, Reuters, …): reports in two articles of
    the same wire are compared with the same-article bar."""
    n = len(events)
    if n == 0:
        return pd.Series([], index=events.index, dtype="string")
    empty = np.full(n, "", dtype=object)

    def col(name: str) -> np.ndarray:
        return _strings(events[name]) if name in events.columns else empty

    ids = col("event_id").tolist()
    wire_of = dict(wires or {})
    c1, c2 = col("country1"), col("country2")
    pairs = np.where(c1 <= c2, c1 + "|" + c2, c2 + "|" + c1)
    evidence = (col("cue") + " " + col("actor1") + " " + col("actor2")).tolist()
    if passages is not None and len(passages) and "passage_id" in events.columns:
        # the passage text where there is one (looked up column-wise: no dict of all passages)
        where = pd.Index(_strings(passages["passage_id"])).get_indexer(col("passage_id"))
        found = np.flatnonzero(where >= 0)
        if len(found):
            texts = _strings(passages["text"])[where[found]]
            for k, t in zip(found.tolist(), texts.tolist(), strict=True):
                if t:
                    evidence[k] = t
    dates = col("date")
    day_of = {d: _day(d) for d in set(dates.tolist())}  # few distinct dates: parse each once
    day_arr = np.array([day_of[d] or -1 for d in dates.tolist()], dtype=np.int64)  # -1: undated
    undated = day_arr < 0
    # block = (action, unordered country pair); visiting order: dated rows by day then row,
    # undated rows last; columns are permuted into that order once (sequential access)
    block = pd.factorize(col("action"))[0].astype(np.int64) * (n + 1) + pd.factorize(pairs)[0]
    order = np.lexsort((np.arange(n), day_arr, undated))

    def taken(values: np.ndarray | list[str]) -> list[str]:
        out: list[str] = np.asarray(values, dtype=object)[order].tolist()
        return out

    # per block and datedness: recent first reports, oldest first, each as
    # (row, article, day, evidence, actor1, actor2); dated blocks are filled in date order
    recent: dict[tuple[int, bool], deque[_Rep]] = {}
    result = [""] * n
    for i, blk, d, art, text, a1, a2 in zip(order.tolist(), block[order].tolist(), day_arr[order].tolist(),
                                             taken(col("article_id")), taken(evidence), taken(col("actor1")),
                                             taken(col("actor2")), strict=True):
        day = None if d < 0 else d
        key = (blk, day is None)
        reps = recent.get(key)
        if reps is None:
            reps = recent[key] = deque(maxlen=MAX_CANDIDATES)
        rep: _Rep = (i, art, day, text, a1, a2, wire_of.get(art, ""))
        match = _best(rep, reps, undated=day is None)
        if match is None and day is None:
            # an undated report may repeat a dated one
            dated = recent.get((blk, False))
            if dated:
                match = _best(rep, dated, undated=True)
        if match is None:
            reps.append(rep)
        else:
            result[i] = ids[match]
    return pd.Series(result, index=events.index, dtype="string")


_Rep = tuple[int, str, "int | None", str, str, str, str]


def _same_actors(a1: str, a2: str, b1: str, b2: str) -> bool:
    """``{a1, a2} == {b1, b2}`` without building sets."""
    return (a1 == b1 and a2 == b2) or (a1 == b2 and a2 == b1)


def _best(rep: _Rep, reps: deque[_Rep], *, undated: bool) -> int | None:
    """The row of the first report among ``reps`` that ``rep`` repeats, or None.

    Dated blocks are visited in date order, so the reps' days never exceed ``rep``'s: the
    window test is one comparison."""
    if not reps:
        return None
    _, art, day, text, a1, a2, wire = rep
    if day is None:
        other = [r for r in reps if r[1] != art]
    else:
        lo = day - WINDOW_DAYS
        other = [r for r in reps if r[1] != art and (r[2] is None or r[2] >= lo)]
    same_wire = {r[0] for r in other if r[6] == wire} if wire else set()
    if len(other) < len(reps) or same_wire:
        for j, art_j, _, text_j, b1, b2, _wire_j in reps:
            if art_j != art and j not in same_wire:
                continue
            bar = SAME_ACTORS_MIN if _same_actors(a1, a2, b1, b2) else SAME_ARTICLE_MIN
            # with a cutoff the scorer returns 0 below it (and may stop early)
            if fuzz.token_set_ratio(text, text_j, score_cutoff=bar) >= bar:
                return j
    if other:
        cutoff = UNDATED_MIN if (undated or day is None) else CROSS_ARTICLE_MIN
        hit = process.extractOne(text, [r[3] for r in other], scorer=fuzz.token_set_ratio,
                                 score_cutoff=cutoff)
        if hit is not None:
            return other[hit[2]][0]
    return None
