"""Connections that worker threads handed back, for the next worker on any thread.

Every Textual thread worker is a new thread, and peewee keeps one connection per thread: without
this, each screen read, display load and revision poll opened a connection and closed it again —
on a sub-district's PostgreSQL behind a network the TCP handshake and the authentication are
several round trips before the first query, on SQLite an open and its pragmas (most of an idle
display's CPU). Only `connection.for_thread` uses it; a connection is in one thread's hands at a
time (both drivers allow a connection to move between threads, never to be shared at once).

A connection is handed back only from a block that went well and outside a transaction. It is not
taken again when it is older than MAX_AGE_S, when the server closed it, or when its SQLite file
was replaced or removed (the read that connects afresh then says so, as before); an error anywhere
forgets them all (`forget`).
"""

from __future__ import annotations

import os
import threading
import time

import peewee as pw

from kiosk.db import backend

MAX_IDLE = 4  # more than the reads that run at once in one app
MAX_AGE_S = 300.0  # then connect afresh: no connection lives for months

_lock = threading.Lock()
_ATTR = "_kiosk_idle"  # on the Database object: a new database (tests, migrate-to) has its own


def _file_id(db: pw.Database) -> tuple[int, int] | None:
    """The SQLite file's identity (device, inode); None when it is gone."""
    try:
        st = os.stat(db.database)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _poolable(db: pw.Database) -> bool:
    return not (backend.is_sqlite(db) and db.database == ":memory:")  # each connection its own database


def _healthy(db: pw.Database, conn) -> bool:
    if backend.is_sqlite(db):
        return not conn.in_transaction
    import psycopg2.extensions

    return conn.closed == 0 and conn.info.transaction_status == psycopg2.extensions.TRANSACTION_STATUS_IDLE


def _close(conn) -> None:
    try:
        conn.close()
    except Exception:  # already gone: nothing to release
        pass


def give_back(db: pw.Database) -> None:
    """This thread is done with its connection: keep it for the next block (or close it)."""
    if db.is_closed():
        return
    conn = db._state.conn
    keep = _poolable(db) and not db.in_transaction() and _healthy(db, conn)
    where = _file_id(db) if keep and backend.is_sqlite(db) else None
    db.dispose()  # forgotten by this thread, not closed
    if keep and (where is not None or not backend.is_sqlite(db)):
        with _lock:
            pool = db.__dict__.setdefault(_ATTR, [])
            if len(pool) < MAX_IDLE:
                pool.append((conn, time.monotonic(), where))
                return
    _close(conn)


def take(db: pw.Database) -> bool:
    """Give this thread an idle connection if there is a good one (True), else nothing (False)."""
    if not _poolable(db):
        return False
    while True:
        with _lock:
            pool = db.__dict__.get(_ATTR)
            if not pool:
                return False
            conn, since, where = pool.pop()
        fresh = time.monotonic() - since < MAX_AGE_S
        if fresh and (not backend.is_sqlite(db) or _file_id(db) == where) and _healthy(db, conn):
            db._state.set_connection(conn)
            return True
        _close(conn)


def forget(db: pw.Database) -> None:
    """Close every idle connection (after an error, or when the database is closed)."""
    with _lock:
        pool = db.__dict__.pop(_ATTR, [])
    for conn, _since, _where in pool:
        _close(conn)
