"""The real `kiosk display` in a real pseudo-terminal: keys and SIGINT do not stop it, an emergency
posted by another process takes the screen, SIGTERM ends it cleanly (status 0, screen restored).
Waits are for something to appear on the screen, with a generous deadline; nothing is timed."""

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

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kiosk_process import ROOT, kiosk_env, run_kiosk  # noqa: E402

DEADLINE = 60.0

pytestmark = pytest.mark.slow


class Screen:
    """Drains the terminal (a child blocks when nobody reads) and keeps what it drew."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.data = bytearray()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self.lock:
                self.data += chunk

    def mark(self) -> int:
        with self.lock:
            return len(self.data)

    def wait_for(self, text: str, since: int = 0) -> bool:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            with self.lock:
                if text.encode() in bytes(self.data[since:]):
                    return True
            time.sleep(0.05)
        return False

    def text(self) -> str:
        with self.lock:
            return self.data.decode("utf-8", "replace")


def test_the_display_in_a_terminal(demo_path, tmp_path):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = kiosk_env(TERM="xterm-256color", PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"))
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "--db", demo_path, "display", "--interval", "2"],
                            stdin=slave, stdout=slave, stderr=slave, env=env, cwd=str(ROOT), start_new_session=True)
    os.close(slave)
    screen = Screen(master)
    try:
        assert screen.wait_for("盈谷中心小区"), screen.text()[-2000:]
        for key in (b"\x03", b"\x11", b"q", b"\x1b", b"\x1a", b"\x1c", b"\x04", b"\r", b"\x10"):
            os.write(master, key)
        os.kill(proc.pid, signal.SIGINT)
        after_keys = screen.mark()
        # Still alive and still turning: a later slide is drawn after the keys.
        assert screen.wait_for("今日公示", since=after_keys), screen.text()[-2000:]
        assert proc.poll() is None

        posted = run_kiosk("--db", demo_path, "notice", "post", "--title", "燃气泄漏", "--body", "请勿开火，立即开窗。", "--emergency")
        assert posted.returncode == 0, posted.stderr
        assert screen.wait_for("燃气泄漏", since=after_keys), screen.text()[-2000:]
        assert screen.wait_for("紧急通知", since=after_keys)

        before_stop = screen.mark()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=DEADLINE) == 0
        screen.thread.join(timeout=5)
        tail = screen.data[before_stop:]
        assert b"\x1b[?1049l" in tail  # the alternate screen was left: the terminal is usable again
        assert b"Traceback" not in screen.data
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
