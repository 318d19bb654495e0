"""A screen's first read before anything is painted: the app's first screen (the lobby's home)
is then composed once, with its data, instead of a "Reading…" frame composed, laid out and
painted only to be composed again a moment later (the larger part of the start-up's cost after
the imports). The read runs in a thread with its own connection; only the wait for its answer
is on the UI thread, bounded, and before the first frame there is nothing else for it to do.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from kiosk.db import connection
from kiosk.textual_hooks import app_context

log = logging.getLogger("kiosk")


class ReadAhead:
    """`read()` started now in a thread; `answer(wait_s)` waits for it."""

    def __init__(self, app, read: Callable[[], Any]) -> None:
        self._app, self._read = app, read
        self._answer: list = []
        self._thread = threading.Thread(target=self._work, name="first read", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        try:
            with app_context(self._app), connection.for_thread():
                self._answer.append(self._read())
        except Exception as error:  # the screen's own read meets it again and handles it
            log.info("the first read failed (%s); the screen reads again", type(error).__name__)

    def answer(self, wait_s: float) -> Any:
        """The answer if it came within `wait_s` (from now), else None: the screen then reads as
        usual, in a worker, and a failure is shown the usual way."""
        self._thread.join(wait_s)
        return self._answer[0] if self._answer else None
