"""The real lobby, console and display processes on real pseudo-terminals, when the terminal
misbehaves or goes away (kiosk.apps.driver, kiosk.apps.terminal_watch).

- A byte that is not UTF-8 (a noisy serial line, a terminal in GBK) is dropped: the app keeps
  running and answers the next keys; SIGTERM then ends it with the terminal's mode restored.
- A hang-up (SIGHUP; the pty master closed, with or without SIGHUP) while the app is in the middle
  of drawing big frames that nobody reads: the process is gone within 2 s, every time (before,
  the lobby could stay blocked in Textual's writer queue for ever, an orphan holding the database).
- SIGTERM while the app is blocked on a terminal nobody reads: gone within the units'
  TimeoutStopSec (10 s), the terminal's mode restored.
- The console records the staff member's sign-out when its terminal is lost that way.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from kiosk.apps import driver
from kiosk.apps.common import KioskBaseApp
from kiosk.config import Settings
from kiosk.db import connection
from kiosk.demo import DEMO_PASSWORD
from kiosk.domain import audit
from reliability.terminal_apps import Pty, set_size

pytestmark = pytest.mark.slow

GONE_WITHIN = 2.0  # after a lost terminal
STOP_WITHIN = 10.0  # after SIGTERM: TimeoutStopSec of deploy/kiosk-*.service
BIG = (60, 200)  # rows, columns: a frame of ~100 KB, more than a pty buffers
MODE_FLAGS = termios.ICANON | termios.ECHO | termios.ISIG | termios.IEXTEN

# Run by the child before the app: make the pty its controlling terminal (as under sshd or tmux),
# so that closing the master makes the kernel send SIGHUP.
_CONTROLLING = ("import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
                "os.execv(sys.executable, [sys.executable, '-m', 'kiosk'] + sys.argv[1:])")


class PtyApp(Pty):
    """`kiosk --db DB --lang LANG APP` on a fresh pseudo-terminal, read until `stall()`."""

    def __init__(self, db: str, app: str, workdir: Path, *, size=(24, 80), lang: str = "zh",
                 controlling: bool = True, extra: tuple[str, ...] = ()) -> None:
        args = ["--db", db, "--lang", lang, app, *extra]
        argv = [sys.executable, "-c", _CONTROLLING, *args] if controlling else [sys.executable, "-m", "kiosk", *args]
        super().__init__(argv, workdir / "data", size, LANG="C.UTF-8")

    def wait_for(self, text: str, since: int = 0, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if text.encode() in self.output[since:]:
                    return
            assert self.proc.poll() is None, f"ended early ({self.proc.returncode}): {self.tail()}"
            time.sleep(0.05)
        pytest.fail(f"{text!r} never appeared: {self.tail()}")

    def tail(self) -> str:
        with self.lock:
            return bytes(self.output[-600:]).decode("utf-8", "replace")

    def type(self, data: bytes) -> None:
        os.write(self.master, data)

    def stall(self) -> None:
        """Nobody reads from now on; then make the app draw big frames until its output backs up."""
        super().stall()
        for rows, cols in (BIG, (BIG[0] - 1, BIG[1] - 1), BIG):
            set_size(self.master, rows, cols)
            os.kill(self.proc.pid, signal.SIGWINCH)  # also when the pty is not its controlling terminal
            time.sleep(0.1)

    def gone_after(self, action, within: float) -> float:
        """Seconds from `action()` until the process has ended (fails after `within`)."""
        start = time.monotonic()
        action()
        try:
            self.proc.wait(timeout=within)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"still running {within} s later")
        return time.monotonic() - start

    def mode_now(self) -> list:
        return termios.tcgetattr(self.master)  # on a pty master: the terminal's (slave's) mode

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.stalled.set()
        self.close_master()


@pytest.fixture
def start(demo_path, tmp_path):
    started: list[PtyApp] = []

    def start_app(app: str, name: str = "app", **kwargs) -> PtyApp:
        p = PtyApp(demo_path, app, tmp_path / name, **kwargs)
        started.append(p)
        return p

    yield start_app
    for p in started:
        p.kill()


# What each app shows once up, and how to see that it still answers a key after the odd bytes.
FIRST_SCREEN = {"lobby": "通知公告", "admin": "Staff sign-in", "display": "盈谷中心小区"}


@pytest.mark.sqlite_only("the terminal's handling does not depend on the database")
@pytest.mark.parametrize("app", ["lobby", "admin", "display"])
def test_bytes_that_are_not_utf8_are_dropped_and_sigterm_restores_the_terminal(start, app):
    extra = ("--interval", "1") if app == "display" else ()
    p = start(app, lang="en" if app == "admin" else "zh", extra=extra)
    p.wait_for(FIRST_SCREEN[app])
    since = p.mark()
    p.type(b"\x80")  # a lone continuation byte
    time.sleep(0.2)
    p.type(b"\xe9A")  # a lead byte without its continuation, then a plain "A"
    time.sleep(0.3)
    assert p.proc.poll() is None, p.tail()
    if app == "lobby":
        p.type(b"2")
        p.wait_for("资金公示", since)
    elif app == "admin":
        p.type(b"fang")  # into the user name field, after the "A" that survived
        p.wait_for("Afang", since)
    else:  # no input at all: it keeps turning its slides
        p.wait_for("今日公示", since)
    assert p.proc.poll() is None

    p.gone_after(lambda: p.proc.send_signal(signal.SIGTERM), STOP_WITHIN)
    assert p.proc.returncode == 0
    assert p.mode_now()[3] & MODE_FLAGS == p.mode_before[3] & MODE_FLAGS  # echo, lines, signals back
    p.reader.join(timeout=5)
    assert b"\x1b[?1049l" in p.output[since:]  # left the alternate screen
    assert b"Traceback" not in p.output and "Traceback" not in p.log_text()


def _hang_up(p: PtyApp, how: str) -> None:
    if how == "sighup":  # the signal alone; the master stays open and unread
        p.proc.send_signal(signal.SIGHUP)
    else:  # the master closes: EIO and end of input, and SIGHUP where the pty is the controlling terminal
        p.close_master()


# (how, controlling terminal): tmux kill-session and a dropped SSH link close the master of a
# controlling terminal; a process that never took the pty as its terminal gets no SIGHUP.
HANG_UPS = [("close", True), ("sighup", True), ("close", False)]
RUNS, AT_ONCE = 20, 4
# Fifty screens, one after the other: more frames than Textual's writer queue holds (30), so the
# app's main thread ends up blocked in Queue.put behind a terminal nobody reads.
SCREEN_SWITCHES = b"20" * 25


@pytest.mark.sqlite_only("the terminal's handling does not depend on the database")
def test_a_lobby_drawing_big_frames_is_gone_within_2s_of_a_hang_up_20_times_in_a_row(start):
    times = []
    for batch in range(0, RUNS, AT_ONCE):  # a few at a time: each start costs about a second
        group = []
        for i in range(batch, batch + AT_ONCE):
            how, controlling = HANG_UPS[i % len(HANG_UPS)]
            group.append((how, start("lobby", f"lobby{i}", size=BIG, controlling=controlling)))
        for _how, p in group:
            p.wait_for(FIRST_SCREEN["lobby"])
        for _how, p in group:
            p.stall()
            p.type(SCREEN_SWITCHES)
        time.sleep(0.3)
        for how, p in group:
            times.append((how, p.gone_after(lambda: _hang_up(p, how), GONE_WITHIN), p.proc.returncode))
            p.kill()
    print("seconds from hang-up to gone:", [(how, round(t, 2)) for how, t, _code in times])
    assert len(times) == RUNS
    assert all(code == 129 for _how, _t, code in times), times  # its own exit, not the signal's default
    assert max(t for _how, t, _code in times) < GONE_WITHIN, times


@pytest.mark.sqlite_only("the terminal's handling does not depend on the database")
def test_sigterm_ends_a_lobby_blocked_on_a_terminal_nobody_reads(start):
    p = start("lobby", size=BIG)
    p.wait_for(FIRST_SCREEN["lobby"])
    p.stall()
    p.type(SCREEN_SWITCHES)
    time.sleep(0.5)
    assert p.proc.poll() is None
    wchan = Path(f"/proc/{p.proc.pid}/wchan").read_text()  # what the main thread waits for
    assert wchan in ("0", "") or "futex" in wchan, wchan  # a lock (Queue.put), if the kernel tells
    p.gone_after(lambda: p.proc.send_signal(signal.SIGTERM), STOP_WITHIN)
    assert p.proc.returncode in (0, 143), p.proc.returncode
    assert p.mode_now()[3] & MODE_FLAGS == p.mode_before[3] & MODE_FLAGS


@pytest.mark.sqlite_only("the terminal's handling does not depend on the database")
def test_the_display_is_gone_within_2s_of_a_hang_up(start):
    p = start("display", size=BIG, extra=("--interval", "1"))
    p.wait_for(FIRST_SCREEN["display"])
    p.stall()
    assert p.gone_after(p.close_master, GONE_WITHIN) < GONE_WITHIN
    assert p.proc.returncode == 129


@pytest.mark.parametrize("how", ["close", "sighup"])
def test_the_console_signs_out_when_its_terminal_is_lost_while_drawing(start, demo_path, how):
    p = start("admin", lang="en")
    p.wait_for("Staff sign-in")
    p.type(b"fang\r" + DEMO_PASSWORD.encode() + b"\r")
    p.wait_for("Projects and money")
    p.stall()
    assert p.gone_after(lambda: _hang_up(p, how), GONE_WITHIN) < GONE_WITHIN
    assert p.proc.returncode == 129
    connection.connect(demo_path)
    last = audit.entries(actor="fang", limit=1)[0]
    assert (last.action, last.data) == ("staff.logout", {"reason": "hangup"})


def test_the_textual_internals_the_driver_relies_on_are_still_there():
    """kiosk.apps.driver replaces Textual's input loop and the file its writer writes to; a
    Textual upgrade that moves either must fail here, not on a lobby screen."""
    assert driver.missing_hooks() == []
    assert KioskBaseApp(Settings()).driver_class is driver.KioskDriver
