"""Articles: the corpus with dates (and the evidence), outlets and counts; a reader showing
the whole cleaned article with every frame highlighted and explained."""

from __future__ import annotations

import streamlit as st

from dashboard import correct, render, ui
from dashboard import data as D

ds = ui.dataset()
f = ui.filters()
mask = ui.mask(ds, f)
st.title("Articles")
art = ds.articles
if len(art) == 0:
    st.info("No articles: the corpus is empty or could not be read (see the sidebar).")
    st.stop()
c1, c2, c3, c4 = st.columns(4)
c1.metric("Articles", len(art))
c2.metric("Outlets", int(art.loc[art["source"].astype(str) != "", "source"].astype(str).nunique()))
c3.metric("Undated", int((~art["_dated"]).sum()))
c4.metric("Events shown", int(mask.sum()))
table = D.article_table(art, ds.events, mask)
st.dataframe(table, hide_index=True, width="stretch",
             column_config={"date_evidence": st.column_config.TextColumn("date evidence", width="large")})

st.subheader("Reader")
ids = art["article_id"].astype(str).tolist()
titles = dict(zip(ids, art["title"].astype(str), strict=True))
# ``?article=<id>`` (the drill-down's link, a pasted address) opens that article; the
# selectbox is not bound to the URL because a bound widget writes its label there
asked = st.query_params.get("article", "")
if asked and asked != st.session_state.get("usmx_article_asked"):
    st.session_state["usmx_article_asked"] = asked
    found = D.article_param(asked, ids)
    if found:
        st.session_state["article"] = found
    else:
        st.warning(f"No article “{render.escape_text(asked[:80])}” in this dataset; showing the first one.")
if st.session_state.get("article") not in titles:
    st.session_state.pop("article", None)
aid = st.selectbox("Article", ids, format_func=lambda i: f"{titles.get(i) or '(untitled)'} [{i}]",
                   key="article") or ids[0]
if st.query_params.get("article", "") != aid:
    st.query_params["article"] = aid
    st.session_state["usmx_article_asked"] = aid
a = {str(k): v for k, v in art.loc[aid].to_dict().items()}
meta = (
    f"<div><b>{render.escape_text(a['title'] or '(untitled)')}</b></div>"
    f"<div style='color:#444'>{render.escape_text(a['source'] or 'unknown outlet')} · "
    f"published {render.escape_text(D.window_text(a['published'], a['date_low'], a['date_high'], a['date_precision']))}"
    f" · date confidence {float(a['date_confidence']):.2f}"
    f" {('· ' + render.link(a['url'], 'original')) if render.safe_url(a['url']) else ''}</div>"
)
st.html(meta)
if a["date_evidence"]:
    st.caption("Date evidence:")
    st.text(str(a["date_evidence"]))
ev = ds.events[ds.events["article_id"] == aid]
stn = ds.stances[ds.stances["article_id"] == aid]
spans: list[tuple[int, int, str]] = []
for s, e, cs, ce in zip(*(ev[c].astype("int64").tolist() for c in ("start", "end", "cue_start", "cue_end")),
                        strict=True):
    spans.append((s, e, "event"))
    if ce > cs:
        spans.append((cs, ce, "cue"))
for s, e in zip(stn["start"].astype("int64").tolist(), stn["end"].astype("int64").tolist(), strict=True):
    spans.append((s, e, "stance"))
st.html(render.legend_html(("event", "cue", "stance")))
st.html(render.article_html(str(a["text"]), spans))
st.subheader("Frames in this article, explained")
if len(ev) == 0 and len(stn) == 0:
    st.caption("No event or stance frames were coded from this article.")
ecols = ["start", "end", "actor1", "actor2", "action", "polarity", "intensity", "modality", "dyad", "date",
         "date_precision", "cue", "confidence", "explanation", "duplicate_of", "event_id"]
if len(ev):
    st.dataframe(D.public_columns(ev)[ecols], hide_index=True, width="stretch")
scols = ["start", "end", "holder", "stance", "target", "quote", "cue", "confidence", "explanation", "stance_id"]
if len(stn):
    st.dataframe(D.public_columns(stn)[scols], hide_index=True, width="stretch")

st.subheader("Correct the coding")
st.caption("Mark a frame right or wrong (with the right value), or add one the machine missed. Corrections are "
           "signed with your name (sidebar), kept beside the store, survive rebuilds and apply to every view.")
frames = correct.frames_of_article(ev, stn)
if frames:
    pick = st.selectbox("Frame", range(len(frames)), format_func=lambda i: frames[i][2], key=f"fix-{aid}")
    kind, row, _label = frames[int(pick)]
    correct.frame_form(ds, kind, row, key=f"fix-{kind}-{row.get('event_id' if kind == 'event' else 'stance_id')}")
with st.expander("Add a frame the machine missed"):
    correct.missed_form(ds, aid, str(a["text"]))
