"""The staff console reads the database in workers, never on the UI thread: on a sub-district's
server every round trip would otherwise land on a key press.

Every query is seen through peewee's own query hook on the console's real connection, with the
thread it ran on, while a staff member walks the dashboard, every section, their pages and forms.
A hook that holds worker threads' queries stands for a slow database: the keys keep answering."""

from __future__ import annotations

from textual.widgets import DataTable

from support import flat, press, settle, until
from support.admin import SIZE, make_app, sign_in
from support.queries import QueryLog, SlowReads, query_hook

from kiosk.apps.live import DataChanged
from kiosk.screens.admin.dashboard import DashboardScreen
from kiosk.screens.admin.notices import NoticesScreen

# dashboard -> each section (its pages and forms) -> back, by the keys staff press
WALK = [
    ("1", "enter", "x", "escape", "escape", "e", "escape", "n", "escape", "escape"),  # projects: a ledger (cancel an entry), the edit and new forms
    ("2", "a", "escape", "escape"),  # works: a stage's dialog
    ("3", "enter", "escape", "n", "escape", "escape"),  # notices: edit one, a new one
    ("4", "m", "escape", "escape"),  # reports: merge into another (its choices)
    ("5", "n", "escape", "escape"),  # meetings: a new one
    ("6", "escape"),  # audit log
    ("7", "enter", "escape", "n", "escape", "escape"),  # votes: a tally, a new vote
    ("8", "escape"),  # staff accounts
    ("9", "escape"),  # kiosk pledges
    ("0", "escape"),  # household codes
    ("r",),  # the dashboard refreshed
]

SCREENS = {"ProjectsScreen", "ProjectScreen", "ReasonDialog", "ProjectForm", "WorksScreen", "StageForm", "NoticesScreen",
           "NoticeForm", "ReportsScreen", "MergeForm", "MeetingsScreen", "MeetingForm", "AuditScreen", "PollsScreen",
           "TallyScreen", "PollForm", "StaffScreen", "KioskPledgesScreen", "HouseholdCodesScreen"}


async def test_no_screen_of_the_console_reads_the_database_on_the_ui_thread(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "admin")
        assert isinstance(app.screen, DashboardScreen)
        seen = set()
        with query_hook(QueryLog()) as log:
            for keys in WALK:
                shown = set()
                for key in keys:
                    await press(pilot, key)
                    shown.add(type(app.screen).__name__)
                assert isinstance(app.screen, DashboardScreen), (keys, shown)
                assert len(shown) > 1 or keys == ("r",), (keys, shown)
                seen |= shown
            app.post_message(DataChanged(0))  # another process wrote: the dashboard reads again
            await settle(pilot)
        assert log.on_ui == [], log.on_ui
        assert SCREENS <= seen, SCREENS - seen  # the walk went where it says
        assert log.off_ui > 50  # the walk did read: in workers
        assert "项目" in flat(app)  # and showed what it read
    assert app.return_code in (None, 0)


async def test_the_keys_answer_while_a_read_is_slow(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        with query_hook(SlowReads()) as slow:
            slow.hold()
            for section in ("1", "3", "4"):
                await pilot.press(section)
                assert await until(pilot, lambda: not isinstance(app.screen, DashboardScreen), 5), section
                assert await until(pilot, lambda: slow.held, 5)
                await pilot.press("escape")  # while its read still waits
                assert await until(pilot, lambda: isinstance(app.screen, DashboardScreen), 5), section
                assert not slow.open.is_set()
            slow.release()
        await settle(pilot)
        await press(pilot, "3")
        assert isinstance(app.screen, NoticesScreen) and app.screen.query_one(DataTable).row_count > 0
    assert app.return_code in (None, 0)


async def test_a_reload_keeps_the_list_and_its_chosen_row_until_the_answer_arrives(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "3", "down")
        screen = app.screen
        assert isinstance(screen, NoticesScreen)
        rows, chosen = screen.table.table.row_count, screen.chosen()
        assert rows > 1 and chosen is not None
        with query_hook(SlowReads()) as slow:
            slow.hold()
            app.post_message(DataChanged(0))  # written elsewhere: the list reads again
            assert await until(pilot, lambda: slow.held, 5)
            await pilot.pause()
            assert screen.table.table.row_count == rows and screen.chosen() == chosen  # shown until the answer
            slow.release()
        await settle(pilot)
        assert screen.table.table.row_count == rows and screen.chosen().id == chosen.id
    assert app.return_code in (None, 0)
