"""The one change detector for live screens: poll the revision number (a single-row read) in a
named thread worker, and post `DataChanged` when another process has written something, or when
the clock passed a boundary the app asked for (kiosk.apps.schedule).

Screens react to `DataChanged` by reloading what they show. On a database error the app keeps
what it shows and marks it stale (`DataStale`); a failed poll closes its connection and the next
connects afresh (a good one hands its connection on: kiosk.db.idle), so the first good poll after
an outage (a lock released, a server back) brings `DataChanged` and the screens heal.
A database that will never come back to this process (its file gone, its schema changed by
another program) is `DataLost`: the app exits with EXIT_RESTART for the service manager.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import Callable, TypeVar

from textual.app import App
from textual.message import Message

from kiosk.apps.schedule import ChangeSchedule
from kiosk.db import backend, connection, schema
from kiosk.domain import changes

log = logging.getLogger("kiosk")

POLL_SECONDS = 1.0
# A SQLite file missing for this long is gone (moved or deleted), not briefly unavailable.
LOST_AFTER_S = 10.0
# A poll still without an answer after this long is an outage too: a server that hangs or a
# network gone silent sends no error, the read just waits. (SQLite's read busy timeout and
# PostgreSQL's connect timeout end in an error of their own before or about then.)
NO_ANSWER_S = 5.0
EXIT_RESTART = 75  # EX_TEMPFAIL: the service manager starts the app again
T = TypeVar("T")


@dataclasses.dataclass
class DataChanged(Message):
    revision: int


@dataclasses.dataclass
class DataStale(Message):
    since: float  # time.time() of the last good read
    error: str


@dataclasses.dataclass
class DataLost(Message):
    reason: str  # one line for people


class LiveData:
    """Mixin-free helper an App owns; KioskBaseApp starts it before the app's own start-up.
    An app with a `next_change()` method (the next moment its screens change by the clock
    alone) also gets `schedule`, which it re-arms with `rearm()` after each refresh."""

    def __init__(self, interval: float = POLL_SECONDS) -> None:
        self.interval = interval
        self.revision: int | None = None
        self.last_good = time.time()
        self.stale = False
        self.schedule: ChangeSchedule | None = None
        self._app: App | None = None
        self._reading = False
        self._poll_started = 0.0
        self._missing_since: float | None = None
        self._cache: dict = {}
        self._cache_revision: int | None = None

    def baseline(self) -> None:
        """Take the baseline now. Call it before anything reads data for a screen: a write
        landing between that read and the first poll is then a change like any other."""
        if self.revision is None:
            try:
                self.revision = changes.revision()
            except Exception:  # unreadable now: the first poll reports it (DataStale) or the change
                connection.drop()

    def cached(self, key, compute: Callable[[], T]) -> T:
        """`compute()`, kept until the detector sees a write from any process (or the clock
        passes a boundary): screens opened again and again (every lobby section lists the
        estate's projects) read the database once per change instead of once per key press.
        A write shows within a poll, as on any live screen (which reloads on DataChanged)."""
        if self._cache_revision != self.revision:
            self._cache.clear()
            self._cache_revision = self.revision
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def start(self, app: App) -> None:
        """Take the baseline (unless already taken), then poll; arm the schedule."""
        self._app = app
        self.baseline()
        app.set_interval(self.interval, self._tick, name="revision-poll")
        next_change = getattr(app, "next_change", None)
        if callable(next_change):
            self.schedule = ChangeSchedule(app, next_change, self._time_passed)
            try:
                self.schedule.arm()
            except Exception as exc:  # unreadable now: the refresh after the outage arms it
                connection.drop()
                log.warning("live: no time schedule yet: %s", backend.one_line(exc))

    def rearm(self) -> None:
        """After a refresh: wait for the app's next boundary. Read errors reach the caller."""
        if self.schedule is not None:
            self.schedule.arm()

    def report_stale(self, error: BaseException) -> None:
        """A read on the app's own thread failed: say so now; the next good poll brings
        DataChanged even if nothing was written meanwhile."""
        self.stale = True
        if self._app is not None:
            self._app.post_message(DataStale(self.last_good, backend.one_line(error)))

    def _time_passed(self) -> None:
        self._cache_revision = None  # what was read before the boundary is out of date
        assert self._app is not None
        self._app.post_message(DataChanged(self.revision or 0))

    def _tick(self) -> None:
        assert self._app is not None
        if self._reading:  # the last poll still waits (a lock, a connect timeout): no pile-up
            if not self.stale and time.monotonic() - self._poll_started >= NO_ANSWER_S:
                # Say so now; its answer, when it comes, brings DataChanged (see _poll).
                self.stale = True
                self._app.post_message(DataStale(self.last_good, "no answer from the database"))
            return
        self._reading = True
        self._poll_started = time.monotonic()
        self._app.run_worker(self._read, thread=True, group="revision-poll", name="revision-poll", exit_on_error=False)

    def _read(self) -> None:
        try:
            self._poll()
        finally:
            self._reading = False

    def _poll(self) -> None:
        try:
            with connection.for_thread():
                state = changes.state()
                if state.schema_version != schema.SCHEMA_VERSION:
                    schema.check(connection.current())  # says in words what changed
        except schema.SchemaError as exc:
            self._post(DataLost(str(exc)))
            return
        except Exception as exc:  # a locked, moved or stopped database: keep showing, mark stale
            reason = connection.lost_for_good()
            if reason is None:
                self._missing_since = None
            else:
                self._missing_since = self._missing_since or time.monotonic()
                if time.monotonic() - self._missing_since >= LOST_AFTER_S:
                    self._post(DataLost(reason))
                    return
            self.stale = True
            self._post(DataStale(self.last_good, backend.one_line(exc)))
            return
        self.last_good = time.time()
        self._missing_since = None
        was_stale, self.stale = self.stale, False
        if state.revision != self.revision or was_stale:  # (no baseline yet counts as a change too)
            self.revision = state.revision
            self._post(DataChanged(state.revision))

    def _post(self, message: Message) -> None:
        app = self._app
        assert app is not None
        try:
            app.call_from_thread(app.post_message, message)
        except RuntimeError:  # the app is closing
            pass
