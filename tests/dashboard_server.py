"""Start the real dashboard (``streamlit run dashboard/app.py``) on a free localhost port for
browser tests, and stop it afterwards.  Shared by the end-to-end and concurrency tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_dashboard(store: Path, tmp: Path, *, timeout: float = 90) -> Iterator[str]:
    """Serve the built ``store``; yields the app's URL once ``/_stcore/health`` answers.
    On exit the server is stopped and its log must hold no traceback."""
    port = free_port()
    log_path = tmp / f"streamlit-{port}.log"
    env = {**os.environ, "USMX_CACHE": str(tmp / "cache")}
    env.pop("USMX_STORE", None)
    env.pop("USMX_CORPUS", None)
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
             "--server.port", str(port), "--server.headless", "true", "--", "--store", str(store)],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        url = f"http://localhost:{port}"
        try:
            deadline = time.time() + timeout
            while time.time() < deadline:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.3)
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit exited: {log_path.read_text()[-3000:]}")
            else:
                raise RuntimeError(f"streamlit did not start within {timeout:.0f} s")
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    text = log_path.read_text()
    assert "Traceback" not in text, text[-3000:]
