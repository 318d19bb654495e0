"""Payments in the console: fang records one on the road works' page, cannot approve it himself
(refused on screen, nothing asked), admin approves it from "Payments to approve" after a
confirmation and rejects another with a reason; one beyond what was received is asked about first."""

from __future__ import annotations

from support import flat, press, settle
from support.admin import SIZE, make_app, sign_in

from kiosk.domain import audit, payments
from kiosk.screens.admin.dashboard import DashboardScreen
from kiosk.screens.admin.dialogs import ConfirmDialog, ReasonDialog
from kiosk.screens.admin.payment_form import PaymentForm
from kiosk.screens.admin.payments import PendingPaymentsScreen, ProjectPaymentsScreen
from kiosk.screens.admin.project import ProjectScreen

ROAD = 2  # the demo's road works: government money all paid out, the community's untouched


def _listen(app) -> list[str]:
    """What the console says (its notices), as it says it."""
    said: list[str] = []
    real = app.notify

    def notify(message, **kw):
        said.append(str(message))
        return real(message, **kw)

    app.notify = notify
    return said


async def _road_payments(pilot, app) -> ProjectPaymentsScreen:
    await press(pilot, "1", "down", "enter")
    assert isinstance(app.screen, ProjectScreen) and app.screen.project_id == ROAD
    await settle(pilot)
    await press(pilot, "p")
    await settle(pilot)
    assert isinstance(app.screen, ProjectPaymentsScreen)
    return app.screen


def _fill(form: PaymentForm, **values: str) -> None:
    for name, value in values.items():
        form.query_one(f"#f-{name}").value = value


async def test_entered_by_one_approved_by_another(demo_db):
    before = {p.id for p in payments.for_project(ROAD)}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        said = _listen(app)
        await sign_in(pilot, "fang")
        await _road_payments(pilot, app)
        await press(pilot, "n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PaymentForm) and not form.query("#f-advance_reason")  # staff: no advance
        _fill(form, payee="北京路安标线有限公司", purpose="车库坡道防滑", document_no="FP-1201", amount="1234.56",
              **{"share-community": "1000", "share-property": "234.56"})
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProjectPaymentsScreen)
        (new,) = [p for p in payments.for_project(ROAD) if p.id not in before]
        assert (new.amount_fen, new.shares, new.status, new.entered_by) == (
            1234_56, (("community", 1000_00), ("property", 234_56)), "pending", "fang")
        assert "北京路安标线" in flat(app)
        await press(pilot, "a")  # his own: refused on screen, nothing asked
        await settle(pilot)
        assert isinstance(app.screen, ProjectPaymentsScreen)
        assert said[-1] == payments.decide_refusal("fang", new)
        assert payments.get(new.id).status == "pending"

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "admin")
        assert isinstance(app.screen, DashboardScreen)
        await press(pilot, "a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PendingPaymentsScreen)
        waiting = [p.id for p in payments.pending()]
        assert list(screen.rows) == waiting and new.id in waiting
        screen.table.select_key(new.id)
        await press(pilot, "a")
        assert isinstance(app.screen, ConfirmDialog) and "北京路安标线有限公司" in flat(app)
        await press(pilot, "n")  # not yet
        assert payments.get(new.id).status == "pending"
        await press(pilot, "a", "y")
        await settle(pilot)
        assert isinstance(app.screen, PendingPaymentsScreen)
        done = payments.get(new.id)
        assert (done.status, done.decided_by) == ("approved", "admin")
        other = next(p for p in waiting if p != new.id)
        assert list(screen.rows) == [other]
        await press(pilot, "j")
        assert isinstance(app.screen, ReasonDialog)
        app.screen.query_one("#f-reason").value = "发票抬头有误"
        await press(pilot, "enter")
        await settle(pilot)
        assert (payments.get(other).status, payments.get(other).decision_note) == ("rejected", "发票抬头有误")
        assert not screen.rows
    entry = audit.entries(entity="payment", entity_id=str(new.id), limit=1)[0]
    assert (entry.actor, entry.action) == ("admin", "payment.approved")


async def test_beyond_what_was_received_is_asked_first(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "admin")
        await _road_payments(pilot, app)
        await press(pilot, "n")
        await settle(pilot)
        form = app.screen
        _fill(form, payee="北京通达市政工程有限公司", purpose="沥青摊铺", amount="100", **{"share-government": "100"})
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)  # the government's money is all paid out
        assert payments.beyond_text((("government", 100_00),)) in flat(app)
        await press(pilot, "n")
        assert app.screen is form
        form.query_one("#f-advance_reason").value = "区财政拨款在途，先行垫付"
        await press(pilot, "ctrl+s", "y")
        await settle(pilot)
        assert isinstance(app.screen, ProjectPaymentsScreen)
        p = payments.for_project(ROAD)[0]
        assert (p.amount_fen, p.advance_reason, p.entered_by, p.beyond) == (
            100_00, "区财政拨款在途，先行垫付", "admin", (("government", 100_00),))
