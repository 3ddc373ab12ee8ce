"""The lock of tested versions (constraints.txt): complete, true to the environment the suite
runs in, and checked by the real script in a subprocess."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "constraints.txt"
SCRIPT = ROOT / "scripts" / "lock.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_lock_pins_every_line_exactly() -> None:
    for number, line in enumerate(LOCK.read_text(encoding="utf-8").splitlines(), 1):
        if line and not line.startswith("#"):
            assert re.fullmatch(r"[a-z0-9][a-z0-9.-]*==[0-9][0-9A-Za-z.+!-]*", line), f"line {number}: {line!r}"


def test_lock_holds_every_declared_requirement() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    pinned = {_canonical(line.split("==")[0]) for line in LOCK.read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")}
    for req in declared:
        name = _canonical(re.split(r"[\[<>=!~; ]", req, maxsplit=1)[0])
        assert name in pinned, f"{req} is not in constraints.txt"


def test_lock_matches_the_environment_the_suite_runs_in() -> None:
    proc = _run("--check")
    assert proc.returncode == 0, proc.stderr


def test_lock_check_names_a_changed_pin(tmp_path: Path) -> None:
    text = LOCK.read_text(encoding="utf-8")
    changed = re.sub(r"^pandas==\S+$", "pandas==0.0.1", text, flags=re.M)
    assert changed != text
    (tmp_path / "constraints.txt").write_text(changed, encoding="utf-8")
    proc = _run("--check", "--lock", str(tmp_path / "constraints.txt"))
    assert proc.returncode == 1
    assert "pandas: locked 0.0.1, installed" in proc.stderr
    missing = _run("--check", "--lock", str(tmp_path / "absent.txt"))
    assert missing.returncode == 1 and "no such file" in missing.stderr
