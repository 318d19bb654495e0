"""The real `kiosk` command in a fresh process, as a user runs it. A module of its own (not
conftest) so that every test folder can import it by one name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def kiosk_env(**extra) -> dict:
    """The environment of this run without any KIOSK_* setting of the developer's, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(extra)
    return env


def run_kiosk(*args: str, input: str | None = None, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, input=input,
                          env=kiosk_env(**(env or {})), timeout=timeout)
