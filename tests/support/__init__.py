"""What the tests share: driving an app through Pilot (`pilot`), reading its screen (`screen`),
another program's write lock (`locks`) and its writes (`elsewhere`); the staff console's builder and sign-in (`support.admin`).

Tests import from here (`from support import drive, settle, screen_text`) and run an app with
`async with drive(app, size) as pilot:`; the tests directory is on the
import path because its conftest.py is, and an async test is a plain `async def test_…`
(pytest-asyncio, one event loop per test)."""

from support.elsewhere import post_notice_elsewhere
from support.locks import hold_write_lock
from support.pilot import drive, press, settle, type_text, until
from support.screen import flat, screen_lines, screen_text

__all__ = [
    "drive", "flat", "hold_write_lock", "post_notice_elsewhere", "press", "screen_lines", "screen_text", "settle", "type_text", "until",
]
