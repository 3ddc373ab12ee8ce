"""AppTest (streamlit.testing.v1): every view runs on a store of the seed articles, with
filters applied, without an exception; and on an empty store."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_dashboard import seed_frames
from streamlit.testing.v1 import AppTest

from core import schema
from core.pipeline import Frames
from core.store import write_store

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
VIEWS = ["views/timeline.py", "views/actors.py", "views/stances.py", "views/articles.py", "views/data_tables.py"]


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(seed_frames(hostile=True), tmp_path_factory.mktemp("dash") / "store")


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    frames = Frames(*(schema.empty_frame(n) for n in ("articles", "passages", "events", "stances")))
    return write_store(frames, tmp_path_factory.mktemp("dash") / "empty")


def _app(store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")  # the test shows the real error
    monkeypatch.setenv("USMX_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [t.value for t in at.title] + [str(m.value) for m in at.metric]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("view", VIEWS)
def test_dashboard_view_runs_with_filters(seed_store: Path, monkeypatch: pytest.MonkeyPatch, view: str) -> None:
    at = _app(seed_store, monkeypatch)
    at.switch_page(view).run()
    assert not at.exception, [e.value for e in at.exception]
    # apply filters: US administration, polarity, modality (add reported), minimum confidence
    at.sidebar.multiselect(key="us").select("Biden").run()
    at.sidebar.multiselect(key="polarity").select("friction").run()
    at.sidebar.multiselect(key="modality").select("reported").run()
    at.sidebar.slider(key="conf").set_value(0.5).run()
    assert not at.exception, [e.value for e in at.exception]


def test_dashboard_timeline_counts_follow_filters(seed_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(seed_store, monkeypatch)
    shown = {m.label: m.value for m in at.metric}
    # gov/asserted defaults, duplicates excluded: 10 of the 12 coded events (1 reported, 1 planned)
    assert shown["Events shown"] == "10"
    at.sidebar.multiselect(key="polarity").select("friction").run()
    assert {m.label: m.value for m in at.metric}["Events shown"] == "3"
    at.sidebar.multiselect(key="us").select("Trump II").run()
    assert {m.label: m.value for m in at.metric}["Events shown"] == "0"
    text = _texts(at)
    assert "undated article" in text  # the undated seed is counted in a visible note


def test_dashboard_timeline_notes_imprecise_and_undated(seed_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(seed_store, monkeypatch)
    text = _texts(at)
    assert "1 undated article(s)" in text
    assert "1 undated event(s)" in text
    # four years of events: quarters by default; the Oct–Nov 2024 window fits in 2024-Q4
    assert "dated only by a window" not in text
    at.selectbox(key="period").set_value("month").run()
    assert "2 event(s) dated only by a window wider than a month" in _texts(at)


def test_dashboard_actor_choice_filters_everything(seed_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(seed_store, monkeypatch)
    at.switch_page("views/actors.py").run()
    at.selectbox(key="actor_pick").set_value("Ken Salazar").run()
    at.button(key="actor_pick_btn").click().run()
    assert at.sidebar.multiselect(key="actor").value == ["Ken Salazar"]
    at.switch_page("views/timeline.py").run()
    assert {m.label: m.value for m in at.metric}["Events shown"] == "2"


def test_dashboard_articles_reader_shows_escaped_hostile_text(seed_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(seed_store, monkeypatch)
    at.switch_page("views/articles.py").run()
    box = at.selectbox(key="article")
    hostile = next(o for o in box.options if "Hostile" in o)
    box.set_value(hostile.rsplit("[", 1)[1].rstrip("]")).run()
    assert not at.exception
    html = "\n".join(str(h.proto.body) for h in at.get("html"))
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html.lower()


def test_dashboard_empty_store_says_no_events(empty_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(empty_store, monkeypatch)
    assert "No events yet" in _texts(at)
    for view in VIEWS[1:]:
        at.switch_page(view).run()
        assert not at.exception, (view, [e.value for e in at.exception])


def test_dashboard_missing_store_is_reported_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(tmp_path / "nowhere", monkeypatch)
    assert any("could not be built or loaded" in e.value for e in at.error)
    assert any("nowhere" in c.value for c in at.code)


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [("Salazr", "Ken Salazar", "Antony Blinken"),  # a typo
     ("Pentagon", "U.S. Department of Defense", "Ken Salazar")],  # an alias from the knowledge base
)
def test_dashboard_fuzzy_actor_search(seed_store: Path, monkeypatch: pytest.MonkeyPatch, query: str,
                                      expected: str, absent: str) -> None:
    at = _app(seed_store, monkeypatch)
    at.sidebar.text_input(key="actor_q").input(query).run()
    options = at.sidebar.multiselect(key="actor").options
    assert expected in options and absent not in options
    at.sidebar.multiselect(key="actor").select(expected).run()
    assert not at.exception
    assert int({m.label: m.value for m in at.metric}["Events shown"]) >= 1


def test_dashboard_data_view_offers_csv_and_parquet(seed_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(seed_store, monkeypatch)
    at.switch_page("views/data_tables.py").run()
    labels = [t.label for t in at.tabs]
    assert labels == ["events (10)", "stances (4)", "articles (6)", "passages (95)"]
    at.sidebar.multiselect(key="polarity").select("friction").run()
    assert [t.label for t in at.tabs][0] == "events (3)"
    html = [d for d in at.get("download_button")]
    assert len(html) == 8


@pytest.mark.slow
def test_dashboard_default_opens_the_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No argument, no environment: the seeds are built into a cached store on first run."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")
    monkeypatch.delenv("USMX_STORE", raising=False)
    monkeypatch.delenv("USMX_CORPUS", raising=False)
    monkeypatch.setenv("USMX_CACHE", str(tmp_path / "cache"))
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    stores = list((tmp_path / "cache").glob("store-*"))
    assert len(stores) == 1 and (stores[0] / "manifest.json").exists()
    assert any("seeds" in c.value for c in at.sidebar.caption)
    at.switch_page("views/articles.py").run()
    assert {m.label: m.value for m in at.metric}["Articles"] == "5"


def test_dashboard_tables_open_on_what_people_read(seed_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(seed_store, monkeypatch)
    at.switch_page("views/stances.py").run()
    cols = list(at.dataframe[0].value.columns)
    assert cols[:4] == ["date_window", "holder", "stance", "quote"], cols
    at.switch_page("views/data_tables.py").run()
    first = list(at.dataframe[0].value.columns)[:7]
    assert first == ["date", "date_low", "date_high", "actor1", "action", "polarity", "actor2"], first
