"""The one change detector for live screens: poll the revision number (a single-row read) in a
named thread worker, and post `DataChanged` when another process has written something.

Screens react to `DataChanged` by reloading what they show. On a database error the app keeps
what it shows and marks it stale (`DataStale`); it recovers by itself on the next good poll.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Callable, TypeVar

from textual.app import App
from textual.message import Message

from kiosk.db.models import database
from kiosk.domain import changes

POLL_SECONDS = 1.0
T = TypeVar("T")


@dataclasses.dataclass
class DataChanged(Message):
    revision: int


@dataclasses.dataclass
class DataStale(Message):
    since: float  # time.time() of the last good read
    error: str


class LiveData:
    """Mixin-free helper an App owns; KioskBaseApp starts it before the app's own start-up."""

    def __init__(self, interval: float = POLL_SECONDS) -> None:
        self.interval = interval
        self.revision: int | None = None
        self.last_good = time.time()
        self.stale = False
        self._app: App | None = None
        self._cache: dict = {}
        self._cache_revision: int | None = None

    def baseline(self) -> None:
        """Take the baseline now. Call it before anything reads data for a screen: a write
        landing between that read and the first poll is then a change like any other."""
        if self.revision is None:
            try:
                self.revision = changes.revision()
            except Exception:  # unreadable now: the first poll reports it (DataStale) or the change
                pass

    def cached(self, key, compute: Callable[[], T]) -> T:
        """`compute()`, kept until the detector sees a write from any process: screens opened
        again and again (every lobby section lists the estate's projects) read the database
        once per change instead of once per key press. A write shows within a poll, as on any
        live screen (which reloads on DataChanged)."""
        if self._cache_revision != self.revision:
            self._cache.clear()
            self._cache_revision = self.revision
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def start(self, app: App) -> None:
        """Take the baseline (unless already taken), then poll."""
        self._app = app
        self.baseline()
        app.set_interval(self.interval, self._tick, name="revision-poll")

    def _tick(self) -> None:
        assert self._app is not None
        self._app.run_worker(self._read, thread=True, exclusive=True, group="revision-poll", name="revision-poll", exit_on_error=False)

    def _read(self) -> None:
        app = self._app
        try:
            with database.connection_context():
                rev = changes.revision()
        except Exception as exc:  # a locked, moved or stopped database: keep showing, mark stale
            if not self.stale:
                self.stale = True
            app.call_from_thread(app.post_message, DataStale(self.last_good, str(exc)))
            return
        self.last_good = time.time()
        was_stale, self.stale = self.stale, False
        if rev != self.revision or was_stale:  # (no baseline yet counts as a change too)
            self.revision = rev
            app.call_from_thread(app.post_message, DataChanged(rev))
