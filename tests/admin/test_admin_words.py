"""The console's words and fields as a person meets them: typing into a filled-in field adds to
it (the whole title is not selected and replaced), and a household's pledge reads
"一户居民的", with no space before 的."""

from __future__ import annotations

from support import flat, press, type_text
from support.admin import SIZE, make_app, sign_in

from kiosk.domain import estates, funding, ledger
from kiosk.screens.admin.money_forms import ConfirmPaidForm
from kiosk.screens.admin.project_form import ProjectForm


async def test_typing_into_a_filled_in_field_adds_to_it(demo_db):
    title = funding.get_project(1).title
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1", "e")
        form = app.screen
        assert isinstance(form, ProjectForm) and app.focused is form.query_one("#f-title")
        await type_text(pilot, "二期")
        assert form.query_one("#f-title").value == title + "二期"


async def test_a_households_pledge_reads_without_a_space_before_de(demo_db):
    project = funding.get_project(3)
    household = estates.find_household(project.estate_id, "1号楼", "1单元", "101")
    ledger.record("demo", project.id, "owners", 500_00, household_id=household)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1", "down", "down", "enter", "c")
        assert isinstance(app.screen, ConfirmPaidForm)
        text = flat(app)
        assert "一户居民的" in text and "一户居民 的" not in text
