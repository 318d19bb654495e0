"""一户一策 in the console: a new plan from a form, then per household consent, a hardship
reduction and a share fixed by hand, each written by the domain with its audit entry."""

from __future__ import annotations

from kiosk import i18n
from kiosk.db.models import AuditEntry
from kiosk.domain import funding, plans
from kiosk.screens.admin.plan_forms import HardshipDialog, OverrideDialog, PlanForm
from kiosk.screens.admin.plans import PlanSharesScreen, PlansScreen
from support import flat, press, settle, until
from support.admin import SIZE, make_app, sign_in


async def _open(pilot) -> None:
    await sign_in(pilot, "fang")
    await press(pilot, "h", "p")
    assert isinstance(pilot.app.screen, PlansScreen)


def _actions() -> list[str]:
    return [a for (a,) in AuditEntry.select(AuditEntry.action).where(AuditEntry.action.startswith("plan.")).order_by(AuditEntry.seq).tuples()]


async def test_create_a_plan_then_consent_hardship_and_override(demo_db):
    project = funding.list_projects()[0]
    before = set(p.id for p in plans.list_plans())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, PlanForm)
        await until(pilot, lambda: len(app.screen.query_one("#f-project")._options) > 1)
        app.screen.query_one("#f-project").value = project.id
        for name, value in {"title": "屋面分摊", "rate": "100", "coefficients": "3=1.0，5=1.5", "low_floors": "1",
                            "building": "一号楼"}.items():
            app.screen.query_one(f"#f-{name}").value = value
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PlansScreen), flat(app)
        [new] = [p for p in plans.list_plans() if p.id not in before]
        assert (new.building, new.rule.coefficients, new.rule.low_floors, new.rule.rate_fen_per_m2) == (
            "1号楼", ((3, 100), (5, 150)), 1, 100_00)
        app.screen.table.select_key(new.id)
        await press(pilot, "enter")
        assert isinstance(app.screen, PlanSharesScreen)
        await settle(pilot)
        first = plans.shares(new.id)[0]
        app.screen.table.select_key(first.household_id)
        await press(pilot, "a")
        await press(pilot, "h")
        assert isinstance(app.screen, HardshipDialog)
        app.screen.query_one("#f-percent").value = "30"
        app.screen.query_one("#f-reason").value = "低保户"
        await press(pilot, "ctrl+s")
        await press(pilot, "v")
        assert isinstance(app.screen, OverrideDialog)
        app.screen.query_one("#f-amount").value = "0"
        app.screen.query_one("#f-reason").value = "一层商铺另议"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PlanSharesScreen)
        await settle(pilot)
        shown = flat(app)
    line = [x for x in plans.shares(new.id) if x.household_id == first.household_id][0]
    assert (line.consent, line.hardship_percent, line.hardship_reason, line.override_fen) == ("agree", 30, "低保户", 0)
    assert _actions()[-4:] == ["plan.create", "plan.consent", "plan.hardship", "plan.override"]
    assert "一层商铺另议" in shown or "低保户" in shown


async def test_refusals_stay_in_the_form_and_english(demo_db):
    i18n.set_language("en")
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        listed = flat(app)
        await press(pilot, "n")
        app.screen.query_one("#f-rate").value = "100"
        await press(pilot, "ctrl+s")  # no project chosen
        refused = flat(app)
        assert isinstance(app.screen, PlanForm)
    assert "One household, one policy" in listed
    assert "Choose a project." in refused
