"""A thread worker of the console that fails because the database is out of reach (the audit
log's chain check, opened while a PostgreSQL server was stopped) keeps the console running with
its stale note, as a failed read does; it ended the console as an internal error (status 1)."""

from __future__ import annotations

import peewee

from support import settle
from support.admin import SIZE, make_app, sign_in

from kiosk.i18n import _
from kiosk.screens.admin.dashboard import DashboardScreen

NOTE = "The database cannot be read just now; what you see may be out of date."


async def test_a_worker_failing_on_an_outage_keeps_the_console(demo_db):
    app = make_app()

    def read_while_the_server_is_away() -> None:
        raise peewee.OperationalError('connection to server at "127.0.0.1" failed: Connection refused')

    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        assert isinstance(app.screen, DashboardScreen)
        app.screen.run_worker(read_while_the_server_is_away, thread=True, name="chain check")
        await settle(pilot)
        await pilot.pause(0.5)
        assert app.is_running, f"the console ended (status {app.return_code})"
        assert isinstance(app.screen, DashboardScreen)
        assert any(_(NOTE) == n.message for n in app._notifications), list(app._notifications)
        assert app.user is not None
