"""The `kiosk` command: one module per command group, each with register(sub); this one parses,
settles the settings (the estate once, from --estate), runs the handler and turns every error
into one line in the user's language and a non-zero exit, never a traceback. Unexpected errors
are logged with their traceback to the log file.

Start-up matters on a kiosk box: `kiosk` and `kiosk lobby|admin|display` build only that app's
parser (not forty) and import no database driver they do not use.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import traceback

from kiosk import config, i18n
from kiosk.cli import apps, parser as parsing
from kiosk.cli.common import EXIT_FAULT, EXIT_INTERNAL, CliError, say
from kiosk.cli.parser import EXIT_USAGE
from kiosk.cli.paths import PathRefused
from kiosk.i18n import _


def command_modules() -> tuple:
    """Every command group, in the order `kiosk --help` lists them."""
    from kiosk.cli import (emergency, estates, exports, imports, notices, paper, payments, plans, polls, printers, projects, qr,
                           reports, schema, staff, web)

    return (apps, schema, estates, staff, notices, imports, exports, projects, payments, emergency, qr, polls, plans, paper,
            printers, reports, web)


def app_command(argv: list[str]) -> str | None:
    """The long-running app `argv` starts (`kiosk`, `kiosk --db D lobby --estate E`), or None
    for anything else (other commands, --help, a typo): those get the whole parser."""
    i = 0
    while i < len(argv):
        if argv[i] in parsing.GLOBAL_OPTIONS:
            i += 2
        elif argv[i].split("=", 1)[0] in parsing.GLOBAL_OPTIONS:
            i += 1
        else:
            break
    rest = argv[i:]
    if any(a in ("-h", "--help", "--version") for a in rest):
        return None
    if not rest:
        return "lobby"
    return rest[0] if rest[0] in apps.APP_COMMANDS else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command, or with `only` just that app's: a kiosk box starts in a fraction of the
    time when it does not build forty parsers it will not use."""
    top, sub = parsing.top()
    if only is not None:
        apps.register(sub, only=only)
        return top
    for module in command_modules():
        module.register(sub)
    return top


def _pre_settings(argv: list[str]) -> argparse.Namespace:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    pre.add_argument("--config")
    pre.add_argument("--db")
    ns, _rest = pre.parse_known_args(argv)
    return ns


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    app = app_command(argv)
    if app is not None:
        # Starting an app allocates a great many long-lived objects (modules, classes, styles,
        # widgets); the cyclic collector would walk them again and again and free nothing (one
        # full pass took 13 ms of a 0.3 s start). The app turns it back on once its first
        # screen is up (KioskBaseApp.on_mount).
        gc.disable()
    pre = _pre_settings(argv)
    # A settings file that cannot be read is said in the language asked for on the command line
    # (or in KIOSK_LANG), not in the default one.
    i18n.set_language(pre.lang or os.environ.get("KIOSK_LANG"))
    try:
        settings = config.load(pre.config, db=pre.db, lang=pre.lang)
    except config.ConfigError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    i18n.set_language(settings.lang)
    parser = build_parser(only=app)
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        args = parser.parse_args(["lobby"] + argv)
    if getattr(args, "func", None) is None:
        parser.parse_args(argv + ["--help"])
        return EXIT_USAGE
    if getattr(args, "estate", None):
        settings.estate = args.estate  # --estate wins over KIOSK_ESTATE and the file, for every command
    if args.func in (apps.cmd_lobby, apps.cmd_admin, apps.cmd_display):
        # Long-running apps: no database driver they do not use in their memory. Before
        # anything imports peewee (run_command does).
        from kiosk.db import drivers

        drivers.skip_unused(settings.db_url())
    return run_command(args.func, settings, args)


def run_command(func, settings, args) -> int:
    try:
        return _run_command(func, settings, args)
    finally:
        gc.enable()
        from kiosk.db import connection

        connection.close()  # checkpoints the WAL when this was the last connection


def _run_command(func, settings, args) -> int:
    from kiosk.db.backend import DatabaseUnavailable
    from kiosk.db.schema import SchemaError
    from kiosk.domain.errors import DomainError

    try:
        return int(func(settings, args) or 0)
    except CliError as exc:
        print(f"kiosk: {say(exc)}", file=sys.stderr)
        return exc.code
    except (DomainError, SchemaError, DatabaseUnavailable, PathRefused) as exc:
        print(f"kiosk: {say(exc)}", file=sys.stderr)
        return EXIT_FAULT
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file or the system refused: why, in the user's language
        reason = i18n.os_reason(exc)
        name = exc.filename or getattr(args, "out", None)
        line = _("Cannot use {file}: {error}").format(file=name, error=reason) if name else reason
        print(f"kiosk: {say(line)}", file=sys.stderr)
        return EXIT_FAULT
    except Exception as exc:  # the last line of defence: log it, say it in one line
        where = _log_crash(settings)
        import peewee

        if isinstance(exc, peewee.OperationalError):
            print(_("kiosk: database error: {error} (details in {log})").format(error=exc, log=where), file=sys.stderr)
        else:
            print(_("kiosk: internal error: {error} (details in {log})").format(error=type(exc).__name__, log=where), file=sys.stderr)
        return EXIT_INTERNAL


def _log_crash(settings: config.Settings) -> str:
    path = settings.log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(filename=str(path), level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
        logging.getLogger("kiosk").error("command failed\n%s", traceback.format_exc())
        return str(path)
    except OSError:
        return "stderr"
