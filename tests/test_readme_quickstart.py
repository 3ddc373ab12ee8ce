"""The README's quick start works: two bash blocks; the dashboard serves; CI runs the tests."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
CI = ROOT / ".ci" / "run"


def _section(text: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def _quickstart_blocks() -> list[str]:
    section = _section(README.read_text(encoding="utf-8"), "Quick start")
    return [b.strip() for b in re.findall(r"^```bash\n(.*?)^```", section, re.M | re.S)]


def test_readme_quickstart_has_exactly_two_bash_blocks() -> None:
    section = _section(README.read_text(encoding="utf-8"), "Quick start")
    assert section.count("```") == 4  # two fenced blocks, nothing else fenced
    assert _quickstart_blocks() == [
        "pip install -c constraints.txt -e . && streamlit run dashboard/app.py",
        'pip install -c constraints.txt -e ".[test]" && python -m pytest',
    ]


def test_readme_sections_present() -> None:
    text = README.read_text(encoding="utf-8")
    for title in ["Quick start", "Command line", "Python API", "The frames", "What the codes mean",
                  "Layout", "Dependencies and why", "Performance", "Decisions"]:
        _section(text, title)


def test_readme_ci_runs_block_two_verbatim() -> None:
    block = _quickstart_blocks()[1]
    ci = CI.read_text(encoding="utf-8")
    assert ci.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in ci
    assert any(line.strip() == block for line in ci.splitlines())
    assert "apt-get install -y chromium" in ci
    assert "ruff check ." in ci and re.search(r"^mypy$", ci, re.M)
    assert re.search(r'"\$status" -eq 5', ci)  # zero tests collected fails the run
    # the default run leaves the slow tests out; CI runs them as well
    assert any(line.strip() == "python -m pytest -m slow" for line in ci.splitlines())
    assert "-m 'not slow'" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert os.access(CI, os.X_OK)
    proc = subprocess.run(["bash", "-n", str(CI)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_readme_block_one_serves_the_dashboard(tmp_path: Path) -> None:
    block = _quickstart_blocks()[0]
    command = block.split("&&", 1)[1].strip()  # the install part is what the suite runs under
    args = command.split()
    assert args[:2] == ["streamlit", "run"]
    app = ROOT / args[2]
    if not app.exists():
        pytest.skip(f"{args[2]} does not exist yet (written by the dashboard work)")
    streamlit = shutil.which("streamlit")
    base = [streamlit] if streamlit else [sys.executable, "-m", "streamlit"]
    port = _free_port()
    proc = subprocess.Popen(
        [*base, *args[1:], "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        deadline = time.monotonic() + 90
        body = ""
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                    body = resp.read().decode()
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
        assert body == "ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
            assert resp.status == 200
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
