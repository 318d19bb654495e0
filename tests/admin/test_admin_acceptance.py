"""竣工验收 from the console's project page: the form is filled in with what was paid, asks once
more, records the acceptance as the signed-in staff member and closes the project; a second try
opens no form."""

from __future__ import annotations

from support import flat, press, settle
from support.admin import SIZE, make_app, sign_in

from kiosk.domain import acceptance, audit, funding
from kiosk.screens.admin.acceptance_form import AcceptanceForm
from kiosk.screens.admin.dialogs import ConfirmDialog
from kiosk.screens.admin.project import ProjectScreen


async def test_accept_a_project_from_its_page(demo_db):
    snap = funding.snapshot(3)
    assert acceptance.get(3) is None and snap.balance_fen > 0

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1", "down", "down", "enter")
        assert isinstance(app.screen, ProjectScreen) and app.screen.project_id == 3
        await settle(pilot)
        await press(pilot, "v")
        form = app.screen
        assert isinstance(form, AcceptanceForm)
        assert form.query_one("#f-final_account").value == "0"  # nothing paid out
        form.query_one("#f-note").value = "余款退还出资方"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "n")  # not yet: nothing recorded
        assert app.screen is form and acceptance.get(3) is None
        await press(pilot, "ctrl+s", "y")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        a = acceptance.get(3)
        assert (a.final_account_fen, a.leftover_fen, a.leftover_action) == (0, snap.received_fen, "returned")
        assert a.parties == acceptance.PARTIES and a.note == "余款退还出资方"
        assert funding.get_project(3).status == "completed"
        await settle(pilot)
        assert "已验收结项" in flat(app)
        await press(pilot, "v")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)  # no second form: it says it was accepted already
    entry = audit.entries(entity="project", entity_id="3", limit=1)[0]
    assert (entry.actor, entry.action) == ("fang", "project.accept")
