"""A proxy ballot names its holder: required for proxy, refused for paper; staff see it as the
ballot is counted, the audit entry keeps it (verify finds it changed), and nothing public shows it."""

from __future__ import annotations

import dataclasses

from support import flat, press
from support.admin import SIZE, T0, make_app, sign_in

from intruder import tamper
from kiosk import clock
from kiosk.db.models import Ballot
from kiosk.domain import audit, estates, verify, votes
from kiosk.screens.admin.paper_ballot import BallotForm

ESTATE = "文乐胡同14号楼"


async def test_a_proxy_ballot_names_its_holder(demo_db, demo_path):
    clock.freeze(T0)
    p = votes.create_poll("demo", estates.resolve_estate(ESTATE).id, "楼道粉刷颜色", ["白色", "浅绿"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "7")
        app.screen.query_one("SearchTable").select_key(p.id)
        await press(pilot, "b")
        form = app.screen
        assert isinstance(form, BallotForm) and "代理人" in flat(app)
        for name, value in (("building", "14号楼"), ("unit", "1"), ("room", "301")):
            form.query_one(f"#f-{name}").value = value
        form.query_one("#f-choice").value = p.options[1].id
        form.query_one("#f-channel").value = "proxy"
        await press(pilot, "ctrl+s")  # no holder named
        assert votes.ballot_count(p.id) == 0 and form.query_one("#f-proxy_holder").has_class("-refused")
        form.query_one("#f-channel").value = "paper"
        form.query_one("#f-proxy_holder").value = "王五"
        await press(pilot, "ctrl+s")  # a paper ballot has no proxy holder
        assert votes.ballot_count(p.id) == 0 and "只有代理投票" in flat(app)
        form.query_one("#f-channel").value = "proxy"
        await press(pilot, "ctrl+s")
        assert votes.ballot_count(p.id) == 1
        assert "已计入" in flat(app) and "（代理人：王五）" in flat(app)
    ballot = Ballot.get(Ballot.poll == p.id)
    assert (ballot.channel, ballot.proxy_holder) == ("proxy", "王五")
    assert audit.entries(entity="ballot", entity_id=str(ballot.id))[0].data["proxy_holder"] == "王五"
    # Public answers carry no holder: the receipt a household checks, the count.
    public = dataclasses.asdict(votes.check_receipt(ballot.receipt))
    assert "王五" not in repr(public) and "王五" not in repr(votes.tally(p.id))
    assert verify.run().ok
    tamper(demo_path, f"UPDATE ballot SET proxy_holder = '赵六' WHERE id = {ballot.id}")
    assert any(f.where.endswith(str(ballot.id)) for f in verify.run().faults)
