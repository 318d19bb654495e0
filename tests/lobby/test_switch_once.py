"""A screen that reads is composed once, with its data, when its read answers quickly (one estate's
SQLite): the app waits a moment for the answer before it shows the screen. Keys pressed while it
waits act, in order, on the screen they were pressed for; 0 and Escape go back at once; a reload
keeps what the screen shows.

Compose calls are counted on the real screens of the real app (the method wrapped, not replaced)."""

from __future__ import annotations

import collections

import pytest
from textual import events

from kiosk.apps.live import DataChanged
from kiosk.screens.lobby.base import READING, LobbyScreen
from kiosk.screens.lobby.home import HomeScreen
from support import drive, press, screen_text, settle, until
from support.queries import SlowReads, query_hook

LONG_WAIT_S = 30.0  # the app waits for the answer as long as it takes: no timer decides the test


@pytest.fixture
def composes(monkeypatch):
    """Counts every compose of every lobby screen, by the screen's class name."""
    counts: collections.Counter[str] = collections.Counter()
    real = LobbyScreen.compose

    def counted(self):
        counts[type(self).__name__] += 1
        return real(self)

    monkeypatch.setattr(LobbyScreen, "compose", counted)
    return counts


@pytest.mark.parametrize("keys, name", [
    (("1",), "NoticesScreen"),
    (("1", "1"), "NoticeScreen"),
    (("2",), "FundingScreen"),
    (("3",), "WorksScreen"),
    (("7",), "VoteScreen"),
])
async def test_a_screen_with_data_is_composed_once(make_app, composes, keys, name):
    app = make_app()
    app.READ_WAIT_S = LONG_WAIT_S
    async with drive(app) as pilot:
        composes.clear()
        seen = []
        for key in keys:
            await pilot.press(key)
            seen.append(screen_text(app))
            await settle(pilot)
        assert type(app.screen).__name__ == name, screen_text(app)
        assert composes[name] == 1, composes
        assert not any(READING.replace("…", "") in s or "正在读取" in s for s in seen + [screen_text(app)])
        assert app.screen.data is not None and app.screen.query("KeyTile")
    assert app.errors == []


async def test_digits_pressed_while_the_read_waits_act_on_the_screen_they_were_meant_for(make_app):
    app = make_app()
    app.READ_WAIT_S = LONG_WAIT_S
    async with drive(app) as pilot:
        with query_hook(SlowReads()) as slow:
            slow.hold()
            await pilot.press("1")  # notices: its read is held, the app waits for it
            assert await until(pilot, lambda: slow.held > 0, 5)
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("2")  # meant for the notices (their second), not home's 2 (funding)
            assert type(app.screen).__name__ == "NoticesScreen"  # shown at once, its frame
            slow.release()
            await settle(pilot)
        assert type(app.screen).__name__ == "NoticeScreen", screen_text(app)
        second = [t for t in app.screen_stack[-2].query("KeyTile") if t.key == "2"][0]
        assert app.screen.item_id == second.value.value
    assert app.errors == []


async def test_keys_typed_ahead_in_one_burst_each_reach_their_screen(make_app):
    """"1 1 0 0 2" in one go: notice list, first notice, back, back, funding — each screen shown
    only when its answer arrives."""
    app = make_app()
    app.READ_WAIT_S = LONG_WAIT_S
    async with drive(app) as pilot:
        for key in "11002":
            app.post_message(events.Key(key, key))  # all queued before any is handled
        await settle(pilot, 8)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "FundingScreen"], screen_text(app)
    assert app.errors == []


@pytest.mark.parametrize("back", ["0", "escape"])
async def test_back_while_the_read_waits_returns_at_once(make_app, back):
    app = make_app()
    app.READ_WAIT_S = LONG_WAIT_S
    async with drive(app) as pilot:
        with query_hook(SlowReads()) as slow:
            slow.hold()
            await pilot.press("1")
            assert await until(pilot, lambda: slow.held > 0, 5)
            await pilot.press(back)
            assert await until(pilot, lambda: isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1, 5)
            assert not slow.open.is_set()  # back before the database answered
            await pilot.press("3")  # the next key acts on home
            assert type(app.screen).__name__ == "WorksScreen"
            slow.release()
            await settle(pilot)
        assert type(app.screen).__name__ == "WorksScreen", screen_text(app)
    assert app.errors == []


async def test_home_keeps_what_it_shows_while_new_data_is_read(make_app, composes):
    app = make_app()
    async with drive(app) as pilot:
        before = screen_text(app)
        composes.clear()
        with query_hook(SlowReads()) as slow:
            slow.hold()
            app.post_message(DataChanged(10**6))
            assert await until(pilot, lambda: slow.held > 0, 5)
            await pilot.pause(0.1)
            assert screen_text(app) == before  # no "Reading…": what it showed, until the answer
            slow.release()
            await settle(pilot)
        assert "正在读取" not in screen_text(app) and isinstance(app.screen, HomeScreen)
        assert composes["HomeScreen"] == 1, composes  # once, with the new data
    assert app.errors == []
