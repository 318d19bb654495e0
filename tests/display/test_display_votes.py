"""The votes slide in the display loop, with a frozen clock: an open poll's participation equal to
what the domain counts, redrawn when ballots arrive; its result once closed, for seven days; no
slide at all when there is nothing to show; never a name or a room."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from support import settle
from test_display_app import T0, label, make_app, poll_revision, stage, step, where

from kiosk import clock, i18n
from kiosk.db.models import Household
from kiosk.domain import audit, estates, notices, votes
from kiosk.render.quorum import turnout_figures

# (room, area in 0.01 m², owner's name): private, never on the board.
FLATS = [("甲101", 8650, "欧阳明"), ("甲102", 7320, "司马清"), ("甲201", 9010, "诸葛亮"),
         ("甲202", 6480, "上官云"), ("甲301", 8800, "东方白"), ("甲302", 7700, "令狐冲")]


@pytest.fixture
def estate(db):
    clock.freeze(T0 - dt.timedelta(days=1))
    e = estates.add_estate("t", "乙小区")
    with audit.write("t") as w:
        unit = estates.ensure_unit(estates.ensure_building(e.id, "1号楼"), "1单元")
        ids = [Household.create(unit=unit, room=room, floor=int(room[1]), area_cm2=area, owner_key=name, owner_name=name).id
               for room, area, name in FLATS]
        w.record("household.import", "household_batch", w.next_seq(), count=len(ids))
    notices.post("t", "停水通知", "周五停水。", estate_id=e.id)
    clock.freeze(T0)
    return Estate(e.id, ids)


@dataclasses.dataclass(frozen=True)
class Estate:
    id: int
    household_ids: list[int]


def poll(estate) -> votes.PollInfo:
    return votes.create_poll("staff", estate.id, "楼道灯更换方案", ["声控灯", "常亮灯"], closes_at=T0 + dt.timedelta(days=3))


def assert_private(text: str) -> None:
    for room, _area, name in FLATS:
        assert room not in text and name not in text


async def test_an_open_vote_shows_its_participation_in_the_rotation(db, estate):
    p = poll(estate)
    for hid, choice in zip(estate.household_ids[:3], ["声控灯", "声控灯", "常亮灯"]):
        votes.cast("staff", p.id, hid, choice, "paper")
    app = make_app(db, playlist=["notices", "votes"], interval=10)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        assert where(app) == ("notices", 0)
        await step(app, pilot, 10)
        assert where(app) == ("votes", 0) and label(app, "#kind").strip().endswith("居民投票")
        t = votes.turnout(p.id)
        text = stage(app)
        assert "楼道灯更换方案" in text and "正在投票" in text
        assert f"参与：面积 {turnout_figures(t)[0]}% / 人数 {turnout_figures(t)[1]}%，需 2/3" in text
        # While voting is open nobody sees how the options stand.
        assert "声控灯" not in text and "通过" not in text
        assert_private(text)
        # A ballot entered elsewhere shows without a restart.
        votes.cast("staff", p.id, estate.household_ids[4], "声控灯", "proxy", proxy_holder="李四")
        await poll_revision(app, pilot)
        t = votes.turnout(p.id)
        assert t.quorate and f"参与：面积 {turnout_figures(t)[0]}% / 人数 {turnout_figures(t)[1]}%" in stage(app)
        assert "已达 2/3" in stage(app) and "需 2/3" not in stage(app)  # 4 of 6 owners: exactly 2/3, reached
        await step(app, pilot, 10)
        assert where(app) == ("notices", 0)


async def test_no_vote_no_slide(db, estate):
    votes.create_poll("staff", estate.id, "以后的表决", ["是", "否"], opens_at=T0 + dt.timedelta(hours=1))
    app = make_app(db, playlist=["notices", "votes"], interval=10)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        for _i in range(3):
            assert where(app) == ("notices", 0)
            await step(app, pilot, 10)
        # It opens by the clock alone: the display reads again then and shows it.
        assert app.deck.next_change == T0 + dt.timedelta(hours=1)
        await step(app, pilot, 3600 - 30)
        await settle(pilot, workers=True)
        await step(app, pilot, 10)
        assert where(app) == ("votes", 0) and "以后的表决" in stage(app)


async def test_results_after_closing_for_seven_days(db, estate):
    p = poll(estate)
    for hid, choice in zip(estate.household_ids[:5], ["声控灯", "声控灯", "声控灯", "常亮灯", "声控灯"]):
        votes.cast("staff", p.id, hid, choice, "paper")
    app = make_app(db, playlist=["votes"], interval=10)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        assert "正在投票" in stage(app)
        t = votes.close_poll("staff", p.id)
        await poll_revision(app, pilot)
        text = stage(app)
        assert "表决结果" in text and "正在投票" not in text
        assert "表决有效。获得通过：「声控灯」" in text
        lines = {line.split()[0]: line.split()[1:4] for line in text.splitlines() if line.split()[:1] in (["声控灯"], ["常亮灯"])}
        for o in t.options:
            c = o.counts
            assert lines[o.label] == [str(c.households), str(c.owners), f"{c.area_cm2 // 100}.{c.area_cm2 % 100:02d}"]
        assert_private(text)
        await pilot.resize_terminal(240, 67)
        await settle(pilot, workers=True)
        assert "声控灯" in stage(app) and "表决结果" in stage(app)
        assert_private(stage(app))
        # Seven days later the result leaves the board by itself.
        assert app.deck.data["votes"].next_change == t_closed(p.id) + dt.timedelta(days=7)
        await step(app, pilot, 7 * 86400)
        await settle(pilot, workers=True)
        await step(app, pilot, 10)
        assert app.deck.data["votes"].items == () and app.mode == "idle"


def t_closed(poll_id: int) -> dt.datetime:
    return votes.get_poll(poll_id).closed_at


async def test_english(db, estate):
    i18n.set_language("en")
    p = poll(estate)
    votes.cast("staff", p.id, estate.household_ids[0], "声控灯", "paper")
    app = make_app(db, playlist=["votes"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, workers=True)
        t = votes.turnout(p.id)
        assert "Votes" in label(app, "#kind") and "Vote in progress" in stage(app)
        assert f"Turnout: area {turnout_figures(t)[0]}% / owners {turnout_figures(t)[1]}%, 2/3 needed" in stage(app)
