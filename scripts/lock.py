"""The lock of tested versions: ``constraints.txt``, every distribution the project needs
(its dependencies and the ``test`` extra, and theirs, recursively), pinned to the version
installed where the tests last passed.

    python scripts/lock.py            # write constraints.txt from this environment
    python scripts/lock.py --check    # is this environment the lock? (lists every difference)

Refresh it after an upgrade: ``pip install -U -e ".[test]"``, run all the tests
(``python -m pytest -m ""``), then
``python scripts/lock.py`` and commit the file.  The README's two commands and ``.ci/run``
install with ``-c constraints.txt``, so a fresh machine gets the versions the figures and the
tests were measured with; ``tests/test_lock.py`` keeps the file complete and true to the
environment the suite runs in.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "constraints.txt"
EXTRAS = ("test",)
HEADER = """\
# Tested versions of every distribution usmx-frames needs (dependencies, the [test] extra, and
# theirs), as installed where the test suite last passed.  Used as pip constraints by the
# README's two commands and by .ci/run:  pip install -c constraints.txt -e ".[test]"
# Refresh:  pip install -U -e ".[test]" && python -m pytest -m "" && python scripts/lock.py
# Written by scripts/lock.py; do not edit by hand.
"""


def _top_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    for extra in EXTRAS:
        reqs += [Requirement(r) for r in project["optional-dependencies"][extra]]
    return reqs


def _applies(req: Requirement, extras: frozenset[str], env: dict[str, str]) -> bool:
    if req.marker is None:
        return True
    return any(req.marker.evaluate({**env, "extra": e}) for e in (extras or {""}))


def closure() -> tuple[dict[str, str], list[str]]:
    """Every distribution the project needs in this environment (canonical name -> installed
    version), and the requirements that are not installed (problems)."""
    pinned: dict[str, str] = {}
    missing: list[str] = []
    todo: list[tuple[Requirement, frozenset[str]]] = [(r, frozenset()) for r in _top_requirements()]
    seen: set[tuple[str, frozenset[str]]] = set()
    env = {k: str(v) for k, v in default_environment().items()}
    while todo:
        req, parent_extras = todo.pop()
        if not _applies(req, parent_extras, env):
            continue
        name = canonicalize_name(req.name)
        key = (name, frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            missing.append(str(req))
            continue
        pinned[name] = dist.version
        for sub in dist.requires or []:
            todo.append((Requirement(sub), frozenset(req.extras)))
    return dict(sorted(pinned.items())), missing


def read_lock(path: Path = LOCK) -> dict[str, str]:
    """The pins of a constraints file (canonical name -> version)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            out[canonicalize_name(name)] = version.strip()
    return out


def differences(lock: dict[str, str], env: dict[str, str]) -> list[str]:
    """What differs between a lock and an environment's closure, one line each."""
    out = [f"{n}: not in the lock (installed {v})" for n, v in env.items() if n not in lock]
    out += [f"{n}: locked {lock[n]}, installed {v}" for n, v in env.items() if n in lock and lock[n] != v]
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: write the lock, or check this environment against it."""
    ap = argparse.ArgumentParser(prog="python scripts/lock.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare this environment with the lock")
    ap.add_argument("--lock", type=Path, default=LOCK, help="the constraints file (default: %(default)s)")
    a = ap.parse_args(argv)
    env, missing = closure()
    if missing:
        print("lock: not installed here (install the project first): " + ", ".join(missing), file=sys.stderr)
        return 1
    if a.check:
        if not a.lock.is_file():
            print(f"{a.lock}: no such file (write it with python scripts/lock.py)", file=sys.stderr)
            return 1
        problems = differences(read_lock(a.lock), env)
        for p in problems:
            print(f"{a.lock}: {p}", file=sys.stderr)
        return 1 if problems else 0
    a.lock.write_text(HEADER + "".join(f"{n}=={v}\n" for n, v in env.items()), encoding="utf-8")
    print(f"{a.lock}: {len(env)} distributions pinned")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
