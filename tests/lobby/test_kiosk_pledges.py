"""The pledge a household makes at the lobby kiosk with its household code (domain: kiosk_pledges)."""

from __future__ import annotations

import pytest

from kiosk import demo
from kiosk.db.models import Household
from kiosk.domain import estates, funding, kiosk_pledges, ledger, tickets
from kiosk.domain.errors import NotFound, ValidationError
from kiosk.domain.kiosk_pledges import KIOSK_PLEDGE_MAX_FEN, MAX_OPEN_PER_PROJECT, MAX_PER_DAY, pledge_at_kiosk


def _yg(demo_db, room: str = "302"):
    estate = estates.resolve_estate("盈谷中心小区")
    return estate, demo.household_codes()[("盈谷中心小区", "3号楼", "2单元", room)]


def test_pledge_is_recorded_as_pledged_owners_money_with_a_reference(demo_db):
    estate, code = _yg(demo_db)
    before = funding.snapshot(2)
    p = pledge_at_kiosk("lobby", estate.id, 2, code[:4] + " " + code[4:], 300_00, idempotency_key="k1", kiosk="box:1")
    assert (p.building, p.unit, p.amount_fen) == ("3号楼", "2单元", 300_00)
    assert len(p.reference) == 7 and tickets._interim(p.reference) == 0  # Damm's check digit holds
    after = funding.snapshot(2)
    owners = {s.key: s for s in after.sources}["owners"]
    assert after.pledged_fen == before.pledged_fen + 300_00
    assert owners.pledged_fen == {s.key: s for s in before.sources}["owners"].pledged_fen + 300_00
    c = ledger.get(p.contribution_id)
    household = Household.get_by_id(c.household_id)
    assert (c.status, c.source, household.room) == ("pledged", "owners", "302")
    # The same form confirmed twice records one pledge, with the same reference.
    again = pledge_at_kiosk("lobby", estate.id, 2, code, 300_00, idempotency_key="k1")
    assert (again.contribution_id, again.reference) == (p.contribution_id, p.reference)
    assert funding.snapshot(2).pledged_fen == after.pledged_fen
    assert kiosk_pledges.by_reference(p.reference).room == "302"  # what the office looks up


def test_wrong_codes_get_one_vague_answer(demo_db):
    estate, code = _yg(demo_db)
    other = demo.household_codes()[("五号公寓小区", "1号楼", "1单元", "101")]
    answers = set()
    for bad in ("000000000000", "12", code[:-1] + str((int(code[-1]) + 1) % 10), other, ""):
        with pytest.raises(NotFound) as err:
            pledge_at_kiosk("lobby", estate.id, 2, bad, 100_00)
        answers.add(str(err.value))
    assert len(answers) == 1


def test_limits_per_household(demo_db):
    estate, code = _yg(demo_db)
    made = [pledge_at_kiosk("lobby", estate.id, 2, code, 100_00) for _ in range(MAX_OPEN_PER_PROJECT)]
    with pytest.raises(ValidationError):  # the reproduction: a third ¥100,000 in a minute
        pledge_at_kiosk("lobby", estate.id, 2, code, 100_00)
    kiosk_pledges.cancel("fang", made[0].contribution_id, "not theirs")
    pledge_at_kiosk("lobby", estate.id, 2, code, 100_00)  # a cancelled one is not open any more
    assert MAX_PER_DAY == MAX_OPEN_PER_PROJECT + 1
    with pytest.raises(ValidationError):  # but the day's count includes it
        pledge_at_kiosk("lobby", estate.id, 1, code, 100_00)
    # Another household is not held back.
    _e, neighbour = _yg(demo_db, "301")
    pledge_at_kiosk("lobby", estate.id, 2, neighbour, 100_00)


def test_staff_list_and_cancel_open_kiosk_pledges(demo_db):
    estate, code = _yg(demo_db)
    p = pledge_at_kiosk("lobby", estate.id, 2, code, 500_00, kiosk="box:1")
    listed = kiosk_pledges.open_pledges(estate.id)
    assert [(x.reference, x.room, x.amount_fen, x.kiosk) for x in listed][:1] == [(p.reference, "302", 500_00, "box:1")]
    with pytest.raises(ValidationError):
        kiosk_pledges.cancel("fang", p.contribution_id, "")  # a reason is needed
    c = kiosk_pledges.cancel("fang", p.contribution_id, "nobody came to pay")
    assert (c.status, c.cancel_reason) == ("cancelled", "nobody came to pay")
    assert p.reference not in [x.reference for x in kiosk_pledges.open_pledges(estate.id)]
    with pytest.raises(NotFound):
        kiosk_pledges.by_reference(p.reference)
    office = ledger.record("fang", 2, "owners", 100_00, household_id=Household.get_by_id(c.household_id).id)
    with pytest.raises(NotFound):  # only kiosk pledges go through this path
        kiosk_pledges.cancel("fang", office.id, "x")


def test_amount_limits(demo_db):
    estate, code = _yg(demo_db)
    for bad in (0, -5, KIOSK_PLEDGE_MAX_FEN + 1):
        with pytest.raises(ValidationError):
            pledge_at_kiosk("lobby", estate.id, 2, code, bad)


def test_only_active_projects_of_this_estate(demo_db):
    estate, code = _yg(demo_db)
    with pytest.raises(ValidationError):
        pledge_at_kiosk("lobby", estate.id, 4, code, 100_00)  # another estate, completed
    other = estates.resolve_estate("五号公寓小区")
    with pytest.raises(NotFound):
        pledge_at_kiosk("lobby", other.id, 3, code, 100_00)  # a code of another estate: a wrong code there
