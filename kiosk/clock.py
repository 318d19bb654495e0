"""The one source of "now", so tests (and the display's fast-forward soak) can move time.

`KIOSK_CLOCK_SPEED=60` in the environment makes the wall clock run 60 times faster from the
moment the process starts (an hour of notices expiring, quiet hours and daily rollovers in a
minute). Only `now()`/`today()` speed up: timers keep real seconds, except the display's loop,
which ticks once a second of kiosk time, so `--interval 10` still means 10 s slides (of kiosk time).
"""

from __future__ import annotations

import contextlib as _contextlib
import datetime as _dt
import os
import time as _time
from typing import Iterator

_offset = _dt.timedelta(0)
_frozen: _dt.datetime | None = None


def _speed_from_env() -> float:
    try:
        value = float(os.environ.get("KIOSK_CLOCK_SPEED") or 1)
    except ValueError:
        return 1.0
    return value if 0 < value <= 100_000 else 1.0


_speed = _speed_from_env()
_start_wall = _dt.datetime.now()
_start_mono = _time.monotonic()


def speed() -> float:
    """How many seconds of kiosk time pass per real second (1 unless fast-forwarded)."""
    return _speed


def _wall() -> _dt.datetime:
    if _speed == 1.0:
        return _dt.datetime.now()
    return _start_wall + _dt.timedelta(seconds=(_time.monotonic() - _start_mono) * _speed)


def now() -> _dt.datetime:
    """Local wall-clock time, second precision (what residents read on notices)."""
    if _frozen is not None:
        return _frozen
    return (_wall() + _offset).replace(microsecond=0)


def today() -> _dt.date:
    return now().date()


def freeze(at: _dt.datetime | None) -> None:
    """Stop the clock at `at` (None lets it run again)."""
    global _frozen
    _frozen = at


@_contextlib.contextmanager
def held_at(at: _dt.datetime) -> Iterator[None]:
    """The clock stopped at `at` for a block (then as it was, frozen or running): two answers
    computed minutes apart say what they said at the same instant."""
    global _frozen
    was = _frozen
    _frozen = at
    try:
        yield
    finally:
        _frozen = was


def advance(delta: _dt.timedelta) -> None:
    """Move time forward: the frozen instant if frozen, else the running offset."""
    global _frozen, _offset
    if _frozen is not None:
        _frozen = _frozen + delta
    else:
        _offset += delta


def reset() -> None:
    global _frozen, _offset
    _frozen = None
    _offset = _dt.timedelta(0)
