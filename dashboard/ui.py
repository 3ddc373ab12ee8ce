"""Streamlit glue shared by the views: the loaded dataset (held once per process with
``st.cache_resource``), the sidebar filters (bound to the URL), cached masks and
aggregates, and the drill-down renderer.  Data work lives in :mod:`dashboard.data`."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import data as D
from dashboard import render
from dashboard.figures import Band
from dashboard.source import Loaded, Source, fingerprint, open_source, resolve_source

MAX_ACTOR_OPTIONS = 400


@dataclass(slots=True)
class Dataset:
    """The prepared frames of one source plus what the filters need."""

    key: str
    label: str
    events: pd.DataFrame
    stances: pd.DataFrame
    articles: pd.DataFrame
    passages: pd.DataFrame
    problems: list[str]
    error: str
    store: str
    bands: list[Band] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # alias or name → canonical name

    @property
    def empty(self) -> bool:
        """No events at all."""
        return len(self.events) == 0


def _kb_bands_and_aliases() -> tuple[list[Band], dict[str, str]]:
    """Administrations (labelled bands) and actor aliases from the knowledge base, when it
    provides them (``admin_list``; actors with ``name``/``aliases``)."""
    bands: list[Band] = []
    aliases: dict[str, str] = {}
    try:
        from core.kb import load_kb

        kb = load_kb()
    except Exception:  # noqa: BLE001 - no KB: no bands, the app still works
        return bands, aliases
    for country in ("US", "MX"):
        try:
            admins = kb.admin_list(country)
        except Exception:  # noqa: BLE001
            admins = []
        today = date.today().isoformat()
        for a in admins or []:
            label = str(getattr(a, "label", "") or "")
            start = str(getattr(a, "start", "") or "")
            end = str(getattr(a, "end", "") or "") or today
            if label and start:
                bands.append(Band(country, label, start, end))
    actors: Any = getattr(kb, "actors", None)
    try:
        items = actors.values() if isinstance(actors, dict) else (actors or [])
        for actor in items:
            name = str(getattr(actor, "name", "") or "")
            if not name:
                continue
            aliases[name] = name
            for alias in getattr(actor, "aliases", ()) or ():
                aliases.setdefault(str(alias), name)
    except Exception:  # noqa: BLE001
        pass
    return bands, aliases


def _prepare(key: str, label: str, loaded: Loaded) -> Dataset:
    fr = loaded.frames
    bands, aliases = _kb_bands_and_aliases()
    if loaded.prepared:  # prepared frame by frame while the store was read
        events, stances, articles, passages = fr.events, fr.stances, fr.articles, fr.passages
    else:
        events = D.prepare_events(fr.events, fr.articles, copy=False)
        stances = D.prepare_stances(fr.stances, fr.articles)
        articles = D.prepare_articles(fr.articles)
        passages = D.prepare_passages(fr.passages)
    return Dataset(
        key=key,
        label=label,
        events=events,
        stances=stances,
        articles=articles,
        passages=passages,
        problems=list(loaded.problems),
        error=loaded.error,
        store=loaded.store,
        bands=bands,
        aliases=aliases,
    )


@st.cache_resource(show_spinner=False)
def _registry() -> dict[str, Dataset]:
    """Process-wide datasets by key (the big frames are held once, shared by sessions)."""
    return {}


_LOCK = threading.Lock()


@st.cache_data(ttl=15, show_spinner=False)
def _fingerprint(corpus: tuple[str, ...]) -> str:
    return fingerprint(corpus)


def source_key(source: Source) -> str:
    """The registry key: the store path, or the corpus and its current fingerprint (so a
    changed corpus is rebuilt)."""
    if source.store:
        return f"store:{source.store}"
    return f"corpus:{'|'.join(source.corpus)}:{_fingerprint(source.corpus)}"


def current_source() -> Source:
    """This session's source: an uploaded corpus if the user built one, else the command
    line / environment (never the URL)."""
    src = st.session_state.get("usmx_source")
    if isinstance(src, Source):
        return src
    return resolve_source(sys.argv[1:])


def dataset(source: Source | None = None) -> Dataset:
    """The prepared dataset for ``source`` (built with a progress bar on first use)."""
    source = source or current_source()
    key = source_key(source)
    reg = _registry()
    if key in reg:
        return reg[key]
    with _LOCK:
        if key in reg:
            return reg[key]
        bar = st.progress(0.0, text=f"Opening {source.label} …")

        def progress(done: int, total: int | None) -> None:
            frac = min(done / total, 1.0) if total else min(done / (done + 5), 0.95)
            bar.progress(frac, text=f"Building the frames: {done} article(s) processed")

        loaded = open_source(source, progress=progress, prepared=True)
        bar.empty()
        ds = _prepare(key, source.label, loaded)
        prefix = key.rsplit(":", 1)[0] + ":" if key.startswith("corpus:") else key
        for old in [k for k in reg if k.startswith(prefix) and k != key]:
            del reg[old]  # the corpus changed: drop the stale frames
        reg[key] = ds
        del loaded  # the raw frames: only the prepared ones are kept
        D.release_unused_memory()
        return ds


def register(ds: Dataset) -> None:
    """Add a dataset built elsewhere (an upload) to the registry."""
    _registry()[ds.key] = ds


def prepare_loaded(key: str, label: str, loaded: Loaded) -> Dataset:
    """:func:`_prepare` for the upload flow."""
    return _prepare(key, label, loaded)


# --------------------------------------------------------------------------- filters


def _options(series: pd.Series, *extra: pd.Series) -> list[str]:
    vals: set[str] = set()
    for s in (series, *extra):
        cats = s.cat.categories if isinstance(s.dtype, pd.CategoricalDtype) else s.dropna().unique()
        vals.update(str(c) for c in cats if str(c))
    return sorted(vals)


def _admin_options(ds: Dataset, country: str, col: str) -> list[str]:
    labels = [b.label for b in ds.bands if b.country == country]
    seen = set(labels)
    for s in (ds.events[col], ds.stances[col]):
        for c in s.cat.categories:
            for part in str(c).split(D.ADMIN_SEP):
                part = part.strip()
                if part and part not in seen:
                    seen.add(part)
                    labels.append(part)
    return labels


def _actor_options(ds: Dataset, query: str) -> list[str]:
    ev = ds.events
    counts: dict[str, int] = {}
    for col in ("actor1", "actor2"):
        vc = ev[col].value_counts(sort=False)
        for name, n in vc.items():
            if str(name):
                counts[str(name)] = counts.get(str(name), 0) + int(n)
    for h in ds.stances["holder"].cat.categories:
        if str(h):
            counts.setdefault(str(h), 0)
    if query.strip():
        from rapidfuzz import fuzz, process, utils

        choices = {**{n: n for n in counts}, **{a: c for a, c in ds.aliases.items() if c in counts}}
        hits = process.extract(query, list(choices), scorer=fuzz.WRatio, processor=utils.default_process,
                               limit=30, score_cutoff=55)
        names = list(dict.fromkeys(choices[h[0]] for h in hits))
    else:
        names = sorted(counts, key=lambda n: (-counts[n], n))[:MAX_ACTOR_OPTIONS]
    chosen = [a for a in st.session_state.get("actor", []) if isinstance(a, str)]
    return list(dict.fromkeys([*chosen, *names]))


def sidebar_filters(ds: Dataset) -> D.Filters:
    """Draw the filter widgets in the sidebar (every widget bound to a URL query parameter,
    so a view can be shared and reloaded) and return the filter state."""
    ev = ds.events
    sb = st.sidebar
    sb.header("Filters")
    us = sb.multiselect("US administration", _admin_options(ds, "US", "us_admin"), key="us",
                        bind="query-params")
    mx = sb.multiselect("Mexican administration", _admin_options(ds, "MX", "mx_admin"), key="mx",
                        bind="query-params")
    lo, hi = D.date_span(ev)
    date_from = date_to = ""
    if lo is not None and hi is not None:
        span = (lo.date(), hi.date())
        rng = sb.date_input("Date range", value=span, min_value=date(1990, 1, 1),
                            max_value=date(2100, 12, 31), key="dates", bind="query-params")
        if isinstance(rng, Sequence) and len(rng) == 2 and tuple(rng) != span:
            date_from, date_to = rng[0].isoformat(), rng[1].isoformat()
    else:
        sb.caption("Date range: no dated events yet")
    query = sb.text_input("Find actors (fuzzy: names and aliases)", key="actor_q",
                          placeholder="e.g. Sheinbaum, AMLO, DEA")
    actors = sb.multiselect("Actors", _actor_options(ds, query), key="actor", bind="query-params")
    countries = sb.multiselect("Country", _options(ev["country1"], ev["country2"]) or ["US", "MX", "NS"],
                               key="country", bind="query-params")
    actions = sb.multiselect("Action type", _options(ev["action"]), key="action", bind="query-params")
    polarities = sb.multiselect("Polarity", list(D.POLARITIES), key="polarity", bind="query-params")
    dyads = sb.multiselect("Dyad", list(D.DYADS), default=["gov"], key="dyad", bind="query-params",
                           help="Government-to-government by default; add non-state or domestic.")
    modalities = sb.multiselect("Modality", list(D.MODALITIES), default=["asserted"], key="modality",
                                bind="query-params", help="Asserted acts by default; add reported claims "
                                "and planned (announced) acts.")
    outlets = sb.multiselect("Outlet", _options(ev["source"], ds.articles["source"]), key="outlet",
                             bind="query-params")
    conf = sb.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="conf", bind="query-params")
    dups = sb.checkbox("Include repeated reports of an event", value=False, key="dups",
                       bind="query-params")
    return D.Filters(
        us_admins=tuple(us), mx_admins=tuple(mx), date_from=date_from, date_to=date_to,
        actors=tuple(actors), countries=tuple(countries), actions=tuple(actions),
        polarities=tuple(polarities), dyads=tuple(dyads), modalities=tuple(modalities),
        outlets=tuple(outlets), min_confidence=float(conf), include_duplicates=bool(dups),
    )


def filters() -> D.Filters:
    """The filter state of this run (set by the app before the view runs)."""
    f = st.session_state.get("usmx_filters")
    return f if isinstance(f, D.Filters) else D.Filters()


# --------------------------------------------------------------------------- cached computations


@st.cache_resource(max_entries=16, show_spinner=False)
def _mask(key: str, f: D.Filters, _ds: Dataset) -> np.ndarray:
    return D.filter_mask(_ds.events, f)


def mask(ds: Dataset, f: D.Filters) -> np.ndarray:
    """The events mask for ``f`` (cached per dataset and filters)."""
    return _mask(ds.key, f, ds)


@st.cache_data(max_entries=64, show_spinner=False)
def _aggregate(key: str, f: D.Filters, period: str, measure: str, _ds: Dataset) -> pd.DataFrame:
    return D.aggregate(_ds.events, period=period, measure=measure, mask=mask(_ds, f))


def aggregate(ds: Dataset, f: D.Filters, period: str, measure: str) -> pd.DataFrame:
    """Cached :func:`dashboard.data.aggregate`."""
    return _aggregate(ds.key, f, period, measure, ds)


@st.cache_data(max_entries=64, show_spinner=False)
def _spans(key: str, f: D.Filters, period: str, _ds: Dataset) -> pd.DataFrame:
    return D.imprecise_spans(_ds.events, period=period, mask=mask(_ds, f))


def spans(ds: Dataset, f: D.Filters, period: str) -> pd.DataFrame:
    """Cached :func:`dashboard.data.imprecise_spans`."""
    return _spans(ds.key, f, period, ds)


# --------------------------------------------------------------------------- drill-down


def render_drilldown(ds: Dataset, ids: Sequence[str], *, limit: int = 25) -> None:
    """The events behind a click: actor → target, action, polarity, confidence, date and
    precision, the article (title, outlet, date, link) and the passage with its cue and
    actor mentions highlighted between its neighbouring sentences.  All article-derived
    text is escaped (:mod:`dashboard.render`)."""
    if not ids:
        st.caption("Click a bar, a point of the net line or an imprecise-date span to see the events behind it.")
        return
    items = D.drilldown(ds.events, ds.passages, ds.articles, ids, limit=limit)
    more = f" (showing the first {limit})" if len(ids) > limit else ""
    st.markdown(f"**{len(ids)} event(s) behind the selection**{more}")
    st.html(render.legend_html(("cue", "actor", "target")))
    for it in items:
        e, a = it.event, it.article
        date_txt = e.get("date") or (f"{e.get('date_low', '')} … {e.get('date_high', '')}")
        head = (
            f"<div style='margin-top:.6rem'><b>{render.escape_text(e.get('actor1', '') or '?')}</b> → "
            f"<b>{render.escape_text(e.get('actor2', '') or '?')}</b> · "
            f"<code>{render.escape_text(e.get('action', ''))}</code> · "
            f"<span style='color:{'#2a9d8f' if e.get('polarity') == 'cooperation' else '#e76f51'}'>"
            f"{render.escape_text(e.get('polarity', ''))}</span> · "
            f"{render.escape_text(e.get('modality', ''))} · confidence {float(e.get('confidence', 0) or 0):.2f}"
            f" · date {render.escape_text(date_txt)} ({render.escape_text(e.get('date_precision', '') or 'none')})"
            "</div>"
            f"<div style='font-size:.9rem;color:#444'>{render.escape_text(a.get('title', '') or '(untitled)')}"
            f" — {render.escape_text(a.get('source', '') or 'unknown outlet')}"
            f" — {render.escape_text(a.get('published', '') or a.get('date_low', '') or 'undated')}"
            f" {('· ' + render.link(a.get('url', ''), 'original')) if render.safe_url(a.get('url', '')) else ''}"
            "</div>"
        )
        st.html(head + render.passage_html(it.passage_text, it.spans, offset=it.passage_start,
                                           before=it.before, after=it.after))
        if e.get("article_id"):
            # a link to the reader (the article id, never a path, goes in the URL; the
            # filters' URL parameters are kept by the navigation)
            st.page_link("views/articles.py", label="Open the whole article", icon=":material/article:",
                         query_params={"article": str(e["article_id"])})
