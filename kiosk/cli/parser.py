"""The argument parser every `kiosk` command is built from: the global options on every level,
and argparse's own errors as one line in the chosen language (argparse prints usage and error
on two lines, in English words of its own)."""

from __future__ import annotations

import argparse
import functools
import sys

from kiosk import i18n
from kiosk.i18n import N_, _

EXIT_USAGE = 2


class NamedType:
    """A converter that argparse names in "invalid %(type)s value" by a word of the user's
    language ("整数"), not by Python's ("int")."""

    def __init__(self, convert, label: str) -> None:
        self.convert = convert
        self.label = label

    def __call__(self, text: str):
        return self.convert(text)

    @property
    def __name__(self) -> str:  # what argparse reads
        return _(self.label)


NAMED_TYPES = {int: NamedType(int, N_("whole number")), float: NamedType(float, N_("number"))}


class KioskParser(argparse.ArgumentParser):
    def add_argument(self, *args, **kwargs):
        if kwargs.get("type") in NAMED_TYPES:
            kwargs["type"] = NAMED_TYPES[kwargs["type"]]
        return super().add_argument(*args, **kwargs)

    def error(self, message: str):  # type: ignore[override]
        sys.stderr.write("kiosk: " + _("error: {message}").format(message=message) + "\n")
        sys.exit(EXIT_USAGE)


@functools.lru_cache(maxsize=None)
def _global_options(lang: str) -> argparse.ArgumentParser:
    """--db, --lang, --config: accepted before and after the command name. One parent per
    language (its help is translated when it is built)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="URL",
                   help=_("database: sqlite:///path.db, a path, or postgresql://… (default: KIOSK_DB)"))
    p.add_argument("--lang", default=argparse.SUPPRESS, choices=["zh", "en"], help=_("language (default: zh, or KIOSK_LANG)"))
    p.add_argument("--config", default=argparse.SUPPRESS, metavar="FILE", help=_("settings file (TOML)"))
    return p


def global_options() -> argparse.ArgumentParser:
    return _global_options(i18n.language())


GLOBAL_OPTIONS = ("--db", "--lang", "--config")


def command(sub, name: str, func, help_text: str) -> KioskParser:
    """A command (or an action of a group) whose handler is `func(settings, args)`."""
    p = sub.add_parser(name, parents=[global_options()], help=help_text, description=help_text)
    p.set_defaults(func=func)
    return p


def group(sub, name: str, help_text: str):
    """A command with actions (`kiosk notice post`): returns the actions' subparsers."""
    p = sub.add_parser(name, parents=[global_options()], help=help_text, description=help_text)
    p.set_defaults(func=None)
    return p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)


def top() -> tuple[KioskParser, object]:
    from kiosk import __version__

    parser = KioskParser(
        prog="kiosk", parents=[global_options()],
        description=_("Community works kiosk: notices, six-source funding, works progress, reports and votes for an old estate."),
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}",
                        help=_("show program's version number and exit"))
    return parser, parser.add_subparsers(dest="command", metavar=_("COMMAND"))
