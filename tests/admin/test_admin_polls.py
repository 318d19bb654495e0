"""Household votes through the console: reached from the overview, create a vote, print code
slips, enter paper and proxy ballots (a second one for a household refused in words), close it
and read the count; every write names the signed-in staff member in the audit log."""

from __future__ import annotations

import csv

from support import flat, press, settle
from support.admin import SIZE, T0, make_app, sign_in

from kiosk import clock
from kiosk.domain import audit, estates, votes
from kiosk.screens.admin.dashboard import DashboardScreen
from kiosk.screens.admin.paper_ballot import BallotForm
from kiosk.screens.admin.poll_codes import SlipsForm
from kiosk.screens.admin.poll_form import PollForm
from kiosk.screens.admin.poll_tally import TallyScreen
from kiosk.screens.admin.polls import PollsScreen

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


async def test_print_vote_code_slips(demo_db, tmp_path):
    clock.freeze(T0)
    wl = estates.resolve_estate(ESTATE).id
    p = votes.create_poll("demo", wl, "楼道粉刷颜色", ["白色", "米色"])
    out = tmp_path / "slips.csv"

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "wuye")
        await press(pilot, "7")
        app.screen.query_one("SearchTable").select_key(p.id)
        await press(pilot, "s")
        form = app.screen
        assert isinstance(form, SlipsForm)
        form.query_one("#f-out").value = str(out)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PollsScreen)
        # Again: the file is there, so it is not overwritten.
        await press(pilot, "s")
        form = app.screen
        form.query_one("#f-out").value = str(out)
        await press(pilot, "ctrl+s")
        assert app.screen is form and form.query_one("#f-out").has_class("-refused")
        # Another file: the codes already printed would stop working, so that is asked for.
        form.query_one("#f-out").value = str(tmp_path / "again.csv")
        await press(pilot, "ctrl+s")
        assert app.screen is form and form.query_one("#f-reissue").has_class("-refused")
        assert not (tmp_path / "again.csv").exists()
        await press(pilot, "escape")
        await settle(pilot)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["building", "unit", "room", "code"] and len(rows) > 1
    assert len(rows) - 1 == votes.codes_outstanding(p.id)
    ticket = votes.check_code(rows[1][3])
    assert (ticket.poll.id, ticket.building, ticket.unit) == (p.id, rows[1][0], rows[1][1])
    (e,) = [e for e in audit.entries(entity="poll", entity_id=str(p.id)) if e.action == "poll.codes"]
    assert e.actor == "wuye" and e.data["issued"] == len(rows) - 1
