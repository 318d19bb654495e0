"""Dashboard aggregates, the staff ledger view and the audit browser helpers, on real SQLite."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk import clock
from kiosk.domain import audit_browse, dashboard, estates, funding, ledger, ledger_entries, meetings, notices, works
from kiosk.domain.errors import Conflict
from intruder import tamper

T0 = dt.datetime(2026, 3, 10, 9, 0)


def _project(actor="t"):
    e = estates.add_estate(actor, "测试小区")
    return e, funding.create_project(actor, e.id, "楼顶防水", 100_000_00)


def test_money_today_and_total_per_project(db):
    clock.freeze(T0)
    e, p = _project()
    other = funding.create_project("t", e.id, "道路", 50_000_00)
    yesterday = T0.date() - dt.timedelta(days=1)
    ledger.record("t", p.id, "government", 10_000_00, status="received", contributor="区政府", on=yesterday)
    ledger.record("t", p.id, "units", 2_000_00, status="received", contributor="公司甲", receipt_no="R1")
    paid_today = ledger.record("t", p.id, "owners", 300_00, status="pledged", contributor="业主")
    ledger.confirm("t", paid_today.id)
    ledger.record("t", p.id, "property", 500_00, status="pledged", contributor="物业")
    dropped = ledger.record("t", p.id, "community", 700_00, status="pledged", contributor="社区")
    ledger.cancel("t", dropped.id, "重复登记")
    ledger.record("t", p.id, "subdistrict", 900_00, status="pledged", contributor="街道", on=yesterday)

    rows = {r.project_id: r for r in dashboard.money_by_project()}
    r = rows[p.id]
    assert r.received_today_fen == 2_000_00 + 300_00
    # Today's pledges: the one since paid counts, the cancelled one does not, yesterday's does not.
    assert r.pledged_today_fen == 300_00 + 500_00
    assert r.received_fen == 10_000_00 + 2_000_00 + 300_00
    assert r.pledged_fen == 500_00 + 900_00
    assert (r.estate, r.title, r.target_fen) == ("测试小区", "楼顶防水", 100_000_00)
    # A project without any money still has its row, with zeros.
    assert rows[other.id].received_fen == rows[other.id].pledged_today_fen == 0
    # The totals agree with the funding snapshot every public figure comes from.
    snap = funding.snapshot(p.id)
    assert (snap.received_fen, snap.pledged_fen) == (r.received_fen, r.pledged_fen)
    # Another day: nothing today.
    assert dashboard.money_by_project(T0.date() + dt.timedelta(days=1))[0].received_today_fen == 0


def test_active_only_leaves_out_finished_projects(db):
    e, p = _project()
    done = funding.create_project("t", e.id, "旧工程", 10_00, status="completed")
    ids = [r.project_id for r in dashboard.money_by_project(active_only=True)]
    assert p.id in ids and done.id not in ids


def test_summary_collects_stale_works_meetings_and_expiring_notices(db):
    clock.freeze(T0)
    e, p = _project()
    funding.update_project("t", p.id, p.version, status="in_progress")
    works.add_stage("t", p.id, "防水层", 50, 10)
    soon = meetings.record("t", e.id, "onsite", T0 + dt.timedelta(days=2), "现场办公会")
    meetings.record("t", e.id, "onsite", T0 + dt.timedelta(days=30), "很久以后")
    n = notices.post("t", "停水通知", expires_at=T0 + dt.timedelta(days=1))
    notices.post("t", "长期通知", expires_at=T0 + dt.timedelta(days=30))
    s = dashboard.summary()
    assert s.stale_works == []
    assert [m.id for m in s.upcoming_meetings] == [soon.id]
    assert [x.id for x in s.expiring_notices] == [n.id]
    assert set(s.open_reports) == {"new", "accepted", "in_progress"}
    clock.advance(dt.timedelta(days=8))
    assert [x.id for x in dashboard.summary().stale_works] == [p.id]


def test_staff_ledger_names_households_by_room(demo_db):
    rows = ledger_entries.for_staff(1)
    assert rows and rows[0].entry.id > rows[-1].entry.id  # newest first
    household = [r for r in rows if r.entry.household_id is not None]
    org = [r for r in rows if r.entry.household_id is None]
    assert household and org
    assert "号楼" in household[0].who and "单元" in household[0].who
    assert org[0].who == org[0].entry.contributor
    assert all(r.entry.status == "received" for r in ledger_entries.for_staff(1, status="received"))


def test_audit_browser_helpers(db):
    _project("fang")
    notices.post("wuye", "通知")
    assert {"fang", "wuye"} <= set(audit_browse.actors())
    assert {"estate", "project", "notice"} <= set(audit_browse.entity_kinds())
    status = audit_browse.chain_status()
    assert status.ok and status.entries == 3 and not status.faults


def test_chain_status_reports_a_tampered_entry(db, db_path):
    _project("fang")
    tamper(db_path, "UPDATE audit_entry SET actor = 'someone' WHERE seq = 1")
    status = audit_browse.chain_status()
    assert not status.ok and status.faults[0].seq == 1


def test_a_second_editor_of_a_meeting_is_told_of_the_conflict(db):
    e = estates.add_estate("fang", "议事小区")
    m = meetings.record("fang", e.id, "courtyard", T0, "停车位划线")
    first = meetings.update("fang", m.id, seen=m, decisions="同意划线")
    with pytest.raises(Conflict):
        meetings.update("wuye", m.id, seen=m, decisions="暂缓")  # edited from the same, now stale, form
    assert meetings.list_meetings(e.id)[0].decisions == first.decisions == "同意划线"
    assert meetings.update("wuye", m.id, seen=first, attendance=31).attendance == 31
