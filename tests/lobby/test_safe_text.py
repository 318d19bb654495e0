"""Markup, escape sequences, control and bidi characters in anything typed (by residents into the
kiosk's fields, by staff into notices, projects and notes) show as text and do nothing."""

from __future__ import annotations

from textual import events

from kiosk import demo
from kiosk.db.models import Report
from kiosk.domain import funding, notices, reports
from support import drive, press, screen_lines, screen_text, settle

MARKUP = "[b]bold[/b] [@click=app.quit]Q[/] [link=https://evil.example]L[/link]"


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
    await settle(pilot)


async def _click_everywhere_on(pilot, app, needle: str) -> None:
    """Click on every cell where `needle` is shown: nothing may happen."""
    for y, line in enumerate(screen_lines(app)):
        x = line.find(needle)
        while x >= 0:
            for dx in range(0, len(needle), 2):
                await pilot.click(offset=(x + dx, y))
            x = line.find(needle, x + 1)
    await settle(pilot)


async def test_markup_typed_into_the_report_shows_literally_everywhere(make_app):
    app = make_app()

    async with drive(app, (120, 40)) as pilot:
        await press(pilot, "4", "2", "9", "6", "1")  # other, 6号楼 1单元
        if type(app.screen).__name__ == "MeTooScreen":
            await press(pilot, str(len(app.screen._choices)))
        await _type(pilot, MARKUP)
        # Escape sequences and control characters cannot even get into the field.
        field = app.screen.query_one("#field")
        field.post_message(events.Paste("\x1b[2J\x1b]0;owned\x07\u202e"))
        await settle(pilot)
        assert field.value == MARKUP
        await press(pilot, "enter")
        await _type(pilot, "[b]13800138000")  # the phone field takes digits only
        assert app.screen.query_one("Input").value == "13800138000"
        await press(pilot, "enter")
        assert MARKUP in screen_text(app)
        await _click_everywhere_on(pilot, app, "[@click=app.quit]Q[/]")
        assert app.is_running
        await press(pilot, "1")
        await settle(pilot, 5)
        ticket = app.screen.ticket
        # The public trail never shows the description; a summary staff publish (the same text here) it does show.
        reports.publish_summary("staff", Report.get(Report.ticket == ticket).id, MARKUP)
        await press(pilot, "0", "5")
        await _type(pilot, ticket)
        await press(pilot, "enter")
        assert MARKUP in screen_text(app)
        await _click_everywhere_on(pilot, app, "[@click=app.quit]Q[/]")
        assert app.is_running
    assert app.errors == []
    assert Report.select().order_by(Report.id.desc()).first().description == MARKUP


async def test_ticket_room_and_amount_fields_refuse_markup(make_app):
    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "5")
        await _type(pilot, "[b]12")
        assert app.screen.query_one("Input").value == "12"
        await press(pilot, "escape", "6", "2", "1")
        assert type(app.screen).__name__ == "HouseholdCodeScreen"
        await _type(pilot, "[@click=app.quit]")
        assert "[@click" not in screen_text(app)  # the code field takes digits only, shown as dots
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "HouseholdCodeScreen"
        await app.go_home()
        await press(pilot, "6", "2", "1")
        await _type(pilot, demo.household_codes()[("盈谷中心小区", "2号楼", "1单元", "101")])
        await press(pilot, "enter", "7")
        await _type(pilot, "[b]5")
        assert app.screen.query_one("Input").value == "5"
    assert app.errors == []


async def test_staff_text_with_markup_bidi_and_links_is_inert(make_app):
    app = make_app()
    title = "[@click=app.quit]点我[/] [reverse]X[/]\u202eevil"
    notices.post("staff", title, f"{MARKUP}\n\n[a link](https://evil.example) and [@click=app.quit]click[/]",
                 estate_id=app.estate.id, pinned=True)
    funding.create_project("staff", app.estate.id, "[red]项目[/red] [@click=app.quit]Z", 100_00, status="fundraising")
    r = reports.submit("lobby", app.estate.id, "other", 1, "[b]x[/b]")
    reports.transition("staff", r.id, "accepted", "[@click=app.quit]note[/] \u202eRTL")

    async with drive(app, (120, 40)) as pilot:
        shown = "[@click=app.quit]点我[/] [reverse]X[/]⟨U+202E⟩evil"
        assert "[@click=app.quit]点我" in screen_text(app)
        await _click_everywhere_on(pilot, app, "[@click=app.quit]点我")
        await press(pilot, "1", "1")
        text = screen_text(app)
        assert shown in text and "[@click=app.quit]click[/]" in text
        await _click_everywhere_on(pilot, app, "a link")
        await _click_everywhere_on(pilot, app, "[@click=app.quit]click")
        assert app.is_running
        await app.go_home()
        await press(pilot, "2")
        assert "[red]项目[/red] [@click=app.quit]Z" in screen_text(app)
        await app.go_home()
        await press(pilot, "5")
        await _type(pilot, r.ticket)
        await press(pilot, "enter")
        assert "[@click=app.quit]note[/] ⟨U+202E⟩RTL" in screen_text(app)
        await _click_everywhere_on(pilot, app, "[@click=app.quit]note")
        assert app.is_running
    assert app.errors == []
