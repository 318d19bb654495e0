"""Driving an app under Textual's Pilot: let it settle, wait for a condition, press and type keys."""

from __future__ import annotations

import asyncio
import contextlib
import time

from textual import events

GUARD_S = 30  # a screen waiting for itself (a deadlock) fails the test instead of hanging the run


@contextlib.asynccontextmanager
async def drive(app, size: tuple[int, int] = (80, 24)):
    """The app under Pilot on a terminal of `size` (the kiosk's 80×24 unless told), settled before
    the first key; it has stopped when the block ends, so the test can then check `app.errors`."""
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot


async def settle(pilot, rounds: int = 3, *, workers: bool = False, timeout: float = 20) -> None:
    """Let the app handle what was sent: `rounds` pauses (each first waiting for the app's
    workers when `workers`, each followed by the screens' reads being shown), then on until the
    screen on top is composed, mounted and has nothing left to handle — on a busy machine a pushed
    screen may still be composing when `pilot.press` returns. After `timeout` it returns and the test's own checks decide; a single pause that hangs
    fails the test: a guard, not a speed limit."""
    app = pilot.app
    for _ in range(rounds):
        if workers:
            await asyncio.wait_for(app.workers.wait_for_complete(), GUARD_S)
        await asyncio.wait_for(pilot.pause(), GUARD_S)
        await asyncio.wait_for(reads_done(app), GUARD_S)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = app.screen_stack[-1] if app.screen_stack else None
        if (screen is not None and screen.is_mounted and screen._message_queue.empty() and app._message_queue.empty()
                and not reading(app)):
            return
        await asyncio.wait_for(pilot.pause(), GUARD_S)


def reading(app) -> bool:
    """A screen's read (kiosk/screens/reads.py) is still under way: its answer is not shown yet."""
    from kiosk.screens.reads import GROUP

    return any(w.group == GROUP and not w.is_finished for w in app.workers)


async def reads_done(app) -> None:
    """Until every read asked for so far has been shown."""
    while reading(app):
        await asyncio.sleep(0.005)


async def until(pilot, predicate, seconds: float = 5, step: float = 0.05) -> bool:
    """Let the app run (its poller and workers included) until predicate() holds; False after
    `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        await pilot.pause(step)
    return predicate()


async def press(pilot, *keys: str) -> None:
    """Press keys one by one, letting each one's effect (a new screen, a save) settle."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot, text: str) -> None:
    """Type as fast as a terminal delivers pasted or typed-ahead keys: all queued before any is handled."""
    names = {"\r": "enter", "\t": "tab", "-": "minus", " ": "space", ".": "full_stop", "/": "slash"}
    for ch in text:
        pilot.app.post_message(events.Key(names.get(ch, ch), ch))
    await settle(pilot)
