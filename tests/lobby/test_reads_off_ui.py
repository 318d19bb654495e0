"""Screens read the database in workers, never on the UI thread: a key press never waits for it.

Every query is seen through peewee's own query hook on the lobby's real connection, with the
thread it ran on. A hook that holds worker threads' queries for a while stands for a slow database
(a sub-district's server far away): the keys must keep answering meanwhile."""

from __future__ import annotations

from kiosk.screens.lobby.home import HomeScreen
from support import press, screen_text, settle, until
from support.queries import QueryLog, SlowReads, query_hook

READING = "正在读取"


# home -> each section (and a page of it that reads) -> back, by the keys a resident presses
WALK = [
    ("1", "1", "0", "0"),  # notices, the first notice
    ("2", "0"),  # funding (the demo's one project opens at once)
    ("3", "0"),  # works
    ("4", "2", "2", "5", "2", "4", *"000000"),  # report: a kind, a place, reports like it
    ("5", "escape"),  # track a ticket (the field takes digits)
    ("6", "0"),  # pledge: the QR page
    ("7", "3", "1", "0", "0", "5", "0", "4", "0", "0"),  # votes: results, one result, meetings, plans
    ("5", *"8814627", "1", "3", "enter", "escape"),  # a ticket looked up (the demo's seepage report)
    ("7", "1", *"123456789012", "enter", "escape", "0"),  # a vote code looked up (a wrong one)
]


async def test_no_screen_switch_reads_the_database_on_the_ui_thread(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # the first paint: home, its data read in a worker
        assert "正在读取" not in screen_text(app) and isinstance(app.screen, HomeScreen)
        with query_hook(QueryLog()) as log:
            for keys in WALK:
                shown = set()
                for key in keys:
                    await press(pilot, key)
                    shown.add(type(app.screen).__name__)
                    assert READING not in screen_text(app), screen_text(app)
                assert isinstance(app.screen, HomeScreen), (keys, shown)
                assert len(shown) > 1, keys
            app.leave_to_home()  # the home key, the idle return: emergencies checked again
            await settle(pilot)
        assert log.on_ui == [], log.on_ui
        assert log.off_ui > 20  # the walk did read: in workers
    assert app.errors == []


async def test_a_screen_paints_at_once_and_shows_its_data_when_the_read_returns(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with query_hook(SlowReads()) as slow:
            slow.hold()
            await pilot.press("1")
            assert await until(pilot, lambda: type(app.screen).__name__ == "NoticesScreen", 5)
            assert await until(pilot, lambda: READING in screen_text(app) and slow.held, 5), screen_text(app)
            assert "通知公告" in screen_text(app)  # the frame: its title and keys are there at once
            slow.release()
            assert await until(pilot, lambda: READING not in screen_text(app), 5), screen_text(app)
        await settle(pilot)
        assert "停水" in screen_text(app) or "1" in screen_text(app)
        choices = [t for t in app.screen.query("KeyTile") if t.id and t.id.startswith("choice-")]
        assert choices, screen_text(app)  # the notices, as tiles
    assert app.errors == []


async def test_keys_answer_while_a_read_is_slow(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with query_hook(SlowReads()) as slow:
            slow.hold()
            for back in ("0", "escape"):
                await pilot.press("1")
                assert await until(pilot, lambda: type(app.screen).__name__ == "NoticesScreen", 5)
                await pilot.press(back)  # while the read still waits
                assert await until(pilot, lambda: isinstance(app.screen, HomeScreen), 5), back
                assert slow.held and not slow.open.is_set()
            slow.release()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and READING not in screen_text(app)
    assert app.errors == []


async def test_digits_typed_before_the_data_arrive_wait_for_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with query_hook(SlowReads()) as slow:
            slow.hold()
            await pilot.press("1", "1")  # notices, then its first notice, before the list is read
            assert await until(pilot, lambda: slow.held, 5)
            assert type(app.screen).__name__ == "NoticesScreen"
            slow.release()
        await settle(pilot)
        assert type(app.screen).__name__ == "NoticeScreen", screen_text(app)
        assert READING not in screen_text(app)
    assert app.errors == []
