"""End the process when its terminal goes away.

A dropped SSH link usually brings SIGHUP, but not always (the process may not own the terminal, or
SIGHUP may be ignored by whatever started it); Textual then reads end-of-file in a loop at ~100%
of a core (Textual PR #6690). A small thread polls the terminal's descriptors: a hang-up shows as
POLLHUP/POLLERR/POLLNVAL. It asks the app to exit, and if the app has not gone `grace` seconds
later it ends the process hard. Writes are single transactions, so an interrupted one is rolled
back by the database: nothing is left half-saved.
"""

from __future__ import annotations

import logging
import os
import select
import threading
from typing import Callable, Iterable

log = logging.getLogger("kiosk")

EXIT_HANGUP = 129  # 128 + SIGHUP, as a shell would report it
_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def terminal_gone(fds: Iterable[int]) -> bool:
    """True when any of the descriptors has hung up or is no longer open."""
    poller = select.poll()
    for fd in fds:
        poller.register(fd, 0)  # no events asked for: hang-up and errors are always reported
    try:
        return any(events & _GONE for _fd, events in poller.poll(0))
    except OSError:
        return True


class TerminalWatch:
    def __init__(self, on_lost: Callable[[], None], fds: Iterable[int] = (0, 1), *,
                 interval: float = 0.5, grace: float = 3.0) -> None:
        self.on_lost = on_lost
        self.fds = tuple(fds)
        self.interval = interval
        self.grace = grace
        self._stop = threading.Event()
        self._lost = threading.Event()
        self._thread = threading.Thread(target=self._run, name="terminal-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    @property
    def lost(self) -> bool:
        return self._lost.is_set()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            if terminal_gone(self.fds):
                self.hang_up("terminal hung up")
                return

    def hang_up(self, why: str) -> None:
        """The terminal is gone (also called on SIGHUP): exit now, and for sure within `grace`."""
        if self._lost.is_set():
            return
        self._lost.set()
        log.warning("admin: %s; exiting", why)
        deadline = threading.Timer(self.grace, os._exit, args=(EXIT_HANGUP,))
        deadline.daemon = True
        deadline.start()
        try:
            self.on_lost()
        except Exception:  # the app may already be shutting down
            log.exception("admin: exit after hang-up failed")
