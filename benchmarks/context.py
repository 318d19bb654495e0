"""What every measurement needs: where things are, how hard to try, how to start the kiosk."""

from __future__ import annotations

import dataclasses
import importlib
import os
import subprocess
import sys
import time

from benchmarks.report import Progress

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclasses.dataclass
class Context:
    out: str  # benchmarks/out or wherever --out points
    db: str
    quick: bool
    progress: Progress
    size: tuple[int, int] = (80, 24)
    estate: str = ""  # the lobby's estate (the first one)
    repeats: int = 10  # cold starts per app
    presses: int = 20  # key presses per screen
    writes: int = 20  # propagation probes
    cpu_seconds: float = 20.0  # display idle CPU window
    soak_seconds: float = 60.0  # display fast-forward soak (real seconds)
    clock_speed: float = 60.0
    prefix: tuple[str, ...] = ()  # what every started app runs under, e.g. ("taskset", "-c", "0")

    def env(self, **extra: str) -> dict[str, str]:
        """The kiosk's environment: this source tree first, no settings of whoever runs it."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        env["PYTHONPATH"] = ROOT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        env["XDG_CONFIG_HOME"] = os.path.join(self.out, "config")
        env["XDG_DATA_HOME"] = os.path.join(self.out, "data")
        env.update(extra)
        return env

    def pane_env(self, **extra: str) -> dict[str, str]:
        """Only what differs from the tmux server's environment (the launcher script exports it)."""
        keep = ("PYTHONPATH", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "LANG", "LC_ALL", "HOME", "PATH")
        env = self.env(**extra)
        return {k: env[k] for k in keep + tuple(extra) if k in env}

    def kiosk(self, *args: str) -> list[str]:
        return [*self.prefix, sys.executable, "-m", "kiosk", "--db", self.db, *args]

    def run_kiosk(self, *args: str, timeout: float = 600) -> tuple[float, subprocess.CompletedProcess]:
        """The real command in a fresh process; returns (wall seconds, result)."""
        t0 = time.perf_counter()
        result = subprocess.run(self.kiosk("--lang", "en", *args), capture_output=True, text=True, env=self.env(), cwd=ROOT, timeout=timeout)
        return time.perf_counter() - t0, result


def app_available(name: str) -> tuple[bool, str]:
    """Whether `kiosk.apps.<name>` imports (the lobby and display are written in parallel)."""
    try:
        module = importlib.import_module(f"kiosk.apps.{name}")
    except ImportError as exc:
        return False, f"kiosk.apps.{name} cannot be imported yet ({exc})"
    if not callable(getattr(module, "run", None)):
        return False, f"kiosk.apps.{name} has no run()"
    return True, ""
