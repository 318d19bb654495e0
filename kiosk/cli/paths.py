"""Paths and database addresses as the user typed them, checked the same way by every command:
a missing file or folder is refused in one line (never created on the way), a file that is not
a database says so, and an address is SQLite (sqlite:///…, or a path) or PostgreSQL."""

from __future__ import annotations

import os

from kiosk.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
POSTGRESQL = ("postgresql://", "postgres://")


class PathRefused(Exception):
    """One line for the user: why this path or address cannot be used."""


def database_target(url: str):
    """The parsed address; refuses an unknown scheme and a bare word that is no path (`notaurl`
    would otherwise become an SQLite file of that name in the current folder)."""
    from kiosk.db import backend

    if not url.startswith(POSTGRESQL + ("sqlite://",)):
        looks_like_path = os.sep in url or "/" in url or os.path.splitext(url)[1] or os.path.exists(url)
        if "://" in url or not looks_like_path:
            raise PathRefused(_("{url} is not a database address: write sqlite:///path.db, postgresql://… or a file path like ./kiosk.db.").format(url=url))
    try:
        return backend.parse_url(url)
    except backend.DatabaseUnavailable as exc:
        raise PathRefused(str(exc)) from None


def require_folder(path: str) -> None:
    """The folder `path` would be written into must exist already."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise PathRefused(_("The folder {folder} does not exist.").format(folder=folder))


def require_file(path: str) -> None:
    """An existing file to read, said the same way in every language (not the system's words)."""
    if os.path.isdir(path):
        raise PathRefused(_("{path} is a folder, not a file.").format(path=path))
    if not os.path.exists(path):
        raise PathRefused(_("No such file: {path}").format(path=path))


def not_a_database(path: str) -> str:
    return _("{path} is not a kiosk database.").format(path=path)


def require_database_file(path: str) -> None:
    """A file already at `path` must be an SQLite database (an empty file is a new one)."""
    if os.path.isdir(path):
        raise PathRefused(_("{path} is a folder, not a file.").format(path=path))
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError:
        return  # unreadable: the driver says why, in the same one line as other opening errors
    if head and head != SQLITE_HEADER:
        raise PathRefused(not_a_database(path))


def output_file(path: str, force: bool) -> str:
    """Where a command may write: its folder exists, and an existing file only with --force."""
    require_folder(path)
    if os.path.isdir(path):
        raise PathRefused(_("{path} is a folder, not a file.").format(path=path))
    if os.path.exists(path) and not force:
        raise PathRefused(_("{file} exists; add --force to overwrite it.").format(file=path))
    return os.path.abspath(path)
