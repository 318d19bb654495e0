"""The lobby's start: home's data is read in a thread while Textual starts, and home is composed
once, with it — no "Reading…" frame composed and painted only to be composed again. A database
that answers late still gets home's frame after a short wait, then its data."""

from __future__ import annotations

from kiosk.apps import lobby
from kiosk.screens.lobby.base import LobbyScreen
from kiosk.screens.lobby.home import HomeScreen
from support import screen_text, settle, until
from support.queries import QueryLog, SlowReads, query_hook

READING = "正在读取"


def _count_answers_shown(monkeypatch) -> list[str]:
    """Which screens had an answer arrive after they were composed (and so were composed again)."""
    shown: list[str] = []
    original = LobbyScreen.show_read

    async def show_read(self, data):
        shown.append(type(self).__name__)
        await original(self, data)

    monkeypatch.setattr(LobbyScreen, "show_read", show_read)
    return shown


async def test_home_is_composed_once_with_its_data_read_off_the_ui_thread(make_app, monkeypatch):
    shown = _count_answers_shown(monkeypatch)
    app = make_app()
    with query_hook(QueryLog()) as log:
        async with app.run_test(size=(80, 24)) as pilot:
            assert isinstance(app.screen, HomeScreen) and app.screen.data is not None
            assert READING not in screen_text(app)
            assert "居民投票" in screen_text(app) and "参与" in screen_text(app)  # home with its data
            await settle(pilot)
            assert "HomeScreen" not in shown  # never composed a second time for its first answer
    assert log.off_ui > 0  # home's read ran in its thread
    # home's own reads (the disclosure's audit anchor, the votes' turnout) ran there, not on the UI
    # thread (which still computes the change schedule's next boundary, apps/live.py)
    assert not [sql for sql in log.on_ui if '"audit_entry"' in sql or '"ballot"' in sql], log.on_ui
    assert app.errors == []


async def test_a_late_database_gets_home_frame_first_then_its_data(make_app, monkeypatch):
    monkeypatch.setattr(lobby, "FIRST_READ_WAIT_S", 0.05)
    shown = _count_answers_shown(monkeypatch)
    app = make_app()
    with query_hook(SlowReads()) as slow:
        slow.hold()
        async with app.run_test(size=(80, 24)) as pilot:
            assert isinstance(app.screen, HomeScreen)
            assert await until(pilot, lambda: READING in screen_text(app), 5), screen_text(app)
            slow.release()
            assert await until(pilot, lambda: READING not in screen_text(app) and "参与" in screen_text(app), 10), \
                screen_text(app)
            await settle(pilot)
    assert shown.count("HomeScreen") == 1
    assert app.errors == []


class _AllQueries:
    def __init__(self) -> None:
        self.sql: list[str] = []

    def __call__(self, event) -> None:
        self.sql.append(event.sql)


async def test_the_start_reads_no_report(make_app):
    """Home shows no report figures: its first read leaves out the disclosure's report rates (on a
    sub-district's database, one scan of every report of the year, twice, made the start wait)."""
    app = make_app()
    with query_hook(_AllQueries()) as log:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen) and "参与" in screen_text(app)
    assert log.sql  # the start read the database (through this connection)
    assert not [sql for sql in log.sql if '"report' in sql], [sql for sql in log.sql if '"report' in sql]


async def test_home_projects_fit_in_one_layout_when_they_overflow(make_app):
    """A project list taller than its panel gets no scrollbar (Textual adds one only after a first
    layout has measured the list: home then laid out and painted twice); the heading counts the
    projects instead, and 2 lists them all."""
    app = make_app()
    async with app.run_test(size=(80, 20)) as pilot:  # too short for the demo's two projects
        await settle(pilot)
        panel = app.screen.query_one("#home-projects")
        assert panel.virtual_size.height > panel.container_size.height  # it does overflow
        assert not panel.show_vertical_scrollbar
        assert "正在进行的项目 (2)" in screen_text(app)
    assert app.errors == []
