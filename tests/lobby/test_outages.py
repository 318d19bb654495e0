"""Outages heal by themselves: while the database is out of reach the lobby keeps what it shows
with the title bar's stale note (never the pause screen), and within seconds of it being back
shows live data again, without a restart. Where it can never come back (its file gone, its
schema changed under it), the app exits with EXIT_RESTART for the service manager."""

from __future__ import annotations

import os

import pytest

from kiosk.apps.live import EXIT_RESTART, LOST_AFTER_S
from kiosk.config import Settings
from kiosk.db import connection
from kiosk.domain import estates, notices

import pg_databases
from support import drive, hold_write_lock, press, screen_text, settle, until

STALE = "未更新"  # 数据自 HH:MM 起未更新, in every title bar
PAUSED = "暂停服务"


def _lobby(url: str, tmp_path):
    from kiosk.apps.lobby import LobbyApp

    return LobbyApp(Settings(db=url, lang="zh", log_file=str(tmp_path / "kiosk.log")), estates.resolve_estate(None))




def _paused(app) -> bool:
    return type(app.screen).__name__ == "PauseScreen" or PAUSED in screen_text(app)




async def test_a_held_write_lock_does_not_stop_the_lobby_reading(make_app, lobby_db):
    """In WAL mode readers never wait for a writer: the database is reachable, so no pause
    screen and no stale note, and what the writer commits shows within seconds."""
    app = make_app()

    async with drive(app) as pilot:
        lock = hold_write_lock(lobby_db)
        try:
            for keys in (("1",), ("escape", "2"), ("escape", "3"), ("escape",)):
                await press(pilot, *keys)
                assert not _paused(app) and STALE not in screen_text(app), screen_text(app)
            assert await until(pilot, lambda: False, 1.5) is False  # polls while it is held
            assert STALE not in screen_text(app)
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        notices.post("t", "解锁后通知", estate_id=app.estate.id, pinned=True)
        assert await until(pilot, lambda: "解锁后通知" in screen_text(app), 5), screen_text(app)
    assert app.errors == []


def _move(path: str, to: str) -> None:
    """A SQLite database and its -wal and -shm files, renamed."""
    for part in ("", "-wal", "-shm"):
        if os.path.exists(path + part):
            os.rename(path + part, to + part)


@pytest.mark.slow
async def test_a_briefly_missing_sqlite_file_leaves_the_lobby_stale_then_live_again(make_app, lobby_db):
    """The file moved away for a few seconds (a disk remounted, a restore): the change
    detector cannot open it, the lobby says so and keeps going; back, it is live again."""
    app = make_app()

    async with drive(app) as pilot:
        _move(lobby_db, lobby_db + ".away")
        try:
            assert await until(pilot, lambda: STALE in screen_text(app), 5), screen_text(app)
            await press(pilot, "1")
            assert not _paused(app) and app.is_running
        finally:
            _move(lobby_db + ".away", lobby_db)
        await press(pilot, "escape")
        notices.post("t", "恢复后通知", estate_id=app.estate.id, pinned=True)
        assert await until(pilot, lambda: "恢复后通知" in screen_text(app), 5), screen_text(app)
        assert STALE not in screen_text(app) and not _paused(app) and app.is_running
    assert app.errors == [] and app.return_code in (0, None)


@pytest.mark.postgresql_only("a server that drops the lobby's connection")
async def test_a_terminated_backend_is_replaced_on_the_next_read(db_kind, demo_path, tmp_path):
    connection.connect(demo_path)
    app = _lobby(demo_path, tmp_path)

    async with drive(app) as pilot:
        killed = pg_databases.run_sql(
            demo_path,
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        assert killed[0][0] >= 1  # the lobby's own connection at least
        await press(pilot, "2")
        assert "资金" in screen_text(app) and not _paused(app), screen_text(app)
        await press(pilot, "escape")
        notices.post("t", "断线后通知", estate_id=app.estate.id, pinned=True)
        assert await until(pilot, lambda: "断线后通知" in screen_text(app), 5), screen_text(app)
        assert STALE not in screen_text(app)
    assert app.errors == []


@pytest.mark.slow
async def test_a_database_file_that_is_gone_ends_the_lobby_for_a_restart(make_app, lobby_db):
    app = make_app()

    async with drive(app) as pilot:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(lobby_db + suffix):
                os.remove(lobby_db + suffix)
        await until(pilot, lambda: not app.is_running, LOST_AFTER_S + 5)
    assert app.return_code == EXIT_RESTART


async def test_a_schema_changed_under_the_lobby_ends_it_for_a_restart(make_app, lobby_db):
    app = make_app()

    async with drive(app) as pilot:
        # What a newer program's `kiosk init` leaves behind.
        connection.current().execute_sql("UPDATE kiosk_state SET schema_version = schema_version + 1")
        await until(pilot, lambda: not app.is_running, 5)
    assert app.return_code == EXIT_RESTART


async def test_a_failed_read_on_the_app_thread_is_not_an_unexpected_error(make_app):
    """What a screen sees when its read fails: the stale note, the screen it came from."""
    import peewee

    app = make_app()

    async with drive(app) as pilot:
        app.recover(peewee.OperationalError("database is locked"))
        await settle(pilot)
        assert STALE in screen_text(app) and not _paused(app)
        assert type(app.screen).__name__ == "HomeScreen"
        # The next good poll says the data is live again.
        assert await until(pilot, lambda: STALE not in screen_text(app), 5)
    assert app.errors == []


@pytest.mark.sqlite_only("a file that goes away")
async def test_the_display_heals_after_its_file_was_briefly_missing(db, tmp_path):
    """The display's reads run in workers through connection.for_thread: each connects afresh,
    so a file back in place costs nothing but the stale mark."""
    from kiosk.apps.display import DisplayApp
    from kiosk.display import kinds
    from kiosk.display.playlist import build

    e = estates.add_estate("t", "测试小区")
    notices.post("t", "之前通知", estate_id=e.id)
    s = Settings(db=db.database, log_file=str(tmp_path / "kiosk.log"), playlist=["notices"])
    app = DisplayApp(s, None, build(s.playlist, s.quiet_hours, s.interval, kinds.known()))

    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: app.deck is not None, 5)
        _move(db.database, db.database + ".away")
        try:
            assert await until(pilot, lambda: app.stale, 5)
        finally:
            _move(db.database + ".away", db.database)
        notices.post("t", "之后通知", estate_id=e.id)
        assert await until(pilot, lambda: not app.stale and any(
            n.title == "之后通知" for n in app.deck.data["notices"]), 5)
        assert app.is_running
