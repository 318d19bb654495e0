"""A vote is corrected until it opens: title, options, closing time and buildings, from the
console (the audit entry keeps what each was); once open, or once it has a ballot, it is not.
The database lets an unopened poll's options and scope be replaced while it has no ballot and
refuses it from the first ballot on, on both back-ends."""

from __future__ import annotations

import datetime as dt

import peewee as pw
import pytest
from support import flat, press
from support.admin import SIZE, T0, make_app, sign_in

from kiosk import clock
from kiosk.db.models import database
from kiosk.domain import audit, estates, poll_edit, votes
from kiosk.domain.errors import ValidationError
from kiosk.screens.admin.poll_form import PollEditForm, PollForm
from kiosk.screens.admin.polls import PollsScreen
from votes.votes_helpers import ACTOR, make_estate, simple_flats

ESTATE = "文乐胡同14号楼"


async def test_a_vote_is_corrected_before_it_opens_and_not_after(demo_db):
    clock.freeze(T0)
    wl = estates.resolve_estate(ESTATE).id
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "7", "n")
        form = app.screen
        assert isinstance(form, PollForm) and "开始时间" in flat(app)
        form.query_one("#f-estate").value = wl
        form.query_one("#f-title").value = "电梯维保单位"
        form.query_one("#f-option").value = "甲公司，乙公司"
        form.query_one("#f-opens").value = "2026-03-12 08:00"
        form.query_one("#f-closes").value = "2026-03-20 18:00"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PollsScreen)
        [p] = votes.list_polls(wl)
        assert p.state() == "scheduled"
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, PollEditForm) and form.query_one("#f-option").value == "甲公司，乙公司"
        form.query_one("#f-title").value = "电梯维保单位选择"
        form.query_one("#f-option").value = "甲公司，乙公司，丙公司"
        form.query_one("#f-closes").value = "2026-03-22 18:00"
        form.query_one("#f-buildings").value = "14号楼"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PollsScreen) and "电梯维保单位选择" in flat(app)
        got = votes.get_poll(p.id)
        assert [o.label for o in got.options] == ["甲公司", "乙公司", "丙公司"]
        assert (got.title, got.closes_at, got.buildings) == ("电梯维保单位选择", dt.datetime(2026, 3, 22, 18, 0), ("14号楼",))
        entry = audit.entries(entity="poll", entity_id=str(p.id), limit=1)[0]
        assert (entry.action, entry.actor) == ("poll.update", "fang")
        assert entry.data["was"] == {"title": "电梯维保单位", "options": ["甲公司", "乙公司"],
                                     "closes_at": "2026-03-20 18:00:00", "buildings": []}
        # Open now: no more changes.
        clock.freeze(dt.datetime(2026, 3, 12, 9, 0))
        await press(pilot, "e")
        assert isinstance(app.screen, PollsScreen)  # no form: the key is refused with a note
    with pytest.raises(ValidationError, match="已经开始，不能再修改"):
        poll_edit.update_poll("fang", p.id, title="别的", options=["甲公司", "乙公司"], closes_at=None, buildings=[])


def test_options_and_scope_are_guarded_from_the_first_ballot(db):
    clock.freeze(T0)
    estate_id, ids = make_estate("改票小区", simple_flats([80_00, 90_00]))
    p = votes.create_poll(ACTOR, estate_id, "路面", ["沥青", "水泥"], opens_at=T0 + dt.timedelta(days=1),
                          buildings=["1号楼"])
    p = poll_edit.update_poll(ACTOR, p.id, title="路面材料", options=["沥青", "水泥", "砖"], closes_at=None, buildings=[])
    assert ([o.label for o in p.options], p.buildings) == (["沥青", "水泥", "砖"], ())
    clock.freeze(T0 + dt.timedelta(days=2))
    votes.cast(ACTOR, p.id, ids[0], "砖", "paper")
    clock.freeze(T0)  # even with the clock turned back, a poll with a ballot stays as it is
    with pytest.raises(ValidationError, match="已有选票"):
        poll_edit.update_poll(ACTOR, p.id, title="路面材料", options=["沥青", "水泥"], closes_at=None, buildings=[])
    for sql in (f"UPDATE poll_option SET label = '改' WHERE poll_id = {p.id}",
                f"DELETE FROM poll_option WHERE poll_id = {p.id}",
                f"INSERT INTO poll_building (poll_id, building_id) SELECT {p.id}, id FROM building WHERE estate_id = {estate_id}"):
        with pytest.raises(pw.IntegrityError):
            with database.atomic():
                database.execute_sql(sql)
                database.execute_sql(f"DELETE FROM poll_building WHERE poll_id = {p.id}")
    assert [o.label for o in votes.get_poll(p.id).options] == ["沥青", "水泥", "砖"]
