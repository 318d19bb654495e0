"""The display app driven by Pilot with a frozen clock: nothing sleeps, time moves when the test
says so and the loop is ticked by hand (its own one-second timer may tick too: with the clock
frozen that changes nothing)."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
from pathlib import Path

import pytest

from kiosk import clock
from kiosk.apps.display import DisplayApp
from kiosk.config import Settings
from kiosk.display import kinds
from kiosk.display.playlist import build
from kiosk.domain import estates, funding, ledger, notices, works
from kiosk.render.slides.pager import Page
from support import settle

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kiosk_process import run_kiosk  # noqa: E402

T0 = dt.datetime(2026, 11, 25, 10, 0, 0)


WAN = 1_000_000


@pytest.fixture
def estate(db):
    clock.freeze(T0 - dt.timedelta(days=1))
    e = estates.add_estate("t", "甲小区", "建西社区")
    notices.post("t", "停水通知", "周五 9:00 到 12:00 停水。", estate_id=e.id)
    notices.post("t", "垃圾分类", "请按时投放。", estate_id=e.id, publish_at=T0 - dt.timedelta(hours=20))
    p = funding.create_project("t", e.id, "楼顶防水", 10 * WAN, status="fundraising", plan={"government": 5 * WAN, "owners": 5 * WAN})
    ledger.record("t", p.id, "government", 3 * WAN, status="received", contributor="区政府", on=(T0 - dt.timedelta(days=1)).date(), receipt_no="R1")
    works.add_stage("t", p.id, "防水层", 1, 40)
    clock.freeze(T0)
    return e


def make_app(db, **settings) -> DisplayApp:
    settings.setdefault("playlist", ["notices", "fixed", "funding", "meetings", "daily"])
    s = Settings(db=db.database, **settings)
    playlist = build(s.playlist, s.quiet_hours, s.interval, kinds.known())
    return DisplayApp(s, None, playlist)


async def poll_revision(app, pilot) -> None:
    """What the change detector does every second, done now."""
    app.live._tick()
    await settle(pilot, workers=True)


def stage(app) -> str:
    content = app.board.query_one("#stage").content
    return content.plain() if isinstance(content, Page) else str(content)


def label(app, selector: str) -> str:
    return str(app.board.query_one(selector).content)


async def step(app, pilot, seconds: float) -> None:
    clock.advance(dt.timedelta(seconds=seconds))
    app.tick()
    await pilot.pause()


def where(app):
    cur = app.rotation.current
    return (cur.kind, cur.item) if cur else None


async def test_rotation_order_durations_and_empty_kinds_skipped(db, estate):
    app = make_app(db, interval=10, playlist=[{"slide": "notices", "seconds": 15}, "fixed", "funding", "meetings", "daily"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        assert app.mode == "slide" and where(app) == ("notices", 0)
        assert "垃圾分类" in stage(app) and "通知公告" in label(app, "#kind")  # newest first
        await step(app, pilot, 14)
        assert where(app) == ("notices", 0)
        await step(app, pilot, 1)
        assert where(app) == ("notices", 1) and "停水通知" in stage(app)
        await step(app, pilot, 15)
        # No problems were fixed and no meeting is coming: those kinds are skipped.
        assert where(app) == ("funding", 0) and "楼顶防水" in stage(app) and "资金" in label(app, "#kind")
        await step(app, pilot, 9)
        assert where(app) == ("funding", 0)
        await step(app, pilot, 1)
        assert where(app) == ("daily", 0) and "今日到账" in stage(app)
        await step(app, pilot, 10)
        assert where(app) == ("notices", 0)


async def test_keys_and_clicks_do_nothing(db, estate):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        before = where(app)
        await pilot.press("ctrl+c", "ctrl+q", "q", "escape", "ctrl+p", "tab", "enter", "space", "ctrl+z", "ctrl+backslash", "f1")
        await pilot.click("#stage")
        await pilot.click("#kind")
        await pilot.pause()
        assert app.return_code is None and app.is_running
        assert isinstance(app.screen, type(app.board)) and len(app.screen_stack) == 1
        assert where(app) == before  # nor do they move the loop


async def test_emergency_takes_over_and_the_loop_resumes(db, estate):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        await step(app, pilot, 10)
        assert where(app) == ("notices", 1)
        n = notices.post("t", "燃气泄漏", "3号楼请勿开火，立即开窗。", emergency=True)
        await poll_revision(app, pilot)
        assert app.mode == "emergency" and app.board.has_class("-emergency")
        assert "燃气泄漏" in stage(app) and "紧急通知" in label(app, "#kind") and "96777" in stage(app)
        await step(app, pilot, 60)
        assert app.mode == "emergency"  # it stays, whatever the loop's timing
        notices.withdraw("t", n.id)
        await poll_revision(app, pilot)
        assert app.mode == "slide" and not app.board.has_class("-emergency")
        assert "燃气泄漏" not in stage(app)


async def test_an_expired_emergency_ends_without_the_database(db, estate):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        notices.post("t", "电梯困人", "正在救援。", estate_id=estate.id, emergency=True, expires_at=T0 + dt.timedelta(minutes=5))
        await poll_revision(app, pilot)
        assert app.mode == "emergency" and "电梯困人" in stage(app)
        app._loading = True  # no reload may rescue this: the tick alone must notice the expiry
        await step(app, pilot, 5 * 60)
        assert app.mode == "slide" and "电梯困人" not in stage(app)
        app._loading = False


async def test_emergency_from_another_process(db, db_path, estate):
    # The other process stamps the notice with the real time: run this app's clock just after it.
    clock.freeze(dt.datetime.now().replace(microsecond=0) + dt.timedelta(minutes=1))
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        assert app.mode == "slide"
        result = await asyncio.to_thread(run_kiosk, "--db", db_path, "notice", "post", "--title", "燃气泄漏",
                                         "--body", "请勿使用明火。", "--emergency")
        assert result.returncode == 0, result.stderr
        await poll_revision(app, pilot)
        assert app.mode == "emergency" and "燃气泄漏" in stage(app)


async def test_emergency_overrides_quiet_hours(db, estate):
    clock.freeze(dt.datetime(2026, 11, 25, 23, 30))
    app = make_app(db, quiet_hours="23:00-06:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        assert app.mode == "quiet"
        notices.post("t", "火警", "请从楼梯撤离。", emergency=True)
        await poll_revision(app, pilot)
        assert app.mode == "emergency" and "火警" in stage(app)


async def test_quiet_hours_blank_the_screen_and_the_loop_comes_back(db, estate):
    clock.freeze(dt.datetime(2026, 11, 25, 22, 59, 50))
    app = make_app(db, quiet_hours="23:00-06:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        assert app.mode == "slide"
        await step(app, pilot, 10)
        assert app.mode == "quiet" and app.board.has_class("-quiet") and stage(app).strip() == ""
        assert not app.board.query_one("#top").display
        await step(app, pilot, 3 * 3600)
        assert app.mode == "quiet"
        await step(app, pilot, 4 * 3600)  # 06:00:00
        assert app.mode == "slide" and stage(app).strip() and app.board.query_one("#top").display


async def test_new_data_shows_without_restart(db, estate):
    app = make_app(db, playlist=["funding"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        assert "¥30,000" in stage(app) and "¥45,000" not in stage(app)
        p = funding.list_projects(estate.id)[0]
        ledger.record("t", p.id, "owners", 15 * 100 * 1000, status="received", contributor="业主", on=T0.date(), receipt_no="R2")
        await poll_revision(app, pilot)
        assert "¥15,000" in stage(app)  # the slide on screen is redrawn in place
        assert app.rotation.current.started == T0  # and keeps its time


@pytest.mark.sqlite_only("moves the database file away; PostgreSQL down is the same code path (DatabaseUnavailable)")
async def test_stale_data_stays_up_with_a_mark_and_recovers(db, estate, tmp_path):
    app = make_app(db)
    path = db.database
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        shown = stage(app)
        assert not app.board.has_class("stale")
        # The file goes away (moved by someone; a directory in its place so nothing recreates it).
        moved = str(tmp_path / "moved.db")
        os.replace(path, moved)
        os.mkdir(path)
        try:
            await step(app, pilot, 30)
            await poll_revision(app, pilot)
            app.request_load()
            await settle(pilot, workers=True)
            assert app.stale and app.board.has_class("stale")
            assert label(app, "#stale").strip() == "数据更新于 10:00"
            assert stage(app) == shown or app.mode == "slide"  # the last good slides stay up
            await step(app, pilot, 10)
            assert app.mode == "slide" and stage(app)  # and keep turning
        finally:
            os.rmdir(path)
            os.replace(moved, path)
        await poll_revision(app, pilot)
        assert not app.stale and not app.board.has_class("stale")


@pytest.mark.sqlite_only("moves the database file away")
async def test_database_gone_at_start_shows_a_calm_message(db, estate, tmp_path):
    app = make_app(db)
    path = db.database
    moved = str(tmp_path / "moved.db")
    os.replace(path, moved)
    os.mkdir(path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, workers=True)
            assert app.deck is None and app.stale
            assert "暂时无法读取数据" in stage(app)
            os.rmdir(path)
            os.replace(moved, path)
            moved = None
            await step(app, pilot, 5)  # it retries by itself every few seconds
            await settle(pilot, workers=True)
            assert app.deck is not None and app.mode == "slide" and not app.stale
    finally:
        if moved:
            os.rmdir(path)
            os.replace(moved, path)


async def test_widgets_do_not_accumulate(db, estate):
    app = make_app(db, interval=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        before = len(list(app.screen.walk_children()))
        for _i in range(60):
            await step(app, pilot, 2)
        notices.post("t", "又一条", estate_id=estate.id)
        await poll_revision(app, pilot)
        assert len(list(app.screen.walk_children())) == before


async def test_resize_from_80x24_to_a_tv(db, estate):
    app = make_app(db, playlist=["funding"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        assert not app.board.has_class("big")
        await pilot.resize_terminal(240, 67)
        await settle(pilot, workers=True)
        assert app.board.has_class("big") and app.board.stage_size == (240, 63)
        assert app.board.query_one("#bigclock").display and app.board.query_one("#bigclock").value == "10:00"
        assert "楼顶防水" in stage(app)


async def test_english(db, estate):
    from kiosk import i18n

    i18n.set_language("en")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        assert "Notices" in label(app, "#kind") and "Wed 25 Nov 2026" in label(app, "#clock")
        await step(app, pilot, 10)
        await step(app, pilot, 10)
        assert "Project funding" in label(app, "#kind") and "Received" in stage(app)


async def test_time_alone_changes_what_is_shown(db, estate):
    """A scheduled notice goes live and a meeting starts with no write at all: read again then."""
    from kiosk.domain import meetings

    later = notices.post("t", "明早停电", estate_id=estate.id, publish_at=T0 + dt.timedelta(minutes=5))
    meetings.record("t", estate.id, "onsite", T0 + dt.timedelta(minutes=3), "屋顶验收")
    app = make_app(db, playlist=["notices", "meetings"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        assert app.deck.next_change == T0 + dt.timedelta(minutes=3, seconds=1)
        assert [n.id for n in app.deck.data["notices"]].count(later.id) == 0 and app.deck.data["meetings"]
        await step(app, pilot, 3 * 60)
        await settle(pilot, workers=True)
        assert app.deck.data["meetings"]  # it starts now: still on the board
        await step(app, pilot, 1)
        await settle(pilot, workers=True)
        assert app.deck.data["meetings"] == [] and app.deck.next_change == T0 + dt.timedelta(minutes=5)
        await step(app, pilot, 2 * 60 - 1)
        await settle(pilot, workers=True)
        assert later.id in [n.id for n in app.deck.data["notices"]]
        assert app.deck.next_change == dt.datetime(2026, 11, 26, 0, 0)  # then: the day ends


async def test_a_long_notice_is_shown_in_pages(db, estate):
    body = "\n\n".join(f"第{i}条：请各位居民注意用水用电安全，外出时关好门窗。" for i in range(1, 41))
    notices.post("t", "安全须知", body, estate_id=estate.id, pinned=True)
    app = make_app(db, playlist=["notices"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        cur = app.rotation.current
        assert (cur.item, cur.page) == (0, 0) and cur.pages > 2
        assert "安全须知" in stage(app) and "第1条" in stage(app) and "第40条" not in stage(app)
        assert f"第 1/{cur.pages} 页" in label(app, "#position")
        for page in range(1, cur.pages):
            await step(app, pilot, 10)
            assert (app.rotation.current.item, app.rotation.current.page) == (0, page)
        assert "第40条" in stage(app)
        await step(app, pilot, 10)
        assert app.rotation.current.item == 1 and app.rotation.current.page == 0
