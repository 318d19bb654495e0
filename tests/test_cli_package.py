"""The command line is one package: every command group registered by name in one list, none
behind an import guard that would make a broken module's commands silently disappear."""

import ast
import pathlib

import kiosk.cli
from kiosk.cli import apps, build_parser, command_modules

from kiosk_process import run_kiosk

PACKAGE = pathlib.Path(kiosk.cli.__file__).parent


def test_no_module_of_ours_is_imported_behind_a_guard_or_by_a_string():
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
                assert not names & {"ImportError", "ModuleNotFoundError"}, path.name
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "__import__", path.name
        assert "import_module" not in path.read_text(encoding="utf-8"), path.name


def test_every_command_module_is_registered():
    modules = {m.__name__.rsplit(".", 1)[1] for m in command_modules()}
    with_register = {p.stem for p in PACKAGE.glob("*.py") if "\ndef register(sub" in p.read_text(encoding="utf-8")}
    assert with_register == modules
    choices = build_parser()._subparsers._group_actions[0].choices
    for name in ("lobby", "admin", "display", "init", "demo", "verify", "backup", "migrate-to", "estate", "staff",
                 "notice", "import", "export", "project", "qr", "poll", "plan"):
        assert name in choices


def test_an_app_builds_only_its_own_parser():
    assert set(build_parser(only="display")._subparsers._group_actions[0].choices) == {"display"}
    assert set(apps.APP_COMMANDS) == {"lobby", "admin", "display"}


def test_every_group_action_has_help():
    for argv in (["poll", "create"], ["poll", "list"], ["poll", "codes"], ["plan", "show"], ["plan", "codes"],
                 ["migrate-to"], ["estate", "list"], ["notice", "list"]):
        out = run_kiosk(*argv, "--help")
        assert out.returncode == 0 and "--db" in out.stdout, argv
