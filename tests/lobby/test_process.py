"""The real `kiosk lobby` process on a real pseudo-terminal: SIGINT and SIGTSTP are ignored,
Ctrl+C typed on the terminal does nothing, SIGTERM exits cleanly (status 0, terminal restored).
And the first screen does not pay for what it does not show (QR, Markdown)."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time

import pytest


def _env(db: str, tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "TEXTUAL"))}
    env.update(TERM="xterm-256color", COLUMNS="80", LINES="24", XDG_DATA_HOME=str(tmp_path / "data"))
    return env


def _read_until(fd: int, needle: bytes, timeout: float = 20.0) -> bytes:
    out = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _w, _x = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            if needle in out:
                return out
    return out


@pytest.mark.slow
def test_signals_and_keys_on_a_real_terminal(lobby_db, tmp_path):
    master, slave = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "--db", lobby_db, "lobby"], stdin=slave, stdout=slave,
                            stderr=slave, env=_env(lobby_db, tmp_path), start_new_session=True, close_fds=True)
    os.close(slave)
    try:
        assert "通知公告".encode() in _read_until(master, "通知公告".encode())
        for sig in (signal.SIGINT, signal.SIGTSTP, signal.SIGQUIT):
            proc.send_signal(sig)
            time.sleep(0.3)
            assert proc.poll() is None, sig
        # What a resident can type: Ctrl+C, Ctrl+Z, Ctrl+\, Ctrl+Q, Ctrl+D, Escape.
        os.write(master, b"\x03\x1a\x1c\x11\x04\x1b")
        time.sleep(0.5)
        assert proc.poll() is None
        os.write(master, b"2")  # and it still answers
        assert "资金公示".encode() in _read_until(master, "资金公示".encode())
        proc.send_signal(signal.SIGTERM)
        rest = _read_until(master, b"\x1b[?1049l", timeout=10)  # leaves the alternate screen
        assert proc.wait(timeout=10) == 0
        assert b"\x1b[?1049l" in rest
        assert b"Traceback" not in rest
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)


def test_first_screen_does_not_import_qr_or_markdown(lobby_db, tmp_path):
    code = """
import asyncio, sys
from kiosk.db import connection
from kiosk.config import Settings
from kiosk.domain import estates
from kiosk.apps.lobby import LobbyApp
connection.connect(sys.argv[1])
async def main():
    app = LobbyApp(Settings(db=sys.argv[1]), estates.resolve_estate(None))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("qrcode", "markdown_it", "png")
                       or m in ("textual.widgets._markdown", "kiosk.render.qr"))
        print("HEAVY", heavy)
asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", code, lobby_db], capture_output=True, text=True,
                         env=_env(lobby_db, tmp_path), timeout=60)
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout, out.stdout
