"""Helpers for the lobby tests: run an app's coroutine, read the screen's cells, press keys."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

FIXED = dt.datetime(2026, 11, 25, 10, 0, 0)  # "today" of the fixed demo database


def run(coro):
    """Tests are plain functions; each drives its app in its own event loop."""
    return asyncio.run(coro)


def screen_lines(app) -> list[str]:
    """The characters on the terminal right now, one string per row."""
    return ["".join(seg.text for seg in strip._segments) for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


async def settle(pilot, times: int = 3) -> None:
    """Let the app handle what was sent. A screen waiting for itself (a deadlock) fails the test
    after 30 s instead of hanging the run: a guard, not a speed limit."""
    for _ in range(times):
        await asyncio.wait_for(pilot.pause(), 30)
        await asyncio.wait_for(reads_done(pilot.app), 30)


async def reads_done(app) -> None:
    """Screens read in workers (kiosk/screens/reads.py): wait until every read asked for so far
    has been shown."""
    from kiosk.screens.reads import GROUP

    while any(w.group == GROUP and not w.is_finished for w in app.workers):
        await asyncio.sleep(0.005)


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def until(pilot, predicate, seconds: float = 5, step: float = 0.05) -> bool:
    """Let the app run (its poller and workers included) until predicate() holds; False after
    `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        await pilot.pause(step)
    return predicate()


def hold_write_lock(path: str):
    """Another program in the middle of a long write (an import): it holds the write lock until
    the returned connection rolls back."""
    import cysqlite

    con = cysqlite.Connection(path, timeout=10)
    con.execute("BEGIN IMMEDIATE")
    con.execute("UPDATE kiosk_state SET revision = revision WHERE id = 1")
    return con
