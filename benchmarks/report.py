"""Rows, the one table, and progress lines while long jobs run."""

from __future__ import annotations

import dataclasses
import sys
import time
import unicodedata
from typing import Any

PASS, FAIL, NA = "pass", "FAIL", "n/a"


@dataclasses.dataclass
class Row:
    name: str
    figure: str
    target: str = ""
    ok: bool | None = None  # None: nothing to judge (information, or not available)
    note: str = ""
    data: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def result(self) -> str:
        return NA if self.ok is None else (PASS if self.ok else FAIL)


def unavailable(name: str, why: str) -> Row:
    return Row(name, "not available", "", None, why)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table(machine: dict[str, str], rows: list[Row], header: str = "") -> str:
    lines = []
    if header:
        lines += [header, ""]
    key_w = max(_width(k) for k in machine)
    lines += [f"  {_pad(k, key_w)}  {v}" for k, v in machine.items()]
    lines.append("")
    cols = ("measurement", "figure", "target", "result")
    cells = [(r.name, r.figure, r.target, r.result) for r in rows]
    widths = [max(_width(c[i]) for c in cells + [cols]) for i in range(4)]
    rule = "  ".join("-" * w for w in widths)
    lines.append("  ".join(_pad(c, w) for c, w in zip(cols, widths)).rstrip())
    lines.append(rule)
    for r, c in zip(rows, cells):
        lines.append("  ".join(_pad(x, w) for x, w in zip(c, widths)).rstrip())
    notes = [(r.name, r.note) for r in rows if r.note]
    if notes:
        lines += ["", "notes:"]
        lines += [f"  {name}: {note}" for name, note in notes]
    return "\n".join(lines)


class Progress:
    """One line per step on stderr; a job that runs long updates its line in place on a terminal."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.perf_counter()
        self._open = False
        self._last_update = 0.0

    def _stamp(self) -> str:
        return f"[{time.perf_counter() - self.started:6.1f}s]"

    def step(self, text: str) -> None:
        self._close()
        self.stream.write(f"{self._stamp()} {text}\n")
        self.stream.flush()

    def update(self, text: str, done: float, total: float) -> None:
        """A running job: `done` of `total` (in any unit)."""
        now = time.perf_counter()
        finished = done >= total
        if not self.tty and not finished and now - self._last_update < 5:
            return  # in a log, one line every few seconds is plenty
        self._last_update = now
        pct = 100 * done / total if total else 100
        line = f"{self._stamp()}   {text}: {pct:5.1f}%"
        if self.tty:
            self.stream.write("\r\x1b[K" + line)
            self._open = not finished
            if finished:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def _close(self) -> None:
        if self._open:
            self.stream.write("\n")
            self._open = False
