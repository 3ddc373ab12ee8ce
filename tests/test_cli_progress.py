"""The progress bar (core/progress.py): drawn on a terminal, silent otherwise."""

from __future__ import annotations

import io

from core.progress import ProgressBar


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
