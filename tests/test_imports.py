"""The package's import graph has no knots: no cycle between modules or between packages, and the
store is the bottom layer.

The graph is read from the source (every ``import`` and ``from ... import``, inside functions too,
except those under ``if TYPE_CHECKING:``), so a cycle hidden by an import inside a function fails
here as well. ``from package import submodule`` counts as an import of the submodule.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "newsgraph"

STORE_MAY_IMPORT = {"newsgraph.store", "newsgraph.errors", "newsgraph.records", "newsgraph.contract"}
"""The store is the bottom layer: it speaks SQL and returns records, and knows no logic above it."""


def _modules() -> dict[str, Path]:
    out = {}
    for f in ROOT.rglob("*.py"):
        parts = f.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = f
    return out


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def import_graph() -> dict[str, set[str]]:
    """Module -> the newsgraph modules it imports."""
    modules = _modules()
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_lines(tree)
        for node in ast.walk(tree):
            if getattr(node, "lineno", 0) in skip:
                continue
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                subs = [f"{node.module}.{a.name}" for a in node.names]
                targets = [t for t in subs if t in modules] or [node.module]
            else:
                continue
            edges[name].update(t for t in targets if t in modules and t != name)
    return edges


def package_of(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2])


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
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

    for v in sorted(set(edges) | {w for ws in edges.values() for w in ws}):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_cycle_between_modules() -> None:
    assert cycles(import_graph()) == []


def test_no_cycle_between_packages() -> None:
    packages: dict[str, set[str]] = defaultdict(set)
    for module, targets in import_graph().items():
        for t in targets:
            if package_of(t) != package_of(module):
                packages[package_of(module)].add(package_of(t))
    assert cycles(packages) == []


def test_the_store_is_the_bottom_layer() -> None:
    wrong = {
        (module, t)
        for module, targets in import_graph().items()
        if package_of(module) == "newsgraph.store"
        for t in targets
        if package_of(t) not in STORE_MAY_IMPORT
    }
    assert wrong == set()


def test_only_the_store_speaks_sql() -> None:
    speakers = sorted(
        name
        for name, path in _modules().items()
        if package_of(name) != "newsgraph.store" and "sqlalchemy" in path.read_text(encoding="utf-8")
    )
    assert speakers == []
