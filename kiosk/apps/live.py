"""The one change detector for live screens: poll the revision number (a single-row read) in a
named thread worker, and post `DataChanged` when another process has written something.

Screens react to `DataChanged` by reloading what they show. On a database error the app keeps
what it shows and marks it stale (`DataStale`); it recovers by itself on the next good poll.
"""

from __future__ import annotations

import dataclasses
import time

from textual.app import App
from textual.message import Message

from kiosk.db.models import database
from kiosk.domain import changes

POLL_SECONDS = 1.0


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

    def baseline(self) -> None:
        """Take the baseline now. Call it before anything reads data for a screen: a write
        landing between that read and the first poll is then a change like any other."""
        if self.revision is None:
            try:
                self.revision = changes.revision()
            except Exception:  # unreadable now: the first poll reports it (DataStale) or the change
                pass

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
