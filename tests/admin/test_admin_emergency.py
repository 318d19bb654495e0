"""The console's 应急维修 section: start a repair for a building, refused without a situation and
for a building that is not there; record its cost (Enter); disclose it; the list shows each step."""

from __future__ import annotations

from support import flat, press, settle
from support.admin import SIZE, make_app, sign_in

from kiosk import i18n
from kiosk.domain import audit, emergency
from kiosk.screens.admin.emergency_repairs import CostForm, DiscloseForm, EmergencyRepairsScreen, StartForm


async def _listed(pilot, app) -> None:
    await app.workers.wait_for_complete()
    await settle(pilot)


async def test_start_cost_and_disclose_from_the_console(demo_db):
    i18n.set_language("zh")
    before = {r.id for r in emergency.list_repairs()}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "wuye")
        await press(pilot, "e")
        assert isinstance(app.screen, EmergencyRepairsScreen)
        await _listed(pilot, app)
        assert "3号楼屋面防水损坏漏雨应急维修" in flat(app)  # the demo's, disclosed
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, StartForm)
        await app.workers.wait_for_complete()
        await press(pilot, "enter", "down", "enter")  # the first estate
        form.query_one("#f-title").value = "5号楼排水管爆裂抢修"
        form.query_one("#f-served").value = "5号楼/1单元"
        await press(pilot, "ctrl+s")
        assert app.screen is form and form.query_one("#f-situation").has_class("-refused")
        form.query_one("#f-situation").value = "drain"
        form.query_one("#f-served").value = "55号楼"
        await press(pilot, "ctrl+s")
        assert app.screen is form and form.query_one("#f-served").has_class("-refused")
        form.query_one("#f-served").value = "5号楼/1单元"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, EmergencyRepairsScreen)
        await _listed(pilot, app)
        (new,) = [r for r in emergency.list_repairs() if r.id not in before]
        assert new.situation == "drain" and new.households > 0
        await press(pilot, "enter")  # the saved one is chosen: its cost
        cost = app.screen
        assert isinstance(cost, CostForm) and cost.record.id == new.id
        cost.query_one("#f-cost").value = "2,468.03"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, EmergencyRepairsScreen)
        await _listed(pilot, app)
        await press(pilot, "d")
        disclose = app.screen
        assert isinstance(disclose, DiscloseForm)
        disclose.query_one("#f-days").value = "14"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, EmergencyRepairsScreen)
        await _listed(pilot, app)
        assert "公示至" in flat(app)
    r = emergency.get(new.id)
    assert r.cost_fen == 246803 and (r.disclose_until - r.disclosed_at.date()).days == 13
    assert sum(s.share_fen for s in emergency.shares(r.id)) == 246803
    assert [e.action for e in audit.entries(actor="wuye", entity="emergency_repair")] == [
        "emergency.disclose", "emergency.cost", "emergency.start"]
