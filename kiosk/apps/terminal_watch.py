"""How lobby, admin and display end when they must: one guard for the three apps.

Two things end an app from outside. SIGTERM (the service manager): the app exits cleanly, and
whatever happens within `stop_grace` seconds — less than the units' TimeoutStopSec. A lost
terminal (SIGHUP; a hung-up descriptor; end of input, EIO on read or write, reported by
kiosk.apps.driver): the app exits, and whatever happens within `hangup_grace` seconds, so that no
orphan keeps the database open or spins a core on a dead terminal.

The "whatever happens" must not depend on the main thread: it may be blocked for ever (Textual's
writer queue full on a dead terminal), and asyncio's signal callbacks only run when the event
loop does. So signals are caught by plain handlers that only write a byte to a pipe; a watcher
thread reads that pipe and polls the terminal, asks the app to leave through its event loop,
and at the deadline lets the app say its last words (the console's sign-out), restores the
terminal's mode when the terminal is still there, and ends the process with os._exit. Writes are
single transactions, so one cut short is rolled back by the database: nothing is left half-saved.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
import select
import signal
import sys
import termios
import threading
import time
from typing import Callable

log = logging.getLogger("kiosk")

EXIT_HANGUP = 129  # 128 + SIGHUP, as a shell would report it
EXIT_TERMINATED = 143  # 128 + SIGTERM: the clean exit did not finish in time
HANGUP_GRACE = 1.2  # seconds from a lost terminal to the end, last words included: under 2 s
STOP_GRACE = 8.0  # from SIGTERM to the end: under the systemd units' TimeoutStopSec=10
LAST_WORDS_SECONDS = 0.5

_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL
_HANGUP, _STOP, _LOST = b"H", b"T", b"L"
# What Textual switches on, switched off: kitty keys, alternate screen, hidden cursor, focus
# and mouse reports, bracketed paste, no line wrap.
_RESET = ("\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l"
          "\x1b[?2004l\x1b[?7h").encode()


class TerminalGuard:
    """Watches signals and the terminal for one app (see the module's docstring).

    The app provides `stop_requested()`, `terminal_lost()` (both run in its event loop) and
    `last_words(reason)` (run in a thread of its own at the deadline, if the app is still there)."""

    def __init__(self, app, *, hangup_grace: float = HANGUP_GRACE, stop_grace: float = STOP_GRACE) -> None:
        self.app = app
        self.hangup_grace = hangup_grace
        self.stop_grace = stop_grace
        self.fds = tuple(fd for fd in (0, 1, 2) if os.isatty(fd))
        self.modes = {}  # the terminal's mode before the app changed it, restored at the deadline
        for fd in self.fds:
            try:
                self.modes[fd] = termios.tcgetattr(fd)
            except termios.error:
                pass
        self.lost = threading.Event()
        self.stopping = threading.Event()
        self.exit_code: int | None = None
        self._why_lost = "terminal lost"
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)  # a signal handler must never block
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pending: list[Callable[[], None]] = []
        self._abandon_output: Callable[[], None] = lambda: None
        self._thread = threading.Thread(target=self._watch, name="terminal-guard", daemon=True)

    @property
    def ended(self) -> bool:
        """A signal or a lost terminal asked the app to end."""
        return self.lost.is_set() or self.stopping.is_set()

    # ---- wiring (main thread, then the driver) -------------------------------------------

    def start(self) -> None:
        """From the main thread, before the app runs."""
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGHUP, self._on_signal)
        self._thread.start()

    def attach(self, loop: asyncio.AbstractEventLoop, abandon_output: Callable[[], None] | None = None) -> None:
        """The app's event loop is running (called by the driver): requests go to it from now on."""
        with self._lock:
            self._loop = loop
            if abandon_output is not None:
                self._abandon_output = abandon_output
            pending, self._pending = self._pending, []
        if self.lost.is_set():
            self._abandon_output()
        for callback in pending:
            self._call(callback)

    # ---- reports (any thread, or a signal handler) -------------------------------------------

    def _on_signal(self, signum, _frame) -> None:
        try:
            os.write(self._wake_w, _HANGUP if signum == signal.SIGHUP else _STOP)
        except OSError:  # the pipe is full: the watcher has plenty to read already
            pass

    def report_lost(self, why: str) -> None:
        """From the driver's threads: end of input, or a read or write error."""
        self._why_lost = why
        try:
            os.write(self._wake_w, _LOST)
        except OSError:
            pass

    # ---- the watcher thread ------------------------------------------------------------------

    def _watch(self) -> None:
        poller = select.poll()
        poller.register(self._wake_r, select.POLLIN)
        for fd in self.fds:
            poller.register(fd, 0)
        deadline: float | None = None
        while True:
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic()) * 1000
            for fd, events in poller.poll(timeout):
                if fd == self._wake_r:
                    for byte in os.read(self._wake_r, 64):
                        deadline = self._handle(bytes([byte]), deadline)
                elif events & _GONE:
                    self._why_lost = "terminal hung up"
                    deadline = self._handle(_LOST, deadline)
                    for tty in self.fds:  # reported once: a hung-up descriptor stays readable
                        poller.unregister(tty)
                    self.fds = ()
            if deadline is not None and time.monotonic() >= deadline:
                self._give_up()
                return

    def _handle(self, what: bytes, deadline: float | None) -> float | None:
        now = time.monotonic()
        if what in (_HANGUP, _LOST) and not self.lost.is_set():
            self.lost.set()
            self.exit_code = EXIT_HANGUP
            log.warning("%s: %s; exiting", _name(self.app), "SIGHUP" if what == _HANGUP else self._why_lost)
            with self._lock:
                abandon = self._abandon_output
            abandon()  # nobody will read it: the writer must not block the app's way out
            self._call(self.app.terminal_lost)
            return min(deadline or float("inf"), now + self.hangup_grace)
        if what == _STOP and not self.stopping.is_set():
            self.stopping.set()
            if self.exit_code is None:
                self.exit_code = EXIT_TERMINATED
            log.info("%s: SIGTERM; exiting", _name(self.app))
            if not self.lost.is_set():
                self._call(self.app.stop_requested)
            return min(deadline or float("inf"), now + self.stop_grace)
        return deadline

    def _call(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if self._loop is None:
                self._pending.append(callback)
                return
            loop = self._loop
        try:
            loop.call_soon_threadsafe(_safely, callback)
        except RuntimeError:  # the loop has closed: the app is on its way out anyway
            pass

    def _give_up(self) -> None:
        """The app did not end in time: last words, the terminal's mode, then the end."""
        log.error("%s: still running %s; ending the process", _name(self.app),
                  "after the terminal was lost" if self.lost.is_set() else "after SIGTERM")
        words = threading.Thread(target=_safely, args=(self.app.last_words, "hangup" if self.lost.is_set() else "terminated"),
                                 name="last-words", daemon=True)
        words.start()
        words.join(LAST_WORDS_SECONDS)
        if not self.lost.is_set():
            self.restore_terminal()
        _flush_logs()
        os._exit(self.exit_code or EXIT_TERMINATED)

    def restore_terminal(self) -> None:
        """The mode the terminal had before the app, and the screen back; never blocks."""
        for fd, mode in self.modes.items():
            try:
                termios.tcsetattr(fd, termios.TCSANOW, mode)
            except termios.error:
                pass
        fd = 2 if 2 in self.modes else next(iter(self.modes), None)
        if fd is None:
            return
        try:
            flags = fcntl.fcntl(fd, fcntl.F_GETFL)
            fcntl.fcntl(fd, fcntl.F_SETFL, flags | os.O_NONBLOCK)
            try:
                os.write(fd, _RESET)
            finally:
                fcntl.fcntl(fd, fcntl.F_SETFL, flags)
        except OSError:  # full or gone: the mode at least is back
            pass

    # ---- the end --------------------------------------------------------------------------

    def leave(self, code: int) -> None:
        """After the app ended because of a signal or a lost terminal: close the database and the
        log, and end the process now; the interpreter's own shutdown would flush standard
        streams that may be a dead terminal. The deadline still stands while this runs."""
        from kiosk.db import connection

        try:
            connection.close()
        except Exception:
            log.exception("%s: closing the database on the way out failed", _name(self.app))
        if not self.lost.is_set():
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
        _flush_logs()
        os._exit(code)


def run_on_terminal(app, **run_options) -> int:
    """Run `app` (a KioskBaseApp) on this process's terminal under a TerminalGuard; the exit status."""
    guard = TerminalGuard(app)
    app.terminal_guard = guard
    guard.start()
    try:
        app.run(**run_options)
    except OSError:  # Textual's last words to a terminal that is gone
        if not guard.lost.is_set():
            raise
    code = app.return_code if app.return_code is not None else guard.exit_code
    if guard.ended:
        guard.leave(int(code or 0))
    return int(code or 0)


def _safely(callback: Callable, *args) -> None:
    try:
        callback(*args)
    except Exception:  # on the way out: leaving matters more than what failed
        log.exception("exiting: %r failed", callback)


def _flush_logs() -> None:
    for handler in logging.getLogger("kiosk").handlers:
        try:
            handler.flush()
        except Exception:
            pass


def _name(app) -> str:
    return type(app).__name__
