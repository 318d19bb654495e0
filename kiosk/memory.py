"""Python's memory around bursts.

Giving it back: a resident who types or pastes thousands of characters leaves tens of
megabytes that Python has freed but the C allocator keeps for the process (glibc trims its heap
only at the top). Once the form is gone, a full collection and glibc's malloc_trim hand it back
to the system, so a kiosk that runs for months stays at its level.

Not walking it: a bulk job (an import's 200,000 rows) makes millions of objects that live until
it ends and hold no cycles; the cyclic collector's passes walk them again and again and free
nothing (a third of an import's time), so the job runs with the collector paused.

Not on a key press: a full collection (the oldest generation) walks everything Textual's render
caches hold, tens of thousands of small objects after a minute of screens opened and closed: it
took 10 ms at first and 50–100 ms a minute later, and it fell on whichever key press tipped the
count. The interactive apps leave the young generations to the automatic collector (under 2 ms)
and run the full collection themselves once no key has come for a moment, or after so many young
ones that garbage cannot pile up however busy the screen is.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import time
from typing import Iterator

QUIET_S = 1.0  # no input for this long: a full collection delays no key
MOST_DEFERRED = 40  # young collections (about 15 s of busy screens) before a full one runs regardless
_NEVER = 1 << 30
_last_input = 0.0


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


def input_seen() -> None:
    """The terminal's input thread, on every read: a key may be on its way."""
    global _last_input
    _last_input = time.monotonic()


def full_collections_deferred() -> None:
    """From now on the automatic collector keeps to the young generations; the full collection
    is `collect_when_quiet`'s."""
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, _NEVER)


def collect_pending() -> bool:
    """A full collection now if there is anything for it: right after a screen has gone and the
    one under it is drawn, its widgets (which hold each other in cycles) are the garbage, and
    the next key is still a moment away. True if it ran."""
    if not gc.get_count()[2]:
        return False
    gc.collect()
    return True


def collect_when_quiet() -> bool:
    """A full collection if there is anything for it (young collections since the last) and no
    input for QUIET_S, or MOST_DEFERRED young ones went by. True if it ran."""
    if gc.get_count()[2] < MOST_DEFERRED and time.monotonic() - _last_input < QUIET_S:
        return False
    return collect_pending()


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
