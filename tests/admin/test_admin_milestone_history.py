"""A mistyped milestone is corrected in the console: its date, title and done change, the audit
entry keeps the old values, and the form shows the milestone's history in words."""

from __future__ import annotations

import datetime as dt

from support import flat, press
from support.admin import SIZE, T0, make_app, sign_in

from kiosk import clock
from kiosk.demo import DEMO_PASSWORD
from kiosk.domain import audit, auth, estates, funding, works
from kiosk.screens.admin.works import WorksScreen
from kiosk.screens.admin.works_forms import MilestoneForm


async def test_correct_a_milestone_and_read_its_history(db):
    clock.freeze(T0)
    e = estates.add_estate("t", "测试小区")
    p = funding.create_project("t", e.id, "屋面防水", 100_00, status="in_progress")
    m = works.add_milestone("t", p.id, dt.date(2026, 3, 1), "进场施二")
    auth.add_staff("t", "admin", DEMO_PASSWORD, role="admin")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "admin")
        await press(pilot, "2")
        assert isinstance(app.screen, WorksScreen)
        app.screen.query_one("#milestones").focus()
        await press(pilot, "c")
        form = app.screen
        assert isinstance(form, MilestoneForm) and form.query_one("#f-title").value == "进场施二"
        form.query_one("#f-title").value = "进场施工"
        form.query_one("#f-on").value = "2026-03-05"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, WorksScreen) and "进场施工" in flat(app)
        # Saved unchanged: nothing more in the log.
        seq = audit.head().seq
        await press(pilot, "c", "ctrl+s")
        assert audit.head().seq == seq
        await press(pilot, "d")  # done
        await press(pilot, "c")
        text = flat(app)
        assert "历史" in text
        assert "t：添加「进场施二」，日期 2026-03-01" in text
        assert "admin：日期 2026-03-01 → 2026-03-05；名称 进场施二 → 进场施工" in text
        assert "admin：完成 否 → 是" in text
    assert works.progress(p.id).milestones[0] == works.MilestoneInfo(m.id, dt.date(2026, 3, 5), "进场施工", True)
    fix = audit.entries(entity="milestone", entity_id=str(m.id), limit=3)[1]
    assert (fix.action, fix.data["was"]) == ("milestone.update", {"on": "2026-03-01", "title": "进场施二"})
