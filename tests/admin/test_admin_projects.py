"""Projects and money through the console: create and edit a project (with the six-source plan),
two staff editing the same project (the second save is refused), record a pledge, confirm it,
cancel an entry with a reason. Every change names the signed-in staff member."""

from __future__ import annotations

from support import flat, press, settle, type_text
from support.admin import SIZE, make_app, sign_in

from kiosk.domain import audit, funding, ledger
from kiosk.screens.admin.money_forms import ContributionForm
from kiosk.screens.admin.project import ProjectScreen
from kiosk.screens.admin.project_form import ProjectForm
from kiosk.screens.admin.projects import ProjectsScreen


async def choose(pilot, downs: int) -> None:
    """Open the focused Select, move down, pick: keyboard only."""
    await press(pilot, "enter", *(["down"] * downs), "enter")


async def test_create_project_with_plan(demo_db):
    before = {p.id for p in funding.list_projects()}

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1", "n")
        assert isinstance(app.screen, ProjectForm)
        await choose(pilot, 2)  # the second estate (the first option is the prompt)
        await press(pilot, "tab")
        await type_text(pilot, "单元门禁更换")
        app.screen.query_one("#f-target").value = "120000"
        app.screen.query_one("#f-plan_government").value = "60000"
        app.screen.query_one("#f-plan_owners").value = "40,000.50"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProjectsScreen)
    (new,) = [p for p in funding.list_projects() if p.id not in before]
    assert (new.title, new.estate, new.target_fen, new.status) == ("单元门禁更换", "五号公寓小区", 120000_00, "planning")
    plan = {s.key: s.planned_fen for s in funding.snapshot(new.id).sources}
    assert plan["government"] == 60000_00 and plan["owners"] == 40000_50 and plan["units"] == 0
    entry = audit.entries(entity="project", entity_id=str(new.id))[0]
    assert (entry.actor, entry.action) == ("fang", "project.create")


async def test_form_refusal_points_at_the_field_and_keeps_what_was_typed(demo_db):
    from kiosk import i18n
    i18n.set_language("en")
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1", "n")
        form = app.screen
        await choose(pilot, 1)
        form.query_one("#f-title").value = "测试项目"
        form.query_one("#f-target").value = "12abc"
        await press(pilot, "ctrl+s")
        assert app.screen is form  # still here
        assert "12abc" in flat(app)
        assert form.query_one("#f-target").has_class("-refused")
        assert app.focused is form.query_one("#f-target")
        assert form.query_one("#f-title").value == "测试项目"
        # Fixed, it saves; the highlight goes.
        form.query_one("#f-target").value = "1200"
        form.query_one("#f-title").value = ""
        await press(pilot, "ctrl+s")
        assert form.query_one("#f-title").has_class("-refused")
        assert not form.query_one("#f-target").has_class("-refused")
        form.query_one("#f-title").value = "测试项目"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProjectsScreen)
    assert any(p.title == "测试项目" for p in funding.list_projects())


async def test_second_save_of_the_same_project_is_told_of_the_conflict(demo_db):
    p0 = funding.get_project(1)

    from kiosk import i18n
    i18n.set_language("en")
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1", "e")  # edit the first project
        form = app.screen
        assert isinstance(form, ProjectForm) and form.project.id == 1
        # Meanwhile another staff member saves the same project (another console).
        funding.update_project("wuye", 1, p0.version, title="屋面防水（已改）")
        form.query_one("#f-target").value = "350000"
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "Someone else changed this project" in flat(app)
        assert form.query_one("#f-target").value == "350000"  # what was typed stays
        # Ctrl+R takes the version saved by the other; saving then works.
        await press(pilot, "ctrl+r")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#f-title").value == "屋面防水（已改）"
        form.query_one("#f-target").value = "350000"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProjectsScreen)
    p = funding.get_project(1)
    assert p.title == "屋面防水（已改）" and p.target_fen == 350000_00 and p.version == p0.version + 2
    assert [e.actor for e in audit.entries(entity="project", entity_id="1", limit=2)] == ["fang", "wuye"]


async def test_record_a_pledge_confirm_it_and_cancel_another(demo_db):
    project = funding.get_project(3)
    seen = {c.id for c in ledger.list_for_project(3)}

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1", "down", "down", "enter")
        assert isinstance(app.screen, ProjectScreen) and app.screen.project_id == project.id
        # A pledge from an organisation.
        await press(pilot, "g")
        assert isinstance(app.screen, ContributionForm)
        await choose(pilot, 3)  # 单位帮一点 (units)
        app.screen.query_one("#f-contributor").value = "滨河超市"
        app.screen.query_one("#f-amount").value = "１,２３４.５"  # full-width digits, as an IME types them
        await press(pilot, "ctrl+s")
        assert "「单位帮一点」没有计划金额" in flat(app)  # nothing planned from units: asked first
        await press(pilot, "y")
        assert isinstance(app.screen, ProjectScreen)
        # The newest entry is first: it was paid.
        await press(pilot, "c")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProjectScreen)
        # A receipt for a household, then cancelled with a reason (a correction).
        await press(pilot, "r")
        await choose(pilot, 5)  # 业主出一点 (owners)
        app.screen.query_one("#f-household").value = "1号楼 1单元 101"
        app.screen.query_one("#f-amount").value = "300"
        app.screen.query_one("#f-receipt_no").value = "WH-T-001"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProjectScreen)
        await press(pilot, "x")
        await type_text(pilot, "金额录错")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
    new = sorted((c for c in ledger.list_for_project(3) if c.id not in seen), key=lambda c: c.id)
    assert len(new) == 2
    pledge, receipt = new
    assert (pledge.source, pledge.contributor, pledge.amount_fen, pledge.status) == ("units", "滨河超市", 1234_50, "received")
    assert (receipt.source, receipt.amount_fen, receipt.status, receipt.cancel_reason) == ("owners", 300_00, "cancelled", "金额录错")
    assert receipt.household_id is not None and receipt.receipt_no == "WH-T-001"
    actions = [(e.actor, e.action) for e in audit.entries(entity="contribution", limit=4)]
    assert actions == [("fang", "contribution.cancelled"), ("fang", "contribution.record"),
                       ("fang", "contribution.received"), ("fang", "contribution.record")]


async def test_money_form_refuses_a_bad_household_and_keeps_the_rest(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1", "enter", "g")
        form = app.screen
        await choose(pilot, 5)
        form.query_one("#f-household").value = "99号楼 1单元 101"
        form.query_one("#f-amount").value = "500"
        await press(pilot, "ctrl+s")
        assert app.screen is form and form.query_one("#f-household").has_class("-refused")
        assert form.query_one("#f-amount").value == "500"


async def test_lists_are_searchable(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1", "slash")
        await type_text(pilot, "电梯")
        table = app.screen.query_one("SearchTable").table
        assert table.row_count == 1
        await type_text(pilot, "\r")  # Enter: to the list; Enter again opens the one found
        await press(pilot, "enter")
        assert isinstance(app.screen, ProjectScreen) and app.screen.project_id == 4


async def test_ctrl_q_signs_out_and_quits(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1", "ctrl+q")
    assert app.return_code == 0
    last = audit.entries(actor="fang", limit=1)[0]
    assert (last.action, last.data) == ("staff.logout", {"reason": "quit"})
