"""Event deduplication: repeated reports of one real event point to its first report.

Two event rows are reports of the same event when they have the same action, the same pair of
actor countries (in either order: a joint act may be told from either side), dates within a
window (``WINDOW_DAYS``; undated rows are compared on text only) and similar evidence (the
passage text when given, else the cue and actor names; rapidfuzz ``token_set_ratio``).  Within
one article the bar is lower (an article that repeats its news in its conclusion).

Cost: rows are blocked by (action, country pair); inside a block they are visited in date
order and compared with at most ``MAX_CANDIDATES`` recent first reports inside the window, so
the cost is linear in the number of rows (times a small constant), never quadratic.
"""

from __future__ import annotations

from collections import deque
from datetime import date

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


def mark_duplicates(events: pd.DataFrame, *, passages: pd.DataFrame | None = None) -> pd.Series:
    """For each event row, the ``event_id`` of the first report of the same real event, or ""
    (string dtype, aligned to ``events.index``).  ``passages`` (optional, with ``passage_id``
    and ``text``) gives the evidence text to compare; without it the cue and actors are used."""
    out = pd.Series([""] * len(events), index=events.index, dtype="string")
    if len(events) == 0:
        return out
    texts: dict[str, str] = {}
    if passages is not None and len(passages):
        texts = dict(zip(passages["passage_id"].astype(str), passages["text"].astype(str), strict=False))

    def col(name: str) -> list[str]:
        if name not in events.columns:
            return [""] * len(events)
        return events[name].fillna("").astype(str).tolist()

    ids, arts, pids = col("event_id"), col("article_id"), col("passage_id")
    actions, c1s, c2s = col("action"), col("country1"), col("country2")
    a1s, a2s, cues, dates = col("actor1"), col("actor2"), col("cue"), col("date")
    evidence = [
        texts.get(pids[i]) or f"{cues[i]} {a1s[i]} {a2s[i]}" for i in range(len(events))
    ]
    day_of = {d: _day(d) for d in set(dates)}  # few distinct dates: parse each once
    days = [day_of[d] for d in dates]
    order = sorted(range(len(events)), key=lambda i: (days[i] is None, days[i] or 0, i))
    # per block: recent first reports (index list), dated and undated apart
    recent: dict[tuple[str, str, str], deque[int]] = {}
    result = [""] * len(events)
    for i in order:
        c1, c2 = c1s[i], c2s[i]
        pair = f"{c1}|{c2}" if c1 <= c2 else f"{c2}|{c1}"
        key = (actions[i], pair, "d" if days[i] is not None else "u")
        reps = recent.setdefault(key, deque(maxlen=MAX_CANDIDATES))
        match = _best(i, reps, arts, days, evidence, a1s, a2s)
        if match is None and days[i] is None:
            # an undated report may repeat a dated one
            dated = recent.get((actions[i], pair, "d"))
            if dated:
                match = _best(i, dated, arts, days, evidence, a1s, a2s, undated=True)
        if match is None:
            reps.append(i)
        else:
            result[i] = ids[match]
    return pd.Series(result, index=events.index, dtype="string")


def _best(i: int, reps: deque[int], arts: list[str], days: list[int | None], evidence: list[str],
          a1s: list[str], a2s: list[str], *, undated: bool = False) -> int | None:
    """The first report among ``reps`` that row ``i`` repeats, or None."""
    if not reps:
        return None
    art, day, text = arts[i], days[i], evidence[i]
    if day is None:
        other = [j for j in reps if arts[j] != art]
    else:
        lo, hi = day - WINDOW_DAYS, day + WINDOW_DAYS
        other = [j for j in reps if arts[j] != art and ((dj := days[j]) is None or lo <= dj <= hi)]
    if len(other) < len(reps):
        actors = {a1s[i], a2s[i]}
        for j in reps:
            if arts[j] != art:
                continue
            bar = SAME_ACTORS_MIN if actors == {a1s[j], a2s[j]} else SAME_ARTICLE_MIN
            # with a cutoff the scorer returns 0 below it (and may stop early)
            if fuzz.token_set_ratio(text, evidence[j], score_cutoff=bar) >= bar:
                return j
    if other:
        cutoff = UNDATED_MIN if (undated or day is None) else CROSS_ARTICLE_MIN
        hit = process.extractOne(text, [evidence[j] for j in other], scorer=fuzz.token_set_ratio,
                                 score_cutoff=cutoff)
        if hit is not None:
            return other[hit[2]]
    return None
