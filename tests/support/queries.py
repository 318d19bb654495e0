"""Watching the database's queries through peewee's own query hook on the real connection: which
thread each ran on (`QueryLog`), and a database that answers late (`SlowReads`)."""

from __future__ import annotations

import contextlib
import threading

from kiosk.db import connection


class QueryLog:
    """A peewee query hook: the SQL of every query that ran on the UI (main) thread."""

    def __init__(self) -> None:
        self.on_ui: list[str] = []
        self.off_ui = 0

    def __call__(self, event) -> None:
        if threading.current_thread() is threading.main_thread():
            self.on_ui.append(event.sql)
        else:
            self.off_ui += 1


class SlowReads:
    """A peewee query hook that keeps every query of a worker thread waiting until `release()`:
    the database answers late, as a server far away does."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.open.set()
        self.held = 0

    def hold(self) -> None:
        self.open.clear()

    def release(self) -> None:
        self.open.set()

    def __call__(self, event) -> None:
        if threading.current_thread() is not threading.main_thread() and not self.open.is_set():
            self.held += 1
            self.open.wait(30)


@contextlib.contextmanager
def query_hook(hook):
    """`hook` sees every query of the connection (every thread's) for the block."""
    hooks = connection.current().query_hooks
    hooks.append(hook)
    try:
        yield hook
    finally:
        hooks.remove(hook)
