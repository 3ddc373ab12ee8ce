"""The package's house rules, read off the source: no import cycle between the modules of
``core`` (imports deferred into functions count: deferring one only hides a cycle), and no
module of ``core`` or ``dashboard`` reaching into another module's underscore names."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "core"


def _core_modules() -> set[str]:
    return {p.stem for p in CORE.glob("*.py") if p.stem != "__main__"}


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The ``core`` modules that ``path`` imports anywhere (top level or inside functions),
    leaving out imports under ``if TYPE_CHECKING:`` (annotations only, never run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] != "core":
                continue
            if len(parts) > 1:
                found.add(parts[1])
            else:
                found.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "core" and len(parts) > 1:
                    found.add(parts[1])
    return found & modules


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_layout_core_has_no_import_cycle() -> None:
    modules = _core_modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name in modules:
        graph[name] = _imports(CORE / f"{name}.py", modules) - {name, "__init__"}
    assert _cycles(graph) == []


def _private_reaches(path: Path, modules: set[str]) -> list[str]:
    """``module._name`` attribute uses and ``from core.module import _name`` imports of
    another ``core`` module's underscore names in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = path.stem
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("core."):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path.name}:{node.lineno}: from {node.module} import {alias.name}")
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.value.id in modules and node.value.id != own
              and node.attr.startswith("_") and not node.attr.startswith("__")):
            found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("folder", ["core", "dashboard"])
def test_layout_no_reach_into_private_names(folder: str) -> None:
    modules = _core_modules()
    found = [hit for path in sorted((ROOT / folder).rglob("*.py")) for hit in _private_reaches(path, modules)]
    assert found == []


def test_layout_checker_sees_a_cycle_and_a_reach_in(tmp_path: Path) -> None:
    """The checks above can fail: a deferred import that closes a loop is a cycle, and a
    call of another module's underscore name is reported with its line."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    src = tmp_path / "x.py"
    src.write_text("def f():\n    from core import dates\n    return dates._lex(None)\n", encoding="utf-8")
    assert _imports(src, {"dates"}) == {"dates"}
    assert _private_reaches(src, {"dates"}) == ["x.py:3: dates._lex"]
