"""Timeline (home): cooperation vs friction per period, the net index, administrations,
imprecise dates in their own lane, and the drill-down behind a click."""

from __future__ import annotations

import streamlit as st

from dashboard import correct, ui
from dashboard import data as D
from dashboard.figures import MAX_LANE_ROWS, timeline_figure

ds = ui.dataset()
f = ui.filters()
st.title("Cooperation and friction over time")

if ds.empty and len(ds.articles):
    st.info(
        f"No events yet: the corpus has {len(ds.articles)} article(s) but no event frames "
        "have been coded from them. The timeline fills in as soon as events exist."
    )
elif ds.empty:
    st.info("No events yet: no articles could be built from the corpus (see the problems in the sidebar).")
mask = ui.mask(ds, f)
lo, hi = D.date_span(ds.events, mask)
auto = D.choose_period(lo, hi, n_events=int(mask.sum()))
c1, c2, c3 = st.columns(3)
period = c1.selectbox("Period", list(D.PERIODS), index=list(D.PERIODS).index(auto), key="period",
                      bind="query-params", help=f"Chosen from the span and the number of events: {auto}") or auto
measure = c2.selectbox("Measure", list(D.MEASURES), key="measure", bind="query-params") or "count"
c3.metric("Events shown", f"{int(mask.sum()):,}", help="After the sidebar filters")

agg = ui.aggregate(ds, f, period, measure)
spans = ui.spans(ds, f, period)
MAX_SPANS = 300
n_windows = len(spans)
if n_windows > MAX_SPANS:  # keep the figure light: the most frequent windows are drawn
    spans = spans.nlargest(MAX_SPANS, "n_events").sort_values("lo")
    spans = spans.assign(row=D.stack_rows(spans["lo"].to_numpy(), spans["hi"].to_numpy()))
hidden = int((spans["row"] >= MAX_LANE_ROWS).sum()) if len(spans) else 0
undated = D.undated_counts(ds.events, ds.articles, mask=mask)
notes = []
if undated["articles"]:
    notes.append(f"{undated['articles']} undated article(s) (no publication date could be inferred)")
if undated["events"]:
    notes.append(f"{undated['events']} undated event(s) matching the filters are not on the timeline")
if len(spans):
    shown = "" if n_windows <= MAX_SPANS else f" (the {MAX_SPANS} most frequent of {n_windows} windows shown)"
    notes.append(f"{int(spans['n_events'].sum())} event(s) dated only by a window wider than a {period} "
                 f"are drawn as spans in the lower lane, one row per overlapping window{shown}")
    if hidden:
        notes.append(f"{hidden} window(s) overlap more than {MAX_LANE_ROWS} others and are not drawn "
                     "(the Data view lists their events)")
if len(agg) and (agg["n_articles"] == 0).any():
    notes.append("grey stretches have no dated article: the net line is broken there, since no news "
                 "is not balanced news (the articles bars show the coverage)")
st.caption(("Note: " + "; ".join(notes) + ". See the Articles and Data views. " if notes else "")
           + ui.about_line(ds))
show_landmarks = bool(st.session_state.get("landmarks", True))
lm_table = ui.landmarks(ds)[0] if show_landmarks else None


@st.fragment
def chart_and_drilldown() -> None:
    """The chart and its drill-down: a click re-runs only this fragment."""
    fig = timeline_figure(agg, period=period, measure=measure, spans=spans, bands=ds.bands, landmarks=lm_table)
    event = st.plotly_chart(fig, key="timeline_chart", on_select="rerun", selection_mode="points",
                            config={"displaylogo": False})
    points = list(event.selection.points) if event and event.selection else []
    st.subheader("Drill-down")
    marks = [str(p["customdata"][1]) for p in points
             if isinstance(p.get("customdata"), list) and p["customdata"] and p["customdata"][0] == "landmark"]
    if marks:
        ui.render_landmarks(ds, marks, period=period)
        return
    ids = D.selection_event_ids(ds.events, points, period=period, mask=mask)
    ui.render_drilldown(ds, ids, after=lambda e: correct.frame_popover(ds, "event", e))


chart_and_drilldown()
ui.render_about_table()
