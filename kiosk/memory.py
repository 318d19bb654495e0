"""Python's memory around bursts.

Giving it back: a resident who types or pastes thousands of characters leaves tens of
megabytes that Python has freed but the C allocator keeps for the process (glibc trims its heap
only at the top). Once the form is gone, a full collection and glibc's malloc_trim hand it back
to the system, so a kiosk that runs for months stays at its level.

Not walking it: a bulk job (an import's 200,000 rows) makes millions of objects that live until
it ends and hold no cycles; the cyclic collector's passes walk them again and again and free
nothing (a third of an import's time), so the job runs with the collector paused.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from typing import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block (as it was afterwards); reference counting
    still frees everything that is not in a cycle as soon as it is dropped."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@functools.lru_cache(maxsize=1)
def _trim():
    # ctypes only when first needed: the lobby imports this module at its start.
    import ctypes
    import ctypes.util

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
