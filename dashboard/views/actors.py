"""Actors: who drives cooperation and friction, and the dyads (country and sector pairs)."""

from __future__ import annotations

import streamlit as st

from dashboard import data as D
from dashboard import ui
from dashboard.figures import actor_figure, dyad_figure

ds = ui.dataset()
f = ui.filters()
st.title("Who drives cooperation and friction")
if ds.empty:
    st.info("No events yet: actors appear here once event frames have been coded.")
mask = ui.mask(ds, f)


def _add_actor(name: str) -> None:
    current = list(st.session_state.get("actor", []))
    if name and name not in current:
        st.session_state["actor"] = [*current, name]


def _on_chart_select() -> None:
    state = st.session_state.get("actor_chart")
    points = state.selection.points if state is not None and state.selection else []
    if st.session_state.get("generic_mode") == "by country":
        return  # a country row is not an actor to filter by
    for p in points:
        cd = p.get("customdata") or []
        if cd:
            _add_actor(str(cd[0]))


c1, c2, c3, c4 = st.columns(4)
role = c1.selectbox("Rank by", ["actor1", "actor2"], key="rank_role",
                    format_func=lambda r: "initiator" if r == "actor1" else "target") or "actor1"
measure = c2.selectbox("Measure", list(D.MEASURES), key="actor_measure") or "count"
generic_mode = c3.selectbox("Generic governments", list(D.GENERIC_MODES), key="generic_mode",
                            bind="query-params",
                            help="“Government of Mexico”, “Government of the United States” and other "
                            "countries as a whole: ranked beside the named actors, left out so that named "
                            "actors fill the list, or every actor grouped under its country.") or "apart"
top = c4.slider("Top", 5, 50, 15, key="actor_top")
ranking = D.actor_ranking(ds.events, mask=mask, measure=measure, role=role, top=top, generic=ds.generic,
                          generic_mode=generic_mode)
st.plotly_chart(actor_figure(ranking, measure=measure), key="actor_chart", on_select=_on_chart_select,
                selection_mode="points", config={"displaylogo": False})
st.caption("Click an actor's bar (or pick one below) to filter every view by that actor.")
if len(ranking) and generic_mode != "by country":
    pick = st.selectbox("Actor", ranking["actor"].tolist(), key="actor_pick")
    st.button("Filter everything by this actor", on_click=_add_actor, args=(pick,), key="actor_pick_btn")
if len(ranking):
    st.dataframe(ranking, hide_index=True, width="stretch")

st.subheader("Dyads")
by = st.segmented_control("Pairs of", ["country", "sector"], default="country", key="dyad_by") or "country"
sectors: dict[str, str] = {}
if by == "sector":
    from core.kb import load_kb

    for actor in load_kb().actors.values():
        if actor.sector:
            sectors[actor.id] = sectors[actor.name] = actor.sector
dyads = D.dyad_table(ds.events, mask=mask, by=by, measure=measure, sectors=sectors)
st.plotly_chart(dyad_figure(dyads), key="dyad_chart", config={"displaylogo": False})
st.dataframe(dyads, hide_index=True, width="stretch")
