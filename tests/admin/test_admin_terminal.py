"""The staff console on a real terminal: `kiosk admin` under a pseudo-terminal, as sshd runs it.

When the link drops (the pty master closes) the process must end within seconds, having signed
out, and must not spin a core on a dead terminal; with no terminal at all (`ssh -T`) it must
refuse to start with one line. Also: what the program wrote to the terminal never contains the
typed password.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from kiosk.db import connection
from kiosk.demo import DEMO_PASSWORD
from kiosk.domain import audit

ROOT = Path(__file__).resolve().parents[2]
CLK_TCK = os.sysconf("SC_CLK_TCK")


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "TEXTUAL"))}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", PYTHONPATH=str(ROOT), COLUMNS="80", LINES="24")
    return env


def _set_size(fd: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))


class Console:
    """`kiosk admin` on a pty; `controlling`: the pty is its controlling terminal (as under sshd),
    so closing the master sends SIGHUP. Without it, only the terminal watch can notice."""

    def __init__(self, db_path: str, *, controlling: bool) -> None:
        argv = [sys.executable, "-m", "kiosk", "--db", db_path, "--lang", "en", "admin"]
        self.transcript = b""
        if controlling:
            pid, master = pty.fork()
            if pid == 0:  # the child: becomes the session leader with the pty as its terminal
                try:
                    os.chdir(ROOT)
                    os.execvpe(argv[0], argv, _env())
                finally:
                    os._exit(127)
            self.pid, self.master = pid, master
            _set_size(master)
        else:
            master, slave = os.openpty()
            _set_size(slave)
            proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=_env(),
                                    start_new_session=True)  # a new session that never acquires the pty
            os.close(slave)
            self.pid, self.master = proc.pid, master
        self.closed = False

    def read_until(self, marker: bytes, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while marker not in self.transcript:
            left = deadline - time.monotonic()
            assert left > 0, f"{marker!r} never appeared; got {self.transcript[-400:]!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                assert chunk, f"the console ended early: {self.transcript[-400:]!r}"
                self.transcript += chunk

    def type(self, data: bytes) -> None:
        os.write(self.master, data)

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime of the process

    def hang_up(self) -> tuple[float, float]:
        """Close the master (the SSH link drops). Returns (seconds until the process was gone,
        CPU seconds it used after the hang-up)."""
        cpu_before = self.cpu_seconds()
        os.close(self.master)
        self.closed = True
        start = time.monotonic()
        while True:
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                return time.monotonic() - start, usage.ru_utime + usage.ru_stime - cpu_before
            if time.monotonic() - start > 15:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
                pytest.fail("kiosk admin was still running 15 s after its terminal went away")
            time.sleep(0.05)

    def kill(self) -> None:
        if not self.closed:
            os.close(self.master)
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


@pytest.fixture
def console_db(demo_path):
    yield demo_path


def _signed_in_console(db_path: str, controlling: bool) -> Console:
    c = Console(db_path, controlling=controlling)
    try:
        c.read_until(b"Staff sign-in")
        c.type(b"fang\r" + DEMO_PASSWORD.encode() + b"\r")  # typed ahead, as a slow link delivers it
        c.read_until(b"Projects and money")
    except BaseException:
        c.kill()
        raise
    return c


@pytest.mark.parametrize("controlling", [True, False], ids=["sighup", "no-sighup"])
def test_dropped_terminal_ends_the_console_within_seconds_without_spinning(console_db, controlling):
    c = _signed_in_console(console_db, controlling)
    gone_after, cpu_after = c.hang_up()
    # Within seconds, and no busy loop on the dead terminal meanwhile (a spin burns ~1 s/s).
    assert gone_after < 5, gone_after
    assert cpu_after < 1.5, cpu_after
    # It signed out on its way (a complete, single-transaction write): nothing half-done.
    connection.connect(console_db)
    last = audit.entries(actor="fang", limit=1)[0]
    assert (last.action, last.data) == ("staff.logout", {"reason": "hangup"})
    connection.close()


def test_the_typed_password_never_reaches_the_terminal(console_db):
    c = Console(console_db, controlling=True)
    try:
        c.read_until(b"Staff sign-in")
        c.type(b"fang")
        c.read_until(b"fang")  # the username is echoed, as it should be
        c.type(b"\r" + DEMO_PASSWORD.encode())
        c.read_until("•".encode())  # bullets stand for the characters
        c.type(b"\r")
        c.read_until(b"Projects and money")
        for part in (DEMO_PASSWORD, "demo-pass", "pass-2026"):
            assert part.encode() not in c.transcript
    finally:
        c.kill()


def test_without_a_terminal_it_refuses_with_one_line(console_db):
    """`ssh -T` with ForceCommand: stdin and stdout are pipes."""
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "kiosk", "--db", console_db, "--lang", "en", "admin"],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=60)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "terminal" in lines[0] and "ssh -t" in lines[0]
    assert result.stdout == ""
    assert time.monotonic() - start < 30  # it did not start the app at all
