"""Bring your own corpus: the sidebar uploader.  Files are saved under safe generated names
in a new temp dir (never executed or unpickled, only read as text by the corpus readers),
built with a progress bar into a store, and opened in this session only."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.source import UPLOAD_EXTENSIONS, Source, build_corpus, cache_dir, rename_problems, save_uploads

MAX_UPLOAD_MB = 50


def _reset() -> None:
    st.session_state.pop("usmx_source", None)
    st.session_state.pop("usmx_upload_report", None)
    st.query_params.pop("upload", None)


def upload_panel() -> None:
    """The uploader expander: build the uploaded files and switch this session to them."""
    opened = bool(st.session_state.get("usmx_upload_report"))
    with st.expander("Bring your own corpus", expanded=opened):
        files = st.file_uploader(
            "Articles (.txt, .md, .html, .jsonl, .csv)", type=list(UPLOAD_EXTENSIONS),
            accept_multiple_files=True, key="upload_files", max_upload_size=MAX_UPLOAD_MB,
        )
        if st.button("Build and open", disabled=not files, key="upload_build"):
            pairs = [(f.name, f.getvalue()) for f in files or []]
            tmp, names, refused = save_uploads(pairs, max_bytes=MAX_UPLOAD_MB * 1024 * 1024)
            bar = st.progress(0.0, text="Building …")
            total = max(len(names), 1)

            def progress(done: int, _total: int | None) -> None:
                bar.progress(min(done / total, 1.0), text=f"Building: {done} article(s) processed")

            try:
                loaded = build_corpus([str(tmp)], progress=progress, cache=cache_dir() / "uploads",
                                      name="upload", prune=False)
            except Exception as exc:  # noqa: BLE001 - shown to the user
                bar.empty()
                st.error("The uploaded files could not be built.")
                st.code(f"{type(exc).__name__}: {exc}", language=None)
                return
            bar.empty()
            source = Source(store=loaded.store) if loaded.store else Source(corpus=(str(tmp),))
            ds = ui.prepare_loaded(ui.source_key(source), f"upload ({len(names)} file(s))", loaded, source=source)
            problems = refused + rename_problems(ds.problems, names, tmp)
            ds.problems = problems
            ui.register(ds)
            st.session_state["usmx_source"] = source
            st.query_params["upload"] = ui.remember_upload(source)  # a reload reopens it
            st.session_state["usmx_upload_report"] = (
                len(names), len(ds.articles), problems)
            st.rerun()
        report = st.session_state.get("usmx_upload_report")
        if report:
            n_files, n_articles, problems = report
            st.success(f"Opened {n_files} uploaded file(s): {n_articles} article(s).")
            if problems:
                st.warning(f"{len(problems)} file(s) or row(s) could not be read:")
                st.code("\n".join(problems), language=None)
        if st.session_state.get("usmx_source") is not None:
            st.button("Back to the default corpus", on_click=_reset, key="upload_reset")
