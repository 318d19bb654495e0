"""Open the store named by a URL and bind the models to it; the one way threads get their
connection (`for_thread`), and what an app does when a read fails (`is_outage`, `drop`,
`lost_for_good`)."""

from __future__ import annotations

import contextlib
import os
from typing import Iterator

import peewee as pw

from kiosk.db import backend, idle, models, schema
from kiosk.i18n import N_, _

DatabaseUnavailable = backend.DatabaseUnavailable


def connect(url: str, *, check_schema: bool = True, cache_kib: int | None = None) -> pw.Database:
    """Bind the models to `url`. With check_schema, refuse a missing, old or newer schema.
    `cache_kib`: SQLite's page cache per connection (see backend.open_database)."""
    target = backend.parse_url(url)
    if target.kind == "sqlite" and target.path != ":memory:" and check_schema:
        import os

        if not os.path.exists(target.path):
            raise schema.SchemaError(
                _("No database at {path}: run `kiosk init` or `kiosk demo` first.").format(path=target.path)
            )
    db = backend.open_database(target, create=not check_schema, cache_kib=cache_kib)
    models.database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
    except pw.OperationalError as exc:
        raise DatabaseUnavailable(
            _("Cannot open the database {where}: {error}").format(where=target.describe(), error=why(exc))
        ) from None
    if check_schema:
        schema.check(db)
    return db


# The drivers' reasons for a connection that failed are in English: the common ones in the user's
# language, matched by what libpq and SQLite say; any other as the driver says it.
_DRIVER_REASONS = (
    ("connection refused", N_("the server refused the connection: is it running, on that port?")),
    ("could not translate host name", N_("the server's name is not known")),
    ("name or service not known", N_("the server's name is not known")),
    ("password authentication failed", N_("the user name or password was refused")),
    ("no password supplied", N_("the address has no password")),
    ("does not exist", N_("there is no such database or user on the server")),
    ("timeout expired", N_("no answer in time")),
    ("unable to open database file", N_("the file cannot be opened")),
    ("readonly database", N_("the database is read-only")),  # a read-only file or folder
)


def why(exc: BaseException) -> str:
    """Why a database could not be opened or written, on one line in the user's language."""
    text = backend.one_line(exc)
    lowered = text.lower()
    for phrase, reason in _DRIVER_REASONS:
        if phrase in lowered:
            return _(reason)
    return text


def close() -> None:
    db = models.database.obj
    if db is not None:
        idle.forget(db)
        if not db.is_closed():
            db.close()


def current() -> pw.Database:
    return models.database.obj


@contextlib.contextmanager
def for_thread() -> Iterator[pw.Database]:
    """This thread's own connection for the block: how worker threads (the change detector,
    the display's reads, the audit check) read. Peewee connections are per thread, and every
    worker is a new thread: a block that went well hands its connection back for the next
    block on any thread (kiosk.db.idle), so a read pays no connection set-up (on PostgreSQL
    behind a network, several round trips). A block that failed on a database error closes it,
    and forgets the idle ones, so the next block connects afresh and a restarted server or a
    released lock heals by itself. A connection the thread already had is kept."""
    db = models.database
    opened = db.is_closed()
    if opened and not idle.take(db.obj):
        db.connect()
    try:
        yield db.obj
    except BaseException as exc:
        if opened:
            if isinstance(exc, (pw.PeeweeException, DatabaseUnavailable, OSError)):
                drop()
            else:  # a refusal (a typed code not found) says nothing about the connection
                idle.give_back(db.obj)
        raise
    if opened:
        idle.give_back(db.obj)


def hand_on() -> None:
    """This thread is done reading for now: its connection goes to the next worker block
    (kiosk.db.idle) instead of staying open beside the workers' own. Should the thread read
    again, peewee connects it afresh."""
    db = models.database.obj
    if db is not None:
        idle.give_back(db)


def drop() -> None:
    """Forget this thread's connection (broken or not) so that its next read reconnects. Called
    where a read failed; inside a transaction the transaction's own exit does the cleaning."""
    db = models.database.obj
    if db is None:
        return
    idle.forget(db)  # after an error the idle ones may be as broken
    if db.is_closed() or db.in_transaction():
        return
    try:
        db.close()
    except pw.DatabaseError:  # the driver could not even close it: it is gone anyway
        db.dispose()


def is_outage(error: BaseException) -> bool:
    """A database error that passes by itself (a lock, a server restarting, the network gone),
    as opposed to a bug: the app keeps what it shows and tries again."""
    return isinstance(error, (pw.OperationalError, pw.InterfaceError, DatabaseUnavailable))


def lost_for_good() -> str | None:
    """Why the database may never come back to this process (its SQLite file is gone), in words
    for people; None while it may. The change detector believes it only after LOST_AFTER_S (a
    file can be moved back); schema changes are caught where the version is read."""
    db = models.database.obj
    if db is not None and backend.is_sqlite(db) and db.database != ":memory:" and not os.path.exists(db.database):
        return _("The database file {path} is gone.").format(path=db.database)
    return None
