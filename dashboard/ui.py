"""Streamlit glue shared by the views: the loaded dataset (held once per process with
``st.cache_resource``), the sidebar filters (bound to the URL), cached masks and
aggregates, and the drill-down renderer.  Data work lives in :mod:`dashboard.data`."""

from __future__ import annotations

import dataclasses
import secrets
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from core.corrections import (
    Correction,
    CorrectionStore,
    apply_corrections,
    try_load_corrections,
)
from core.errors import CoreError
from dashboard import data as D
from dashboard import render
from dashboard.figures import Band
from dashboard.source import Loaded, Source, fingerprint, open_source, resolve_source
from dashboard.source import corrections_file as corrections_file_for

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
    generic: frozenset[str] = frozenset()  # generic country actors ("Government of Mexico")
    manifest: dict[str, Any] = field(default_factory=dict)  # the store's manifest (coder version, …)
    actor_countries: dict[str, str] = field(default_factory=dict)  # actor name → country
    corrections: str = ""  # the analysts' corrections file of this source
    corrections_note: str = ""  # what the analysts' corrections did (or why they could not be read)
    corrections_error: bool = False
    n_corrections: int = 0

    @property
    def empty(self) -> bool:
        """No events at all."""
        return len(self.events) == 0


def _kb_bands_aliases_generic() -> tuple[list[Band], dict[str, str], frozenset[str], dict[str, str]]:
    """Administrations (labelled bands), actor aliases (alias or name → name), the names
    of the generic country actors ("Government of Mexico", other countries: kind
    ``country``) and each actor's country, from the knowledge base."""
    from core.kb import load_kb

    kb = load_kb()
    today = date.today().isoformat()
    bands = [Band(country, a.label, a.start, a.end or today)
             for country in ("US", "MX") for a in kb.admin_list(country) if a.label and a.start]
    aliases: dict[str, str] = {}
    generic: set[str] = set()
    countries: dict[str, str] = {}
    for actor in kb.actors.values():
        aliases[actor.name] = actor.name
        countries[actor.name] = actor.country
        for alias in actor.aliases:
            aliases.setdefault(alias, actor.name)
        if actor.kind == "country":
            generic.add(actor.name)
    return bands, aliases, frozenset(generic), countries


def _prepare(key: str, label: str, loaded: Loaded, corrections: Path | None) -> Dataset:
    fr = loaded.frames
    bands, aliases, generic, countries = _kb_bands_aliases_generic()
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
        generic=generic,
        actor_countries=countries,
        corrections=str(corrections or ""),
        manifest=dict(getattr(fr, "manifest", None) or {}),
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


@st.cache_resource(show_spinner=False)
def _uploads() -> dict[str, Source]:
    """Uploaded corpora of this server process by their session token."""
    return {}


def remember_upload(source: Source) -> str:
    """Keep an uploaded corpus under a new unguessable token (put in the URL as ``upload``,
    so a reload of the page reopens it; the token names an entry here, never a path)."""
    token = secrets.token_urlsafe(12)
    _uploads()[token] = source
    return token


def current_source() -> Source:
    """This session's source: an uploaded corpus if the user built one (in this session, or
    in the page this one reloads: ``?upload=<token>``), else the command line / environment
    (the URL never names a path)."""
    src = st.session_state.get("usmx_source")
    if isinstance(src, Source):
        return src
    token = st.query_params.get("upload", "")
    if token and token in _uploads():
        st.session_state["usmx_source"] = _uploads()[token]
        return _uploads()[token]
    return resolve_source(sys.argv[1:])


def dataset(source: Source | None = None) -> Dataset:
    """The prepared dataset for ``source`` (built with a progress bar on first use), with the
    analysts' corrections applied unless this session shows the machine's coding
    (:func:`corrections_on`)."""
    ds = machine_dataset(source)
    return corrected(ds) if corrections_on() else ds


def machine_dataset(source: Source | None = None) -> Dataset:
    """The prepared dataset for ``source`` as the machine coded it."""
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
        ds = _prepare(key, source.label, loaded, corrections_file_for(source, loaded.store))
        prefix = key.rsplit(":", 1)[0] + ":" if key.startswith("corpus:") else key
        for old in [k for k in reg if k.startswith(prefix) and k != key]:
            del reg[old]  # the corpus changed: drop the stale frames
        reg[key] = ds
        del loaded  # the raw frames: only the prepared ones are kept
        D.release_unused_memory()
        return ds


# --------------------------------------------------------------------------- analyst corrections


def corrections_on() -> bool:
    """Whether this session applies the analysts' corrections (the sidebar toggle, bound to
    ``?corrected=``; on by default)."""
    value = st.session_state.get("corrected")
    if isinstance(value, bool):
        return value
    return str(st.query_params.get("corrected", "true")).lower() not in ("false", "0", "no")


def corrections_file(ds: Dataset) -> Path | None:
    """The dataset's corrections file (:func:`dashboard.source.corrections_file`)."""
    return Path(ds.corrections) if ds.corrections else None


def _file_version(path: Path) -> tuple[tuple[int, int], ...]:
    """What changes when another session writes the file (SQLite in WAL mode writes the
    ``-wal`` file first)."""
    out = []
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            stat = p.stat()
            out.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append((0, 0))
    return tuple(out)


@st.cache_resource(max_entries=4, show_spinner="Applying the analysts' corrections …")
def _corrected(key: str, version: tuple[tuple[int, int], ...], _ds: Dataset) -> Dataset:
    path = corrections_file(_ds)
    assert path is not None
    found, error = try_load_corrections(path)
    if error is not None:  # reported; the machine's frames are shown, the file is left alone
        return dataclasses.replace(_ds, corrections_note=f"{error} The machine's frames are shown.",
                                   corrections_error=True)
    if not found:
        return _ds

    def prepare(name: str, rows: pd.DataFrame) -> pd.DataFrame:
        return D.prepare_events(rows, _ds.articles) if name == "events" else D.prepare_stances(rows, _ds.articles)

    events, stances, report = apply_corrections(_ds.events, _ds.stances, found, articles=_ds.articles,
                                                prepare=prepare)
    note = (f"{len(found)} analyst correction(s) applied: {report.events_dropped + report.stances_dropped} "
            f"frame(s) removed, {report.events_changed + report.stances_changed} changed, "
            f"{report.events_added + report.stances_added} added")
    if report.orphans:
        note += f"; {len(report.orphans)} match no frame of this build"
    return dataclasses.replace(_ds, key=f"{_ds.key}:corrected:{version}", events=events, stances=stances,
                               corrections_note=note, n_corrections=len(found))


def corrected(ds: Dataset) -> Dataset:
    """``ds`` with the corrections of its store applied (cached until the file changes, so a
    correction made in another session shows at this session's next run)."""
    path = corrections_file(ds)
    if path is None or not path.exists():
        return ds
    return _corrected(ds.key, _file_version(path), ds)


def save_correction(ds: Dataset, correction: Correction) -> str:
    """Store ``correction`` beside the dataset's store; "" when saved, else what went wrong."""
    path = corrections_file(ds)
    if path is None:
        return "This dataset has no store to keep corrections beside."
    try:
        CorrectionStore(path).add(correction)
    except CoreError as exc:
        return str(exc)
    return ""


def register(ds: Dataset) -> None:
    """Add a dataset built elsewhere (an upload) to the registry."""
    _registry()[ds.key] = ds


def prepare_loaded(key: str, label: str, loaded: Loaded, *, source: Source) -> Dataset:
    """:func:`_prepare` for the upload flow."""
    return _prepare(key, label, loaded, corrections_file_for(source, loaded.store))


# --------------------------------------------------------------------------- filters


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


def _actor_options(ds: Dataset, query: str, wanted: Sequence[str] = ()) -> list[str]:
    """The actor filter's options: those matching ``query`` (fuzzy, names and aliases), else
    the most active; always with the chosen ones and those a shared link asks for."""
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
    linked = [a for a in wanted if a in counts]
    return list(dict.fromkeys([*chosen, *linked, *names]))


#: the sidebar's multiselects, each bound to the URL parameter of the same name
MULTI_KEYS = ("us", "mx", "actor", "country", "action", "polarity", "dyad", "modality", "outlet")


def _fit_to_dataset(ds: Dataset, options: dict[str, list[str]], span: tuple[date, date] | None) -> list[str]:
    """When this session switched to another dataset (an upload, the default corpus back),
    drop the filter values the new one lacks and a date range outside its span, and say
    which; the filters of the same dataset are left alone."""
    before = st.session_state.get("usmx_filters_for")
    st.session_state["usmx_filters_for"] = ds.key
    if before is None or before == ds.key:
        return []
    notes: list[str] = []
    for key in MULTI_KEYS:
        old = st.session_state.get(key)
        if not isinstance(old, list) or key not in options:
            continue
        kept = [v for v in old if v in options[key]]
        if kept != old:
            st.session_state[key] = kept
            notes += [f"{key}={v}" for v in old if v not in kept]
    rng = st.session_state.get("dates")
    if span is not None and isinstance(rng, Sequence) and len(rng) == 2 and tuple(rng) != span:
        st.session_state["dates"] = span  # the range of the data this session left
        notes.append(f"date range {rng[0]} … {rng[1]} (now {span[0]} … {span[1]})")
    elif span is None and "dates" in st.session_state:
        del st.session_state["dates"]
    return notes


def sidebar_filters(ds: Dataset) -> D.Filters:
    """Draw the filter widgets in the sidebar (every widget bound to a URL query parameter,
    so a view can be shared and reloaded) and return the filter state.  Values of a shared
    link that the dataset lacks, and filters reset because the dataset changed, are named
    in a note (never dropped silently)."""
    ev = ds.events
    sb = st.sidebar
    sb.header("Filters")
    query = st.session_state.get("actor_q", "") or ""
    wanted = {k: list(st.query_params.get_all(k)) for k in MULTI_KEYS}
    lo, hi = D.date_span(ev)
    span = (lo.date(), hi.date()) if lo is not None and hi is not None else None
    options = {
        "us": _admin_options(ds, "US", "us_admin"),
        "mx": _admin_options(ds, "MX", "mx_admin"),
        "actor": _actor_options(ds, str(query), wanted["actor"]),
        "country": D.options_of(ev["country1"], ev["country2"]) or ["US", "MX", "NS"],
        "action": D.options_of(ev["action"]),
        "polarity": list(D.POLARITIES),
        "dyad": list(D.DYADS),
        "modality": list(D.MODALITIES),
        "outlet": D.options_of(ev["source"], ds.articles["source"]),
    }
    reset = _fit_to_dataset(ds, options, span)
    ignored = D.unknown_values(wanted, {k: set(v) for k, v in options.items()})
    if ignored:
        st.session_state["usmx_ignored"] = ignored
    if reset:
        sb.warning("The data changed, so these filters no longer fit and were reset: "
                   + render.escape_text(", ".join(reset)))
    if st.session_state.get("usmx_ignored"):
        sb.warning("Ignored from the link (not in this dataset): "
                   + render.escape_text(", ".join(st.session_state["usmx_ignored"])))
        sb.button("Dismiss", key="usmx_ignored_ok", on_click=lambda: st.session_state.pop("usmx_ignored", None))
    us = sb.multiselect("US administration", options["us"], key="us", bind="query-params")
    mx = sb.multiselect("Mexican administration", options["mx"], key="mx", bind="query-params")
    date_from = date_to = ""
    if span is not None:
        rng = sb.date_input("Date range", value=span, min_value=date(1990, 1, 1),
                            max_value=date(2100, 12, 31), key="dates", bind="query-params")
        if isinstance(rng, Sequence) and len(rng) == 2 and tuple(rng) != span:
            date_from, date_to = rng[0].isoformat(), rng[1].isoformat()
    else:
        sb.caption("Date range: no dated events yet")
    sb.text_input("Find actors (fuzzy: names and aliases)", key="actor_q",
                  placeholder="e.g. Sheinbaum, AMLO, DEA")
    actors = sb.multiselect("Actors", options["actor"], key="actor", bind="query-params")
    countries = sb.multiselect("Country", options["country"], key="country", bind="query-params")
    actions = sb.multiselect("Action type", options["action"], key="action", bind="query-params")
    polarities = sb.multiselect("Polarity", options["polarity"], key="polarity", bind="query-params")
    dyads = sb.multiselect("Dyad", options["dyad"], default=["gov"], key="dyad", bind="query-params",
                           help="Government-to-government by default; add non-state or domestic.")
    modalities = sb.multiselect("Modality", options["modality"], default=["asserted"], key="modality",
                                bind="query-params", help="Asserted acts by default; add reported claims "
                                "and planned (announced) acts.")
    outlets = sb.multiselect("Outlet", options["outlet"], key="outlet", bind="query-params")
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
    agg = D.aggregate(_ds.events, period=period, measure=measure, mask=mask(_ds, f))
    return D.with_coverage(agg, _ds.articles, period)


def aggregate(ds: Dataset, f: D.Filters, period: str, measure: str) -> pd.DataFrame:
    """Cached :func:`dashboard.data.aggregate` with the coverage (dated articles) per period."""
    return _aggregate(ds.key, f, period, measure, ds)


@st.cache_resource(max_entries=4, show_spinner="Finding the landmark events the articles name …")
def _landmarks(key: str, _ds: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    return D.landmark_tables(_ds.articles)


def landmarks(ds: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cached :func:`dashboard.data.landmark_tables` (found once per dataset)."""
    return _landmarks(ds.key, ds)


@st.cache_data(max_entries=64, show_spinner=False)
def _spans(key: str, f: D.Filters, period: str, _ds: Dataset) -> pd.DataFrame:
    return D.imprecise_spans(_ds.events, period=period, mask=mask(_ds, f))


def spans(ds: Dataset, f: D.Filters, period: str) -> pd.DataFrame:
    """Cached :func:`dashboard.data.imprecise_spans`."""
    return _spans(ds.key, f, period, ds)


# --------------------------------------------------------------------------- drill-down


def render_drilldown(ds: Dataset, ids: Sequence[str], *, limit: int = 25,
                     after: Callable[[dict[str, Any]], None] | None = None) -> None:
    """The events behind a click: actor → target, action, polarity, confidence, date and
    precision, the article (title, outlet, date, link) and the passage with its cue and
    actor mentions highlighted between its neighbouring sentences.  All article-derived
    text is escaped (:mod:`dashboard.render`).  ``after(event)`` draws what follows each
    event (the correction form)."""
    if not ids:
        st.caption("Click a bar, a point of the net line or an imprecise-date span to see the events behind it.")
        return
    items = D.drilldown(ds.events, ds.passages, ds.articles, ids, limit=limit)
    more = f" (showing the first {limit})" if len(ids) > limit else ""
    st.markdown(f"**{len(ids)} event(s) behind the selection**{more}")
    st.html(render.legend_html(("cue", "actor", "target")))
    for it in items:
        e, a = it.event, it.article
        date_txt = D.window_text(e.get("date"), e.get("date_low"), e.get("date_high"), e.get("date_precision"))
        fixed = (f" · <b>corrected by an analyst: {render.escape_text(str(e['correction']))}</b>"
                 if e.get("correction") else "")
        pub_txt = D.window_text(a.get("published"), a.get("date_low"), a.get("date_high"), a.get("date_precision"))
        head = (
            f"<div style='margin-top:.6rem'><b>{render.escape_text(e.get('actor1', '') or '?')}</b> → "
            f"<b>{render.escape_text(e.get('actor2', '') or '?')}</b> · "
            f"<code>{render.escape_text(e.get('action', ''))}</code> · "
            f"<span style='color:{'#2a9d8f' if e.get('polarity') == 'cooperation' else '#e76f51'}'>"
            f"{render.escape_text(e.get('polarity', ''))}</span> · "
            f"{render.escape_text(e.get('modality', ''))} · confidence {float(e.get('confidence', 0) or 0):.2f}"
            f" · date {render.escape_text(date_txt)}{fixed}"
            "</div>"
            f"<div style='font-size:.9rem;color:#444'>{render.escape_text(a.get('title', '') or '(untitled)')}"
            f" — {render.escape_text(a.get('source', '') or 'unknown outlet')}"
            f" — published {render.escape_text(pub_txt)}"
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
        if after is not None:
            after(e)


def render_landmarks(ds: Dataset, clicked: Sequence[str], *, period: str) -> None:
    """The clicked landmarks and the others of the same period (:func:`dashboard.data.landmarks_near`)."""
    table = landmarks(ds)[0]
    ids: list[str] = []
    for lid in clicked:
        ids += D.landmarks_near(table, lid, period)
    ids = list(dict.fromkeys(ids))
    if len(ids) > 1:
        st.caption(f"{len(ids)} landmark(s) in this {period}: the one clicked first.")
    for lid in ids:
        render_landmark(ds, lid)


def render_landmark(ds: Dataset, landmark_id: str, *, limit: int = 25) -> None:
    """A clicked landmark: what and when (with its source), and the articles of this dataset
    that name it, each with the sentence that does and a link to the reader.  A landmark is
    context, never an event."""
    table, mentions = landmarks(ds)
    row = table[table["landmark_id"] == landmark_id]
    if row.empty:
        st.caption("Unknown landmark.")
        return
    lm = {str(k): v for k, v in row.iloc[0].to_dict().items()}
    when = lm["low"] if lm["low"] == lm["high"] else f"{lm['low']} … {lm['high']}"
    src = render.link(str(lm["source"]), "source") if render.safe_url(str(lm["source"])) else ""
    st.html(f"<div><b>Landmark:</b> {render.escape_text(lm['name'])} — {render.escape_text(when)} "
            f"({render.escape_text(lm['precision'])} precision) {src}</div>"
            "<div style='font-size:.9rem;color:#555'>Context from the knowledge base "
            "(core/data/landmarks.tsv); not counted as an event.</div>")
    named = mentions[mentions["landmark_id"] == landmark_id]
    if named.empty:
        st.caption("No article of this dataset names it.")
        return
    st.markdown(f"**{len(named)} article(s) name it**")
    hits = named.head(limit)
    for aid, start, end in zip(hits["article_id"].astype(str), hits["start"], hits["end"], strict=True):
        if aid not in ds.articles.index:
            continue
        a = ds.articles.loc[aid]
        text = str(a["text"])
        st.html(f"<div style='margin-top:.5rem'>{render.escape_text(str(a['title']) or '(untitled)')} — "
                f"{render.escape_text(str(a['source']) or 'unknown outlet')}</div>"
                + render.passage_html(text[int(start):int(end)], (), offset=int(start), before="", after=""))
        st.page_link("views/articles.py", label="Open the whole article", icon=":material/article:",
                     query_params={"article": aid})


def about_line(ds: Dataset) -> str:
    """"About these numbers" in one line: the articles and their date coverage, the share
    dated loosely, the coder version and its measured evaluation figures
    (``core/data/evaluation.tsv``), so that a screenshot carries its caveats."""
    from core.measured import measured

    ab = D.about(ds.articles)
    version = f"{ds.manifest.get('tool', 'usmx-frames')} {ds.manifest.get('version', '?')}"
    pipe = str(ds.manifest.get("pipeline", ""))[:8]
    figs = {(m.set, m.metric): m for m in measured()}
    ev, stn = figs.get(("test", "events_f1")), figs.get(("test", "stances_f1"))
    cover = f"dated {ab.first} … {ab.last}" if ab.first else "none dated"
    quality = (f"on held-out real articles events F1 {ev.value:.2f}, stances F1 {stn.value:.2f} "
               f"(measured {ev.measured})" if ev and stn else "no evaluation figures recorded")
    return (f"About these numbers: {ab.n_articles:,} article(s), {cover}, {ab.loose_share:.0%} with a loose "
            f"or no date (window over {D.LOOSE_DAYS} days); machine-coded by {version}"
            f"{f' (pipeline {pipe})' if pipe else ''}, {quality}: check the passages.")


def render_about_table() -> None:
    """The measured evaluation figures of this coder version, in an expander."""
    from core.measured import measured

    with st.expander("About these numbers: the evaluation figures"):
        st.dataframe(pd.DataFrame([{"set": m.set, "metric": m.metric, "value": m.value, "n": m.n or None,
                                    "measured": m.measured, "command": m.command} for m in measured()]),
                     hide_index=True, width="stretch")
        st.caption("The test split is 25 real articles never used to write rules (devcorpus/); seeds are the "
                   "five default articles. Figures are for the coder version named; see README.md, Evaluation.")
