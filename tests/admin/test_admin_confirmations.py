"""Steps that cannot be taken back ask first: "expire now" asks as "withdraw" does, and closing a
vote before its published deadline names the deadline. No leaves everything as it was."""

from __future__ import annotations

import datetime as dt

from support import flat, press
from support.admin import SIZE, T0, make_app, sign_in

from kiosk import clock
from kiosk.domain import estates, notices, votes
from kiosk.screens.admin.dialogs import ConfirmDialog
from kiosk.screens.admin.notices import NoticesScreen
from kiosk.screens.admin.poll_tally import TallyScreen


async def test_expire_now_asks_first(demo_db):
    clock.freeze(T0)
    n = notices.post("demo", "停水通知", publish_at=T0 - dt.timedelta(days=1))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "3")
        app.screen.query_one("SearchTable").select_key(n.id)
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmDialog)
        assert "立即到期" in flat(app) and "停水通知" in flat(app)
        await press(pilot, "n")
        assert isinstance(app.screen, NoticesScreen)
        assert notices.get(n.id).expires_at is None
        await press(pilot, "x", "y")
    assert notices.get(n.id).expires_at == T0


async def test_closing_a_vote_before_its_deadline_names_the_deadline(demo_db):
    clock.freeze(T0)
    estate = estates.resolve_estate("文乐胡同14号楼").id
    early = votes.create_poll("demo", estate, "楼道灯更换", ["同意", "不同意"], closes_at=T0 + dt.timedelta(days=7))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "7")
        app.screen.query_one("SearchTable").select_key(early.id)
        await press(pilot, "c")
        assert isinstance(app.screen, ConfirmDialog)
        deadline = (T0 + dt.timedelta(days=7)).strftime("%Y-%m-%d %H:%M")
        assert f"公布的截止时间是 {deadline}" in flat(app)
        await press(pilot, "n")
        assert votes.get_poll(early.id).state() == "open"
        # Past its deadline the question says nothing of ending early.
        clock.freeze(T0 + dt.timedelta(days=8))
        await press(pilot, "c")
        assert isinstance(app.screen, ConfirmDialog) and "公布的截止时间" not in flat(app)
        await press(pilot, "y")
        assert isinstance(app.screen, TallyScreen)
    assert votes.get_poll(early.id).state() == "closed"
