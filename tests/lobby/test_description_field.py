"""The report's description is a field of several lines: everything typed, up to its limit, is on
the screen to be read back; it keeps the one-line field's sanitising; Enter moves on; a live
refresh keeps it (the flow's draft)."""

from __future__ import annotations

import pytest
from textual import events

from kiosk.domain import reports
from support import press, screen_text, settle, until

# The same walk as the other report tests: other -> 6号楼 -> 1单元 -> floor 1 (the building, unit
# and floor keys of the fixed demo), past "me too" when it is offered.
TO_DESCRIPTION = ("4", "2", "9", "1", "1")


async def _to_description(pilot, app) -> None:
    await settle(pilot)
    await press(pilot, *TO_DESCRIPTION)
    while type(app.screen).__name__ == "MeTooScreen":
        await press(pilot, str(len(app.screen._choices)))
    assert type(app.screen).__name__ == "DescriptionScreen"


def _shown(app) -> str:
    """What the screen shows, wrapped lines joined (the field wraps within its border)."""
    return "".join(line.replace("▊", "").replace("▎", "").replace(" ", "") for line in screen_text(app).splitlines())


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
@pytest.mark.parametrize("text", ["漏" * reports.DESCRIPTION_LIMIT, "water-drips" * 27 + "end"], ids=["cjk", "latin"])
async def test_everything_typed_up_to_the_limit_is_on_screen(make_app, lang, size, text):
    text = text[: reports.DESCRIPTION_LIMIT]
    app = make_app(lang)

    async with app.run_test(size=size) as pilot:
        await _to_description(pilot, app)
        field = app.screen.query_one("#field")
        field.post_message(events.Paste(text))
        await settle(pilot)
        assert field.value == text
        assert field.region.height >= 4  # several lines, not one
        assert field.region.bottom <= app.screen.query_one("#keys").region.y  # above the key bar
        assert text.replace(" ", "") in _shown(app)  # every character, none scrolled away
        await press(pilot, "enter")  # Enter moves on, as it did
        assert type(app.screen).__name__ == "PhoneScreen"
        assert app.flow.draft.description == text
    assert app.errors == []


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_resident_text_is_data_in_the_field(make_app, lang):
    app = make_app(lang)
    typed = "[b]bold[/b] [@click=app.quit]x[/]"

    async with app.run_test(size=(80, 24)) as pilot:
        await _to_description(pilot, app)
        field = app.screen.query_one("#field")
        field.post_message(events.Paste(typed + "\x1b[2J\x1b]0;owned\x07\u202e\x00\x08\nline two\r\n"))
        await settle(pilot)
        # Escapes and control characters are gone; a pasted line break is a space; markup is text.
        assert field.value == typed + " line two "
        assert "[b]bold[/b]" in screen_text(app)
        assert "\x1b" not in field.value and "\u202e" not in field.value
        for key in ("1", "0", "9"):  # digits are text here, not tiles
            await pilot.press(key)
        await settle(pilot)
        assert field.value.endswith("109") and type(app.screen).__name__ == "DescriptionScreen"
    assert app.errors == []


async def test_one_more_character_than_the_limit_is_refused_and_said(make_app):
    app = make_app("zh")

    async with app.run_test(size=(80, 24)) as pilot:
        await _to_description(pilot, app)
        field = app.screen.query_one("#field")
        field.post_message(events.Paste("好" * (reports.DESCRIPTION_LIMIT - 1)))
        await settle(pilot)
        await press(pilot, "a", "b")
        assert field.value == "好" * (reports.DESCRIPTION_LIMIT - 1) + "a"
        assert f"最多 {reports.DESCRIPTION_LIMIT} 个字" in screen_text(app)
        assert f"{reports.DESCRIPTION_LIMIT}" in screen_text(app)  # the counter


async def test_what_was_typed_survives_a_live_refresh_and_going_back(make_app):
    from kiosk.domain import notices

    app = make_app("en")

    async with app.run_test(size=(80, 24)) as pilot:
        await _to_description(pilot, app)
        for ch in "the gate sticks":
            await pilot.press(ch if ch != " " else "space")
        await settle(pilot)
        # Staff write meanwhile: the change detector sees it and the screens refresh.
        seen = app.live.revision
        notices.post("cli:test", "another write", "body", estate_id=app.estate.id)
        assert await until(pilot, lambda: app.live.revision != seen, 5)
        await settle(pilot)
        assert app.screen.query_one("#field").value == "the gate sticks"
        await press(pilot, "enter", "escape")  # on to the phone, and back
        assert type(app.screen).__name__ == "DescriptionScreen"
        assert app.screen.query_one("#field").value == "the gate sticks"
    assert app.errors == []


async def test_memory_is_handed_back_once_home_after_a_form_and_not_while_typing(make_app, monkeypatch):
    """Thousands of characters typed leave memory that Python freed but the allocator keeps: once
    the form is left and home has shown for a moment, the lobby hands it back (kiosk.memory); a
    resident already in the next form is not paused for it."""
    from kiosk import memory
    from kiosk.apps import lobby

    released = []
    real = memory.release
    monkeypatch.setattr(memory, "release", lambda: (released.append(1), real()))
    monkeypatch.setattr(lobby, "RELEASE_AFTER_S", 0.3)
    app = make_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_description(pilot, app)
        await press(pilot, *"墙面渗水")
        await press(pilot, "asterisk")  # * goes home from any depth
        await press(pilot, *TO_DESCRIPTION[:1])  # and straight into the next form
        await pilot.pause(0.6)
        assert released == []
        await press(pilot, "asterisk")
        assert await until(pilot, lambda: released == [1], 3)
        assert type(app.screen).__name__ == "HomeScreen"
    assert app.errors == []
