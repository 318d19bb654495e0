"""Reading the database off the UI thread: a key press never waits for it.

A screen (or the app) names a read — a function calling the domain — that runs in a named thread
worker with the thread's own connection (`db/connection.for_thread`); its answer, or its error,
comes back to the UI thread, where it is shown. On one estate's SQLite a read takes microseconds,
but on a sub-district's PostgreSQL every round trip would otherwise land on a key press.
"""

from __future__ import annotations

import inspect
import logging
from typing import Any, Callable

from kiosk.db import connection
from kiosk.textual_hooks import app_context

log = logging.getLogger("kiosk")

GROUP = "screen-read"  # the group of every such worker (tests wait for it to be done)


def read_off_ui(app, read: Callable[[], Any], done: Callable[[Any], Any], failed: Callable[[BaseException], Any],
                *, name: str):
    """Run `read()` in a thread worker; then `done(answer)` or `failed(error)` on the UI thread
    (either may be a coroutine function). An error in `done` or `failed` themselves goes to
    `app.recover` (the lobby's pause screen or stale note) when the app has one."""

    def work() -> None:
        try:
            # `self.app` inside a read: a screen read before it is pushed (apps/lobby.py open_screen)
            # has no parent to find the app by, so the thread is told which app it works for.
            with app_context(app), connection.for_thread():
                answer = read()
        except Exception as error:
            hand_over(app, _guarded, app, failed, error)
            return
        hand_over(app, _guarded, app, done, answer)

    return app.run_worker(work, thread=True, name=name, group=GROUP, exit_on_error=False)


async def read_now(app, read: Callable[[], Any], *, name: str) -> Any:
    """`await` the answer of `read()`, run in a thread worker: for a handler that cannot go on
    without it (a typed code looked up). The app (its clock, live data, other screens) runs
    meanwhile; the read's error is raised here, as if it had been called in place."""
    from textual.worker import WorkerFailed

    def work():
        with connection.for_thread():
            return read()

    worker = app.run_worker(work, thread=True, name=name, group=GROUP, exit_on_error=False)
    try:
        return await worker.wait()
    except WorkerFailed as failed:
        raise failed.error from None


async def _guarded(app, method, arg) -> None:
    try:
        result = method(arg)
        if inspect.isawaitable(result):
            await result
    except Exception as error:
        recover = getattr(app, "recover", None)
        if recover is None:
            raise
        recover(error)


def hand_over(app, method, *args) -> None:
    """From a worker thread: call `method(*args)` on the UI thread and wait for it; nothing if the
    app has closed meanwhile."""
    try:
        app.call_from_thread(method, *args)
    except RuntimeError:  # the app is no longer running
        log.info("a worker finished after the app closed")


class ScreenReads:
    """For a Screen that shows data (the lobby's and the staff console's): it declares `read()`,
    which `start_read()` runs in a worker; the answer arrives in `show_read(data)` on the UI
    thread, only the newest one and only while the screen is still open; an error goes to
    `app.recover(error)`, the app's one place for a database out of reach or lost."""

    data = None  # what `read()` last returned; None until its first answer
    _read_serial = 0  # the newest read asked for: an older answer is dropped

    def read(self):
        """What this screen shows from the database: domain calls only, returning anything but
        None. Runs in a thread worker with its own connection, so it must not touch widgets
        (plain values of the screen, `self.app.estate`, are fine)."""
        return None

    def reads(self) -> bool:
        return type(self).read is not ScreenReads.read

    def waiting(self) -> bool:
        """True until the first answer of a screen that reads."""
        return self.data is None and self.reads()

    def start_read(self) -> None:
        """Read (again) in a worker. A read already under way still runs, but only the newest
        answer is shown."""
        self._read_serial += 1
        serial = self._read_serial
        read_off_ui(self.app, self.read, lambda data: self._read_done(serial, data),
                    lambda error: self._read_failed(serial, error), name=f"read {type(self).__name__}")

    def _current_read(self, serial: int) -> bool:
        return serial == self._read_serial and self in self.app.screen_stack

    async def _read_done(self, serial: int, data) -> None:
        if not self._current_read(serial):
            return  # left meanwhile, or a newer read was asked for
        if not self.is_mounted:  # still mounting its frame: after that, in the screen's own queue
            self.call_later(self._read_done, serial, data)
            return
        await self.show_read(data)

    def _read_failed(self, serial: int, error: BaseException) -> None:
        if self._current_read(serial):
            self.app.recover(error)

    async def show_read(self, data) -> None:
        """The answer arrived (UI thread): show it."""
        self.data = data
