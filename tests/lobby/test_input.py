"""Input as residents use it: the arrows move across the tiles as they are drawn, in every layout;
a touch anywhere on a tile opens it; the keypad's * goes home from any depth of any flow (a flow
left that way is closed, its draft forgotten) and every key bar but home's says so."""

from __future__ import annotations

import pytest
from textual.geometry import Offset

from kiosk.screens.lobby.base import HOME_KEY
from kiosk.screens.lobby.tiles import HOME_TILES
from support import press, screen_lines, settle

SIZES = [(80, 24), (100, 30), (128, 24), (120, 34), (160, 45), (200, 50), (60, 80), (72, 64)]


def _tiles(app) -> dict[str, object]:
    return {tile.key: tile for tile in app.screen.query("#home-tiles KeyTile")}


def _centre(region) -> tuple[float, float]:
    return region.x + region.width / 2, region.y + region.height / 2


def _drawn_target(tiles: dict, key: str, direction: str) -> str | None:
    """The tile drawn next to `key` that way, read from the regions on screen: the nearest row
    (or column) that way, then the one most in line."""
    here = tiles[key].region
    hx, hy = _centre(here)
    found = []
    for other, tile in tiles.items():
        there = tile.region
        tx, ty = _centre(there)
        if direction == "down" and there.y >= here.bottom:
            found.append((there.y - here.bottom, abs(tx - hx), other))
        elif direction == "up" and there.bottom <= here.y:
            found.append((here.y - there.bottom, abs(tx - hx), other))
        elif direction == "right" and there.x >= here.right and there.y == here.y:
            found.append((there.x - here.right, 0, other))
        elif direction == "left" and there.right <= here.x and there.y == here.y:
            found.append((here.x - there.right, 0, other))
    return min(found)[2] if found else None


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_arrows_move_across_the_tiles_as_drawn(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        tiles = _tiles(app)
        assert set(tiles) == {t.key for t in HOME_TILES}
        moved_down_a_column = False
        for key in tiles:
            for direction in ("down", "up", "right", "left"):
                expected = _drawn_target(tiles, key, direction)
                if expected is None:
                    continue  # nothing drawn that way: number order (as Tab)
                tiles[key].focus()
                await press(pilot, direction)
                assert app.focused is tiles[expected], (size, key, direction, app.focused)
                if direction == "down" and int(expected) != int(key) + 1:
                    moved_down_a_column = True
        # ↓ is not "the next number" in any layout with more than one tile to a row.
        assert moved_down_a_column


async def test_down_from_tile_3_is_the_tile_under_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # three to a row: 3 is above 6
        await settle(pilot)
        app.screen.query_one("#tile-3").focus()
        await press(pilot, "down")
        assert app.focused.id == "tile-6"
        await press(pilot, "up", "left")
        assert app.focused.id == "tile-2"


@pytest.mark.parametrize("size", [(80, 24), (128, 24), (60, 80), (200, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_touch_anywhere_on_a_tile_opens_it(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ("2", "7"):
            tile = app.screen.query_one(f"#tile-{key}")
            region = tile.region
            for dx, dy in ((0, 0), (region.width - 1, 0), (0, region.height - 1),
                           (region.width - 1, region.height - 1), (region.width // 2, region.height // 2)):
                await pilot.click(offset=Offset(region.x + dx, region.y + dy))
                await settle(pilot)
                assert type(app.screen).__name__ != "HomeScreen", (size, key, dx, dy)
                await press(pilot, HOME_KEY)
                assert type(app.screen).__name__ == "HomeScreen"
                tile = app.screen.query_one(f"#tile-{key}")
                assert tile.region == region  # the same place after going home
    assert app.errors == []


async def test_star_goes_home_from_a_half_typed_report_and_forgets_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "4", "2", "1", "1", "1", "1")  # roof leak, building 1, unit 1, floor 1
        while type(app.screen).__name__ == "MeTooScreen":
            await press(pilot, str(len(app.screen._choices)))
        assert type(app.screen).__name__ == "DescriptionScreen"
        step, flow = app.screen, app.flow
        await pilot.press(*"abc")
        await press(pilot, HOME_KEY)  # typed in a field, * still goes home
        assert type(app.screen).__name__ == "HomeScreen" and len(app.screen_stack) == 1
        assert flow.closed and app.flow is None and not step.live()
        # A closed flow never runs a step again; a new report starts empty.
        await press(pilot, "4", "2")
        assert app.flow is not flow and app.flow.draft.description == ""
    assert app.errors == []


@pytest.mark.parametrize("keys", [
    ["6", "2", "1", "1", "2"],  # pledge: half a household code
    ["7", "1"],  # vote: the code step
    ["5", "1"],  # track: typing a ticket number
    ["3", "1"],  # works: a project page
], ids=["pledge", "vote", "track", "works"])
async def test_star_goes_home_from_any_depth(make_app, keys):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        assert len(app.screen_stack) > 1
        await press(pilot, HOME_KEY)
        assert type(app.screen).__name__ == "HomeScreen" and len(app.screen_stack) == 1
        assert app.flow is None
    assert app.errors == []


SCREENS = [["1"], ["1", "1"], ["2", "1"], ["3"], ["4"], ["4", "2"], ["4", "2", "1"], ["5"], ["6"], ["6", "2"],
           ["6", "2", "1"], ["7"], ["7", "1"], ["7", "3"], ["7", "3", "1"]]


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_every_key_bar_says_how_to_go_home(make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query("#home-key")  # home itself: nothing to say
        for keys in SCREENS:
            await press(pilot, *keys)
            assert len(app.screen_stack) > 1, keys
            home_key = app.screen.query_one("#keys #home-key")
            bottom = screen_lines(app)[-1]
            assert f" {HOME_KEY}  {home_key.label}" in bottom, (keys, bottom)
            await pilot.click("#home-key")  # touched, it goes home too
            await settle(pilot)
            assert type(app.screen).__name__ == "HomeScreen", keys
    assert app.errors == []
