"""A try-out (`kiosk lobby --try`) can be left with the one key its key bar shows; a kiosk box,
without it, cannot be left with that key or any other."""

from __future__ import annotations

import pytest

from support import drive, press, screen_text, settle

LEAVE = {"zh": "退出试用", "en": "Leave the try-out"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_without_the_flag_nothing_leaves_and_nothing_offers_to(make_app, lang, size):
    app = make_app(lang)

    async with drive(app, size) as pilot:
        assert "Ctrl+Q" not in screen_text(app) and LEAVE[lang] not in screen_text(app)
        await press(pilot, "ctrl+q", "ctrl+c", "ctrl+q")
        assert app.is_running and app.return_code is None
        app.leave_try_out()  # even when called: a kiosk box has no try-out to leave
        await settle(pilot)
        assert app.is_running
    assert app.errors == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_try_out_shows_its_key_and_the_key_leaves(make_app, lang, size):
    app = make_app(lang, try_out=True)

    async with drive(app, size) as pilot:
        bottom = screen_text(app).splitlines()[-1]
        assert "Ctrl+Q" in bottom and LEAVE[lang] in bottom, bottom
        await press(pilot, "ctrl+c", "ctrl+z")  # the other keys stay swallowed
        assert app.is_running
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running
    assert app.return_code == 0 and app.errors == []


async def test_the_try_out_key_leaves_from_inside_a_form_field(make_app):
    """The description field has the focus: Ctrl+Q still leaves (it is no character)."""
    app = make_app("en", try_out=True)

    async with drive(app) as pilot:
        await press(pilot, "4")  # report a problem
        assert app.is_running and "Ctrl+Q" in screen_text(app).splitlines()[-1]
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running
    assert app.errors == []


async def test_touching_the_shown_key_leaves(make_app):
    app = make_app("zh", try_out=True)

    async with drive(app) as pilot:
        tile = next(t for t in app.screen.query("KeyTile") if t.key == "Ctrl+Q")
        await pilot.click(tile)
        await settle(pilot)
        assert not app.is_running
