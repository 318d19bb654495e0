"""The one scheduler for changes the clock makes by itself: a notice goes live or expires, a
poll opens or closes, the day ends. No write happens then, so the change detector sees nothing.

One timer, set for the next boundary the app reports (`next_change`); when it passes, the app
gets the same `DataChanged` a write would bring, and re-arms after its refresh. Timers run in
real seconds while kiosk time may run faster (KIOSK_CLOCK_SPEED) or be frozen by tests, which
call `recheck()` after moving the clock.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Callable

from textual.app import App
from textual.timer import Timer

from kiosk import clock
from kiosk.db import connection

log = logging.getLogger("kiosk")

# Real seconds. The longest wait checks the wall clock again: a box without a battery-backed
# clock steps its time at boot (NTP), which a monotonic timer would not notice.
LONGEST_WAIT = 300.0
SHORTEST_WAIT = 0.05


class ChangeSchedule:
    def __init__(self, app: App, next_change: Callable[[], dt.datetime | None],
                 on_due: Callable[[], None]) -> None:
        self._app = app
        self._next_change = next_change
        self._on_due = on_due
        self.due: dt.datetime | None = None
        self._timer: Timer | None = None

    def arm(self) -> None:
        """Ask the app for its next boundary and set the timer for it. A failed read leaves the
        old boundary in place (the refresh after the outage arms again). On the UI thread the
        read borrows the workers' idle connection rather than keeping one of its own."""
        with connection.for_thread():
            self.due = self._next_change()
        self._set_timer()

    def recheck(self) -> bool:
        """Tell the app if its boundary has passed (True); else the timer waits on. The timer
        calls it, and so may a loop the app runs anyway (the display's tick), or a test that
        moved a frozen clock."""
        if self.due is not None and clock.now() >= self.due:
            self.due = None
            self._stop()
            self._on_due()
            return True
        return False

    def _set_timer(self) -> None:
        self._stop()
        wait = LONGEST_WAIT
        if self.due is not None:
            wait = (self.due - clock.now()).total_seconds() / clock.speed()
        wait = min(LONGEST_WAIT, max(SHORTEST_WAIT, wait))
        self._timer = self._app.set_timer(wait, self._fired, name="change-schedule")

    def _fired(self) -> None:
        self._timer = None  # one-shot and done: not to be cancelled from inside its own run
        if not self.recheck():
            self._set_timer()  # early (the longest wait, a clock stepped back): wait again

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
