"""No import circle among the package's modules: what one module imports as it loads never comes
back to it. (Imports inside functions are how a late load is written; they run later and are not
arrows of this graph.)"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kiosk"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def graph(found: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the package's modules it imports at its top level. `from pkg import sub` is an
    arrow to the submodule, not to the package being initialised."""
    out = {}
    for name, path in found.items():
        deps = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name in found}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in found:
                subs = {f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in found}
                deps |= subs
                if len(subs) < len(node.names):
                    deps.add(node.module)
        out[name] = deps - {name}
    return out


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), as lists of names."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in edges:
        if v not in index:
            visit(v)
    return found


def test_no_import_circle():
    assert circles(graph(modules())) == []


def test_the_check_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
