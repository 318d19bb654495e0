"""Meetings on record, the audit browser (filters, chain status) and staff accounts."""

from __future__ import annotations

import datetime as dt

from support import flat, press, screen_text, settle
from support.admin import SIZE, T0, make_app, sign_in

from kiosk import clock, i18n
from kiosk.domain import audit, auth, meetings, notices
from kiosk.screens.admin.audit import AuditScreen
from kiosk.screens.admin.dashboard import DashboardScreen
from kiosk.screens.admin.meeting_form import MeetingForm
from kiosk.screens.admin.meetings import MeetingsScreen
from kiosk.screens.admin.staff import StaffScreen
from intruder import tamper


async def test_record_a_meeting_then_add_its_decisions(demo_db):
    clock.freeze(T0)
    before = {m.id for m in meetings.list_meetings(limit=1000)}

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "5", "n")
        form = app.screen
        assert isinstance(form, MeetingForm)
        await press(pilot, "enter", "down", "enter")  # the first estate
        form.query_one("#f-kind").value = "courtyard"
        form.query_one("#f-held_at").value = "2026-03-12 19:30"
        form.query_one("#f-topic").value = "加装电梯意见征集"
        form.query_one("#f-location").value = "3号楼前"
        form.query_one("#f-attendance").value = "二十"
        await press(pilot, "ctrl+s")
        assert app.screen is form and form.query_one("#f-attendance").has_class("-refused")
        form.query_one("#f-attendance").value = "23"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MeetingsScreen)
        # The newest meeting is first; Enter opens it to record the decisions.
        await press(pilot, "enter")
        edit = app.screen
        assert isinstance(edit, MeetingForm) and edit.meeting.topic == "加装电梯意见征集"
        edit.query_one("#f-decisions").text = "同意按一户一策分摊。"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MeetingsScreen)
    (m,) = [m for m in meetings.list_meetings(limit=1000) if m.id not in before]
    assert (m.kind, m.held_at, m.attendance, m.location, m.decisions) == (
        "courtyard", dt.datetime(2026, 3, 12, 19, 30), 23, "3号楼前", "同意按一户一策分摊。")
    assert [e.action for e in audit.entries(actor="fang", entity="meeting")] == ["meeting.update", "meeting.record"]


async def test_audit_browser_shows_who_did_what_and_that_the_chain_verifies(demo_db):
    i18n.set_language("en")
    notices.post("wuye", "物业通知")

    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "6")
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "Audit chain verifies" in flat(app)
        # Newest first: fang's own sign-in is on top.
        assert "signed in" in screen_text(app).split("\n")[5]
        screen.query_one("#f-actor").value = "wuye"
        await settle(pilot)
        assert {e.actor for e in screen.rows.values()} == {"wuye"}
        assert "notice posted" in flat(app) and "物业通知" in flat(app)
        screen.query_one("#f-actor").value = "*"
        screen.query_one("#f-entity").value = "notice"
        await settle(pilot)
        assert {e.entity for e in screen.rows.values()} == {"notice"}
        screen.query_one("#f-since").value = "2000-13-01"
        screen.query_one("#f-since").focus()
        await press(pilot, "enter")
        await settle(pilot)
        assert screen.query_one("#f-since").has_class("-refused")


async def test_audit_browser_says_when_the_chain_is_broken(demo_db, demo_path):
    i18n.set_language("en")
    tamper(demo_path, "UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3")

    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "6")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "AUDIT CHAIN BROKEN" in flat(app) and "entry 3" in flat(app)


async def test_staff_accounts_are_for_administrators(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        assert "8" not in [o.id for o in app.screen.query_one("#menu").options]
        await press(pilot, "8")
        assert isinstance(app.screen, DashboardScreen)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "admin")
        await press(pilot, "8")
        assert isinstance(app.screen, StaffScreen)
        await press(pilot, "n")
        form = app.screen
        form.query_one("#f-username").value = "liu"
        form.query_one("#f-display_name").value = "刘会计"
        form.query_one("#f-password").value = "long-enough-1"
        form.query_one("#f-password_again").value = "long-enough-2"
        await press(pilot, "ctrl+s")
        assert form.query_one("#f-password_again").has_class("-refused")
        form.query_one("#f-password_again").value = "long-enough-1"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, StaffScreen)
        assert "long-enough" not in flat(app)
        # Disable wuye (the rows are sorted by username: admin, fang, liu, wuye).
        app.screen.query_one("SearchTable").select_key("wuye")
        await press(pilot, "d")
        # Nobody disables themselves.
        app.screen.query_one("SearchTable").select_key("admin")
        await press(pilot, "d")
    staff = {s.username: s for s in auth.list_staff()}
    assert staff["liu"].display_name == "刘会计" and staff["liu"].role == "staff"
    assert staff["wuye"].disabled and not staff["admin"].disabled
    assert auth.login("liu", "long-enough-1").username == "liu"
    assert [e.action for e in audit.entries(actor="admin", entity="staff")][:2] == ["staff.disable", "staff.add"]
