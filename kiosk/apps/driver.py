"""The terminal driver of the three apps: Textual's LinuxDriver with its input and output made safe.

Stock Textual ends the app (with a traceback on screen) on one byte that is not UTF-8, reads
end-of-file in a loop at full speed once the terminal is gone, and its writer thread dies on the
first EIO, after which the app blocks for ever in `Queue.put` (an orphan that ignores SIGTERM).
Here, undecodable bytes are dropped, end-of-file and read/write errors are reported to the
terminal guard (kiosk.apps.terminal_watch) once, and output to a terminal known to be gone is
dropped so that nothing waits on it.

This is the ONE module that relies on Textual internals (tests/reliability/test_terminal_loss.py
checks them, so an upgrade that moves them fails a test instead of the kiosk):
- `LinuxDriver.run_input_thread` is the whole input loop; it is replaced here;
- `LinuxDriver._file` is the file its writer thread writes to; it is replaced by `TerminalOutput`;
- `XTermParser` (textual._xterm_parser) turns the decoded text into key and mouse events;
- the Driver base's `_app`, `_loop` and `_debug`, which every Textual driver uses.
"""

from __future__ import annotations

import codecs
import errno
import logging
import os
import select
import selectors
import threading
from typing import Callable

from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

from kiosk import memory
from kiosk.textual_hooks import escape_delay, set_escape_delay

log = logging.getLogger("kiosk")

READ_SIZE = 4096
IDLE_WAIT_S = 0.1  # the input loop looks at the parser's timeouts at least this often (Textual's)
# A write waits for room at most this long at a time, then looks whether the terminal was
# declared gone meanwhile.
WRITE_POLL_MS = 200
# Errors that mean "try again" rather than "the terminal is gone".
_RETRY = (errno.EAGAIN, errno.EINTR)


class TerminalOutput:
    """The file Textual's writer thread writes to: raw writes to the terminal's descriptor.

    Never raises: the first error (EIO from a closed pty, EBADF …) reports the terminal lost and
    every later write is dropped, so the writer thread keeps emptying its queue and the app never
    blocks in `Queue.put`. Holds no lock of Python's own `sys.stderr`, which could otherwise
    stall the interpreter's last flush."""

    def __init__(self, fd: int, encoding: str, on_lost: Callable[[str], None]) -> None:
        self.fd = _nonblocking_twin(fd)
        self.encoding = encoding
        self.on_lost = on_lost
        self.abandoned = threading.Event()
        self._poll = select.poll()
        self._poll.register(self.fd, select.POLLOUT)

    def abandon(self) -> None:
        """Drop this and every later write (the terminal is gone)."""
        self.abandoned.set()

    def write(self, text: str) -> int:
        data = memoryview(text.encode(self.encoding, "replace"))
        while data and not self.abandoned.is_set():
            try:
                if not self._poll.poll(WRITE_POLL_MS):
                    continue  # full: nobody reads just now (or the terminal is gone: see abandon)
                data = data[os.write(self.fd, data):]
            except OSError as exc:
                if exc.errno in _RETRY:
                    continue
                self.abandon()
                self.on_lost(f"write: {exc.strerror or exc}")
        return len(text)

    def flush(self) -> None:
        """Nothing is buffered here."""

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)


def _nonblocking_twin(fd: int) -> int:
    """The terminal behind `fd` opened again, non-blocking: a write to a terminal nobody reads
    then waits in poll() with a timeout instead of in the kernel for ever. A descriptor of our
    own, so that standard input (the same terminal) stays blocking. Falls back to `fd` itself
    when it is not a terminal or cannot be opened again."""
    try:
        twin = os.open(os.ttyname(fd), os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return fd
    return twin


class KioskDriver(LinuxDriver):
    """LinuxDriver whose input drops undecodable bytes and whose input and output report a
    lost terminal to `app.terminal_guard` (when the app runs under one) instead of failing."""

    def __init__(self, app, **kwargs) -> None:
        super().__init__(app, **kwargs)
        original = self._file
        self.output = TerminalOutput(original.fileno(), original.encoding or "utf-8", self.terminal_lost)
        self._file = self.output
        self.guard = getattr(app, "terminal_guard", None)
        if self.guard is not None:
            self.guard.attach(self._loop, self.output.abandon)

    def terminal_lost(self, why: str) -> None:
        """From the input or the writer thread: the terminal is gone."""
        self.output.abandon()
        if self.guard is not None:
            self.guard.report_lost(why)
        else:  # not under a guard (a bare app.run()): at least leave
            log.warning("terminal lost (%s); exiting", why)
            try:
                self._loop.call_soon_threadsafe(self._app.exit)
            except RuntimeError:  # the loop has closed: the app has already ended
                pass

    def run_input_thread(self) -> None:
        """Textual's input loop, with decoding that drops bytes that are not UTF-8 (a noisy
        line, a terminal in another encoding) and with end of input as the end of the terminal."""
        decode = codecs.getincrementaldecoder("utf-8")(errors="ignore").decode
        parser = XTermParser(self._debug)
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        lone_escape_s = getattr(self._app, "ESCAPE_DELAY_S", None)
        if lone_escape_s is not None and "ESCDELAY" not in os.environ:  # a deployer's ESCDELAY wins
            set_escape_delay(lone_escape_s)
        wait = IDLE_WAIT_S
        try:
            while not self.exit_event.is_set():
                ready = selector.select(wait)
                # Right after input (a lone Escape, maybe), look again as soon as the parser's
                # wait for the rest of a sequence is over, not a whole idle period later.
                wait = min(escape_delay(), IDLE_WAIT_S) if ready else IDLE_WAIT_S
                if ready:
                    try:
                        data = os.read(self.fileno, READ_SIZE)
                    except OSError as exc:
                        if exc.errno in _RETRY:
                            continue
                        self.terminal_lost(f"read: {exc.strerror or exc}")
                        return
                    if not data:
                        self.terminal_lost("end of input")
                        return
                    memory.input_seen()
                    text = decode(data)
                    if text:  # empty when every byte was dropped; feed("") means end of input
                        parser = self._pump(parser, parser.feed(text))
                parser = self._pump(parser, parser.tick())  # a lone Escape is a key after a pause
        finally:
            selector.close()

    def _pump(self, parser: XTermParser, events) -> XTermParser:
        """Pass the parser's events on; a parser that fails on odd input is replaced, never fatal."""
        try:
            for event in events:
                self.process_message(event)
        except Exception:
            log.warning("input: dropped a sequence the parser could not read", exc_info=True)
            return XTermParser(self._debug)
        return parser


def missing_hooks() -> list[str]:
    """The Textual internals this module relies on that are gone or changed (empty: all there)."""
    import inspect

    missing = []
    if "self._file = " not in inspect.getsource(LinuxDriver.__init__):
        missing.append("LinuxDriver._file")
    if "self.exit_event.set()" not in inspect.getsource(LinuxDriver.disable_input):
        missing.append("LinuxDriver.disable_input stopping the input loop by exit_event")
    if not callable(getattr(LinuxDriver, "run_input_thread", None)):
        missing.append("LinuxDriver.run_input_thread")
    elif "self.run_input_thread()" not in inspect.getsource(LinuxDriver._run_input_thread):
        missing.append("LinuxDriver._run_input_thread calling run_input_thread")
    if "WriterThread(self._file)" not in inspect.getsource(LinuxDriver.start_application_mode):
        missing.append("LinuxDriver.start_application_mode writing to self._file")
    for name in ("feed", "tick"):
        if not callable(getattr(XTermParser, name, None)):
            missing.append(f"XTermParser.{name}")
    return missing
