"""US–Mexico security relations dashboard.

    streamlit run dashboard/app.py                      # the seeds (built on first run)
    streamlit run dashboard/app.py -- --corpus PATH     # another corpus
    streamlit run dashboard/app.py -- --store DIR       # a built store
    USMX_CORPUS=PATH / USMX_STORE=DIR                   # the same through the environment
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import streamlit as st  # noqa: E402

from dashboard import render, ui  # noqa: E402
from dashboard.uploads import upload_panel  # noqa: E402

st.set_page_config(page_title="US–Mexico security relations", page_icon=":material/shield:", layout="wide")

_VIEWS = Path(__file__).resolve().parent / "views"
PAGES = {
    "timeline": st.Page(_VIEWS / "timeline.py", title="Timeline", icon=":material/timeline:", default=True),
    "actors": st.Page(_VIEWS / "actors.py", title="Actors", icon=":material/groups:", url_path="actors"),
    "stances": st.Page(_VIEWS / "stances.py", title="Stances", icon=":material/forum:", url_path="stances"),
    "articles": st.Page(_VIEWS / "articles.py", title="Articles", icon=":material/article:", url_path="articles"),
    "data": st.Page(_VIEWS / "data_tables.py", title="Data", icon=":material/table_view:", url_path="data"),
}
page = st.navigation(list(PAGES.values()))
# less blank space above the title, so that a 1280×720 screen shows the chart's bars
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:2.2rem}</style>")

ds = ui.dataset()
st.session_state["usmx_dataset_key"] = ds.key
st.session_state["usmx_filters"] = ui.sidebar_filters(ds)
with st.sidebar:
    st.toggle("Landmarks on the timeline", value=True, key="landmarks", bind="query-params",
              help="Dated landmark events of the knowledge base (core/data/landmarks.tsv) as markers: "
              "context, never counted as events.")
    st.toggle("Apply analysts' corrections", value=True, key="corrected", bind="query-params",
              help="Off: the machine's coding as built. Corrections are kept beside the store.")
    st.text_input("Your name (signs your corrections)", key="usmx_who")
    if ds.corrections_error:
        st.error(render.escape_text(ds.corrections_note))
    elif ds.corrections_note:
        st.caption(render.escape_text(ds.corrections_note))
    elif not ui.corrections_on():
        st.caption("Showing the machine's coding (corrections not applied).")
    if st.session_state.get("usmx_saved"):
        st.success(render.escape_text(st.session_state.pop("usmx_saved")))
    st.divider()
    st.caption(f"Source: {ds.label}")
    if ds.store:
        st.caption(f"Store: {ds.store}")
    if ds.problems:
        with st.expander(f"{len(ds.problems)} input problem(s)"):
            st.code("\n".join(ds.problems), language=None)
    upload_panel()

if ds.error:
    st.error("The frames could not be built or loaded; the views below are empty.")
    st.code(ds.error, language=None)
page.run()
