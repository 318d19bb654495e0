"""Live data (a write elsewhere shows by itself) and the idle return home."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.apps.live import DataChanged
from kiosk.domain import changes, ledger, notices
from kiosk.domain.money import yuan
from kiosk.screens.lobby.emergency_notice import EmergencyNoticeScreen
from support import drive, post_notice_elsewhere, press, screen_text, settle, until


def _changed(app) -> None:
    app.post_message(DataChanged(changes.revision()))


async def test_a_new_notice_shows_on_home_and_in_the_list(make_app):
    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "1")
        notices.post("test", "停水通知：明天九点到十二点", "", pinned=True)
        _changed(app)
        await settle(pilot)
        assert "停水通知" in screen_text(app)
        await press(pilot, "0")
        assert "停水通知" in screen_text(app)
    assert app.errors == []


async def test_money_recorded_elsewhere_updates_the_open_funding_screen(make_app):
    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "2", "2")
        before = screen_text(app)
        ledger.record("test", 2, "units", 12_345_67, status="received", contributor="测试单位", receipt_no="T-1")
        _changed(app)
        await settle(pilot)
        after = screen_text(app)
        assert after != before
        from kiosk.domain import funding

        assert yuan(funding.snapshot(2).received_fen) in after
    assert app.errors == []


async def test_emergency_takes_over_until_read_and_again_after_idle(make_app):
    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "4", "2")  # in the middle of a report
        notices.post("test", "燃气泄漏，请勿使用明火", "3号楼燃气管道检修，请开窗通风。", emergency=True)
        _changed(app)
        await settle(pilot)
        assert isinstance(app.screen, EmergencyNoticeScreen)
        assert "燃气泄漏" in screen_text(app) and "紧急通知" in screen_text(app)
        await press(pilot, "1")
        assert type(app.screen).__name__ == "ReportCategoryScreen"  # back where they were
        await app.go_home()
        await settle(pilot)
        assert "燃气泄漏" in screen_text(app) and "紧急" in screen_text(app).splitlines()[1]
        clock.advance(dt.timedelta(seconds=app.settings.idle_seconds + 1))
        app.touch()  # someone was here …
        clock.advance(dt.timedelta(seconds=app.settings.idle_seconds + 1))
        app.check_inactivity()  # … and left
        await settle(pilot, 5)
        assert isinstance(app.screen, EmergencyNoticeScreen)
    assert app.errors == []


async def test_idle_returns_home_and_forgets_the_form(make_app):
    app = make_app(idle_seconds=90)

    async with drive(app) as pilot:
        await press(pilot, "4", "2", "1", "1", "1", "1")
        while type(app.screen).__name__ == "MeTooScreen":
            await press(pilot, str(len(app.screen._choices)))
        for ch in "half typed":
            await pilot.press(ch)
        await settle(pilot)
        assert app.flow.draft.description == "half typed"
        clock.advance(dt.timedelta(seconds=60))
        app.check_inactivity()
        await settle(pilot)
        assert type(app.screen).__name__ == "DescriptionScreen"  # not yet
        clock.advance(dt.timedelta(seconds=31))
        app.check_inactivity()
        await settle(pilot, 5)
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.flow is None
        await press(pilot, "4", "2", "1", "1", "1", "1")
        while type(app.screen).__name__ == "MeTooScreen":
            await press(pilot, str(len(app.screen._choices)))
        assert app.screen.query_one("#field").value == ""
    assert app.errors == []


async def test_a_notice_posted_by_another_process_shows_by_itself(make_app, lobby_db):
    """The real poller, the real command in another process; waits at most 10 s for it."""
    clock.reset()  # the other process uses the real clock
    app = make_app()
    title = "[@click=app.quit]点我"

    async with drive(app) as pilot:
        await post_notice_elsewhere(lobby_db, title)
        await until(pilot, lambda: title in screen_text(app), 10)
        assert title in screen_text(app)
        assert app.is_running
    assert app.errors == []


async def test_the_highlighted_notice_stays_highlighted_when_one_is_posted_above_it(make_app):
    """Live data moves the list under the highlight; Enter must still open what the resident chose."""
    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "1", "down")
        chosen = app.screen.focused.value
        assert app.screen.focused.id == "choice-2"
        notices.post("test", "新发的通知：电梯检修", "")  # newest first: it takes the second place
        _changed(app)
        await settle(pilot)
        assert "新发的通知" in screen_text(app)
        assert app.screen.focused.value.value == chosen.value
        assert app.screen.focused.id == "choice-3"
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "NoticeScreen" and chosen.label in screen_text(app)
    assert app.errors == []
