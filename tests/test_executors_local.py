"""Local worker processes (``--executor processes`` / ``auto``) give the serial frames."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import executors
from core.pipeline import build_frames
from tests.scale_support import assert_same_frames, make_corpus

pytestmark = pytest.mark.slow  # (run by .ci/run's second pytest: python -m pytest -m slow)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("local") / "corpus", n_txt=25, n_jsonl=30)


@pytest.mark.parametrize("executor", ["processes", "auto"])
def test_executors_local_processes_give_the_serial_frames(
    corpus: Path, executor: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # small partitions and a JSONL file split into slices, so that order really is at stake
    monkeypatch.setattr(executors, "SPLIT_BYTES", 500)
    monkeypatch.setattr(executors, "SPLIT_DOCS", 4)
    monkeypatch.setattr(executors, "AUTO_MIN_BYTES", 1)
    monkeypatch.setattr(executors, "cpu_count", lambda: 2)
    serial = build_frames([str(corpus)], executor="serial")
    assert len(serial.articles) >= 50, [p.message() for p in serial.problems][:3]
    done: list[int] = []
    parallel = build_frames([str(corpus)], executor=executor, workers=2,
                            progress=lambda n, _total: done.append(n))
    assert_same_frames(parallel, serial, same_order=True)
    assert parallel.manifest["inputs"] == serial.manifest["inputs"]
    assert done and done[-1] == len(serial.articles) + 2  # every document (two are repeats) reported


def test_executors_auto_stays_in_process_for_a_small_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """A few files are not worth starting processes for."""
    called: list[str] = []
    monkeypatch.setattr(executors, "run_processes", lambda *a, **k: called.append("processes") or iter(()))
    frames = build_frames([str(Path(__file__).resolve().parent.parent / "seeds")], executor="auto")
    assert called == [] and len(frames.articles) == 5
