"""Money entered through the console is checked before it is saved: 确认到账 takes a receipt
number (one per project: a second use is refused in words, at the field); an entry that takes
its source far beyond its plan, or the project beyond its target, asks first with the figures
(No keeps the form, nothing saved); a project whose sources' plans no longer add up to its
edited target says so on its page."""

from __future__ import annotations

from support import flat, press, settle
from support.admin import SIZE, make_app, sign_in

from kiosk.domain import estates, funding, ledger
from kiosk.screens.admin.dialogs import ConfirmDialog
from kiosk.screens.admin.money_forms import ConfirmPaidForm, ContributionForm
from kiosk.screens.admin.project import ProjectScreen


def a_project() -> funding.ProjectInfo:
    """¥100,000 target, planned as ¥90,000 from the government and ¥10,000 from the owners."""
    estate = funding.get_project(3).estate_id
    return funding.create_project("demo", estate, "楼门更换", 100_000_00, status="fundraising",
                                  plan={"government": 90_000_00, "owners": 10_000_00})


async def open_project(pilot, project_id: int) -> None:
    await press(pilot, "1")
    pilot.app.screen.query_one("SearchTable").select_key(project_id)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, ProjectScreen) and pilot.app.screen.project_id == project_id


async def test_confirming_a_pledge_takes_a_receipt_number_once_per_project(demo_db):
    p = a_project()
    household = estates.find_household(p.estate_id, "1号楼", "1单元", "101")
    ledger.record("demo", p.id, "owners", 1_000_00, status="received", contributor="业主甲", receipt_no="SJ-001")
    pledge = ledger.record("demo", p.id, "owners", 2_000_00, household_id=household)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await open_project(pilot, p.id)
        await press(pilot, "c")  # the newest entry: the pledge
        form = app.screen
        assert isinstance(form, ConfirmPaidForm) and "收据号" in flat(app)
        form.query_one("#f-receipt_no").value = "SJ-001"
        await press(pilot, "ctrl+s")
        assert app.screen is form and form.query_one("#f-receipt_no").has_class("-refused")
        assert "收据 SJ-001 已经登记在这个项目上" in flat(app)
        assert ledger.get(pledge.id).status == "pledged"
        form.query_one("#f-receipt_no").value = "SJ-002"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProjectScreen)
        assert "SJ-002" in flat(app)
    got = ledger.get(pledge.id)
    assert (got.status, got.receipt_no) == ("received", "SJ-002")


async def test_an_entry_far_beyond_the_plan_or_the_target_asks_first(demo_db):
    p = a_project()
    ledger.record("demo", p.id, "owners", 5_000_00, status="received", contributor="业主乙")
    before = len(ledger.list_for_project(p.id))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await open_project(pilot, p.id)
        await press(pilot, "r")
        form = app.screen
        assert isinstance(form, ContributionForm)
        await press(pilot, "enter", *["down"] * 5, "enter")  # 业主出一点
        form.query_one("#f-contributor").value = "业主丙"
        form.query_one("#f-amount").value = "100000"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        text = flat(app)
        assert "这笔将使「业主出一点」达到计划的 1050%" in text  # (5,000 + 100,000) / 10,000
        assert "这笔将使项目达到目标的 105%" in text
        await press(pilot, "n")
        assert app.screen is form and len(ledger.list_for_project(p.id)) == before
        await press(pilot, "ctrl+s")
        await press(pilot, "y")
        assert isinstance(app.screen, ProjectScreen)
    assert len(ledger.list_for_project(p.id)) == before + 1
    assert ledger.list_for_project(p.id)[0].amount_fen == 100_000_00


async def test_a_source_without_a_plan_warns_and_a_fitting_entry_does_not(demo_db):
    p = a_project()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await open_project(pilot, p.id)
        await press(pilot, "g")
        form = app.screen
        await press(pilot, "enter", "down", "down", "enter")  # 街道奖一点: nothing planned
        form.query_one("#f-contributor").value = "街道办"
        form.query_one("#f-amount").value = "500"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog) and "「街道奖一点」没有计划金额" in flat(app)
        await press(pilot, "n")
        await press(pilot, "enter", "up", "enter")  # 政府补一点: within its plan, saved at once
        form.query_one("#f-amount").value = "50000"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProjectScreen)
    assert [(c.source, c.amount_fen) for c in ledger.list_for_project(p.id)] == [("government", 50_000_00)]


async def test_plans_that_no_longer_add_up_to_the_target_are_flagged(demo_db):
    p = a_project()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await open_project(pilot, p.id)
        assert "不符" not in flat(app)
        funding.update_project("wuye", p.id, p.version, target_fen=185_000_00,
                               plan={"government": 170_000_00, "owners": 10_000_00})
        app.screen.reload()
        await settle(pilot)
        assert "各来源计划合计 ¥180,000，与目标 ¥185,000 不符" in flat(app)
