"""No key combination leaves the kiosk, suspends it, or opens a palette or a shell."""

from __future__ import annotations

import pytest

from kiosk.apps.lobby import LobbyApp
from support import drive, press, screen_text, settle

DANGEROUS = ["ctrl+c", "ctrl+q", "ctrl+z", "ctrl+backslash", "ctrl+p", "ctrl+d", "escape", "ctrl+s", "ctrl+w",
             "ctrl+x", "ctrl+v", "tab", "shift+tab"] + [f"f{n}" for n in range(1, 13)]


def _unchanged_home(app, before: str) -> None:
    assert app.is_running
    assert app.return_code is None
    assert type(app.screen).__name__ == "HomeScreen"
    assert len(app.screen_stack) == 1  # home is the bottom of the stack
    assert screen_text(app) == before


@pytest.mark.parametrize("key", DANGEROUS)
async def test_key_does_nothing_on_home(make_app, key):
    app = make_app()

    async with drive(app) as pilot:
        before = screen_text(app)
        await press(pilot, key, key)
        if key in ("tab", "shift+tab"):  # focus moves between tiles: that is all
            assert type(app.screen).__name__ == "HomeScreen" and app.is_running
        else:
            _unchanged_home(app, before)
    assert app.errors == []


async def test_keys_inside_a_form_field_do_not_escape(make_app):
    """In the description field Ctrl+C/Q/Z/P/D … do nothing; Escape only goes back a step."""
    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "4", "2", "1", "1", "1", "1")  # roof leak, building 1, unit 1, floor 1
        while type(app.screen).__name__ == "MeTooScreen":
            await press(pilot, str(len(app.screen._choices)))
        assert type(app.screen).__name__ == "DescriptionScreen"
        await pilot.press(*"abc")
        for key in DANGEROUS:
            if key in ("escape", "tab", "shift+tab"):
                continue
            await press(pilot, key)
            assert app.is_running and type(app.screen).__name__ == "DescriptionScreen", key
        await press(pilot, "escape")
        assert app.is_running
        assert type(app.screen).__name__ != "DescriptionScreen"
        assert app.flow.draft.description == "abc"  # going back loses nothing
    assert app.errors == []


async def test_quit_and_palette_actions_are_refused_even_when_called(make_app):
    """What markup, a palette or a binding could call: each is a no-op in the lobby."""
    app = make_app()

    async with drive(app) as pilot:
        for action in ("quit", "help_quit", "suspend_process", "command_palette", "screenshot",
                       "switch_mode('x')", "push_screen('x')", "pop_screen", "toggle_dark", "back"):
            await app.run_action(f"app.{action}")
            await settle(pilot, 1)
            assert app.is_running, action
        app.open_url("https://example.org")
        assert type(app.screen).__name__ == "HomeScreen"
    assert app.errors == []


def test_nothing_is_bound_to_quit_or_the_palette():
    bound = {key for key, bindings in LobbyApp._merge_bindings().key_to_bindings.items()
             for b in bindings if b.action in ("quit", "command_palette", "help_quit", "suspend_process")}
    assert bound == set()
    assert LobbyApp.ENABLE_COMMAND_PALETTE is False


def _every_key() -> list[str]:
    """Every key Textual can deliver (its Keys table: control, function, navigation keys with
    every modifier), plus alt+letter and the printable ASCII a keypad or keyboard can type."""
    from textual.keys import Keys

    keys = [k.value for k in Keys]
    keys += [f"alt+{c}" for c in "abcdefghijklmnopqrstuvwxyz"]
    keys += [c for c in map(chr, range(33, 127)) if not c.isdigit()]
    return keys


@pytest.mark.parametrize("where", ["home", "typing"])
async def test_every_key_leaves_the_lobby_running(make_app, where):
    """Each key, one after another, on home and in a text field: whatever screen it leads to,
    the app keeps running as the lobby (no exit, no suspend, no palette, no error)."""
    app = make_app()
    keys = _every_key()
    assert len(keys) > 200

    async with drive(app) as pilot:
        for key in keys:
            if where == "typing" and type(app.screen).__name__ != "DescriptionScreen":
                await app.go_home()
                await settle(pilot, 1)
                await press(pilot, "4", "2", "1", "1", "1", "1")
                while type(app.screen).__name__ == "MeTooScreen":
                    await press(pilot, str(len(app.screen._choices)))
            await pilot.press(key)
            await settle(pilot, 1)
            assert app.is_running and app.return_code is None, key
            assert type(app).__name__ == "LobbyApp" and type(app.screen).__module__.startswith("kiosk.screens.lobby"), key
            if where == "home" and type(app.screen).__name__ != "HomeScreen":
                await app.go_home()
                await settle(pilot, 1)
    assert app.errors == []
