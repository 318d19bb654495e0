"""A lobby holds one SQLite connection, not one per thread that has read: the UI thread hands
the connection it started with to the workers (connection.hand_on), and its own later reads
(the clock schedule) borrow the workers' idle one. Each connection is a file handle, SQLite's
parsed schema and a page cache: ≈ 0.4 MB of a lobby box's memory."""

from __future__ import annotations

import os

import pytest

from kiosk.screens.lobby.home import HomeScreen
from support import drive, press, settle

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open files through /proc")


def open_handles(path: str) -> int:
    """How many open files of this process are the database file itself (one per connection)."""
    target = os.path.realpath(path)
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}") == target
        except OSError:  # closed meanwhile
            pass
    return count


async def test_the_lobby_started_holds_one_connection(make_app, lobby_db):
    app = make_app()
    async with drive(app) as pilot:
        await settle(pilot, workers=True)
        assert isinstance(app.screen, HomeScreen) and app.live.schedule.due is not None  # read, armed
        assert open_handles(lobby_db) == 1
        await press(pilot, "2", "1", "0", "0")  # sections read in workers, on the same connection
        await settle(pilot, workers=True)
        assert open_handles(lobby_db) == 1
    assert app.errors == []
