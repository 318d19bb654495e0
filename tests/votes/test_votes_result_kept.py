"""A closed vote's result is the one announced at its close: correcting a flat's area, adding a
flat or a new owner afterwards (the household register) moves no published figure. An open vote
counts the register as it is."""

from __future__ import annotations

import datetime as dt

from kiosk.db.models import Ballot
from kiosk.domain import estates, households, votes


def test_a_closed_votes_result_stays_as_announced_after_the_register_changes(demo_db):
    yg = estates.resolve_estate("盈谷中心小区")
    [road] = [p for p in votes.list_polls(yg.id) if p.title == "道路铺设沥青还是水泥"]
    before = votes.public_results(road.id)
    voter = Ballot.select().where(Ballot.poll == road.id).first().household_id
    households.correct("fang", voter, area_cm2=99_999)
    households.transfer("fang", voter, owner_name="新业主", on=dt.date(2026, 3, 1))
    households.add("fang", yg.id, building="1号楼", unit="1单元", room="9901", floor=9, area_cm2=12_345, owner_name="李四")
    after = votes.public_results(road.id)
    assert after == before
    assert votes.tally(road.id) == before  # staff see the same count


def test_an_open_votes_count_follows_the_register(demo_db):
    yg = estates.resolve_estate("盈谷中心小区")
    [open_poll] = votes.open_polls(yg.id)
    before = votes.tally(open_poll.id)
    voter = Ballot.select().where(Ballot.poll == open_poll.id).first().household_id
    households.correct("fang", voter, area_cm2=99_999)
    after = votes.tally(open_poll.id)
    assert after.participating.area_cm2 != before.participating.area_cm2
    assert after.participating.area_cm2 == votes.turnout(open_poll.id).participating.area_cm2
