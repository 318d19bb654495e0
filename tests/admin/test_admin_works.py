"""Works progress through the console: add a stage, move its percent (a concurrent change is
refused), add a dated milestone and mark it done. The overall percent is weighted."""

from __future__ import annotations

import datetime as dt

from support import flat, press, settle
from support.admin import SIZE, T0, make_app, sign_in

from kiosk import clock, i18n
from kiosk.demo import DEMO_PASSWORD
from kiosk.domain import audit, auth, estates, funding, works
from kiosk.screens.admin.works import WorksScreen
from kiosk.screens.admin.works_forms import MilestoneForm, StageForm


async def test_stages_and_milestones(db):
    clock.freeze(T0)
    i18n.set_language("en")
    e = estates.add_estate("t", "测试小区")
    p = funding.create_project("t", e.id, "屋面防水", 100_00, status="in_progress")
    works.add_stage("t", p.id, "拆除旧防水层", 1, 100)
    auth.add_staff("t", "admin", DEMO_PASSWORD, role="admin")

    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "admin")
        await press(pilot, "2")
        screen = app.screen
        assert isinstance(screen, WorksScreen) and screen.project_id == p.id
        assert "Overall 100.0%" in flat(app)
        # A new stage that weighs three times as much, half done.
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, StageForm)
        form.query_one("#f-name").value = "铺设新防水层"
        form.query_one("#f-weight").value = "3"
        form.query_one("#f-percent").value = "150"
        await press(pilot, "ctrl+s")
        assert app.screen is form and form.query_one("#f-percent").has_class("-refused")
        form.query_one("#f-percent").value = "50"
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        assert "Overall 62.5%" in flat(app)  # (1*100 + 3*50) / 4
        # Move it on; meanwhile someone else moved it: refused, nothing overwritten.
        await press(pilot, "down", "e")
        form = app.screen
        stage = form.stage
        works.update_stage("wuye", stage.id, stage.version, percent=60)
        form.query_one("#f-percent").value = "80"
        await press(pilot, "ctrl+s")
        assert app.screen is form and "Someone else changed this stage" in flat(app)
        await press(pilot, "escape")
        await press(pilot, "e")
        app.screen.query_one("#f-percent").value = "80"
        await press(pilot, "ctrl+s")
        assert "Overall 85.0%" in flat(app)
        # A milestone, then done.
        await press(pilot, "m")
        form = app.screen
        assert isinstance(form, MilestoneForm)
        form.query_one("#f-on").value = "2026-3-20"
        form.query_one("#f-title").value = "闭水试验"
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        screen.query_one("#milestones").focus()
        await press(pilot, "d")
        await settle(pilot)
    prog = works.progress(p.id)
    assert [(s.name, s.weight, s.percent) for s in prog.stages] == [("拆除旧防水层", 1, 100), ("铺设新防水层", 3, 80)]
    assert [(m.on, m.title, m.done) for m in prog.milestones] == [(dt.date(2026, 3, 20), "闭水试验", True)]
    assert [e.action for e in audit.entries(actor="admin")][:5] == [
        "milestone.done", "milestone.add", "stage.update", "stage.add", "staff.login"]
