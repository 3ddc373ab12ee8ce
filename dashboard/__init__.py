"""The Streamlit dashboard over the frames (``streamlit run dashboard/app.py``).

The data functions (:mod:`dashboard.data`), the figure builders (:mod:`dashboard.figures`)
and the safe HTML builders (:mod:`dashboard.render`) are plain functions importable
without a running Streamlit server; the views in ``dashboard/views/`` are short scripts.
"""
