"""A tiny progress bar for long builds, drawn on stderr only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Callable as ``progress(done, total)`` (``total`` may be ``None``).  Redraws at most
    ten times a second; :meth:`close` ends the line.  Silent when ``stream`` is not a TTY."""

    def __init__(self, stream: TextIO | None = None, *, label: str = "articles", width: int = 30) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.label = label
        self.width = width
        self.started = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int | None = None) -> None:
        """Record progress and redraw if due."""
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and (total is None or done < total):
            return
        self._last = now
        rate = done / max(now - self.started, 1e-9)
        if total:
            filled = min(self.width, self.width * done // total)
            bar = "#" * filled + "." * (self.width - filled)
            text = f"\r[{bar}] {done}/{total} {self.label} ({rate:.1f}/s)"
        else:
            text = f"\r{done} {self.label} ({rate:.1f}/s)"
        self.stream.write(text)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Finish the bar's line (if anything was drawn)."""
        if self.enabled and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
