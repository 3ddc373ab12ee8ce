"""Analyst corrections in the dashboard: the forms that mark a frame as right or wrong (with
the right value) or add one the machine missed.  They only build
:class:`core.corrections.Correction` records and store them (:func:`dashboard.ui.save_correction`);
applying them to the charts and tables is :func:`dashboard.ui.corrected`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from core.corrections import Correction, correction_for, missed_frame
from core.errors import CoreError
from dashboard import data as D
from dashboard import render, ui

VERDICT_LABELS = {"confirmed": "right as coded", "not": "not a frame at all", "wrong": "wrong in what I set below"}
WHO_KEY = "usmx_who"


def who() -> str:
    """The analyst's name from the sidebar ("" when not given)."""
    return str(st.session_state.get(WHO_KEY, "") or "").strip()


def _actor_names(ds: ui.Dataset) -> list[str]:
    return [""] + sorted(ds.actor_countries)


def _saved(ds: ui.Dataset, made: Sequence[Correction]) -> None:
    for c in made:
        problem = ui.save_correction(ds, c)
        if problem:
            st.error(f"Not saved: {render.escape_text(problem)}")
            return
    st.session_state["usmx_saved"] = f"{len(made)} correction(s) saved by {who()}."
    st.rerun(scope="app")  # every chart and table follows the corrections


def event_corrections(ds: ui.Dataset, row: Mapping[str, Any], form: Mapping[str, Any]) -> list[Correction]:
    """The corrections an event form asks for (one per corrected column group)."""
    by, why, verdict = who(), str(form.get("why", "")), form["verdict"]
    if verdict == "confirmed":
        return [correction_for("event", row, "confirmed", who=by, why=why)]
    if verdict == "not":
        return [correction_for("event", row, "not_event", who=by, why=why)]
    out: list[Correction] = []
    pol, action = form.get("polarity", ""), form.get("action", "")
    if action:
        out.append(correction_for("event", row, "wrong_action", who=by, why=why, value=action,
                                  values={"polarity": pol} if pol else {}))
    elif pol:
        out.append(correction_for("event", row, "wrong_polarity", who=by, why=why, value=pol))
    for col, verdict_name, country_col in (("actor1", "wrong_actor", "country1"), ("actor2", "wrong_target", "country2")):
        name = form.get(col, "")
        if name:
            out.append(correction_for("event", row, verdict_name, who=by, why=why, value=name,
                                      values={country_col: ds.actor_countries.get(name, "")}))
    return out


def stance_corrections(ds: ui.Dataset, row: Mapping[str, Any], form: Mapping[str, Any]) -> list[Correction]:
    """The corrections a stance form asks for."""
    by, why, verdict = who(), str(form.get("why", "")), form["verdict"]
    if verdict == "confirmed":
        return [correction_for("stance", row, "confirmed", who=by, why=why)]
    if verdict == "not":
        return [correction_for("stance", row, "not_stance", who=by, why=why)]
    out: list[Correction] = []
    if form.get("stance"):
        out.append(correction_for("stance", row, "wrong_stance", who=by, why=why, value=form["stance"]))
    if form.get("holder"):
        out.append(correction_for("stance", row, "wrong_holder", who=by, why=why, value=form["holder"],
                                  values={"holder_country": ds.actor_countries.get(form["holder"], "")}))
    if form.get("target"):
        out.append(correction_for("stance", row, "wrong_target", who=by, why=why, value=form["target"]))
    return out


def frame_form(ds: ui.Dataset, kind: str, row: Mapping[str, Any], *, key: str) -> None:
    """A form that marks the ``kind`` frame ``row`` right, no frame, or wrong with the right
    values; saved beside the store, signed with the analyst's name."""
    actions = [""] + D.options_of(ds.events["action"])
    with st.form(key, clear_on_submit=True, border=False):
        verdict = st.radio("This " + kind + " is", list(VERDICT_LABELS), format_func=VERDICT_LABELS.__getitem__,
                           key=f"{key}-v", horizontal=True)
        form: dict[str, Any] = {"verdict": verdict}
        if kind == "event":
            c1, c2 = st.columns(2)
            form["polarity"] = c1.selectbox("Right polarity", ["", *D.POLARITIES], key=f"{key}-p")
            form["action"] = c2.selectbox("Right action", actions, key=f"{key}-a")
            form["actor1"] = c1.selectbox("Right actor", _actor_names(ds), key=f"{key}-1")
            form["actor2"] = c2.selectbox("Right target", _actor_names(ds), key=f"{key}-2")
        else:
            c1, c2 = st.columns(2)
            form["stance"] = c1.selectbox("Right stance", ["", "support", "oppose", "mixed"], key=f"{key}-s")
            form["holder"] = c2.selectbox("Right holder", _actor_names(ds), key=f"{key}-h")
            form["target"] = st.text_input("Right target", key=f"{key}-t")
        form["why"] = st.text_input("Why (optional)", key=f"{key}-w")
        if not st.form_submit_button("Save correction"):
            return
    if not who():
        st.error("Give your name in the sidebar first: every correction is signed.")
        return
    try:
        made = event_corrections(ds, row, form) if kind == "event" else stance_corrections(ds, row, form)
    except CoreError as exc:
        st.error(f"Not saved: {render.escape_text(str(exc))}")
        return
    if not made:
        st.error("Nothing to save: say what is wrong (a right value) or choose another verdict.")
        return
    _saved(ds, made)


def frame_popover(ds: ui.Dataset, kind: str, row: Mapping[str, Any]) -> None:
    """:func:`frame_form` behind a "Correct" button (one per frame of a drill-down; the form
    is drawn only once its popover is open, so a drill-down of many events stays light)."""
    fid = str(row.get("event_id" if kind == "event" else "stance_id", ""))
    mark = f" ({row['correction']})" if row.get("correction") else ""
    pop = st.popover(f"Correct this {kind}{mark}", icon=":material/edit:", key=f"pop-{kind}-{fid}",
                     on_change="rerun")
    if pop.open:  # the form is built only for the popover the analyst opened
        with pop:
            frame_form(ds, kind, row, key=f"corr-{kind}-{fid}")


def missed_form(ds: ui.Dataset, article_id: str, text: str) -> None:
    """Add a frame the machine missed, read from a passage of the article."""
    ps = ds.passages[ds.passages["article_id"].astype(str) == article_id]
    if ps.empty:
        st.caption("This article has no passages to add a frame to.")
        return
    starts, ends = ps["start"].astype("int64").tolist(), ps["end"].astype("int64").tolist()
    labels = {i: f"{i + 1}. {text[a:b][:110]}" for i, (a, b) in enumerate(zip(starts, ends, strict=True))}
    with st.form(f"missed-{article_id}", clear_on_submit=True):
        i = st.selectbox("Passage", list(labels), format_func=labels.__getitem__, key=f"missed-{article_id}-p")
        kind = st.radio("Missed", ["event", "stance"], horizontal=True, key=f"missed-{article_id}-k")
        c1, c2, c3 = st.columns(3)
        actor = c1.selectbox("Actor / holder", _actor_names(ds), key=f"missed-{article_id}-1")
        action = c2.selectbox("Action (events)", [""] + D.options_of(ds.events["action"]), key=f"missed-{article_id}-a")
        polarity = c3.selectbox("Polarity (events)", ["", *D.POLARITIES], key=f"missed-{article_id}-p2")
        target = c1.selectbox("Target actor (events)", _actor_names(ds), key=f"missed-{article_id}-2")
        stance = c2.selectbox("Stance (stances)", ["", "support", "oppose", "mixed"], key=f"missed-{article_id}-s")
        topic = c3.text_input("What the stance is about (stances)", key=f"missed-{article_id}-t")
        why = st.text_input("Why (optional)", key=f"missed-{article_id}-w")
        if not st.form_submit_button("Add the missed frame"):
            return
    if not who():
        st.error("Give your name in the sidebar first: every correction is signed.")
        return
    row = ps.iloc[int(i)]
    p_start, p_end = int(row["start"]), int(row["end"])
    passage = {"article_id": article_id, "start": p_start, "end": p_end, "passage_id": str(row.get("passage_id", ""))}
    country = ds.actor_countries.get(actor, "")
    if kind == "event":
        values: dict[str, Any] = {"actor1": actor, "country1": country, "action": action, "polarity": polarity}
        if target:
            values |= {"actor2": target, "country2": ds.actor_countries.get(target, "")}
    else:
        values = {"holder": actor, "holder_country": country, "stance": stance, "target": topic,
                  "quote": text[p_start:p_end]}
    try:
        made = [missed_frame(kind, passage, values, who=who(), why=why)]
    except CoreError as exc:
        st.error(f"Not saved: {render.escape_text(str(exc))}")
        return
    _saved(ds, made)


def frames_of_article(ev: pd.DataFrame, stn: pd.DataFrame) -> list[tuple[str, dict[str, Any], str]]:
    """(kind, row, label) of every frame of an article, for the reader's correction picker."""
    out: list[tuple[str, dict[str, Any], str]] = []
    for raw in D.public_columns(ev).to_dict("records"):
        row = {str(k): v for k, v in raw.items()}
        out.append(("event", row, f"event: {row.get('actor1') or '?'} → {row.get('actor2') or '?'} · "
                                  f"{row.get('action')} · {row.get('polarity')} · “{str(row.get('cue', ''))[:40]}”"))
    for raw in D.public_columns(stn).to_dict("records"):
        row = {str(k): v for k, v in raw.items()}
        out.append(("stance", row, f"stance: {row.get('holder') or '?'} {row.get('stance')} "
                                   f"{row.get('target') or '?'} · “{str(row.get('quote', ''))[:40]}”"))
    return out
