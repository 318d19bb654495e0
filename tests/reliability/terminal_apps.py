"""The real lobby and display processes on pseudo-terminals during a load test: the lobby's keys
are pressed all along, both screens are drained, and afterwards each must still be running,
stop cleanly on SIGTERM and have logged no error."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from kiosk_process import ROOT, kiosk_env


class TerminalApp:
    def __init__(self, name: str, db: str, args: list[str], workdir: Path, keys: bytes = b"") -> None:
        self.name = name
        self.data_dir = workdir / f"{name}-data"
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = kiosk_env(TERM="xterm-256color", PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(self.data_dir))
        self.proc = subprocess.Popen([sys.executable, "-m", "kiosk", "--db", db, *args], stdin=slave, stdout=slave,
                                     stderr=slave, env=env, cwd=str(ROOT), start_new_session=True)
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self.keys = keys
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._drain, daemon=True)]
        if keys:
            self.threads.append(threading.Thread(target=self._press, daemon=True))
        for t in self.threads:
            t.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

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
        os.close(self.master)
        log = self.data_dir / "estate-kiosk" / "kiosk.log"
        return alive, status, log.read_text(errors="replace") if log.exists() else ""
