"""Household votes through the console: reached from the overview, create a vote, print code
slips, enter paper and proxy ballots (a second one for a household refused in words), close it
and read the count; every write names the signed-in staff member in the audit log."""

from __future__ import annotations

from support import flat, press, settle, until
from support.admin import SIZE, T0, make_app, sign_in
from support.cups import cups, printed_codes  # noqa: F401  (the fixture)

from kiosk import clock
from kiosk.domain import audit, estates, votes
from kiosk.screens.admin.dashboard import DashboardScreen
from kiosk.screens.admin.dialogs import ConfirmDialog
from kiosk.screens.admin.paper_ballot import BallotForm
from kiosk.screens.admin.poll_form import PollForm
from kiosk.screens.admin.poll_tally import TallyScreen
from kiosk.screens.admin.polls import PollsScreen
from kiosk.screens.admin.printing import PrintDialog

ESTATE = "文乐胡同14号楼"


async def test_create_enter_ballots_close_and_count(demo_db):
    clock.freeze(T0)
    wl = estates.resolve_estate(ESTATE).id

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        assert isinstance(app.screen, DashboardScreen) and "7 业主表决" in flat(app)
        await press(pilot, "7")
        assert isinstance(app.screen, PollsScreen)
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, PollForm)
        form.query_one("#f-estate").value = wl
        form.query_one("#f-title").value = "电梯维保单位选择"
        form.query_one("#f-option").value = "甲公司"
        await press(pilot, "ctrl+s")
        # One option is not a vote: refused, the field marked, what was typed kept.
        assert app.screen is form and form.query_one("#f-option").has_class("-refused")
        assert "至少" in flat(app)
        form.query_one("#f-option").value = "甲公司，乙公司"  # a full-width comma, as an IME types it
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PollsScreen) and "电梯维保单位选择" in flat(app)
        [p] = votes.list_polls(wl)
        assert [o.label for o in p.options] == ["甲公司", "乙公司"]

        await press(pilot, "b")
        ballots = app.screen
        assert isinstance(ballots, BallotForm)
        for name, value in (("building", "14号楼"), ("unit", "1单元"), ("room", "301")):
            ballots.query_one(f"#f-{name}").value = value
        await press(pilot, "ctrl+s")
        assert "请选择选票上勾选的选项" in flat(app) and votes.ballot_count(p.id) == 0
        ballots.query_one("#f-choice").value = p.options[1].id
        await press(pilot, "ctrl+s")
        assert votes.ballot_count(p.id) == 1 and "已计入" in flat(app) and "乙公司" in flat(app)
        # The same household again, now by proxy: refused, and said so.
        ballots.query_one("#f-room").value = "301"
        ballots.query_one("#f-choice").value = p.options[0].id
        ballots.query_one("#f-channel").value = "proxy"
        ballots.query_one("#f-proxy_holder").value = "王五"
        await press(pilot, "ctrl+s")
        assert votes.ballot_count(p.id) == 1
        assert "该户已在此表决中投过票" in flat(app) and "本次选票不计入" in flat(app)
        ballots.query_one("#f-room").value = "302"
        await press(pilot, "ctrl+s")
        assert votes.ballot_count(p.id) == 2
        await press(pilot, "escape")
        assert isinstance(app.screen, PollsScreen)

        await press(pilot, "c")
        await press(pilot, "y")
        assert isinstance(app.screen, TallyScreen)
        assert votes.get_poll(p.id).state() == "closed"
        t = votes.tally(p.id)
        text = flat(app)
        assert "已截止" in text and "甲公司" in text and "乙公司" in text
        for o in t.options:
            assert o.counts.households == 1
        assert f"已参与 {t.participating.households} {t.participating.owners}" in text
        await press(pilot, "escape")
        await press(pilot, "c")  # a closed vote cannot be closed again
        assert isinstance(app.screen, PollsScreen) and "已截止" in flat(app)
    poll_actions = [e.action for e in audit.entries(entity="poll") if e.actor == "fang"]
    assert poll_actions == ["poll.close", "poll.create"]
    assert [e.actor for e in audit.entries(entity="ballot")][:2] == ["fang", "fang"]


async def test_print_vote_code_slips(demo_db, cups):
    """S on a vote prints its code slips as the codes are issued (no file of codes on the box)."""
    clock.freeze(T0)
    wl = estates.resolve_estate(ESTATE).id
    p = votes.create_poll("demo", wl, "楼道粉刷颜色", ["白色", "米色"])
    target = cups.add_printer("Office")

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "wuye")
        await press(pilot, "7")
        app.screen.query_one("SearchTable").select_key(p.id)
        await press(pilot, "s")
        dialog = app.screen
        assert isinstance(dialog, PrintDialog) and dialog.item.kind == "vote-slips"
        assert await until(pilot, lambda: dialog.data is not None, 30)
        await press(pilot, "1", "y")
        assert await until(pilot, lambda: "Office-" in flat(app), 60), flat(app)
        # Again: the slips just printed would stop working, so that is asked first; No keeps them.
        await press(pilot, "1", "y")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), 30) and "旧的码条将作废" in flat(app)
        await press(pilot, "n", "escape")
        assert isinstance(app.screen, PollsScreen)
    printed = printed_codes(cups.wait_for_pdf(target))
    assert printed and len(printed) == votes.codes_outstanding(p.id)
    ticket = votes.check_code(printed[0])
    assert ticket.poll.id == p.id
    (e,) = [e for e in audit.entries(entity="poll", entity_id=str(p.id)) if e.action == "poll.codes"]
    assert e.actor == "wuye" and e.data["issued"] == len(printed)
