"""Start-up: the light commands do not import what only a build needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_cli_help_does_not_import_pandas(repo_root: Path) -> None:
    code = "import sys, runpy; sys.argv = ['core', '--help']\n" \
           "try:\n    runpy.run_module('core', run_name='__main__')\nexcept SystemExit:\n    pass\n" \
           "print('PANDAS' if 'pandas' in sys.modules else 'NO-PANDAS')"
    env = dict(os.environ, PYTHONPATH=str(repo_root))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=repo_root,
                         timeout=60)
    assert "build" in out.stdout  # the help was printed
    assert out.stdout.strip().endswith("NO-PANDAS"), out.stdout + out.stderr


def test_cli_package_still_exports_build_frames() -> None:
    import core

    assert callable(core.build_frames) and core.Frames.__name__ == "Frames"
