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
    for p in points:
        cd = p.get("customdata") or []
        if cd:
            _add_actor(str(cd[0]))


c1, c2, c3 = st.columns(3)
role = c1.segmented_control("Rank by", ["actor1", "actor2"], default="actor1", key="rank_role",
                            format_func=lambda r: "initiator (actor)" if r == "actor1" else "target")
measure = c2.segmented_control("Measure", list(D.MEASURES), default="count", key="actor_measure") or "count"
top = c3.slider("Top", 5, 50, 15, key="actor_top")
ranking = D.actor_ranking(ds.events, mask=mask, measure=measure, role=role or "actor1", top=top)
st.plotly_chart(actor_figure(ranking, measure=measure), key="actor_chart", on_select=_on_chart_select,
                selection_mode="points", config={"displaylogo": False})
st.caption("Click an actor's bar (or pick one below) to filter every view by that actor.")
if len(ranking):
    pick = st.selectbox("Actor", ranking["actor"].tolist(), key="actor_pick")
    st.button("Filter everything by this actor", on_click=_add_actor, args=(pick,), key="actor_pick_btn")
    st.dataframe(ranking, hide_index=True, width="stretch")

st.subheader("Dyads")
by = st.segmented_control("Pairs of", ["country", "sector"], default="country", key="dyad_by") or "country"
sectors = {}
if by == "sector":
    try:
        from core.kb import load_kb

        kb = load_kb()
        actors = getattr(kb, "actors", {}) or {}
        for aid, actor in (actors.items() if isinstance(actors, dict) else []):
            sec = str(getattr(actor, "sector", "") or "")
            if sec:
                sectors[str(aid)] = sec
                sectors[str(getattr(actor, "name", aid))] = sec
    except Exception:  # noqa: BLE001 - no KB sectors: every actor is "other"
        st.caption("Sectors come from the knowledge base, which is not available.")
dyads = D.dyad_table(ds.events, mask=mask, by=by, measure=measure, sectors=sectors)
st.plotly_chart(dyad_figure(dyads), key="dyad_chart", config={"displaylogo": False})
st.dataframe(dyads, hide_index=True, width="stretch")
