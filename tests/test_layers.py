"""The package's layers only point down, and every module it uses is imported by name in the code.

db < domain < render < paper < widgets, screens, display < apps, demo < cli: a module may import its own
layer and those below, never one above (lazy imports inside functions count too). The demo is a
user of the domain, like the apps. And no module of the package is loaded from a string
(importlib.import_module, __import__, "module:entry" names): readers, tools and the layer check
itself must be able to see every dependency."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kiosk_process import ROOT

PACKAGE = ROOT / "kiosk"

# First part after "kiosk." -> layer. Modules below the database (clock, i18n, config, resources,
# textual_hooks)
# are the ground floor every layer may stand on.
LAYERS = {
    "clock": 0, "i18n": 0, "config": 0, "resources": 0, "textual_hooks": 0, "memory": 0,
    "db": 1,
    "domain": 2,
    "render": 3,
    # Printed documents: domain and render below them; the console's screens and the CLI print them.
    "paper": 3.5,
    "widgets": 4, "screens": 4, "display": 4,
    "apps": 5, "demo": 5, "web": 5,
    "cli": 6, "__main__": 6,
}

# Where a module is still loaded from a string, and why it may be, for now. An entry that no longer
# does so fails the test: take it off the list.
LOADED_BY_STRING: dict[str, str] = {}

# Imports that point up, and why they still may: (file, the layer's package it reaches). An entry
# that is no longer needed fails the test: take it off the list.
UPWARD: dict[tuple[str, str], str] = {}

ENTRY_NAME = re.compile(r"^kiosk(\.\w+)+:\w+$")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(name: str) -> int | None:
    parts = name.split(".")
    if parts[0] != "kiosk":
        return None
    if len(parts) == 1:
        return 0
    if parts[1].startswith("cli_"):
        return LAYERS["cli"]
    return LAYERS.get(parts[1])


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) for every import, at the top or inside a function."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from kiosk.db import demo` imports kiosk.db.demo when that is a module.
            out += [(node.lineno, node.module)] + [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return out


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def string_loads(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) for every import by string and every "kiosk.module:entry" name."""
    out = []
    skip = docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            called = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            if called in ("import_module", "__import__"):
                out.append((node.lineno, f"{called}(…)"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if ENTRY_NAME.match(node.value):
                out.append((node.lineno, repr(node.value)))
    return out


def test_every_module_has_a_layer():
    unknown = [module_name(p) for p in modules() if layer(module_name(p)) is None]
    assert not unknown, f"add these to LAYERS in {Path(__file__).name}: {unknown}"


def test_imports_only_point_down():
    upward, allowed_and_used = [], set()
    for path in modules():
        name, rel = module_name(path), path.relative_to(ROOT).as_posix()
        own = layer(name)
        for line, target in imported(ast.parse(path.read_text(encoding="utf-8"))):
            theirs = layer(target)
            if own is None or theirs is None or theirs <= own:
                continue
            allowed = [key for key in UPWARD if key[0] == rel and (target + ".").startswith(key[1] + ".")]
            if allowed:
                allowed_and_used.update(allowed)
                continue
            upward.append(f"{rel}:{line} ({name}, layer {own}) imports {target} (layer {theirs})")
    assert not upward, "\n".join(sorted(set(upward)))
    stale = sorted(set(UPWARD) - allowed_and_used)
    assert not stale, f"no longer needed, take them off UPWARD: {stale}"


def test_no_module_is_loaded_from_a_string():
    found, allowed_and_used = [], set()
    for path in modules():
        rel = path.relative_to(ROOT).as_posix()
        loads = string_loads(ast.parse(path.read_text(encoding="utf-8")))
        if not loads:
            continue
        if rel in LOADED_BY_STRING:
            allowed_and_used.add(rel)
            continue
        found += [f"{rel}:{line} {what}" for line, what in loads]
    assert not found, "import these explicitly:\n" + "\n".join(found)
    stale = sorted(set(LOADED_BY_STRING) - allowed_and_used)
    assert not stale, f"no longer loaded from strings, take them off LOADED_BY_STRING: {stale}"


def test_the_check_sees_what_it_looks_for():
    up = ast.parse("def f():\n    from kiosk.apps import lobby\n")
    assert [t for _l, t in imported(up)] == ["kiosk.apps", "kiosk.apps.lobby"]
    loads = ast.parse('"""kiosk.a:b in a docstring is fine"""\nimport importlib\n'
                      'importlib.import_module("kiosk.x")\n__import__(n)\nX = "kiosk.render.slides.notice:render"\n')
    assert [line for line, _w in string_loads(loads)] == [3, 4, 5]
    assert layer("kiosk.db.models") < layer("kiosk.domain.votes") < layer("kiosk.render.bars") \
        < layer("kiosk.screens.lobby.home") < layer("kiosk.apps.lobby") < layer("kiosk.cli.schema")
    assert layer("kiosk.demo.builder") == layer("kiosk.apps.lobby")
