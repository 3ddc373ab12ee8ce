"""The dashboard's data functions: pure functions over pandas frames, no Streamlit.

Designed for a million events: :func:`prepare_events` runs once at load (categoricals for
the low-cardinality columns, parsed date windows, integer period keys for every period),
after which filtering is a handful of numpy mask operations, aggregation a ``bincount``
and the drill-down a hash lookup by ``event_id``.

Typical use::

    ev = prepare_events(frames.events, frames.articles)
    mask = filter_mask(ev, Filters(us_admins=("Biden",)))
    agg = aggregate(ev, period="month", measure="count", mask=mask)
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pandas.arrays import NumpyExtensionArray

PERIODS: tuple[str, ...] = ("week", "month", "quarter", "year")
MEASURES: tuple[str, ...] = ("count", "intensity")
POLARITIES: tuple[str, ...] = ("cooperation", "friction", "neutral")
DYADS: tuple[str, ...] = ("gov", "nonstate", "domestic")
MODALITIES: tuple[str, ...] = ("asserted", "reported", "planned")
#: how the actor ranking treats generic country actors (see :func:`actor_ranking`)
GENERIC_MODES: tuple[str, ...] = ("apart", "left out", "by country")

#: event columns turned into categoricals once at load
EVENT_CATEGORICALS: tuple[str, ...] = (
    "actor1", "country1", "actor2", "country2", "action", "polarity", "dyad", "modality",
    "date_precision", "us_admin", "mx_admin", "cameo_root", "quad_class", "source",
)
STANCE_CATEGORICALS: tuple[str, ...] = (
    "holder", "holder_country", "target", "stance", "us_admin", "mx_admin", "source",
)
#: string columns that repeat a lot, also held as categoricals (less memory; their values
#: are unchanged and :func:`public_columns` turns them back into strings)
EVENT_COMPACT: tuple[str, ...] = (
    "article_id", "date", "date_low", "date_high", "cue", "explanation", "actor1_id", "actor2_id",
    "duplicate_of",
)
PASSAGE_COMPACT: tuple[str, ...] = ("article_id", "role")
#: what the dashboard reads of a store (``core.store.load_store`` options): never the
#: passages' text (sliced from the article text when shown), and the columns that become
#: categoricals straight from the Parquet dictionaries (never a million strings)
STORE_SKIP: dict[str, tuple[str, ...]] = {"passages": ("text",)}
STORE_CATEGORICAL: dict[str, tuple[str, ...]] = {
    "events": EVENT_CATEGORICALS + EVENT_COMPACT, "passages": PASSAGE_COMPACT, "stances": STANCE_CATEGORICALS,
}
#: separator the knowledge base uses for a window that spans a transition ("Biden → Trump II")
ADMIN_SEP = " → "

_EPOCH_MONDAY_SHIFT = 3  # 1970-01-01 was a Thursday: (days + 3) // 7 counts Monday-based weeks


@dataclass(frozen=True, slots=True)
class Filters:
    """The sidebar's filter state.  Hashable (tuples only), so it can key ``st.cache_data``.

    An empty tuple means "no restriction".  Dates are ISO strings ("" for open ends); an
    event is kept when its date window overlaps ``[date_from, date_to]`` (undated events are
    dropped as soon as a bound is set).  ``dyads`` defaults to government-to-government and
    ``modalities`` to asserted acts; reported and planned acts, and non-state dyads, are
    opt-in.  Repeated reports of one event (``duplicate_of`` set) are left out unless
    ``include_duplicates``.
    """

    us_admins: tuple[str, ...] = ()
    mx_admins: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    polarities: tuple[str, ...] = ()
    dyads: tuple[str, ...] = ("gov",)
    modalities: tuple[str, ...] = ("asserted",)
    outlets: tuple[str, ...] = ()
    min_confidence: float = 0.0
    include_duplicates: bool = False


# --------------------------------------------------------------------------- preparation


def _as_category(values: pd.Series) -> pd.Series:
    """``values`` as a categorical of strings, "" for missing values, categories sorted and
    all used: what ``astype("string").fillna("").astype("category")`` gives, but a
    categorical (read from a Parquet dictionary) is recoded, never expanded to strings."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return values.astype("string").fillna("").astype("category")
    cat = values.cat
    labels = pd.Index(cat.categories.astype("string"))
    codes = cat.codes.to_numpy()
    if len(codes) and codes.min() < 0:
        labels = labels.append(pd.Index([""], dtype="string"))
        codes = np.where(codes < 0, len(labels) - 1, codes)
    used = np.bincount(codes, minlength=len(labels)) > 0 if len(codes) else np.zeros(len(labels), bool)
    final = labels[used].unique().sort_values()
    remap = final.get_indexer(labels)
    dtype = pd.CategoricalDtype(pd.Index(final, dtype="string"))
    return pd.Series(pd.Categorical.from_codes(remap[codes], dtype=dtype), index=values.index, name=values.name)


def _parse_dates(values: pd.Series) -> np.ndarray:
    """ISO date strings → datetime64[D] (NaT for empty or unparseable).  Dates repeat a
    lot, so only the distinct values are parsed."""
    cat = _as_category(values).cat
    parsed = pd.to_datetime(pd.Series(cat.categories.astype(str)), errors="coerce", format="ISO8601")
    table = np.append(parsed.to_numpy(dtype="datetime64[D]"), np.datetime64("NaT", "D"))
    return table[cat.codes.to_numpy()]


def _lookup(keys: pd.Series, table: pd.DataFrame, key: str, col: str) -> pd.Series:
    """``table[col]`` for each of ``keys`` (matched on ``table[key]``), "" when absent:
    a join through the distinct keys (fast for a million rows)."""
    cat = _as_category(keys).cat
    sub = table[[key, col]]
    first = sub[~sub[key].duplicated()]
    pos = pd.Index(first[key].astype("string")).get_indexer(pd.Index(cat.categories.astype("string")))
    vals = np.append(first[col].astype("string").fillna("").to_numpy(dtype=object), "")
    mapped = vals[np.where(pos >= 0, pos, len(vals) - 1)]
    out = np.append(mapped, "")[cat.codes.to_numpy()]
    return pd.Series(out, index=keys.index, dtype="string")


def _warm(df: pd.DataFrame) -> pd.DataFrame:
    """Build the index's hash table now (at load) rather than on the first drill-down
    (~0.4 s at a million rows)."""
    if len(df) and df.index.is_unique:  # (is_unique fills the hash table too)
        df.index.get_indexer(df.index[:1])
    return df


def period_keys(days: np.ndarray, period: str) -> np.ndarray:
    """Integer period keys (int32, -1 for NaT) of datetime64[D] values: weeks (Monday-based)
    / months / quarters / years since 1970."""
    nat = np.isnat(days)
    d = days.astype("int64")
    if period == "week":
        k = (d + _EPOCH_MONDAY_SHIFT) // 7
    elif period in ("month", "quarter"):
        k = days.astype("datetime64[M]").astype("int64")
        if period == "quarter":
            k = k // 3
    elif period == "year":
        k = days.astype("datetime64[Y]").astype("int64")
    else:
        raise ValueError(f"unknown period {period!r}; choose one of {', '.join(PERIODS)}")
    k = np.where(nat, -1, k)
    return k.astype("int32")


def period_start(key: int | np.ndarray, period: str) -> pd.DatetimeIndex:
    """The first day of the period(s) with integer ``key`` (see :func:`period_keys`)."""
    k = np.atleast_1d(np.asarray(key, dtype="int64"))
    if period == "week":
        days = (k * 7 - _EPOCH_MONDAY_SHIFT).astype("datetime64[D]")
    elif period == "month":
        days = k.astype("datetime64[M]").astype("datetime64[D]")
    elif period == "quarter":
        days = (k * 3).astype("datetime64[M]").astype("datetime64[D]")
    elif period == "year":
        days = k.astype("datetime64[Y]").astype("datetime64[D]")
    else:
        raise ValueError(f"unknown period {period!r}")
    return pd.DatetimeIndex(days.astype("datetime64[ns]"))


def period_end(key: int | np.ndarray, period: str) -> pd.DatetimeIndex:
    """The first day after the period(s) with integer ``key``."""
    return period_start(np.asarray(key, dtype="int64") + 1, period)


def period_label(key: int, period: str) -> str:
    """A short human label: ``2024-W36``, ``2024-09``, ``2024-Q3``, ``2024``."""
    return period_labels(np.array([key]), period)[0]


def period_labels(keys: np.ndarray, period: str) -> list[str]:
    """:func:`period_label` for many keys at once (vectorised)."""
    starts = period_start(keys, period)
    if period == "week":
        iso = starts.isocalendar()
        return [f"{y}-W{w:02d}" for y, w in zip(iso["year"], iso["week"], strict=True)]
    if period == "month":
        return list(starts.strftime("%Y-%m"))
    if period == "quarter":
        return [f"{y}-Q{q}" for y, q in zip(starts.year, starts.quarter, strict=True)]
    return [str(y) for y in starts.year]


def prepare_events(
    events: pd.DataFrame, articles: pd.DataFrame | None = None, *, copy: bool = True
) -> pd.DataFrame:
    """Return the events ready for the dashboard (run once at load):

    * indexed by ``event_id`` (the column is kept), for drill-down lookups;
    * ``source`` (the article's outlet) joined from ``articles``;
    * low-cardinality columns as categoricals (:data:`EVENT_CATEGORICALS`);
    * ``_lo``/``_hi`` (datetime64[D]) the date window (``date_low``/``date_high``, else
      ``date``), ``_dated``; ``_k_<period>`` the integer period key of ``_lo`` and
      ``_imp_<period>`` whether the window is wider than one period (then the event is drawn
      as a span, never at an invented point); ``_dup`` for repeated reports;
    * the repetitive string columns of :data:`EVENT_COMPACT` as categoricals too.

    ``copy=False`` works on ``events`` itself (less memory when the caller drops it).
    """
    ev = events.copy() if copy else events
    if "source" not in ev.columns:
        if articles is not None and len(articles) and "source" in articles.columns:
            ev["source"] = _lookup(ev["article_id"], articles, "article_id", "source")
        else:
            ev["source"] = ""
    for col in EVENT_CATEGORICALS:
        if col in ev.columns:
            ev[col] = _as_category(ev[col])
        else:
            ev[col] = pd.Categorical([""] * len(ev))
    for col in EVENT_COMPACT:
        if col in ev.columns:
            ev[col] = _as_category(ev[col])
    date = _parse_dates(ev["date"]) if "date" in ev.columns else np.full(len(ev), "NaT", "datetime64[D]")
    lo = _parse_dates(ev["date_low"]) if "date_low" in ev.columns else date.copy()
    hi = _parse_dates(ev["date_high"]) if "date_high" in ev.columns else date.copy()
    lo = np.where(np.isnat(lo), date, lo)
    hi = np.where(np.isnat(hi), np.where(np.isnat(date), lo, date), hi)
    hi = np.where(np.isnat(hi) | (hi < lo), lo, hi)
    ev["_lo"] = lo.astype("datetime64[s]")
    ev["_hi"] = hi.astype("datetime64[s]")
    ev["_dated"] = ~np.isnat(lo)
    for p in PERIODS:
        k_lo = period_keys(lo, p)
        k_hi = period_keys(hi, p)
        ev[f"_k_{p}"] = k_lo
        ev[f"_imp_{p}"] = k_hi != k_lo
    dup = ev["duplicate_of"] if "duplicate_of" in ev.columns else pd.Series("", index=ev.index)
    ev["_dup"] = (dup.astype("string").fillna("") != "").to_numpy(dtype=bool)
    conf = ev["confidence"] if "confidence" in ev.columns else pd.Series(1.0, index=ev.index)
    ev["confidence"] = conf.astype("float64").fillna(0.0)
    inten = ev["intensity"] if "intensity" in ev.columns else pd.Series(0.0, index=ev.index)
    ev["intensity"] = inten.astype("float64").fillna(0.0)
    ev.index = pd.Index(ev["event_id"].astype("string"), name=None)
    return _warm(_combine_chunks(ev))


def prepare_stances(stances: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The stances ready for the dashboard: outlet joined, categoricals, and the date window
    ``_lo``/``_hi`` (the stance's date, else its article's publication window, so that a
    stance from an article dated only roughly is drawn as a span, not at an invented day)."""
    st = stances.copy()
    day = _parse_dates(st["date"])
    lo, hi = day.copy(), day.copy()
    if articles is not None and len(articles):
        aid = st["article_id"]
        if "source" not in st.columns:
            st["source"] = _lookup(aid, articles, "article_id", "source")
        a_lo = _parse_dates(_lookup(aid, articles, "article_id", "date_low"))
        a_hi = _parse_dates(_lookup(aid, articles, "article_id", "date_high"))
        lo = np.where(np.isnat(lo), a_lo, lo)
        hi = np.where(np.isnat(hi), np.where(np.isnat(a_hi), a_lo, a_hi), hi)
    elif "source" not in st.columns:
        st["source"] = ""
    for col in STANCE_CATEGORICALS:
        st[col] = _as_category(st[col])
    st["_lo"] = lo.astype("datetime64[s]")
    st["_hi"] = np.where(np.isnat(hi) | (hi < lo), lo, hi).astype("datetime64[s]")
    st["confidence"] = st["confidence"].astype("float64").fillna(0.0)
    return st


def prepare_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles indexed by ``article_id`` (column kept), ``_lo``/``_hi`` parsed and
    ``_dated`` (a publication window is known)."""
    art = articles.copy()
    art.index = pd.Index(art["article_id"].astype("string"), name=None)
    if not _warm(art).index.is_unique:  # the first of each id (no copy of the texts otherwise)
        art = art[~art.index.duplicated()]
    art["_lo"] = _parse_dates(art["date_low"]).astype("datetime64[s]")
    art["_hi"] = _parse_dates(art["date_high"]).astype("datetime64[s]")
    art["_dated"] = art["_lo"].notna().to_numpy()
    return _warm(_combine_chunks(art))


def _passage_order(ps: pd.DataFrame) -> np.ndarray | None:
    """The stable order of ``ps`` by (``article_id``, ``start``), or None when the rows are in
    that order already (``article_id`` a categorical with sorted categories)."""
    if len(ps) < 2:
        return None
    codes = ps["article_id"].cat.codes.to_numpy()
    start = ps["start"].to_numpy()
    d = np.diff(codes)
    if bool(((d > 0) | ((d == 0) & (np.diff(start) >= 0))).all()):
        return None
    return np.lexsort((start, codes))


def prepare_passages(passages: pd.DataFrame, *, copy: bool = True) -> pd.DataFrame:
    """The passages sorted by article and position (a plain range index), so that a
    passage's neighbours are the rows just before and after it and an article's passages
    are found by binary search (:func:`passage_rows`); a repeated row (the same
    ``passage_id`` twice in a row) kept once; :data:`PASSAGE_COMPACT` columns as
    categoricals.  No index over ``passage_id``: its hash table would grow with the number of
    passages (≈ 100 bytes each), and real articles hold many passages per event.

    The ``text`` column is dropped: a passage's text is ``articles.text[start:end]``, sliced
    when needed (:func:`with_passage_text`); at 1M events this saves ~200 MB.
    ``copy=False`` works on ``passages`` itself (a column at a time: less memory when the
    caller drops it)."""
    ps = passages.drop(columns=["text"], errors="ignore") if copy else passages
    if not copy and "text" in ps.columns:
        del ps["text"]
    for col in PASSAGE_COMPACT:
        if col in ps.columns:
            ps[col] = _as_category(ps[col])
    order = _passage_order(ps)
    if order is not None:
        for col in list(ps.columns):
            values = ps[col].array
            ps[col] = values.to_numpy()[order] if isinstance(values, NumpyExtensionArray) else values.take(order)
            del values
    ps.index = pd.RangeIndex(len(ps))
    if len(ps) > 1 and "passage_id" in ps.columns:
        ids = ps["passage_id"]
        repeated = ids.eq(ids.shift()).fillna(False).to_numpy(dtype=bool)
        del ids
        if repeated.any():
            ps = ps[~repeated].reset_index(drop=True)
    return _combine_chunks(ps)


def passage_rows(passages: pd.DataFrame, article_ids: Sequence[str], starts: Sequence[int],
                 passage_ids: Sequence[str]) -> np.ndarray:
    """Row positions in ``passages`` (prepared: sorted by article, then start) of the
    passages ``passage_ids``, of the articles ``article_ids``, starting at ``starts``; -1
    where there is none.  Two binary searches per passage (the article's rows, then the
    start among them): the cost depends on the number asked for, not on the frame's size."""
    out = np.full(len(passage_ids), -1, dtype=np.int64)
    if not len(passages) or not len(passage_ids):
        return out
    art = passages["article_id"]
    if not isinstance(art.dtype, pd.CategoricalDtype):
        art = _as_category(art)
    codes = art.cat.codes.to_numpy()
    wanted = art.cat.categories.get_indexer(pd.Index([str(a) for a in article_ids]))
    # (searched in the codes' own dtype: another one would convert the whole array per call)
    key = wanted.astype(codes.dtype)
    los, his = codes.searchsorted(key, side="left"), codes.searchsorted(key, side="right")
    start = passages["start"].to_numpy()
    pid = passages["passage_id"]
    for k, (code, lo, hi, s, p) in enumerate(zip(wanted.tolist(), los.tolist(), his.tolist(), starts,
                                                 passage_ids, strict=True)):
        if code < 0:
            continue
        i = lo + int(start[lo:hi].searchsorted(np.asarray(int(s), dtype=start.dtype), side="left"))
        while i < hi and int(start[i]) == int(s):
            if str(pid.iat[i]) == str(p):
                out[k] = i
                break
            i += 1
    return out


def with_passage_text(passages: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``passages`` (prepared, without text) with their ``text`` column restored from the
    articles' text (for tables and downloads of a filtered subset)."""
    out = passages.copy()
    texts = articles["text"] if "text" in articles.columns else pd.Series(dtype="string")
    # only the texts of these passages' articles (a page of passages, not every article)
    texts = texts[texts.index.isin(pd.unique(out["article_id"].astype(str)))]
    by_id = dict(zip(texts.index.astype(str), texts.astype(str), strict=True))
    out["text"] = pd.Series(
        [by_id.get(str(a), "")[int(s):int(e)] for a, s, e in
         zip(out["article_id"], out["start"], out["end"], strict=True)],
        index=out.index, dtype="string")
    return out


DATA_TABLES = ("events", "stances", "articles", "passages")


def data_table(
    name: str,
    *,
    events: pd.DataFrame,
    stances: pd.DataFrame,
    articles: pd.DataFrame,
    passages: pd.DataFrame,
    mask: np.ndarray,
    filters: Filters,
    limit: int | None = None,
) -> tuple[int, pd.DataFrame]:
    """One of the Data view's frames (``DATA_TABLES``) after the filters, as (rows in all,
    the first ``limit`` rows, every row when None) in public columns.  Events follow
    ``mask``; stances the filters that apply to them; articles and passages are those of
    the shown events and stances (all of them when nothing is filtered).  Only the rows
    returned are copied, so a page of a million-event store stays cheap; the downloads ask
    for every row."""
    if name == "events":
        rows = np.flatnonzero(mask)
        return len(rows), public_columns(events.iloc[rows if limit is None else rows[:limit]])
    shown_stances = filter_stances(stances, filters)
    if name == "stances":
        return len(shown_stances), public_columns(shown_stances if limit is None else shown_stances.head(limit))
    if name not in ("articles", "passages"):
        raise ValueError(f"unknown table {name!r}; expected one of {', '.join(DATA_TABLES)}")
    frame = articles if name == "articles" else passages
    if filters != Filters():
        ids = set(events["article_id"].iloc[np.flatnonzero(mask)].unique().astype(str))
        ids |= set(shown_stances["article_id"].astype(str))
        keep = np.flatnonzero(frame["article_id"].isin(ids).to_numpy(dtype=bool))
    else:
        keep = np.arange(len(frame))
    part = frame.iloc[keep if limit is None else keep[:limit]]
    if name == "passages":
        part = with_passage_text(part, articles)
    return len(keep), public_columns(part)


#: the columns people read, first, per table of the Data view (ids and offsets after them)
READ_FIRST: dict[str, tuple[str, ...]] = {
    "events": ("date", "date_low", "date_high", "actor1", "action", "polarity", "actor2", "cue", "modality",
               "intensity", "confidence", "source", "explanation"),
    "stances": ("date", "holder", "stance", "quote", "target", "holder_country", "confidence", "source"),
    "articles": ("title", "source", "published", "date_low", "date_high", "date_precision", "n_events",
                 "n_stances", "url"),
    "passages": ("text", "role"),
}


def options_of(*columns: pd.Series) -> list[str]:
    """The distinct non-empty values of (categorical) columns, sorted."""
    vals: set[str] = set()
    for col in columns:
        cats = col.cat.categories if isinstance(col.dtype, pd.CategoricalDtype) else col.dropna().unique()
        vals.update(str(v) for v in cats if str(v))
    return sorted(vals)


def reading_order(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """``df`` with the columns of :data:`READ_FIRST` for ``table`` first (for display; the
    downloads keep the frames' own column order)."""
    first = [c for c in READ_FIRST.get(table, ()) if c in df.columns]
    return df[first + [c for c in df.columns if c not in first]]


# --------------------------------------------------------------------------- filtering


def _cat_in(series: pd.Series, wanted: Iterable[str]) -> np.ndarray:
    """Boolean mask: the categorical ``series`` takes one of ``wanted`` (O(n) numpy take)."""
    cat = series.cat
    ok = np.append(cat.categories.isin(list(wanted)), False)
    return ok[cat.codes.to_numpy()]


def _admin_in(series: pd.Series, wanted: Sequence[str]) -> np.ndarray:
    """Like :func:`_cat_in` for administration labels, where a label spanning a transition
    ("Biden → Trump II") matches either side."""
    cat = series.cat
    want = set(wanted)
    ok = np.array(
        [bool(want & {part.strip() for part in str(c).split(ADMIN_SEP)}) for c in cat.categories]
        + [False],
        dtype=bool,
    )
    return ok[cat.codes.to_numpy()]


def _combine_chunks(df: pd.DataFrame) -> pd.DataFrame:
    """Make every Arrow-backed string column (and the index) one contiguous chunk, in place.
    A frame read from Parquet holds one chunk per row group, and row look-ups (``iloc``,
    ``take``) on chunked arrays cost several times more: at 1M events this took the
    drill-down from ~145 ms to ~55 ms on a loaded 2-core machine."""

    def combined(values: Any) -> Any:
        chunked = getattr(values, "_pa_array", None)
        if chunked is None or getattr(chunked, "num_chunks", 1) <= 1:
            return None
        return pd.array(chunked.combine_chunks(), dtype=values.dtype)

    for col in df.columns:
        arr = combined(df[col].array)
        if arr is not None:
            df[col] = pd.Series(arr, index=df.index)
    idx = combined(df.index.array)
    if idx is not None:
        df.index = pd.Index(idx, name=df.index.name)
    return df


def release_unused_memory() -> None:
    """Give memory freed after loading back to the OS: the Arrow memory pool (mimalloc)
    keeps the pages of the raw frames and of the load's transient copies otherwise (at
    1M events the process then holds ~2.2 GB instead of ~1.3 GB)."""
    import gc

    import pyarrow as pa

    gc.collect()
    pa.default_memory_pool().release_unused()


def frame_preparer() -> Callable[[str, pd.DataFrame], pd.DataFrame]:
    """A ``then`` for ``core.store.load_store`` (with :data:`STORE_SKIP` and
    :data:`STORE_CATEGORICAL`): prepares each frame as soon as it is read (the articles
    first, whose outlets are then joined to the events and stances) and gives the memory
    of the previous raw frame back before the next one is prepared, so that the raw
    frames are never all held at once."""
    articles: list[pd.DataFrame] = []

    def prepare(name: str, df: pd.DataFrame) -> pd.DataFrame:
        release_unused_memory()
        art = articles[0] if articles else None
        if name == "articles":
            articles.append(prepare_articles(df))
            return articles[0]
        if name == "passages":
            return prepare_passages(df, copy=False)
        if name == "events":
            return prepare_events(df, art, copy=False)
        if name == "stances":
            return prepare_stances(df, art)
        return df

    return prepare


def _ensure_prepared(events: pd.DataFrame) -> pd.DataFrame:
    return events if "_k_month" in events.columns else prepare_events(events)


def filter_mask(events: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Boolean numpy mask of the (prepared) events that pass ``filters``."""
    ev = _ensure_prepared(events)
    n = len(ev)
    mask = np.ones(n, dtype=bool)
    if not filters.include_duplicates:
        mask &= ~ev["_dup"].to_numpy()
    if filters.us_admins:
        mask &= _admin_in(ev["us_admin"], filters.us_admins)
    if filters.mx_admins:
        mask &= _admin_in(ev["mx_admin"], filters.mx_admins)
    if filters.actors:
        mask &= _cat_in(ev["actor1"], filters.actors) | _cat_in(ev["actor2"], filters.actors)
    if filters.countries:
        mask &= _cat_in(ev["country1"], filters.countries) | _cat_in(ev["country2"], filters.countries)
    for col, wanted in (
        ("action", filters.actions),
        ("polarity", filters.polarities),
        ("dyad", filters.dyads),
        ("modality", filters.modalities),
        ("source", filters.outlets),
    ):
        if wanted:
            mask &= _cat_in(ev[col], wanted)
    if filters.min_confidence > 0:
        mask &= ev["confidence"].to_numpy() >= filters.min_confidence
    if filters.date_from or filters.date_to:
        lo = ev["_lo"].to_numpy()
        hi = ev["_hi"].to_numpy()
        mask &= ~np.isnat(lo)
        if filters.date_from:
            mask &= hi >= np.datetime64(filters.date_from, "s")
        if filters.date_to:
            mask &= lo <= np.datetime64(filters.date_to, "s")
    return mask


def filter_events(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The (prepared) events that pass ``filters``."""
    ev = _ensure_prepared(events)
    return ev[filter_mask(ev, filters)]


def filter_stances(stances: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The (prepared) stances that pass the filters that apply to stances: administrations,
    dates, actors (as holders), countries, outlets and minimum confidence."""
    st = stances
    mask = np.ones(len(st), dtype=bool)
    if filters.us_admins:
        mask &= _admin_in(st["us_admin"], filters.us_admins)
    if filters.mx_admins:
        mask &= _admin_in(st["mx_admin"], filters.mx_admins)
    if filters.actors:
        mask &= _cat_in(st["holder"], filters.actors)
    if filters.countries:
        mask &= _cat_in(st["holder_country"], filters.countries)
    if filters.outlets:
        mask &= _cat_in(st["source"], filters.outlets)
    if filters.min_confidence > 0:
        mask &= st["confidence"].to_numpy() >= filters.min_confidence
    if filters.date_from or filters.date_to:
        lo, hi = st["_lo"].to_numpy(), st["_hi"].to_numpy()
        mask &= ~np.isnat(lo)
        if filters.date_from:
            mask &= hi >= np.datetime64(filters.date_from, "s")
        if filters.date_to:
            mask &= lo <= np.datetime64(filters.date_to, "s")
    return st[mask]


# --------------------------------------------------------------------------- aggregation


#: at most this many periods on the timeline by default (at 800 px, ~10 px per bar)
MAX_PERIODS = 60
#: and no more periods than this many per dated event (sparse data: coarser bars), at least
#: :data:`MIN_PERIODS`
PERIODS_PER_EVENT = 2
MIN_PERIODS = 16


def n_periods(low: pd.Timestamp, high: pd.Timestamp, period: str) -> int:
    """How many ``period``s the span from ``low`` to ``high`` touches."""
    keys = period_keys(np.array([low.to_datetime64(), high.to_datetime64()], dtype="datetime64[D]"), period)
    return int(keys[1] - keys[0]) + 1


def choose_period(low: pd.Timestamp | None, high: pd.Timestamp | None, *, n_events: int | None = None) -> str:
    """The default period for a date span and a density: the finest period that draws at
    most :data:`MAX_PERIODS` bars and, when ``n_events`` is given, no more than
    ``max(PERIODS_PER_EVENT × n_events, MIN_PERIODS)`` (a few events over years get wide
    bars one can see, not a thick band of empty months)."""
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return "month"
    cap = MAX_PERIODS if n_events is None else min(MAX_PERIODS, max(PERIODS_PER_EVENT * n_events, MIN_PERIODS))
    for period in PERIODS[:-1]:
        if n_periods(low, high, period) <= cap:
            return period
    return PERIODS[-1]


def _signed_values(
    ev: pd.DataFrame, measure: str, sel: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(cooperation, friction) value per (selected) event: counts (1/0, friction as -1) or
    intensity (friction intensities are negative by the codebook; forced negative here)."""
    pol = ev["polarity"].cat
    codes = pol.codes.to_numpy()
    if sel is not None:
        codes = codes[sel]
    cats = pol.categories
    coop = np.append(cats == "cooperation", False)[codes]
    fric = np.append(cats == "friction", False)[codes]
    if measure == "count":
        return coop.astype("float64"), -fric.astype("float64")
    if measure == "intensity":
        inten = ev["intensity"].to_numpy(dtype="float64")
        inten = np.abs(inten[sel] if sel is not None else inten)
        return np.where(coop, inten, 0.0), np.where(fric, -inten, 0.0)
    raise ValueError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")


AGG_COLUMNS = ("key", "period", "label", "cooperation", "friction", "net", "n_events")


def aggregate(
    events: pd.DataFrame,
    *,
    period: str,
    measure: str = "count",
    mask: np.ndarray | None = None,
) -> pd.DataFrame:
    """Cooperation and friction per period over the dated events whose date window fits in
    one period (wider windows are drawn by :func:`imprecise_spans`).

    Columns: ``key`` (int period key), ``period`` (start Timestamp), ``label``,
    ``cooperation`` (≥ 0), ``friction`` (≤ 0, drawn downwards), ``net`` (their sum) and
    ``n_events`` (all polarities).  ``measure`` is ``count`` or ``intensity``.  Periods
    between the first and last are all present (zeros), so gaps show as gaps.
    """
    ev = _ensure_prepared(events)
    sel = ev["_dated"].to_numpy() & ~ev[f"_imp_{period}"].to_numpy()
    if mask is not None:
        sel &= mask
    keys = ev[f"_k_{period}"].to_numpy()[sel]
    if len(keys) == 0:
        return pd.DataFrame({c: pd.Series([], dtype="float64") for c in AGG_COLUMNS}).astype(
            {"key": "int64", "period": "datetime64[ns]", "label": "string", "n_events": "int64"}
        )
    coop_v, fric_v = _signed_values(ev, measure, sel)
    base = int(keys.min())
    idx = keys - base
    size = int(idx.max()) + 1
    coop = np.bincount(idx, weights=coop_v, minlength=size)
    fric = np.bincount(idx, weights=fric_v, minlength=size)
    n = np.bincount(idx, minlength=size)
    all_keys = np.arange(base, base + size)
    return pd.DataFrame(
        {
            "key": all_keys.astype("int64"),
            "period": period_start(all_keys, period),
            "label": pd.Series(period_labels(all_keys, period), dtype="string"),
            "cooperation": coop,
            "friction": fric,
            "net": coop + fric,
            "n_events": n.astype("int64"),
        }
    )


def imprecise_spans(
    events: pd.DataFrame, *, period: str, mask: np.ndarray | None = None
) -> pd.DataFrame:
    """The events whose date is only known as a window wider than one ``period``, grouped by
    (window, polarity): columns ``lo``, ``hi``, ``polarity``, ``n_events`` and ``row`` (windows
    stacked so that none hides another, :func:`stack_rows`).  They are drawn as spans in
    their own lane, never at an invented point."""
    ev = _ensure_prepared(events)
    sel = ev["_dated"].to_numpy() & ev[f"_imp_{period}"].to_numpy()
    if mask is not None:
        sel &= mask
    sub = ev.loc[sel, ["_lo", "_hi", "polarity"]]
    if sub.empty:
        return pd.DataFrame({"lo": pd.Series([], dtype="datetime64[s]"),
                             "hi": pd.Series([], dtype="datetime64[s]"),
                             "polarity": pd.Series([], dtype="string"),
                             "n_events": pd.Series([], dtype="int64"),
                             "row": pd.Series([], dtype="int64")})
    out = (
        sub.assign(polarity=sub["polarity"].astype("string"))
        .groupby(["_lo", "_hi", "polarity"], observed=True, sort=True)
        .size()
        .reset_index(name="n_events")
        .rename(columns={"_lo": "lo", "_hi": "hi"})
    )
    out["row"] = stack_rows(out["lo"].to_numpy(), out["hi"].to_numpy())
    return out


def coverage(articles: pd.DataFrame, period: str) -> pd.Series:
    """Dated articles per period: how many articles have a publication window inside one
    ``period`` (int period key → count).  A period with none has no coverage: drawn as a
    gap, never as a zero (no news is not balanced news)."""
    if len(articles) == 0 or "_lo" not in articles.columns:
        return pd.Series([], dtype="int64")
    lo = articles["_lo"].to_numpy(dtype="datetime64[D]")
    hi = articles["_hi"].to_numpy(dtype="datetime64[D]")
    hi = np.where(np.isnat(hi), lo, hi)
    k_lo, k_hi = period_keys(lo, period), period_keys(hi, period)
    keys = k_lo[(k_lo >= 0) & (k_lo == k_hi)]
    return pd.Series(keys).value_counts().sort_index().astype("int64")


def with_coverage(agg: pd.DataFrame, articles: pd.DataFrame, period: str) -> pd.DataFrame:
    """``agg`` (from :func:`aggregate`) with ``n_articles``, the dated articles of each
    period (:func:`coverage`)."""
    cov = coverage(articles, period)
    out = agg.copy()
    out["n_articles"] = out["key"].map(cov).fillna(0).astype("int64") if len(out) else pd.Series([], dtype="int64")
    return out


def stack_rows(lows: np.ndarray, highs: np.ndarray) -> np.ndarray:
    """Rows for intervals drawn one above another so that none overlaps another in its row
    (greedy interval partitioning: the fewest rows).  Returns the row of each interval."""
    order = np.lexsort((highs, lows))
    free: list[tuple[Any, int]] = []  # (end of the row's last interval, row), earliest end first
    rows = np.zeros(len(lows), dtype="int64")
    n_rows = 0
    for i in order:
        if free and free[0][0] < lows[i]:
            _, row = heapq.heappop(free)
        else:
            row, n_rows = n_rows, n_rows + 1
        rows[i] = row
        heapq.heappush(free, (highs[i], row))
    return rows


def window_text(day: object, low: object, high: object, precision: object) -> str:
    """A date as people should read it: the day when it is known to the day, else the
    window with its precision ("2018-12-01 … 2023-06-11 (a window, month precision)"),
    never the start of a window as if it were the date."""
    def iso(v: object) -> str:
        if v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
            return ""
        return "" if str(v) in ("NaT", "nan", "<NA>") else str(v)[:10]

    d, lo, hi, prec = iso(day), iso(low), iso(high), str(precision or "") or "none"
    if lo and hi and lo != hi:
        return f"{lo} … {hi} (window; precision {prec})"
    one = d or lo or hi
    if not one:
        return "undated"
    return one if prec in ("day", "none") else f"{one} (precision {prec})"


def article_param(value: str, ids: Sequence[str]) -> str | None:
    """The article a ``?article=`` value names: an article id, or the reader's older
    "title [id]" form; None when it names none of ``ids``."""
    value = (value or "").strip()
    if not value:
        return None
    known = set(ids)
    if value in known:
        return value
    if value.endswith("]") and "[" in value:
        inner = value[value.rindex("[") + 1:-1].strip()
        if inner in known:
            return inner
    return None


def unknown_values(wanted: Mapping[str, Sequence[str]], options: Mapping[str, Collection[str]]) -> list[str]:
    """``key=value`` for each value a shared link asks for that the dataset lacks (the
    options of the widget bound to ``key``), for a visible "ignored" note."""
    out: list[str] = []
    for key, values in wanted.items():
        known = options.get(key)
        if known is None:
            continue
        out += [f"{key}={v}" for v in values if v and v not in known]
    return out


LANDMARK_COLUMNS = ("landmark_id", "low", "high", "precision", "name", "polarity", "source", "n_articles")
MENTION_COLUMNS = ("landmark_id", "article_id", "start", "end")


def landmark_tables(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The knowledge base's landmark events (:mod:`core.landmarks`) and where the articles
    name them (their ``landmarks`` column, found at build time; read from the texts for a
    store built before it): (``landmarks``: :data:`LANDMARK_COLUMNS`, ``n_articles`` the articles that
    name each; ``mentions``: :data:`MENTION_COLUMNS`, the sentence of each mention in the
    article text).  Landmarks are context for the timeline, never events."""
    from core import landmarks as lmk

    rows: list[tuple[str, str, int, int]] = []
    if len(articles) and ("landmarks" in articles.columns or "text" in articles.columns):
        # the column found at build time; a store built before it: the same cell from the text
        cells = (articles["landmarks"].astype(str) if "landmarks" in articles.columns
                 else articles["text"].astype(str).map(lmk.mentions_cell))
        for aid, cell in zip(articles["article_id"].astype(str), cells, strict=True):
            if cell:
                rows += [(lid, aid, a, b) for lid, a, b in lmk.parse_mentions_cell(cell)]
    mentions = pd.DataFrame(rows, columns=list(MENTION_COLUMNS)).astype({"start": "int64", "end": "int64"})
    counts = mentions.groupby("landmark_id")["article_id"].nunique() if len(mentions) else pd.Series(dtype="int64")
    table = pd.DataFrame(
        [(x.landmark_id, x.low, x.high, x.precision, x.name, x.polarity, x.source) for x in lmk.landmarks()],
        columns=list(LANDMARK_COLUMNS[:-1]),
    )
    table["n_articles"] = table["landmark_id"].map(counts).fillna(0).astype("int64")
    return table, mentions


def landmarks_near(table: pd.DataFrame, landmark_id: str, period: str) -> list[str]:
    """The clicked landmark first, then the other landmarks of ``table`` (from
    :func:`landmark_tables`) that fall in the same ``period``: markers a few pixels apart
    cannot be told apart by a click, so the drill-down lists them all."""
    day = _parse_dates(table["low"])
    keys = period_keys(day, period)
    hit = np.flatnonzero(table["landmark_id"].astype(str).to_numpy() == landmark_id)
    if len(hit) == 0:
        return []
    same = np.flatnonzero((keys == keys[hit[0]]) & (keys >= 0))
    ids = table["landmark_id"].astype(str).to_numpy()[same].tolist()
    return [landmark_id, *[i for i in ids if i != landmark_id]]


#: a publication window wider than this many days is a loose date
LOOSE_DAYS = 31


@dataclass(frozen=True, slots=True)
class About:
    """What the numbers rest on: articles, their date coverage and how many are dated only
    loosely (or not at all)."""

    n_articles: int
    first: str  # earliest publication window start ("" when none is dated)
    last: str
    n_loose: int  # undated, or dated by a window wider than LOOSE_DAYS

    @property
    def loose_share(self) -> float:
        """The share of articles with a loose or no date."""
        return self.n_loose / self.n_articles if self.n_articles else 0.0


def about(articles: pd.DataFrame) -> About:
    """:class:`About` for the prepared ``articles``."""
    if len(articles) == 0:
        return About(0, "", "", 0)
    lo = articles["_lo"].to_numpy(dtype="datetime64[D]")
    hi = articles["_hi"].to_numpy(dtype="datetime64[D]")
    dated = ~np.isnat(lo)
    hi = np.where(np.isnat(hi), lo, hi)
    wide = dated & ((hi - lo).astype("int64") > LOOSE_DAYS)
    first = str(lo[dated].min()) if dated.any() else ""
    last = str(hi[dated].max()) if dated.any() else ""
    return About(len(articles), first, last, int((~dated).sum() + wide.sum()))


def undated_counts(
    events: pd.DataFrame, articles: pd.DataFrame, *, mask: np.ndarray | None = None
) -> dict[str, int]:
    """How many undated events (among ``mask``) and undated articles there are, for the
    visible note under the timeline (nothing is dropped silently)."""
    ev = _ensure_prepared(events)
    undated_ev = ~ev["_dated"].to_numpy()
    if mask is not None:
        undated_ev &= mask
    if "_dated" in articles.columns:
        undated_art = int((~articles["_dated"].to_numpy()).sum())
    else:
        undated_art = int((articles["date_low"].astype("string").fillna("") == "").sum())
    return {"events": int(undated_ev.sum()), "articles": undated_art}


def date_span(events: pd.DataFrame, mask: np.ndarray | None = None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The earliest and latest date of the (masked) dated events, or (None, None)."""
    ev = _ensure_prepared(events)
    sel = ev["_dated"].to_numpy()
    if mask is not None:
        sel = sel & mask
    if not sel.any():
        return None, None
    return pd.Timestamp(ev["_lo"].to_numpy()[sel].min()), pd.Timestamp(ev["_hi"].to_numpy()[sel].max())


# --------------------------------------------------------------------------- selection


def selection_event_ids(
    events: pd.DataFrame,
    points: Iterable[Mapping[str, Any]],
    *,
    period: str,
    mask: np.ndarray | None = None,
    limit: int | None = None,
) -> list[str]:
    """The event ids behind the chart points a user clicked.

    Each point's ``customdata`` (set by :mod:`dashboard.figures`) is
    ``[kind, a, b, polarity]``: ``("bar", key, key, polarity)`` for a bar of one period,
    ``("net", key, key, "")`` for a point of the net line and ``("coverage", key, key, "")``
    for a coverage bar (every polarity of the period), and
    ``("span", lo, hi, polarity)`` for an imprecise-date span (ISO dates).  Ids are returned
    in date order, at most ``limit``.
    """
    ev = _ensure_prepared(events)
    base = mask.copy() if mask is not None else np.ones(len(ev), dtype=bool)
    base &= ev["_dated"].to_numpy()
    keys = ev[f"_k_{period}"].to_numpy()
    imp = ev[f"_imp_{period}"].to_numpy()
    chosen = np.zeros(len(ev), dtype=bool)
    for point in points:
        cd = point.get("customdata") if isinstance(point, Mapping) else None
        if not cd or len(cd) < 4:
            continue
        kind, a, b, pol = cd[0], cd[1], cd[2], cd[3]
        if kind in ("bar", "net", "coverage"):
            try:
                key = int(a)
            except (TypeError, ValueError):
                continue
            sel = base & ~imp & (keys == key)
        elif kind == "span":
            try:
                lo = np.datetime64(str(a)[:10], "s")
                hi = np.datetime64(str(b)[:10], "s")
            except ValueError:
                continue
            sel = base & imp & (ev["_lo"].to_numpy() == lo) & (ev["_hi"].to_numpy() == hi)
        else:
            continue
        if pol:
            sel &= _cat_in(ev["polarity"], (str(pol),))
        chosen |= sel
    sub = ev.loc[chosen, ["event_id", "_lo"]].sort_values("_lo", kind="stable")
    ids = sub["event_id"].astype("string").tolist()
    return ids[:limit] if limit is not None else ids


# --------------------------------------------------------------------------- drill-down


@dataclass(frozen=True, slots=True)
class DrillItem:
    """One event of the drill-down with everything needed to show it."""

    event: dict[str, Any]
    article: dict[str, Any]
    passage_text: str
    passage_start: int
    before: str
    after: str
    spans: tuple[tuple[int, int, str], ...] = field(default=())


def drilldown(
    events: pd.DataFrame,
    passages: pd.DataFrame,
    articles: pd.DataFrame,
    event_ids: Sequence[str],
    *,
    limit: int = 50,
) -> list[DrillItem]:
    """The events ``event_ids`` with their article, passage, neighbouring sentences and the
    spans to highlight (``cue``, ``actor1``, ``actor2``; offsets into the article text).

    ``events``/``passages``/``articles`` are the prepared frames (events and articles indexed
    by id, passages sorted by article and start); lookups are hash lookups and binary
    searches, so the cost depends on ``len(event_ids)``, not on the frame sizes.
    """
    wanted = [str(i) for i in list(event_ids)[:limit]]
    pos = events.index.get_indexer(pd.Index(wanted)) if wanted else np.array([], dtype="int64")
    pos = pos[pos >= 0]
    if len(pos) == 0:
        return []
    rows = events.iloc[pos].to_dict("records")
    # passages: the event's own and its neighbours, fetched in one positional take
    pids = [str(r.get("passage_id", "")) for r in rows]
    aids = [str(r.get("article_id", "")) for r in rows]
    ppos = passage_rows(passages, aids, [int(r.get("start", 0) or 0) for r in rows], pids)
    n_pas = len(passages)
    want = np.concatenate([ppos, ppos - 1, ppos + 1])
    valid = (want >= 0) & (want < n_pas) & np.concatenate([ppos >= 0] * 3)
    got = passages.iloc[want[valid]][["article_id", "start", "end"]] if n_pas else None
    lookup: dict[int, tuple[str, int, int]] = {}
    if got is not None:
        for p_, (a_, s_, e_) in zip(want[valid], got.itertuples(index=False, name=None), strict=True):
            lookup[int(p_)] = (str(a_), int(s_), int(e_))
    apos = articles.index.get_indexer(pd.Index(aids)) if len(articles) else np.full(len(rows), -1)
    art_rows = articles.iloc[apos[apos >= 0]].to_dict("records") if len(articles) else []
    art_by_pos = dict(zip(apos[apos >= 0].tolist(), art_rows, strict=True))
    out: list[DrillItem] = []
    for row, aid, pp, ap in zip(rows, aids, ppos.tolist(), apos.tolist(), strict=True):
        art: dict[str, Any] = {k: v for k, v in art_by_pos.get(ap, {}).items() if not str(k).startswith("_")}
        ptext, pstart, before, after = "", int(row.get("start", 0) or 0), "", ""
        atext = str(art.get("text") or "")
        if pp >= 0 and pp in lookup:
            _, pstart, pend = lookup[pp]
            ptext = atext[pstart:pend]
            prev, nxt = lookup.get(pp - 1), lookup.get(pp + 1)
            before = atext[prev[1]:prev[2]] if prev and prev[0] == aid else ""
            after = atext[nxt[1]:nxt[2]] if nxt and nxt[0] == aid else ""
        elif atext:
            s, e = int(row.get("start", 0) or 0), int(row.get("end", 0) or 0)
            ptext, pstart = atext[s:e], s
        spans: list[tuple[int, int, str]] = []
        for a, b, kind in (
            ("cue_start", "cue_end", "cue"),
            ("actor1_start", "actor1_end", "actor"),
            ("actor2_start", "actor2_end", "target"),
        ):
            lo_v, hi_v = row.get(a), row.get(b)
            if lo_v is None or hi_v is None or pd.isna(lo_v) or pd.isna(hi_v):
                continue
            if 0 <= int(lo_v) < int(hi_v):
                spans.append((int(lo_v), int(hi_v), kind))
        event = {str(k): (str(v) if isinstance(v, str | pd.Timestamp) else v)
                 for k, v in row.items() if not str(k).startswith("_")}
        out.append(DrillItem(event, art, ptext, pstart, before, after, tuple(spans)))
    return out


# --------------------------------------------------------------------------- actors and dyads


def actor_ranking(
    events: pd.DataFrame,
    *,
    mask: np.ndarray | None = None,
    measure: str = "count",
    role: str = "actor1",
    top: int = 20,
    generic: Collection[str] = (),
    generic_mode: str = "apart",
) -> pd.DataFrame:
    """Who drives cooperation and friction: per actor (``role`` ``actor1`` = initiator, or
    ``actor2`` = target), ``cooperation`` (≥ 0), ``friction`` (≤ 0), ``net``, ``n_events``;
    the ``top`` actors by total activity (|cooperation| + |friction|).

    ``generic`` names the generic country actors ("Government of Mexico"); ``generic_mode``
    (:data:`GENERIC_MODES`) ``apart`` ranks them beside the named actors, ``left out`` leaves
    them out (named actors fill the slots) and ``by country`` groups every actor under its
    country ("MX (all actors)")."""
    if generic_mode not in GENERIC_MODES:
        raise ValueError(f"unknown generic_mode {generic_mode!r}; choose one of {', '.join(GENERIC_MODES)}")
    ev = _ensure_prepared(events)
    sel = mask if mask is not None else np.ones(len(ev), dtype=bool)
    if generic_mode == "by country":
        role = "country1" if role == "actor1" else "country2"
    cat = ev[role].cat
    codes = cat.codes.to_numpy()[sel]
    coop_v, fric_v = _signed_values(ev, measure, sel)
    valid = codes >= 0
    codes = codes[valid]
    size = len(cat.categories)
    coop = np.bincount(codes, weights=coop_v[valid], minlength=size)
    fric = np.bincount(codes, weights=fric_v[valid], minlength=size)
    n = np.bincount(codes, minlength=size)
    df = pd.DataFrame({
        "actor": pd.Series(cat.categories.astype("string")),
        "cooperation": coop, "friction": fric, "net": coop + fric, "n_events": n,
    })
    df = df[(df["n_events"] > 0) & (df["actor"] != "")]
    if generic_mode == "left out":
        df = df[~df["actor"].isin(list(generic))]
    elif generic_mode == "by country":
        df = df.assign(actor=df["actor"] + " (all actors)")
    df = df.assign(_act=df["cooperation"] - df["friction"]).sort_values(
        ["_act", "n_events", "actor"], ascending=[False, False, True])
    return df.drop(columns="_act").head(top).reset_index(drop=True)


def dyad_table(
    events: pd.DataFrame,
    *,
    mask: np.ndarray | None = None,
    by: str = "country",
    measure: str = "count",
    sectors: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Cooperation and friction per dyad: ``by="country"`` pairs ``country1 → country2``;
    ``by="sector"`` pairs the actors' sectors (from ``sectors``, a mapping actor id or name
    → sector; unknown ones are "other").  Columns: ``side1``, ``side2``, ``cooperation``,
    ``friction``, ``net``, ``n_events``; most active first."""
    ev = _ensure_prepared(events)
    sel = mask if mask is not None else np.ones(len(ev), dtype=bool)
    cols = ["side1", "side2", "cooperation", "friction", "net", "n_events"]
    if by == "country":
        c1, c2 = ev["country1"].cat, ev["country2"].cat
        names1 = [str(c) or "?" for c in c1.categories] + ["?"]
        names2 = [str(c) or "?" for c in c2.categories] + ["?"]
        k1 = c1.codes.to_numpy()[sel].astype("int64")
        k2 = c2.codes.to_numpy()[sel].astype("int64")
        k1[k1 < 0] = len(names1) - 1
        k2[k2 < 0] = len(names2) - 1
        combo = k1 * len(names2) + k2
        size = len(names1) * len(names2)
        coop_v, fric_v = _signed_values(ev, measure, sel)
        n = np.bincount(combo, minlength=size)
        nz = np.flatnonzero(n)
        df = pd.DataFrame({
            "side1": [names1[i // len(names2)] for i in nz], "side2": [names2[i % len(names2)] for i in nz],
            "cooperation": np.bincount(combo, weights=coop_v, minlength=size)[nz],
            "friction": np.bincount(combo, weights=fric_v, minlength=size)[nz],
            "n_events": n[nz],
        })
        g = df.groupby(["side1", "side2"], sort=False).sum().reset_index() if len(df) else df
    elif by == "sector":
        sub = ev[sel]
        coop_v, fric_v = _signed_values(sub, measure)
        smap = dict(sectors or {})

        def sector(ids: pd.Series, names: pd.Series) -> pd.Series:
            by_id = ids.astype("string").map(smap)
            by_name = names.astype("string").map(smap)
            return by_id.fillna(by_name).fillna("other").astype("string")

        s1 = sector(sub["actor1_id"] if "actor1_id" in sub else sub["actor1"], sub["actor1"])
        s2 = sector(sub["actor2_id"] if "actor2_id" in sub else sub["actor2"], sub["actor2"])
        df = pd.DataFrame({"side1": s1.to_numpy(), "side2": s2.to_numpy(),
                           "cooperation": coop_v, "friction": fric_v, "n_events": 1})
        g = df.groupby(["side1", "side2"], sort=False).sum().reset_index() if len(df) else df
    else:
        raise ValueError(f"unknown dyad grouping {by!r}; use 'country' or 'sector'")
    if g.empty:
        return pd.DataFrame({c: [] for c in cols})
    g["net"] = g["cooperation"] + g["friction"]
    g = g.assign(_act=g["cooperation"] - g["friction"]).sort_values(
        ["_act", "n_events"], ascending=False)
    return g[cols].reset_index(drop=True)


def article_table(articles: pd.DataFrame, events: pd.DataFrame, mask: np.ndarray | None = None) -> pd.DataFrame:
    """The corpus overview: one row per article with its date window and evidence, outlet
    and the number of (filtered) events and of all events and stances."""
    ev = _ensure_prepared(events)
    sel = mask if mask is not None else np.ones(len(ev), dtype=bool)
    counts = ev.loc[sel, "article_id"].astype("string").value_counts()
    cols = ["article_id", "title", "source", "published", "date_low", "date_high",
            "date_precision", "date_confidence", "date_evidence", "us_admin", "mx_admin",
            "n_events", "n_stances", "path", "url"]
    out = articles[[c for c in cols if c in articles.columns]].copy()
    where = list(out.columns).index("n_events") if "n_events" in out.columns else len(out.columns)
    out.insert(where, "events_shown", out["article_id"].astype("string").map(counts).fillna(0).astype("int64"))
    return out.reset_index(drop=True)


def public_columns(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` without the dashboard's private ``_`` columns, categoricals back to strings,
    the id index dropped: what the Data view shows and downloads."""
    keep = [c for c in df.columns if not str(c).startswith("_")]
    out = df[keep].reset_index(drop=True)
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype("string")
    return out
