"""The package's shape: no import cycles, no module too large to read in one sitting.

The import graph is built from the source (``ast``), every module of ``reader/``, with
every import counted: at the top, inside functions, and under ``TYPE_CHECKING`` alike,
so a cycle cannot hide behind a lazy import. ``from package import module`` is an edge
to that module; Python running the package's ``__init__`` first is not counted (else
every package whose ``__init__`` offers a submodule's function would be a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "reader"
MAX_LINES = 500
# Modules allowed over the limit while someone splits them (none now); the list only shrinks.
LARGE_ELSEWHERE: set[str] = set()


def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _target(name: str, known: dict[str, Path]) -> str | None:
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph() -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {m: set() for m in known}
    for mod, path in known.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, *([base] if base else [])])
                # ``from reader.store import edits`` names the module reader.store.edits;
                # ``from reader.ingest import Article`` the package itself
                names = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names
                ]
            for name in names:
                target = _target(name, known)
                if target is not None and target != mod:
                    graph[mod].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
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
                found.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_lazy_and_type_checking_imports() -> None:
    graph = import_graph()
    assert "reader.store.library" in graph["reader.gui.undo"]
    assert "reader.text.keywords" in graph["reader.store.suggest"]  # inside a function


def test_a_cycle_is_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_reader_has_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_the_core_does_not_import_the_library_facade() -> None:
    """Operations, edits, re-parse, the split fixes, saved searches, merge and export take
    a unit of work (or what one read), not the facade."""
    graph = import_graph()
    core = {f"reader.store.{m}" for m in ("reparse", "decisions")}
    # every module that defines an operation (an ``apply(self, tx: Unit)``)
    ops = {m for m, p in modules().items() if "def apply(self, tx: Unit)" in p.read_text("utf-8")}
    assert {"reader.store.operations", "reader.store.searches", "reader.store.trash"} <= ops
    exchange = {m for m in graph if m.startswith("reader.exchange.")}
    assert {"reader.exchange.merge", "reader.exchange.markdown"} <= exchange
    for mod in sorted(core | ops | exchange):
        assert "reader.store.library" not in graph[mod], mod


@pytest.mark.parametrize("area", ["store", "exchange", "analysis", "text", "gui", "ingest", ""])
def test_no_module_over_500_lines(area: str) -> None:
    folder = ROOT / area if area else ROOT
    paths = folder.rglob("*.py") if area else folder.glob("*.py")
    long = {
        str(p.relative_to(ROOT)): n
        for p in paths
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert set(long) <= LARGE_ELSEWHERE, long


def test_transactions_are_opened_in_one_place() -> None:
    """``known_errors`` joined to ``database.reading/writing`` lives in the unit of work
    alone; the backups and the database module guard file paths with it, not transactions."""
    found = set()
    for mod, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "database"
                and node.attr in ("reading", "writing")
            ) or (isinstance(node, ast.Name) and node.id == "known_errors"):
                found.add(mod)
    allowed = {"reader.store.unit", "reader.store.backups", "reader.store.database"}
    assert found - {"reader.store.errors"} == allowed
