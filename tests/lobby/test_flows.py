"""Nothing a resident does is lost: a flow's confirmation survives writes from other processes,
a busy database keeps the screen answering and the form filled in, and an idle return from a
half-filled form is clean."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time

import pytest
from textual import events

from kiosk import clock, demo
from kiosk.db.models import Contribution, Report
from kiosk.screens.lobby import saving
from kiosk_process import ROOT, kiosk_env
from support import drive, hold_write_lock, press, screen_text, settle, until

PAUSED = "暂停服务"


def _post_notice_elsewhere(db: str, title: str) -> None:
    """Staff post a notice from another process, as they do all day."""
    subprocess.run([sys.executable, "-m", "kiosk", "--db", db, "notice", "post", "--title", title, "--body", "b"],
                   check=True, capture_output=True, env=kiosk_env(PYTHONPATH=str(ROOT)), cwd=str(ROOT))




async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)
    await settle(pilot)


def _code() -> str:
    return demo.household_codes()[("盈谷中心小区", "2号楼", "1单元", "101")]




async def test_pledge_thanks_after_a_write_from_another_process(make_app, lobby_db):
    """The reproduction: a notice posted elsewhere while the resident is on the confirmation step
    used to end in the pause screen instead of the thank-you (a step re-entered with its draft
    gone)."""
    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "6", "2", "1")
        await _type(pilot, _code())
        await press(pilot, "enter", "2")
        assert type(app.screen).__name__ == "PledgeConfirmScreen"
        seen = app.live.revision
        _post_notice_elsewhere(lobby_db, "staff wrote meanwhile")
        assert await until(pilot, lambda: app.live.revision != seen, 5)  # the change detector saw it
        await settle(pilot)
        await press(pilot, "1")
        assert await until(pilot, lambda: type(app.screen).__name__ == "PledgeDoneScreen", 10)
        await pilot.pause(1.5)  # and the lobby's own write is seen as a change too
        await settle(pilot)
        assert type(app.screen).__name__ == "PledgeDoneScreen"
        assert "谢谢您" in screen_text(app) and PAUSED not in screen_text(app)
    assert app.errors == []


async def test_ticket_after_a_write_from_another_process(make_app, lobby_db):
    app = make_app()
    before = Report.select().count()

    async with drive(app) as pilot:
        await press(pilot, "4", "2", "5", "1")  # road, nearest 1号楼
        assert type(app.screen).__name__ == "DescriptionScreen"
        await _type(pilot, "potholes")
        _post_notice_elsewhere(lobby_db, "another write")
        await pilot.pause(1.5)
        await settle(pilot)
        # The live refresh did not touch what was typed.
        assert type(app.screen).__name__ == "DescriptionScreen"
        assert app.screen.query_one("#field").value == "potholes"
        await press(pilot, "enter", "enter")  # no phone
        _post_notice_elsewhere(lobby_db, "and another")
        await pilot.pause(1.5)
        await press(pilot, "1")
        assert await until(pilot, lambda: type(app.screen).__name__ == "TicketScreen", 10)
        assert app.screen.ticket in screen_text(app)
    assert app.errors == []
    assert Report.select().count() == before + 1


async def test_idle_return_from_a_stale_half_filled_form(make_app, lobby_db):
    """Screens under the top one are stale after a write; going home (idle) passes over them
    without composing any of them again (it used to fail on the dropped draft)."""
    app = make_app(idle_seconds=90)

    async with drive(app) as pilot:
        await press(pilot, "6", "2", "1", "1", "2")  # pledge: project 2, here, half a household code
        assert type(app.screen).__name__ == "HouseholdCodeScreen"
        seen = app.live.revision
        _post_notice_elsewhere(lobby_db, "write while the form is half filled")
        assert await until(pilot, lambda: app.live.revision != seen, 5)
        await settle(pilot)
        clock.advance(dt.timedelta(seconds=120))
        app.check_inactivity()
        await settle(pilot, 5)
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.flow is None and PAUSED not in screen_text(app)
    assert app.errors == []


async def test_a_busy_database_keeps_the_screen_answering_and_the_form(make_app, lobby_db, monkeypatch):
    """Another writer holds the lock: submitting shows that it is saving, Escape still works, and
    after the bounded wait the resident reads one line and finds the form as they left it; once
    the lock is free, the same key saves it and the ticket follows the commit."""
    monkeypatch.setattr(saving, "SAVE_PATIENCE_S", 2.0)
    app = make_app()
    before = Report.select().count()

    async with drive(app) as pilot:
        await press(pilot, "4", "2", "5", "1")
        await _type(pilot, "deep hole")
        await press(pilot, "enter", "enter")
        assert type(app.screen).__name__ == "ReportConfirmScreen"
        holder = hold_write_lock(lobby_db)
        try:
            started = time.monotonic()
            await press(pilot, "1")
            assert time.monotonic() - started < 1.0  # the key returned at once: the UI is free
            assert "正在保存" in screen_text(app)
            assert await until(pilot, lambda: "系统正忙" in screen_text(app), 10)
            assert type(app.screen).__name__ == "ReportConfirmScreen"
            assert Report.select().count() == before
            await press(pilot, "escape")  # back a step: what was typed is there
            assert type(app.screen).__name__ == "PhoneScreen"
            await press(pilot, "escape")
            assert app.screen.query_one("#field").value == "deep hole"
            await press(pilot, "enter", "enter")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert type(app.screen).__name__ == "ReportConfirmScreen"
        await press(pilot, "1")
        assert await until(pilot, lambda: type(app.screen).__name__ == "TicketScreen", 10)
    assert app.errors == []
    assert Report.select().count() == before + 1


async def test_a_save_waiting_for_the_lock_still_shows_its_receipt_after_escape(make_app, lobby_db):
    """The resident pressed Escape while a pledge waited for the lock: when it commits, its
    thank-you is shown all the same (a commit always shows its receipt)."""
    app = make_app()
    before = Contribution.select().count()

    async with drive(app) as pilot:
        await press(pilot, "6", "2", "1")
        await _type(pilot, _code())
        await press(pilot, "enter", "2")
        holder = hold_write_lock(lobby_db)
        try:
            await press(pilot, "1")
            await press(pilot, "1")  # a second press while saving records nothing more
            await press(pilot, "escape")
            assert type(app.screen).__name__ == "AmountScreen"
        finally:
            await pilot.pause(0.5)
            holder.execute("ROLLBACK")
            holder.close()
        assert await until(pilot, lambda: type(app.screen).__name__ == "PledgeDoneScreen", 10)
    assert app.errors == []
    assert Contribution.select().count() == before + 1


@pytest.mark.parametrize("paste", ["漏" * 5000, "[b]x[/b] " * 2000, "a\x1b[31mb\x07c" * 1000], ids=["cjk", "markup", "escapes"])
async def test_a_huge_paste_is_clipped_by_the_field(make_app, paste):
    """The description takes no more than its limit, whatever is pasted, and says so."""
    from kiosk.domain import reports

    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "4", "2", "5", "1")
        field = app.screen.query_one("#field")
        field.post_message(events.Paste(paste))  # what a terminal's bracketed paste delivers
        await settle(pilot)
        assert 0 < len(field.value) <= reports.DESCRIPTION_LIMIT
        assert "\x1b" not in field.value and "\x07" not in field.value
        assert "最多" in screen_text(app) or "略去" in screen_text(app)
    assert app.errors == []
