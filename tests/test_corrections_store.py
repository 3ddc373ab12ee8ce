"""The corrections file (core/corrections.py): records, validation, history, concurrent
writers, broken files.  No pipeline: small hand-made corrections."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from pathlib import Path

import pytest

from core.corrections import (
    Correction,
    CorrectionStore,
    corrections_path,
    load_corrections,
    store_of,
    try_load_corrections,
)
from core.errors import CorrectionsFileError, InvalidCorrectionError


def _event(verdict: str = "confirmed", **kw: object) -> Correction:
    base: dict[str, object] = dict(kind="event", article_id="a1", start=0, end=40, cue_start=5, cue_end=12,
                                   verdict=verdict, who="ana", original={"action": "ACCUSE", "polarity": "friction"})
    base.update(kw)
    return Correction(**base)  # type: ignore[arg-type]


def test_corrections_file_lives_beside_the_store(tmp_path: Path) -> None:
    assert corrections_path(tmp_path / "store") == tmp_path / "store.corrections.sqlite"
    assert corrections_path(str(tmp_path / "store") + "/") == tmp_path / "store.corrections.sqlite"
    assert store_of(tmp_path / "store.corrections.sqlite") == tmp_path / "store"
    assert store_of(tmp_path / "other.sqlite") is None


def test_corrections_validation_names_the_problem() -> None:
    with pytest.raises(InvalidCorrectionError, match="verdict 'not_event' is not one of.*say 'not_stance'"):
        Correction(kind="stance", article_id="a", start=0, end=5, verdict="not_event", who="x")
    with pytest.raises(InvalidCorrectionError, match="polarity 'hostile' is not one of"):
        _event("wrong_polarity", value="hostile")
    with pytest.raises(InvalidCorrectionError, match="action 'BOMB' is not one of the actions"):
        _event("wrong_action", value="BOMB")
    with pytest.raises(InvalidCorrectionError, match="action ACCUSE cannot have polarity 'cooperation'"):
        _event("wrong_polarity", value="cooperation")
    with pytest.raises(InvalidCorrectionError, match="who made it must be given"):
        _event(who="")
    with pytest.raises(InvalidCorrectionError, match="wrong_actor corrects actor1, country1, actor1_id, not 'polarity'"):
        _event("wrong_actor", field="polarity", value="friction")
    with pytest.raises(InvalidCorrectionError, match="a missed event needs values for action, polarity"):
        _event("missed", values={"actor1": "Marco Rubio", "country1": "US"})
    with pytest.raises(InvalidCorrectionError, match="confirmed takes no field"):
        _event(value="x")
    with pytest.raises(InvalidCorrectionError, match="span 9..3 is empty"):
        _event(start=9, end=3)
    with pytest.raises(InvalidCorrectionError, match="country1 'Mexico' is not one of"):
        _event("wrong_actor", value="Omar García Harfuch", values={"country1": "Mexico"})
    # the right forms
    assert _event("wrong_polarity", value="cooperation", values={"action": "SUPPORT"}).columns() == {
        "polarity": "cooperation", "action": "SUPPORT"}
    assert _event("wrong_actor", value="Omar García Harfuch", values={"country1": "MX"}).field == "actor1"
    assert Correction(kind="stance", article_id="a", start=0, end=5, verdict="wrong_stance", value="mixed",
                      who="x").columns() == {"stance": "mixed"}


def test_corrections_add_assigns_id_and_utc_time_and_lists_in_order(tmp_path: Path) -> None:
    store = CorrectionStore(tmp_path / "s.corrections.sqlite")
    assert store.list() == [] and not store.path.exists()  # reading creates nothing
    a = store.add(_event(why="checked the text"))
    b = store.add(_event("not_event", start=50, end=90))
    assert (a.id, b.id) == (1, 2)
    assert a.when.endswith("+00:00") and a.why == "checked the text" and a.who == "ana"
    assert [c.id for c in store.list()] == [1, 2]
    assert store.get(2).verdict == "not_event"
    given = store.add(_event(when="2026-01-02T03:04:05-06:00"))
    assert given.when == "2026-01-02T09:04:05.000+00:00"
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1


def test_corrections_withdraw_keeps_history_and_rows_are_never_edited(tmp_path: Path) -> None:
    store = CorrectionStore(tmp_path / "s.corrections.sqlite")
    c = store.add(_event("wrong_polarity", value="cooperation", values={"action": "SUPPORT"}))
    w = store.withdraw(c.id, who="bo", why="misread")
    assert not w.active and w.withdrawn_who == "bo" and w.withdrawn_why == "misread"
    assert store.list() == [] and [x.id for x in store.all()] == [c.id]
    with pytest.raises(InvalidCorrectionError, match="already withdrawn by bo"):
        store.withdraw(c.id, who="bo")
    with pytest.raises(InvalidCorrectionError, match="no correction #99"):
        store.withdraw(99, who="bo")
    with sqlite3.connect(store.path) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
            conn.execute("DELETE FROM corrections")
        with pytest.raises(sqlite3.IntegrityError, match="never edited"):
            conn.execute("UPDATE corrections SET verdict = 'confirmed'")


def _writer(path: str, who: str, n: int) -> None:
    store = CorrectionStore(path)
    for i in range(n):
        store.add(_event(who=who, start=i, end=i + 10, cue_start=-1, cue_end=-1))


def test_corrections_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "s.corrections.sqlite")
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    procs = [ctx.Process(target=_writer, args=(path, who, 60)) for who in ("p1", "p2")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    every = CorrectionStore(path).list()
    assert len(every) == 120 and len({c.id for c in every}) == 120
    assert sorted(c.start for c in every if c.who == "p1") == list(range(60))
    assert sorted(c.start for c in every if c.who == "p2") == list(range(60))


def test_corrections_threads_sharing_one_store_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "s.corrections.sqlite")
    threads = [threading.Thread(target=_writer, args=(path, f"t{i}", 25)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(CorrectionStore(path).list()) == 100


def test_corrections_corrupt_file_is_reported_and_never_touched(tmp_path: Path) -> None:
    path = tmp_path / "s.corrections.sqlite"
    garbage = b"\x00\xffnot a database at all\n" * 300
    path.write_bytes(garbage)
    store = CorrectionStore(path)
    for call in (store.list, lambda: store.add(_event()), lambda: store.withdraw(1, who="x")):
        with pytest.raises(CorrectionsFileError) as info:
            call()
        assert str(path) in str(info.value) and "not a SQLite database" in str(info.value)
    assert path.read_bytes() == garbage
    corrections, error = try_load_corrections(path)
    assert corrections == [] and isinstance(error, CorrectionsFileError)
    # a corrupted page of a real file
    good = tmp_path / "good.corrections.sqlite"
    CorrectionStore(good).add_many([_event(start=i, end=i + 5) for i in range(200)])
    with sqlite3.connect(good) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(good.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)  # every page but the header's
    good.write_bytes(bytes(data))
    with pytest.raises(CorrectionsFileError, match="good.corrections.sqlite: "):
        load_corrections(good)
    assert good.read_bytes() == bytes(data)


def test_corrections_other_schema_or_newer_version_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    with pytest.raises(CorrectionsFileError, match="not a corrections file \\(tables: notes\\)"):
        CorrectionStore(other).add(_event())
    newer = tmp_path / "newer.corrections.sqlite"
    CorrectionStore(newer).add(_event())
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 7")
    with pytest.raises(CorrectionsFileError, match="newer version \\(schema 7"):
        CorrectionStore(newer).list()


def test_corrections_stored_rows_survive_a_stricter_codebook(tmp_path: Path) -> None:
    """Value rules are checked when a correction is made, not when it is read back: a row
    the rules of the day accepted stays readable (here: an action since removed)."""
    store = CorrectionStore(tmp_path / "s.corrections.sqlite")
    c = store.add(_event("wrong_action", value="THREATEN"))
    with sqlite3.connect(store.path) as conn:
        conn.execute("DROP TRIGGER corrections_never_edited")
        conn.execute("UPDATE corrections SET value = 'RETIRED_ACTION' WHERE id = ?", (c.id,))
    assert store.list()[0].value == "RETIRED_ACTION"
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE corrections SET span_start = -5 WHERE id = ?", (c.id,))
    with pytest.raises(CorrectionsFileError, match="correction #1 cannot be read"):
        store.list()
