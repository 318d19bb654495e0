"""A database that will never come back to the console (its schema changed by another program,
its SQLite file gone): the console records the staff member's sign-out if the database still
takes it, says why in one line and exits non-zero (EXIT_RESTART), instead of staying up with
forms that can no longer be saved."""

from __future__ import annotations

import os
import time

import pytest

from support import settle
from support.admin import SIZE, make_app, sign_in

from kiosk.apps.live import EXIT_RESTART, LOST_AFTER_S
from kiosk.db import connection, schema
from kiosk.domain import audit
from kiosk.screens.admin.dashboard import DashboardScreen


async def _until_stopped(pilot, app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while app.is_running and time.monotonic() < end:
        await pilot.pause(0.1)


def _said(capsys) -> str:
    """What the console printed as it ended (on stderr, folded at the terminal's width by Rich),
    with the folds taken out."""
    return "".join(capsys.readouterr().err.split())


async def test_a_schema_changed_under_the_console_signs_out_and_ends_it(demo_db, capsys):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        assert isinstance(app.screen, DashboardScreen)
        # What a newer program's `kiosk init` leaves behind.
        connection.current().execute_sql("UPDATE kiosk_state SET schema_version = schema_version + 1")
        await _until_stopped(pilot, app, 10)
        assert not app.is_running, "the console kept running on a database it cannot use"
    assert app.return_code == EXIT_RESTART
    with pytest.raises(schema.SchemaError) as refused:
        schema.check(connection.current())
    assert _said(capsys) == "".join(str(refused.value).split())  # why, in words, once
    logout = audit.entries(actor="fang")[0]
    assert logout.action == "staff.logout" and logout.data.get("reason") == "data-lost", logout
    assert app.user is None


@pytest.mark.slow
@pytest.mark.sqlite_only("a database file that disappears")
async def test_a_database_file_that_is_gone_ends_the_console(demo_path, demo_db, capsys):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await settle(pilot)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(demo_path + suffix):
                os.remove(demo_path + suffix)
        await _until_stopped(pilot, app, LOST_AFTER_S + 10)
        assert not app.is_running, "the console kept running without its database file"
    assert app.return_code == EXIT_RESTART
    assert _said(capsys) == f"数据库文件{demo_path}不见了。"  # which file, once
    assert app.user is None  # signed out (recorded only if the file could still take it)
