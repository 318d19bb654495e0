"""What the figures were measured on."""

from __future__ import annotations

import os
import platform
import sys


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _version(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:
        return "?"


def details() -> dict[str, str]:
    import cysqlite

    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    return {
        "CPU": _cpu_model(),
        "cores": str(os.cpu_count() or "?"),
        "RAM": f"{_ram_gib():.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version() + f" ({sys.implementation.name})",
        "SQLite": f"{cysqlite.sqlite_version} (cysqlite {_version('cysqlite')})",
        "Textual": _version("textual"),
        "peewee": _version("peewee"),
        "load at start": " ".join(f"{x:.2f}" for x in load),
    }
