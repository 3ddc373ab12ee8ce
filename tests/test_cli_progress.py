"""The progress bar (core/progress.py): drawn on a terminal, silent otherwise."""

from __future__ import annotations

import io
import re

import pytest

from core.progress import ProgressBar

pytestmark = pytest.mark.slow  # (run by .ci/run's second pytest: python -m pytest -m slow)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_progress_draws_on_a_terminal() -> None:
    stream = _Terminal()
    bar = ProgressBar(stream)
    bar(1, 4)
    bar(4, 4)
    bar.close()
    out = stream.getvalue()
    assert out.startswith("\r[") and "4/4 articles" in out and out.endswith("\n")
    assert "#" * 30 in out


def test_cli_progress_unknown_total() -> None:
    stream = _Terminal()
    bar = ProgressBar(stream, label="files")
    bar(7, None)
    assert "7 files" in stream.getvalue()


def test_cli_progress_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    for i in range(100):
        bar(i, 100)
    bar.close()
    assert stream.getvalue() == ""


def test_cli_progress_bar_in_a_real_terminal(seeds_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import pty
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "core", "build", "--corpus", str(seeds_dir), "--out", str(tmp_path / "s"),
             "--executor", "serial"],
            stderr=slave, stdout=subprocess.DEVNULL, cwd=tmp_path, timeout=300,
            env=dict(os.environ, PYTHONPATH=str(root)),
        )
        os.close(slave)
        slave = -1
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)
    out = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    # the bar was drawn (a terminal turns "\n" into "\r\n", so look for the bar's own "\r")
    assert re.search(r"\r(?:\[[#.]+\] )?\d+(?:/\d+)? articles", out), out
    assert "wrote" in out
