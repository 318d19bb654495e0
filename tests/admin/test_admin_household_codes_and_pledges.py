"""The console's kiosk pledges (cancel a doubtful one with a reason) and household codes (a new
code shown once for the slip)."""

from __future__ import annotations

from kiosk import demo
from kiosk.db.models import Contribution
from kiosk.domain import estates, household_codes
from kiosk.domain.errors import NotFound
from kiosk.domain.kiosk_pledges import pledge_at_kiosk
from kiosk.screens.admin.household_codes import HouseholdCodesScreen
from kiosk.screens.admin.kiosk_pledges import KioskPledgesScreen
from support import flat, press
from support.admin import SIZE, make_app, sign_in

import pytest


async def test_cancel_a_doubtful_kiosk_pledge_with_a_reason(demo_db):
    estate = estates.resolve_estate("盈谷中心小区")
    code = demo.household_codes()[("盈谷中心小区", "3号楼", "2单元", "302")]
    p = pledge_at_kiosk("lobby", estate.id, 2, code, 100_000_00)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "9")
        assert isinstance(app.screen, KioskPledgesScreen)
        assert p.reference in flat(app)
        await press(pilot, "c")
        assert app.screen.heading() == f"取消自助认捐 {p.reference}"  # the number the household brings, not a ledger id
        app.screen.query_one("#f-reason").value = "没有人来缴款"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, KioskPledgesScreen)
        assert p.reference not in flat(app)
    c = Contribution.get_by_id(p.contribution_id)
    assert (c.status, c.cancel_reason) == ("cancelled", "没有人来缴款")


async def test_a_kiosk_pledge_paid_at_the_office_is_confirmed_from_its_reference(demo_db):
    """The household brings its reference number: staff find it in this list and confirm it paid."""
    estate = estates.resolve_estate("盈谷中心小区")
    code = demo.household_codes()[("盈谷中心小区", "3号楼", "2单元", "302")]
    p = pledge_at_kiosk("lobby", estate.id, 2, code, 300_00)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "9")
        assert isinstance(app.screen, KioskPledgesScreen) and p.reference in flat(app)
        await press(pilot, "p")
        app.screen.query_one("#f-receipt_no").value = "SJ-0302"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, KioskPledgesScreen)
        assert p.reference not in flat(app)  # paid: no longer among the unpaid
    c = Contribution.get_by_id(p.contribution_id)
    assert (c.status, c.receipt_no) == ("received", "SJ-0302")


async def test_a_new_code_for_a_lost_slip_is_shown_once(demo_db):
    estate = estates.resolve_estate(estates.list_estates()[0].name)
    first = household_codes.states(estate.id)[0]
    old = [c for (e, b, u, r), c in demo.household_codes().items()
           if (e, b, u, r) == (estate.name, first.building, first.unit, first.room)][0]
    shown = {}

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "0")
        assert isinstance(app.screen, HouseholdCodesScreen)
        await press(pilot, "r", "y")
        shown["text"] = flat(app)
        shown["slips"] = str(app.screen.query_one("#slips").render())
        await press(pilot, "escape", "0")
        shown["again"] = flat(app)
    with pytest.raises(NotFound):
        household_codes.check(old, estate.id)
    new = [s for s in shown["slips"].split() if len(s) == 4 and s.isdigit()]
    assert len(new) >= 3
    code = "".join(new[:3])
    assert household_codes.check(code, estate.id).household_id == first.household_id
    assert code[:4] + " " + code[4:8] in shown["text"]  # on screen, for the slip
    assert code[:4] + " " + code[4:8] not in shown["again"]  # and not shown again
