"""The one source of "now", so tests (and the display's fast-forward soak) can move time."""

from __future__ import annotations

import datetime as _dt

_offset = _dt.timedelta(0)
_frozen: _dt.datetime | None = None


def now() -> _dt.datetime:
    """Local wall-clock time, second precision (what residents read on notices)."""
    if _frozen is not None:
        return _frozen
    return (_dt.datetime.now() + _offset).replace(microsecond=0)


def today() -> _dt.date:
    return now().date()


def freeze(at: _dt.datetime | None) -> None:
    """Stop the clock at `at` (None lets it run again)."""
    global _frozen
    _frozen = at


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
