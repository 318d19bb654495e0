"""Giving memory back after a burst. A resident who types or pastes thousands of characters
leaves tens of megabytes that Python has freed but the C allocator keeps for the process
(glibc trims its heap only at the top). Once the form is gone, a full collection and glibc's
malloc_trim hand it back to the system, so a kiosk that runs for months stays at its level."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import functools


@functools.lru_cache(maxsize=1)
def _trim():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        return libc.malloc_trim if libc is not None else None
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None


def release() -> None:
    gc.collect()
    trim = _trim()
    if trim is not None:
        trim(0)
