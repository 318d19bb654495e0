"""The demo's votes and 一户一策 (schema version 2): the decided road poll of 盈谷中心小区, an open
carport poll with partial turnout, and the lift's household plan of 文乐胡同14号楼 with its consents.
Ballots are cast the way residents would, over the voting days, so the tallies come out of the domain."""

from __future__ import annotations

import datetime as dt
import random

from kiosk import clock
from kiosk.db.models import Building, Household, Unit
from kiosk.demo.data import ACTOR
from kiosk.demo.rules import LIFT, ROAD
from kiosk.domain import codes, estates, funding, meetings, plans, votes


def _project_id(estate_id: int, title: str) -> int:
    return next(p.id for p in funding.list_projects(estate_id) if p.title == title)


def _meeting_id(estate_id: int, topic: str) -> int | None:
    found = [m for m in meetings.list_meetings(estate_id, upcoming=False) if m.topic == topic]
    return found[-1].id if found else None  # the earliest one (the list is newest first)


def _run_poll(poll_id: int, voters: list[int], choices: list[str], start: dt.datetime, rng: random.Random) -> None:
    """Cast the ballots over the voting days: most at the kiosk with their codes, the rest on paper
    or by proxy, entered by staff."""
    clock.freeze(start)
    try:
        slips = {}
        for slip in votes.issue_codes(ACTOR, poll_id):
            slips[(slip.building, slip.unit, slip.room)] = slip.code
        info = votes.get_poll(poll_id)
        where = {h.id: (h.unit.building.name, h.unit.name, h.room)
                 for h in Household.select(Household, Unit, Building).join(Unit).join(Building).where(Household.id.in_(voters))}
        for i, (hid, choice) in enumerate(zip(voters, choices)):
            clock.freeze(start + dt.timedelta(hours=2 + i * 100 // max(1, len(voters))))
            channel = rng.choices(["kiosk", "paper", "proxy"], weights=[6, 3, 1])[0]
            if channel == "kiosk":
                votes.cast_with_code(ACTOR, slips[where[hid]], choice)
            else:
                votes.cast(ACTOR, info.id, hid, choice, channel)
    finally:
        clock.freeze(None)


def votes_and_plans() -> None:
    """The decided road poll of 盈谷中心小区 (closed, quorate, 沥青 approved), an open carport poll
    with partial turnout, and the 一户一策 plan of 文乐胡同14号楼's lift with its consents."""
    rng = random.Random(278)
    today = clock.today()
    at = lambda days, hour=9: dt.datetime.combine(today - dt.timedelta(days=days), dt.time(hour))  # noqa: E731
    with codes.seeded(rng):
        yg = estates.resolve_estate("盈谷中心小区")
        road = _project_id(yg.id, ROAD)
        households = [h.id for h in Household.select(Household.id).join(Unit).join(Building)
                      .where(Building.estate == yg.id).order_by(Household.id)]
        clock.freeze(at(32, 8))
        try:
            poll = votes.create_poll(ACTOR, yg.id, "道路铺设沥青还是水泥", ["沥青", "水泥"], closes_at=at(25, 20),
                                     meeting_id=_meeting_id(yg.id, "道路铺设沥青还是水泥"), project_id=road)
        finally:
            clock.freeze(None)
        voters = [h for h in households if rng.random() < 0.86]
        rng.shuffle(voters)
        asphalt = round(len(voters) * 0.68)
        _run_poll(poll.id, voters, ["沥青"] * asphalt + ["水泥"] * (len(voters) - asphalt), at(32, 8), rng)
        clock.freeze(at(25, 21))
        try:
            votes.close_poll(ACTOR, poll.id)
        finally:
            clock.freeze(None)

        clock.freeze(at(3, 8))
        try:
            carport = votes.create_poll(ACTOR, yg.id, "车棚顶棚更换材料：阳光板还是彩钢板", ["阳光板", "彩钢板"],
                                        closes_at=at(-7, 20), buildings=["5号楼", "6号楼"],
                                        meeting_id=_meeting_id(yg.id, "车棚修缮"))
        finally:
            clock.freeze(None)
        covered = [h.id for h in Household.select(Household.id).join(Unit).join(Building)
                   .where(Building.estate == yg.id, Building.name.in_(["5号楼", "6号楼"])).order_by(Household.id)]
        voters = [h for h in covered if rng.random() < 0.45]
        _run_poll(carport.id, voters, [rng.choice(["阳光板", "阳光板", "彩钢板"]) for _ in voters], at(3, 8), rng)

        # 文乐胡同14号楼: the lift's cost shares, floor by floor; floors 1-2 pay nothing.
        wl = estates.resolve_estate("文乐胡同14号楼")
        lift = _project_id(wl.id, LIFT)
        clock.freeze(at(330, 10))
        try:
            plan = plans.create_plan(ACTOR, lift, title="加装电梯一户一策分摊方案", rate_fen_per_m2=104_00,
                                     coefficients={3: 100, 4: 140, 5: 180, 6: 220}, low_floors=2, low_floor_mode="exempt",
                                     building="14号楼")
            lines = plans.shares(plan.id)
            by_place = {(x.unit, x.floor, x.room[-2:]): x.household_id for x in lines}
            plans.set_hardship(ACTOR, plan.id, by_place[("2单元", 4, "01")], 50, "低保家庭")
            plans.set_hardship(ACTOR, plan.id, by_place[("5单元", 6, "02")], 30, "家中有重病患者")
            plans.set_override(ACTOR, plan.id, by_place[("3单元", 6, "01")], 12_000_00, "顶层屋面漏水多年，协商定额分摊")
            notes = {("6单元", 6, "01"): "老两口都80岁了，7年没下过楼，盼电梯。",
                     ("1单元", 5, "02"): "大姐腰不好，上楼要忍着疼。",
                     ("4单元", 1, "01"): "担心采光和噪音，恳谈会后仍有顾虑。"}
            for i, x in enumerate(lines):
                key = (x.unit, x.floor, x.room[-2:])
                consent = "object" if key == ("4单元", 1, "01") else ("undecided" if key == ("2单元", 2, "02") else "agree")
                clock.freeze(at(330 - i % 30, 19))
                plans.set_consent(ACTOR, plan.id, x.household_id, consent, notes.get(key))
            plans.issue_codes(ACTOR, plan.id)
        finally:
            clock.freeze(None)
