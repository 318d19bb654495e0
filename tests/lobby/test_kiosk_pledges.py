"""The pledge a household makes at the lobby kiosk (domain: kiosk_pledges)."""

from __future__ import annotations

import pytest

from kiosk.db.models import Household
from kiosk.domain import estates, funding, ledger
from kiosk.domain.errors import NotFound, ValidationError
from kiosk.domain.kiosk_pledges import KIOSK_PLEDGE_MAX_FEN, normalise_room, pledge_at_kiosk


def _yg(demo_db):
    estate = estates.resolve_estate("盈谷中心小区")
    building = next(b for b in estates.layout(estate.id) if b.name == "3号楼")
    unit = building.units[1]
    return estate, unit


def test_pledge_is_recorded_as_pledged_owners_money(demo_db):
    estate, unit = _yg(demo_db)
    before = funding.snapshot(2)
    p = pledge_at_kiosk("lobby", estate.id, 2, unit.id, "３０２室", 300_00, idempotency_key="k1")
    assert (p.building, p.unit, p.amount_fen) == ("3号楼", "2单元", 300_00)
    after = funding.snapshot(2)
    owners = {s.key: s for s in after.sources}["owners"]
    assert after.pledged_fen == before.pledged_fen + 300_00
    assert owners.pledged_fen == {s.key: s for s in before.sources}["owners"].pledged_fen + 300_00
    c = ledger.get(p.contribution_id)
    household = Household.get_by_id(c.household_id)
    assert (c.status, c.source, household.room) == ("pledged", "owners", "302")
    # The same form confirmed twice records one pledge.
    again = pledge_at_kiosk("lobby", estate.id, 2, unit.id, "302", 300_00, idempotency_key="k1")
    assert again.contribution_id == p.contribution_id
    assert funding.snapshot(2).pledged_fen == after.pledged_fen


def test_unknown_room_is_refused_without_repeating_it(demo_db):
    estate, unit = _yg(demo_db)
    with pytest.raises(NotFound) as err:
        pledge_at_kiosk("lobby", estate.id, 2, unit.id, "9999", 100_00)
    assert "9999" not in str(err.value)


@pytest.mark.parametrize("room", ["", "   ", "室", "1\x1b[2J", "x" * 40])
def test_bad_rooms_are_refused_without_echo(room):
    with pytest.raises(ValidationError) as err:
        normalise_room(room)
    assert room.strip() == "" or room not in str(err.value)


def test_amount_limits(demo_db):
    estate, unit = _yg(demo_db)
    for bad in (0, -5, KIOSK_PLEDGE_MAX_FEN + 1):
        with pytest.raises(ValidationError):
            pledge_at_kiosk("lobby", estate.id, 2, unit.id, "302", bad)


def test_only_active_projects_of_this_estate(demo_db):
    estate, unit = _yg(demo_db)
    with pytest.raises(ValidationError):
        pledge_at_kiosk("lobby", estate.id, 4, unit.id, "302", 100_00)  # another estate, completed
    other = estates.resolve_estate("五号公寓小区")
    with pytest.raises(ValidationError):
        pledge_at_kiosk("lobby", other.id, 3, unit.id, "302", 100_00)  # a unit of another estate
