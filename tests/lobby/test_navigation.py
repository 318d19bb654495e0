"""Every section opens by its digit, by arrows + Enter and by a touch; 0 and Escape go back."""

from __future__ import annotations

import pytest
from textual import events

from support import drive, press, screen_text, settle
from kiosk.screens.lobby.home import HomeScreen
from kiosk.screens.lobby.tiles import HOME_TILES

EXPECTED = {
    "1": "NoticesScreen",
    "2": "FundingScreen",
    "3": "WorksScreen",
    "4": "ReportStartScreen",
    "5": "TrackScreen",
    "6": "PledgeScreen",
    "7": "VoteScreen",
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
async def test_digit_opens_each_section_and_zero_or_escape_comes_back(make_app, key):
    app = make_app()

    async with drive(app) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, key)
        assert type(app.screen).__name__ == EXPECTED[key]
        back = "escape" if key == "5" else "0"  # the ticket screen types digits: Esc goes back
        await press(pilot, back)
        assert isinstance(app.screen, HomeScreen)
    assert app.errors == []


async def test_every_home_tile_shows_its_digit(make_app):
    app = make_app()

    async with drive(app) as pilot:
        text = screen_text(app)
        for tile in HOME_TILES:
            assert f" {tile.key} " in text


async def test_arrows_and_enter_open_a_section(make_app):
    app = make_app()

    async with drive(app) as pilot:
        assert app.focused.id == "tile-1"
        await press(pilot, "right", "down")  # across the tiles as drawn: 2 is above 5
        assert app.focused.id == "tile-5"
        await press(pilot, "up")
        assert app.focused.id == "tile-2"
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "FundingScreen"
    assert app.errors == []


async def test_arrows_reach_every_tile_of_a_list_taller_than_the_screen(make_app):
    """Seven notices a page do not fit 80×24: ↓ moves the highlight down the page (the list scrolls
    to show it) and ↑ back, instead of scrolling the list under a highlight that stays put."""
    from kiosk.domain import notices

    for i in range(12):
        notices.post("test", f"第{i}条通知", "")
    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "1")
        body = app.screen.query_one(".body")
        assert body.max_scroll_y > 0  # taller than the screen
        for n in range(2, 8):
            await press(pilot, "down")
            assert app.focused.id == f"choice-{n}"
            assert body.region.contains_region(app.focused.region)  # scrolled into view
        await press(pilot, "up")
        assert app.focused.id == "choice-6"
        chosen = app.focused.value.label
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "NoticeScreen" and chosen in screen_text(app)
    assert app.errors == []


async def test_touch_opens_a_section_and_the_back_key(make_app):
    app = make_app()

    async with drive(app) as pilot:
        await pilot.click("#tile-3")
        await settle(pilot)
        assert type(app.screen).__name__ == "WorksScreen"
        await pilot.click("#choice-2")
        await settle(pilot)
        assert type(app.screen).__name__ == "WorksDetailScreen"
        await pilot.click("#keys KeyTile")  # the "0 返回" at the bottom
        await settle(pilot)
        assert type(app.screen).__name__ == "WorksScreen"
    assert app.errors == []


async def test_every_screen_of_every_section_fits_80x24_with_its_keys(make_app):
    """From each section, one level deeper by digit 1: the bottom line still shows the keys."""
    app = make_app()

    async with drive(app) as pilot:
        for key in ("1", "2", "3", "4", "6"):
            await press(pilot, key, "1")
            lines = screen_text(app).splitlines()
            assert len(lines) == 24
            bottom = lines[-1]
            assert " 0 " in bottom or " Esc " in bottom or " 1 " in bottom, bottom
            await app.go_home()
            await settle(pilot)
    assert app.errors == []


async def test_keys_typed_ahead_reach_the_screen_they_were_meant_for(make_app):
    """A keypad user types "1 1 0 0 2" in one go: notice list, first notice, back, back, funding."""
    app = make_app()

    async with drive(app) as pilot:
        for key in "11002":
            app.post_message(events.Key(key, key))  # all queued before any is handled
        await settle(pilot, 8)
        assert type(app.screen).__name__ == "FundingScreen"
    assert app.errors == []


async def test_another_section_can_add_its_home_tile(make_app, monkeypatch):
    """The vote screen (another module) registers a tile on the free digit 7."""
    from kiosk.screens.lobby import tiles

    monkeypatch.setattr(tiles, "HOME_TILES", list(tiles.HOME_TILES))
    from kiosk.screens.lobby.reading import notices

    tiles.add_home_tile(tiles.HomeTile("7", "Seven", "Seventh tile", notices.entry))
    from kiosk.screens.lobby import home

    monkeypatch.setattr(home, "HOME_TILES", tiles.HOME_TILES)
    app = make_app()

    async with drive(app) as pilot:
        text = screen_text(app)
        assert " 7 " in text and "Seven" in text
        assert "楼顶防水与墙体渗水修缮" in text and "院内道路及车库出入口路面修复" in text  # projects still show
        await press(pilot, "7")
        assert type(app.screen).__name__ == "NoticesScreen"
    assert [t.key for t in tiles.HOME_TILES] == ["1", "2", "3", "4", "5", "6", "7", "8"]
