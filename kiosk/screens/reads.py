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

log = logging.getLogger("kiosk")

GROUP = "screen-read"  # the group of every such worker (tests wait for it to be done)


def read_off_ui(app, read: Callable[[], Any], done: Callable[[Any], Any], failed: Callable[[BaseException], Any],
                *, name: str):
    """Run `read()` in a thread worker; then `done(answer)` or `failed(error)` on the UI thread
    (either may be a coroutine function). An error in `done` or `failed` themselves goes to
    `app.recover` (the lobby's pause screen or stale note) when the app has one."""

    def work() -> None:
        try:
            with connection.for_thread():
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
