"""The reports queue through the console: filter, move a report on with a public note, merge a
duplicate (its "me too" count adds up), hide an abusive one (kept for the record)."""

from __future__ import annotations

from support import flat, press, settle
from support.admin import SIZE, make_app, sign_in

from kiosk.domain import audit, estates, reports
from kiosk.screens.admin.dialogs import ReasonDialog
from kiosk.screens.admin.report_forms import MergeForm, TransitionForm
from kiosk.screens.admin.reports import ReportsScreen


def _open_reports():
    return reports.queue(status="open")


async def test_queue_is_oldest_first_and_filters(demo_db):
    yg = estates.resolve_estate("盈谷中心小区")

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "4")
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        shown = list(screen.rows)
        assert shown == [r.id for r in _open_reports()]  # open ones, oldest first
        screen.query_one("#f-estate").value = yg.id
        await settle(pilot)
        assert all(r.estate_id == yg.id for r in screen.rows.values())
        screen.query_one("#f-category").value = "seepage"
        await settle(pilot)
        assert {r.category for r in screen.rows.values()} == {"seepage"}
        screen.query_one("#f-status").value = "*"
        screen.query_one("#f-category").value = "*"
        await settle(pilot)
        assert len(screen.rows) == len(reports.queue(estate_id=yg.id))


async def test_move_on_with_a_public_note(demo_db):
    first = _open_reports()[0]

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "wuye")
        await press(pilot, "4", "t")
        form = app.screen
        assert isinstance(form, TransitionForm) and form.report.id == first.id
        form.query_one("#f-note").value = "维修队明天上门"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ReportsScreen)
    after = reports.get(first.id)
    allowed = sorted(s for s in reports.TRANSITIONS[first.status] if s != "merged")
    assert after.status in allowed and after.version == first.version + 1
    steps = reports.trail(first.ticket, estate_id=first.estate_id).steps
    assert steps[-1].note == "维修队明天上门"
    e = audit.entries(entity="report", entity_id=str(first.id))[0]
    assert (e.actor, e.action, e.data["note"]) == ("wuye", "report.status", "维修队明天上门")


async def test_merge_a_duplicate_adds_up_me_too(demo_db):
    yg = estates.resolve_estate("盈谷中心小区")
    b5 = next(b for b in estates.layout(yg.id) if b.name == "5号楼")
    dup = reports.submit("lobby", yg.id, "seepage", b5.id, "二单元北墙又渗水了")
    reports.me_too("lobby", dup.id)

    target_before = {r.id: r.me_too for r in _open_reports()}
    taps_before = reports.unregistered_me_too(list(target_before))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "4")
        app.screen.query_one("SearchTable").select_key(dup.id)
        await press(pilot, "m")
        form = app.screen
        assert isinstance(form, MergeForm)
        # The likely duplicates are offered first: same category, same building.
        await press(pilot, "enter", "down", "enter")
        into = form.choice("into")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ReportsScreen)
    merged = reports.get(dup.id)
    assert merged.status == "merged"
    target = reports.get(merged.merged_into)
    assert target.category == "seepage" and target.building == "5号楼"
    assert target.me_too == target_before[target.id] + 1  # the duplicate's household
    # Its "me too" without a household code moves along, still counted apart.
    assert reports.unregistered_me_too([target.id]).get(target.id, 0) == taps_before.get(target.id, 0) + 1


async def test_hide_keeps_the_original(demo_db):
    first = _open_reports()[0]

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "4", "h")
        await press(pilot, "enter")  # no reason: refused, the dialog stays and points at the field
        assert isinstance(app.screen, ReasonDialog)
        assert app.screen.query_one("#f-reason").has_class("-refused")
        await press(pilot, *"辱骂内容")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen)
        assert "隐藏" in flat(app) or "hidden" in flat(app)
    r = reports.get(first.id)
    assert r.hidden and r.description == first.description  # kept for the record
    assert reports.trail(first.ticket, estate_id=first.estate_id).report.summary == ""  # the public sees nothing of it
    e = audit.entries(entity="report", entity_id=str(first.id))[0]
    assert (e.actor, e.action, e.data) == ("fang", "report.hide", {"reason": "辱骂内容"})


async def test_publish_a_cleaned_summary_masked_with_its_audit_entry(demo_db):
    from kiosk.screens.admin.report_forms import SummaryForm

    first = _open_reports()[0]

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "4", "p")
        form = app.screen
        assert isinstance(form, SummaryForm) and form.report.id == first.id
        assert first.description in flat(app)  # staff read the resident's words to write the summary
        form.query_one("#f-summary").value = "顶楼漏雨，住户电话13800138000，3-502"
        await settle(pilot)
        assert "顶楼漏雨，住户电话138****8000，3-***" in flat(app)  # previewed as residents will see it
        await press(pilot, "enter")
        assert isinstance(app.screen, ReportsScreen)
        assert "顶楼漏雨，住户电话138****8000，3-***" in flat(app)  # the detail line shows what is public
    shown = "顶楼漏雨，住户电话138****8000，3-***"
    assert reports.get(first.id).summary == shown
    assert reports.trail(first.ticket, estate_id=first.estate_id).report.summary == shown
    e = audit.entries(entity="report", entity_id=str(first.id))[0]
    assert (e.actor, e.action, e.data) == ("fang", "report.summary", {"summary": shown})


async def test_link_a_report_to_the_project_that_answers_it(demo_db):
    from kiosk.domain import funding, report_loop
    from kiosk.screens.admin.report_forms import LinkForm

    first = _open_reports()[0]
    project = funding.list_projects(first.estate_id)[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "4", "l")
        form = app.screen
        assert isinstance(form, LinkForm) and form.report.id == first.id
        await settle(pilot)
        form.query_one("#f-project").value = project.id
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ReportsScreen)
        await press(pilot, "l")  # opened again: the link is chosen
        await settle(pilot)
        assert app.screen.choice("project") == project.id and app.screen.choice("poll") is None
    assert report_loop.linked([first.id])[first.id].project_id == project.id
    e = audit.entries(entity="report", entity_id=str(first.id))[0]
    assert (e.actor, e.action, e.data["project"]) == ("fang", "report.link", project.id)
