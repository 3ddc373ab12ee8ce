"""Analyst corrections end to end, with the command line in subprocesses: build the seeds,
correct, rebuild, apply, export, evaluate the coder against the corrections, break the file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from core.corrections import (
    CorrectionStore,
    apply_corrections,
    correction_for,
    corrections_path,
    missed_frame,
)
from core.errors import CorrectionsFileError
from core.store import load_store

pytestmark = pytest.mark.slow  # (run by .ci/run's second pytest: python -m pytest -m slow)


def _single(frame: pd.DataFrame, texts: dict[str, str], *, events: bool) -> pd.DataFrame:
    """Frames alone on their span, whose span text occurs once in the article (so that the
    evaluator's located sentences are unambiguous), events not domestic/neutral."""
    size = frame.groupby(["article_id", "start", "end"])["start"].transform("size")
    once = [texts[a].count(texts[a][s:e]) == 1 for a, s, e in zip(frame["article_id"], frame["start"], frame["end"],
                                                                    strict=True)]
    keep = (size == 1).to_numpy() & pd.Series(once).to_numpy()
    if events:
        keep &= (frame["polarity"] != "neutral").to_numpy()
    return frame[keep]


def _correct(store: Path) -> dict[str, Any]:
    frames = load_store(store)
    texts = dict(zip(frames.articles["article_id"], frames.articles["text"], strict=True))
    ev = _single(frames.events, texts, events=True)
    st = _single(frames.stances, texts, events=False)
    n_ev, n_st = ev["article_id"].value_counts(), st["article_id"].value_counts()
    aid = next(a for a in n_ev.index if n_ev[a] >= 3 and n_st.get(a, 0) >= 2)  # one article for every correction
    ev = ev[ev["article_id"] == aid]
    st = st[st["article_id"] == aid]
    assert len(ev) >= 3 and len(st) >= 2
    confirmed, gone, flip = ev.iloc[0], ev.iloc[1], ev.iloc[2]
    new_pol = "cooperation" if flip["polarity"] == "friction" else "friction"
    new_act = "SUPPORT" if new_pol == "cooperation" else "ACCUSE"
    ps = frames.passages
    coded = set(frames.events["start"][frames.events["article_id"] == aid]) | \
        set(frames.stances["start"][frames.stances["article_id"] == aid])
    free = ps[(ps["article_id"] == aid) & (ps["role"] == "body") & ~ps["start"].isin(coded)
              & (ps["text"].str.len() > 40)].iloc[0]
    store_file = CorrectionStore(corrections_path(store))
    made = [
        store_file.add(correction_for("event", confirmed, "confirmed", who="ana", why="read the article")),
        store_file.add(correction_for("event", gone, "not_event", who="ana", why="not an act")),
        store_file.add(correction_for("event", flip, "wrong_polarity", value=new_pol, values={"action": new_act},
                                      who="bo")),
        store_file.add(missed_frame("event", free, {"actor1": "Government of Mexico", "country1": "MX",
                                                    "actor2": "Government of the United States", "country2": "US",
                                                    "action": "COOPERATE", "polarity": "cooperation"}, who="bo")),
        store_file.add(correction_for("stance", st.iloc[0], "confirmed", who="cy")),
        store_file.add(correction_for("stance", st.iloc[1], "wrong_stance",
                                      value="mixed" if st.iloc[1]["stance"] != "mixed" else "support", who="cy")),
    ]
    return {"made": made, "confirmed": confirmed, "gone": gone, "flip": flip, "new_pol": new_pol, "free": free,
            "stance": st.iloc[1]}


@pytest.mark.slow
def test_corrections_survive_a_rebuild_export_and_read_as_gold(
        run_cli: Callable[..., Any], seeds_dir: Path, tmp_path: Path) -> None:
    proc = run_cli("build", "--corpus", str(seeds_dir), "--out", "store")
    assert proc.returncode == 0, proc.stderr
    store = tmp_path / "store"
    info = _correct(store)
    cfile = corrections_path(store)
    assert cfile == tmp_path / "store.corrections.sqlite" and cfile.is_file()

    # a full rebuild swaps the store's folder; the corrections file beside it is untouched
    first = json.loads((store / "manifest.json").read_text(encoding="utf-8"))["created"]
    proc = run_cli("build", "--corpus", str(seeds_dir), "--out", "store", "--full")
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["created"] >= first
    assert [c.id for c in CorrectionStore(cfile).list()] == [c.id for c in info["made"]]
    frames = load_store(store)
    ev, st, report = apply_corrections(frames.events, frames.stances, CorrectionStore(cfile).list(),
                                       articles=frames.articles)
    assert not report.orphans, report.orphans
    assert report.applied == tuple(c.id for c in info["made"])
    assert info["gone"]["event_id"] not in set(ev["event_id"])
    flipped = ev[(ev["article_id"] == info["flip"]["article_id"]) & (ev["cue_start"] == info["flip"]["cue_start"])]
    assert flipped["polarity"].tolist() == [info["new_pol"]]
    missed = ev[ev["correction"] == "missed"].iloc[0]
    assert (missed["event_id"], missed["start"]) == (f"corr-{info['made'][3].id}", info["free"]["start"])
    assert len(ev) == len(frames.events)  # one dropped, one added
    assert len(st) == len(frames.stances)

    # export: the corrections beside the frames; --corrected: the frames corrected
    proc = run_cli("export", "--store", "store", "--format", "jsonl", "--out", "out", "--corrected")
    assert proc.returncode == 0, proc.stderr
    lines = (tmp_path / "out" / "corrections.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["verdict"] for x in lines] == [c.verdict for c in info["made"]]
    exported = pd.read_json(tmp_path / "out" / "events.jsonl", lines=True)
    assert info["gone"]["event_id"] not in set(exported["event_id"]) and "corr-4" in set(exported["event_id"])
    out_manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert out_manifest["corrections"]["applied"] is True and out_manifest["corrections"]["events_dropped"] == 1
    proc = run_cli("export", "--store", "store", "--format", "csv", "--out", "plain")
    assert proc.returncode == 0, proc.stderr
    assert len(pd.read_csv(tmp_path / "plain" / "corrections.csv")) == len(info["made"])
    assert len(pd.read_csv(tmp_path / "plain" / "events.csv")) == len(frames.events)  # machine's frames

    # evaluate: the coder against the corrections as gold
    proc = run_cli("evaluate", "--gold", "store.corrections.sqlite", "--corpus", str(seeds_dir), "--json", "r.json")
    assert proc.returncode == 0, proc.stderr
    rep = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(rep["per_article"]) == 1
    # tp: the confirmed event; fp: the not_event and the wrong polarity; fn: the wrong polarity and the missed
    assert (rep["events"]["tp"], rep["events"]["fp"], rep["events"]["fn"]) == (1, 2, 2)
    kinds = sorted(f["kind"] for f in rep["misses"] if f["frame"] == "events")
    assert kinds == ["miss", "wrong_polarity"]
    assert (rep["stances"]["tp"], rep["stances"]["fp"], rep["stances"]["fn"]) == (1, 1, 1)
    assert rep["set_aside"] >= 1  # the unreviewed frames of the article

    # a corrupt corrections file: reported, left as it is, and the frames still load and export
    garbage = b"\x13\x37 this is not a database " * 500
    for side in (tmp_path / "store.corrections.sqlite-wal", tmp_path / "store.corrections.sqlite-shm"):
        side.unlink(missing_ok=True)
    cfile.write_bytes(garbage)
    with pytest.raises(CorrectionsFileError, match="store.corrections.sqlite: is not a SQLite database"):
        CorrectionStore(cfile).list()
    assert len(load_store(store).events) == len(frames.events)
    proc = run_cli("export", "--store", "store", "--format", "jsonl", "--out", "broken", "--corrected")
    assert proc.returncode == 1
    assert "store.corrections.sqlite: is not a SQLite database" in proc.stderr and "Traceback" not in proc.stderr
    assert len(pd.read_json(tmp_path / "broken" / "events.jsonl", lines=True)) == len(frames.events)
    proc = run_cli("evaluate", "--gold", "store.corrections.sqlite", "--corpus", str(seeds_dir))
    assert proc.returncode == 1 and "is not a SQLite database" in proc.stderr and "Traceback" not in proc.stderr
    assert cfile.read_bytes() == garbage
