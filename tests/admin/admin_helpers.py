"""Helpers for the staff console tests: build the app on a real database, sign in, read the screen."""

from __future__ import annotations

import asyncio
import re
import time
import datetime as dt

from textual import events

from kiosk import clock
from kiosk.apps.admin import AdminApp
from kiosk.config import Settings
from kiosk.demo import DEMO_PASSWORD

T0 = dt.datetime(2026, 3, 10, 9, 0)
SIZE = (80, 24)


def make_app(**settings) -> AdminApp:
    return AdminApp(Settings(**settings))


def run(scenario) -> None:
    """Tests are plain functions; each runs its async scenario to the end."""
    asyncio.run(scenario())


def screen_text(app) -> str:
    """What the terminal shows, as plain text (the active screen, with any dialog)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def flat(app) -> str:
    """The screen's words with line breaks and box borders folded into single spaces, so that a
    message wrapped over two lines still reads as one."""
    return re.sub(r"[\s│╭╮╰╯─▔▁▏▕]+", " ", screen_text(app))


async def settle(pilot, timeout: float = 20) -> None:
    """Wait until the screen on top is composed, mounted and has nothing left to handle: on a
    busy machine a pushed screen may still be composing when `pilot.press` returns."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause()
        screen = app.screen_stack[-1] if app.screen_stack else None
        if screen is not None and screen.is_mounted and screen._message_queue.empty() and app._message_queue.empty():
            return
        await pilot.pause(0.02)


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


async def sign_in(pilot, username: str = "fang", password: str = DEMO_PASSWORD) -> None:
    await press(pilot, *username, "enter")
    await type_text(pilot, password + "\r")
    await settle(pilot)


def frozen(at: dt.datetime = T0) -> None:
    clock.freeze(at)
