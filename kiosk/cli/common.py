"""What every command shares: one-line errors, opening the database, the estate, dates, the
household arguments, and text fit for a terminal."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sys

from kiosk import config
from kiosk.cli import paths
from kiosk.cli.parser import EXIT_USAGE
from kiosk.i18n import _

EXIT_FAULT = 1
EXIT_INTERNAL = 70
# The long-running apps read a few aggregates again and again; the operating system caches the
# file anyway, so SQLite's own 2 MiB page cache per connection mostly adds resident memory. A
# worker's connection lasts one read; at 512 KiB the lobby's start still held 1.1 MB more at a
# sub-district's size than at 128 KiB, which is as fast.
APP_CACHE_KIB = 128


class CliError(Exception):
    """A one-line message for the user; exit status 1 (or `code`)."""

    def __init__(self, message: str, code: int = EXIT_FAULT):
        super().__init__(message)
        self.code = code


def actor() -> str:
    try:
        who = getpass.getuser()
    except Exception:  # no passwd entry in a container
        who = str(os.getuid())
    return f"cli:{who}"


def open_db(settings: config.Settings, *, check_schema: bool = True, cache_kib: int | None = None):
    """Bind the models to the configured database. Refused in one line, before anything is
    created: an address of an unknown kind, a folder that does not exist, a file that is not a
    kiosk database. Only the default place (no --db, no KIOSK_DB) gets its folder made."""
    import peewee

    from kiosk.db import connection

    url = settings.db_url()
    target = paths.database_target(url)
    if target.kind == "sqlite" and target.path != ":memory:":
        if settings.db and not check_schema:  # creating; other commands say "run kiosk init"
            paths.require_folder(target.path)
        paths.require_database_file(target.path)
    try:
        return connection.connect(url, check_schema=check_schema, cache_kib=cache_kib)
    except peewee.DatabaseError as exc:
        if isinstance(exc, peewee.OperationalError) or target.kind != "sqlite":
            raise
        raise CliError(paths.not_a_database(target.path)) from None


def where(settings: config.Settings) -> str:
    """The database's address fit to print: a PostgreSQL URL without its password."""
    from kiosk.db import backend

    return backend.parse_url(settings.db_url()).describe()


def estate(settings: config.Settings):
    """The estate a command works on: --estate (main puts it into the settings), else the
    configured one, else the first."""
    from kiosk.domain import estates

    return estates.resolve_estate(settings.estate)


def only_estate(settings: config.Settings, args) -> int | None:
    """For commands that cover every estate unless --estate names one: its id, or None."""
    return estate(settings).id if getattr(args, "estate", None) else None


def parse_when(text: str | None, field: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("/", "-"))
    except ValueError:
        raise CliError(_("{field}: not a date and time like 2026-12-31T18:00: {value}").format(field=field, value=text), EXIT_USAGE) from None
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value


def parse_day(text: str | None, flag: str) -> dt.date | None:
    """A date typed on the command line (2026-07-20 or 2026/07/20), else a one-line usage error."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip().replace("/", "-"))
    except ValueError:
        raise CliError(_("{flag}: not a date like 2026-07-20: {value}").format(flag=flag, value=say(text)), EXIT_USAGE) from None


def required_text(value: str | None, flag: str) -> str:
    """A required field that holds more than blanks."""
    if value is None or not value.strip():
        raise CliError(_("{flag} must not be empty.").format(flag=flag), EXIT_USAGE)
    return value


def add_household(q, help_text: str | None = None) -> None:
    q.add_argument("--building", metavar="B", help=help_text)
    q.add_argument("--unit", metavar="U")
    q.add_argument("--room", metavar="R")


def household_given(args) -> bool:
    """Whether a household was named; only some of the three parts is an error."""
    parts = (args.building, args.unit, args.room)
    if any(parts) and not all(parts):
        raise CliError(_("Name the household with --building, --unit and --room together."), EXIT_USAGE)
    return all(parts)


def say(message: object) -> str:
    """A message for the terminal: it may quote a file's contents (a refused amount, a receipt),
    which must not reach the terminal as escape sequences (title changes, clipboard writes)."""
    from kiosk.render.safe import inert

    return inert(message)


def progress(label: str):
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r{label} {done:,}/{total:,}{end}")
        sys.stderr.flush()

    return show
