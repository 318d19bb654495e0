"""A lone Escape goes back at once on a real terminal: the lobby does not wait Textual's 100 ms
(ESCDELAY) to see whether an escape sequence follows (kiosk.apps.driver, textual_hooks).

Shown by what a resident does, not by a clock: Escape, then 2 some 60 ms later. Waiting 100 ms,
the two bytes are one key (Alt+2: on the notices list, the second notice); without the wait,
Escape goes home and 2 opens the funding section."""

from __future__ import annotations

import time

import pytest

from reliability.test_terminal_loss import PtyApp

pytestmark = [pytest.mark.process, pytest.mark.slow]

HOME = "查询进度"  # a home tile (and the ticket screen's title)
LIST = "返回"  # the key bar of any screen above home
FUNDING = "请选择项目"  # the funding section's prompt (the demo has several projects)


@pytest.mark.sqlite_only("the terminal's handling does not depend on the database")
def test_escape_then_a_digit_soon_after_are_two_keys(demo_path, tmp_path):
    app = PtyApp(demo_path, "lobby", tmp_path / "lobby")
    try:
        app.wait_for(HOME)
        mark = app.mark()
        app.type(b"1")  # the notices
        app.wait_for(LIST, mark)
        time.sleep(0.5)  # drawn and settled
        mark = app.mark()
        app.type(b"\x1b")
        time.sleep(0.06)  # within Textual's 100 ms, well after the lobby's 10 ms
        app.type(b"2")
        app.wait_for(FUNDING, mark, timeout=10)
    finally:
        app.kill()


@pytest.mark.sqlite_only("the terminal's handling does not depend on the database")
def test_an_arrow_key_is_still_one_key(demo_path, tmp_path):
    """A whole escape sequence arrives in one read: the short wait never splits it."""
    app = PtyApp(demo_path, "lobby", tmp_path / "lobby")
    try:
        app.wait_for(HOME)
        time.sleep(0.5)
        mark = app.mark()
        app.type(b"\x1b[C")  # right: tile 1 -> tile 2
        time.sleep(0.3)
        app.type(b"\r")
        app.wait_for(FUNDING, mark, timeout=10)
    finally:
        app.kill()
