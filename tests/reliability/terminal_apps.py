"""The real programs on pseudo-terminals: `Pty` starts one and reads what it draws (the tests of a
lost terminal and of a restarted server build on it); `TerminalApp` is the lobby or display during
a load test: the lobby's keys are pressed all along, both screens are drained, and afterwards each
must still be running, stop cleanly on SIGTERM and have logged no error."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from kiosk_process import ROOT, kiosk_env


def set_size(fd: int, rows: int, cols: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


class Pty:
    """`argv` (run in the checkout, its data under `data_dir`) on a fresh pseudo-terminal of `size`
    (rows, columns); a thread reads what it draws into `output` until `stall()` — from then on
    nobody reads, as with a frozen SSH link or a dying tmux."""

    def __init__(self, argv: list[str], data_dir: Path, size: tuple[int, int] = (24, 80), **env: str) -> None:
        self.data_dir = data_dir
        self.master, slave = pty.openpty()
        set_size(slave, *size)
        self.mode_before = termios.tcgetattr(slave)
        env = kiosk_env(TERM="xterm-256color", PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(data_dir), **env)
        # The terminal's size is the pty's: pytest-xdist's workers carry COLUMNS=80 and LINES=24,
        # which Textual would take over it (a TV-sized display drawn at 80×24).
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=str(ROOT),
                                     start_new_session=True)
        os.close(slave)
        self.output = bytearray()
        self.lock = threading.Lock()
        self.stalled = threading.Event()
        self.master_closed = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while not self.stalled.is_set():
            try:
                if not select.select([self.master], [], [], 0.05)[0]:
                    continue
                chunk = os.read(self.master, 65536)
            except (OSError, ValueError):
                return
            if not chunk:
                return
            with self.lock:
                self.output += chunk

    def mark(self) -> int:
        with self.lock:
            return len(self.output)

    def stall(self) -> None:
        """Nobody reads from now on."""
        self.stalled.set()
        self.reader.join()

    def close_master(self) -> None:
        """The terminal is gone: its master side closed (the reader stops)."""
        if not self.master_closed:
            self.master_closed = True
            self.stalled.set()
            os.close(self.master)

    def log_text(self) -> str:
        log = self.data_dir / "estate-kiosk" / "kiosk.log"
        return log.read_text(errors="replace") if log.exists() else ""


class TerminalApp(Pty):
    def __init__(self, name: str, db: str, args: list[str], workdir: Path, keys: bytes = b"") -> None:
        self.name = name
        super().__init__([sys.executable, "-m", "kiosk", "--db", db, *args], workdir / f"{name}-data")
        self.keys = keys
        self.stopping = threading.Event()
        if keys:
            threading.Thread(target=self._press, daemon=True).start()

    def _press(self) -> None:
        """A resident going through the screens: one key every 0.3 s, round and round."""
        time.sleep(3)  # let it start
        i = 0
        while not self.stopping.wait(0.3):
            try:
                os.write(self.master, self.keys[i % len(self.keys):][:1])
            except OSError:
                return
            i += 1

    def stop(self) -> tuple[bool, int | None, str]:
        """(was still running, exit status after SIGTERM, the log's text)."""
        self.stopping.set()
        alive = self.proc.poll() is None
        if alive:
            self.proc.send_signal(signal.SIGTERM)
        try:
            status = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            status = None
        self.close_master()
        return alive, status, self.log_text()
