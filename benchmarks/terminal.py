"""A real terminal to measure in: a private tmux server driven through one control-mode client.

Why control mode: polling the screen with `tmux capture-pane` as a new process each time costs a
few milliseconds of CPU per poll, stolen from the app being measured on a small box. A control
client sends the same commands down a pipe; a round trip is a fraction of a millisecond.

Times are `time.perf_counter()` seconds. A screen "shows" something from the moment a capture
requested at that time contains it, so every figure is an upper bound, late by at most one poll
interval (a few ms) plus one round trip.
"""

from __future__ import annotations

import dataclasses
import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import threading
import time
from typing import Callable

POLL_S = 0.003


class TerminalError(Exception):
    pass


def available() -> bool:
    return shutil.which("tmux") is not None


@dataclasses.dataclass
class Seen:
    at: float  # when the capture that first showed the final screen was requested
    screen: str
    changes: int  # how many different screens were seen on the way
    timed_out: bool = False


class Tmux:
    """One tmux server of our own (its own socket, no user configuration)."""

    def __init__(self, workdir: str) -> None:
        if not available():
            raise TerminalError("tmux is not installed")
        self.workdir = workdir
        self.socket = f"kiosk-bench-{os.getpid()}"
        self._blocks: queue.Queue[tuple[bool, list[str]]] = queue.Queue()
        self._lock = threading.Lock()
        env = dict(os.environ)
        env.pop("TMUX", None)
        self.proc = subprocess.Popen(
            ["tmux", "-L", self.socket, "-f", "/dev/null", "-C", "new-session", "-s", "control", "-x", "80", "-y", "24"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        )
        self._scripts: dict[str, str] = {}
        self._reader = threading.Thread(target=self._read, daemon=True, name="tmux-control")
        self._reader.start()
        self._blocks.get(timeout=10)  # the reply to new-session itself
        for option in ("remain-on-exit on", "status off", "history-limit 0", "default-terminal screen-256color"):
            self.cmd(f"set-option -g {option}")
        self.socket_path = self.cmd("display-message -p '#{socket_path}'")[0].strip()

    # ---- control protocol -----------------------------------------------------------------

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        block: list[str] | None = None
        for raw in out:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if block is None:
                if line.startswith("%begin "):
                    block = []
                continue  # notifications (%output, %window-add …) are not ours to read
            if line.startswith(("%end ", "%error ")):
                self._blocks.put((line.startswith("%end "), block))
                block = None
            else:
                block.append(line)
        self._blocks.put((False, ["tmux control client ended"]))

    def cmd(self, command: str, timeout: float = 10) -> list[str]:
        with self._lock:
            assert self.proc.stdin is not None
            self.proc.stdin.write(command.encode("utf-8") + b"\n")
            self.proc.stdin.flush()
            ok, lines = self._blocks.get(timeout=timeout)
        if not ok:
            raise TerminalError(f"tmux {command.split()[0]}: {' '.join(lines)}")
        return lines

    # ---- panes ------------------------------------------------------------------------------

    def start(self, name: str, argv: list[str], env: dict[str, str] | None = None, size: tuple[int, int] = (80, 24),
              cwd: str | None = None) -> float:
        """Run `argv` in a new session NAME. Returns the time the start was requested."""
        script = os.path.join(self.workdir, f"run-{name}.sh")
        exports = "".join(f"export {k}={shlex.quote(v)}\n" for k, v in (env or {}).items())
        with open(script, "w", encoding="utf-8") as fh:
            fh.write(f"#!/bin/sh\ncd {shlex.quote(cwd or os.getcwd())}\n{exports}exec {shlex.join(argv)}\n")
        os.chmod(script, 0o755)
        self._scripts[name] = script
        w, h = size
        t0 = time.perf_counter()
        self.cmd(f"new-session -d -s {name} -x {w} -y {h} {script}")
        return t0

    def pid(self, name: str) -> int:
        return int(self.cmd(f"display-message -p -t {name} '#{{pane_pid}}'")[0])

    def dead(self, name: str) -> bool:
        return self.cmd(f"display-message -p -t {name} '#{{pane_dead}}'")[0].strip() == "1"

    def capture(self, name: str) -> str:
        return "\n".join(self.cmd(f"capture-pane -p -t {name}"))

    def keys(self, name: str, *keys: str) -> float:
        """Send tmux key names (`1`, `Escape`, `Enter`). Returns the time they were sent."""
        t0 = time.perf_counter()
        self.cmd(f"send-keys -t {name} " + " ".join(shlex.quote(k) for k in keys))
        return t0

    def stop(self, name: str, grace: float = 3.0) -> None:
        """SIGTERM the pane's process (the apps exit cleanly on it), then drop the session."""
        try:
            pid = self.pid(name)
            if not self.dead(name):
                os.kill(pid, signal.SIGTERM)
                end = time.perf_counter() + grace
                while time.perf_counter() < end and not self.dead(name):
                    time.sleep(0.02)
                if not self.dead(name):
                    os.kill(pid, signal.SIGKILL)
        except (TerminalError, ProcessLookupError, ValueError):
            pass
        try:
            self.cmd(f"kill-session -t {name}")
        except TerminalError:
            pass
        script = self._scripts.pop(name, None)
        if script and os.path.exists(script):
            os.remove(script)

    def close(self) -> None:
        try:
            self.cmd("kill-server", timeout=3)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if self.socket_path.endswith(self.socket) and os.path.exists(self.socket_path):
            os.remove(self.socket_path)  # the server is gone; tmux leaves its socket behind

    def __enter__(self) -> "Tmux":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- watching the screen ----------------------------------------------------------------

    def watch(self, name: str, until: Callable[[str], bool], *, timeout: float = 10.0, quiet: float = 0.3) -> Seen:
        """Poll until `until(screen)` holds and the screen has not changed for `quiet` seconds.

        Returns when the final screen was first seen: the moment it was fully painted (a screen
        drawn in several frames counts from its last frame)."""
        start = time.perf_counter()
        last, since, changes = None, start, 0
        while True:
            t = time.perf_counter()
            screen = self.capture(name)
            if screen != last:
                last, since, changes = screen, t, changes + 1
            elif until(screen) and t - since >= quiet:
                return Seen(since, screen, changes)
            if t - start > timeout:
                if until(screen):
                    return Seen(since, screen, changes, timed_out=True)  # never settled
                return Seen(t, screen, changes, timed_out=True)
            time.sleep(POLL_S)


CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")


def similarity(a: str, b: str) -> float:
    """Share of the non-blank screen lines that are the same in both (two mostly empty screens are
    not alike for their empty lines). Times of day (the title bar's clock) are ignored: a screen
    with only a few lines must still match itself after the minute turns."""
    la, lb = CLOCK.sub("##:##", a).splitlines(), CLOCK.sub("##:##", b).splitlines()
    n = max(len(la), len(lb))
    la += [""] * (n - len(la))
    lb += [""] * (n - len(lb))
    pairs = [(x.rstrip(), y.rstrip()) for x, y in zip(la, lb) if x.strip() or y.strip()]
    if not pairs:
        return 1.0
    return sum(1 for x, y in pairs if x == y) / len(pairs)


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) in kB, from /proc."""
    out = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
