"""Emergency repairs from the maintenance fund: the six situations, shares by floor area adding up
to the cost exactly (largest remainder), the disclosure shown during its period and gone after."""

import datetime as dt
import json

import pytest
from hypothesis import given, settings, strategies as st

from kiosk import clock
from kiosk.db.models import AuditEntry, Household, Project
from kiosk.domain import emergency, estates, funding
from kiosk.domain.errors import NotFound, TransitionRefused, ValidationError
from kiosk.domain.numbers import apportion

DAY = dt.datetime(2026, 7, 20, 9, 0)


@pytest.fixture(autouse=True)
def frozen():
    clock.freeze(DAY)
    yield
    clock.reset()


@pytest.fixture
def estate(db):
    """One estate: building 1 with two units (three flats each), building 2 with one flat."""
    from kiosk.db.models import database

    e = estates.add_estate("t", "测试小区", "测试社区", 1990)
    areas = {("1号楼", "1单元"): [7000, 7000, 8650], ("1号楼", "2单元"): [5533, 6101, 9999], ("2号楼", "1单元"): [12000]}
    with database.atomic():
        for (b_name, u_name), flats in areas.items():
            u = estates.ensure_unit(estates.ensure_building(e.id, b_name), u_name)
            for i, area in enumerate(flats):
                Household.create(unit=u, room=f"{i + 1}01", floor=i + 1, area_cm2=area, owner_key=f"{b_name}{u_name}{i}",
                                 owner_name="王秀英", phone="13800001111")
    return e


def building_id(estate, name):
    return next(b.id for b in estates.layout(estate.id) if b.name == name)


# ---- apportion: the largest remainder, exact to the fen ------------------------------------

@pytest.mark.parametrize("total, weights, expected", [
    (100, [1, 1, 1], [34, 33, 33]),  # equal areas: the remainder of 1 fen goes to the first
    (1, [7000, 7000], [1, 0]),  # a cost of 1 fen between equal areas
    (10001, [5000, 5000], [5001, 5000]),  # a remainder of 1 fen
    (999, [1, 2, 3], [166, 333, 500]),  # 166.5 and 499.5 tie: the larger area takes the fen
    (0, [5, 5], [0, 0]),
    (500, [0, 0], [0, 0]),
    (100, [8650, 7000, 7000], [38, 31, 31]),  # 38.19, 30.9, 30.9: the two larger remainders
])
def test_apportion_table(total, weights, expected):
    parts = apportion(total, weights)
    assert parts == expected
    assert sum(parts) == (total if any(weights) else 0)


@settings(max_examples=300, deadline=None)
@given(total=st.integers(min_value=0, max_value=10**13),
       weights=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=60))
def test_apportion_adds_up_exactly_and_each_part_is_within_one_fen(total, weights):
    parts = apportion(total, weights)
    assert sum(parts) == total
    whole = sum(weights)
    for part, w in zip(parts, weights):
        exact_floor = total * w // whole
        assert exact_floor <= part <= exact_floor + 1


# ---- the repair's life ---------------------------------------------------------------------

def test_start_cost_disclose_shares_by_area_add_up(estate):
    r = emergency.start("staff", estate.id, "roof_leak", "1号楼屋面漏雨抢修", dt.date(2026, 7, 18),
                        buildings=[building_id(estate, "1号楼")])
    assert (r.households, r.area_cm2, r.cost_fen, r.costed) == (6, 7000 + 7000 + 8650 + 5533 + 6101 + 9999, 0, False)
    project = Project.get_by_id(r.project_id)
    assert project.kind == "emergency"
    r = emergency.record_cost("staff", r.id, 1_234_567, dt.date(2026, 7, 19))
    shares = emergency.shares(r.id)
    assert sum(s.share_fen for s in shares) == 1_234_567
    by_area = {s.area_cm2: s.share_fen for s in shares}
    assert by_area[9999] > by_area[8650] > by_area[7000] > by_area[6101] > by_area[5533]
    assert not emergency.current(estate.id)  # costed, not disclosed yet
    emergency.disclose("staff", r.id, days=15)
    (shown,) = emergency.current(estate.id)
    assert shown.disclose_until == dt.date(2026, 8, 3)
    d = emergency.disclosure(r.id)
    assert sum(g.share_fen * g.households for g in d.groups) == 1_234_567
    assert sum(g.households for g in d.groups) == 6
    assert all(not hasattr(g, "room") for g in d.groups)  # what anyone reads names no room


def test_audited_one_entry_per_write(estate):
    before = AuditEntry.select().count()
    r = emergency.start("staff", estate.id, "lift", "电梯抢修", dt.date(2026, 7, 20), units=[
        next(u.id for b in estates.layout(estate.id) for u in b.units if b.name == "2号楼")])
    r = emergency.record_cost("staff", r.id, 99, dt.date(2026, 7, 20))
    emergency.disclose("staff", r.id)
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.seq > before).order_by(AuditEntry.seq)]
    assert actions == ["emergency.start", "emergency.cost", "emergency.disclose"]
    cost = AuditEntry.get(AuditEntry.action == "emergency.cost")
    assert json.loads(cost.data)["cost_fen"] == 99


def test_unknown_situation_is_refused(estate):
    with pytest.raises(ValidationError) as err:
        emergency.start("staff", estate.id, "earthquake", "x", dt.date(2026, 7, 1), buildings=[building_id(estate, "1号楼")])
    assert err.value.field == "situation"
    assert not emergency.list_repairs()


def test_nothing_served_and_wrong_estate_refused(estate, db):
    with pytest.raises(ValidationError):
        emergency.start("staff", estate.id, "drain", "x", dt.date(2026, 7, 1))
    other = estates.add_estate("t", "别的小区", "社区", 2000)
    with pytest.raises(NotFound):
        emergency.start("staff", other.id, "drain", "x", dt.date(2026, 7, 1), buildings=[building_id(estate, "1号楼")])
    assert not emergency.list_repairs()


def test_disclosure_shown_during_its_period_and_gone_after(estate):
    r = emergency.start("staff", estate.id, "facade", "外立面抢修", dt.date(2026, 7, 19), buildings=[building_id(estate, "2号楼")])
    with pytest.raises(TransitionRefused):
        emergency.disclose("staff", r.id, days=7)  # no cost yet
    emergency.record_cost("staff", r.id, 500_00, dt.date(2026, 7, 20))
    emergency.disclose("staff", r.id, days=7)
    for offset in range(7):
        day = DAY.date() + dt.timedelta(days=offset)
        assert [x.id for x in emergency.current(estate.id, day)] == [r.id]
    clock.advance(dt.timedelta(days=6))
    assert emergency.share_of(r.id, "2号楼", "1单元", "101").share_fen == 500_00
    clock.advance(dt.timedelta(days=1))
    assert emergency.current(estate.id) == []
    with pytest.raises(NotFound):
        emergency.disclosure(r.id)
    with pytest.raises(NotFound):
        emergency.share_of(r.id, "2号楼", "1单元", "101")


def test_cost_fixed_once_disclosed_and_dates_checked(estate):
    r = emergency.start("staff", estate.id, "water_pump", "水泵抢修", dt.date(2026, 7, 19), buildings=[building_id(estate, "1号楼")])
    with pytest.raises(ValidationError):
        emergency.record_cost("staff", r.id, 100, dt.date(2026, 7, 18))  # before it was found
    with pytest.raises(ValidationError):
        emergency.record_cost("staff", r.id, 0, dt.date(2026, 7, 19))
    emergency.record_cost("staff", r.id, 100, dt.date(2026, 7, 19))
    emergency.record_cost("staff", r.id, 600, dt.date(2026, 7, 19))  # corrected before disclosure
    assert sum(s.share_fen for s in emergency.shares(r.id)) == 600
    emergency.disclose("staff", r.id)
    with pytest.raises(TransitionRefused):
        emergency.record_cost("staff", r.id, 700, dt.date(2026, 7, 19))
    with pytest.raises(ValidationError):
        emergency.disclose("staff", r.id, days=0)


def test_share_lookup_by_place_and_room_alone(estate):
    r = emergency.start("staff", estate.id, "fire_safety", "消防抢修", dt.date(2026, 7, 19), buildings=[building_id(estate, "1号楼")])
    emergency.record_cost("staff", r.id, 100_00, dt.date(2026, 7, 19))
    emergency.disclose("staff", r.id)
    mine = emergency.share_of(r.id, "1号楼", "2单元", "301")
    assert mine.area_cm2 == 9999
    assert emergency.share_of(r.id, "２号楼", "1单元", "101") is None  # not served (full-width typed)


def test_emergency_projects_stay_out_of_the_funding_lists(estate):
    ordinary = funding.create_project("t", estate.id, "楼顶防水", 100_00)
    emergency.start("staff", estate.id, "drain", "排水抢修", dt.date(2026, 7, 19), buildings=[building_id(estate, "2号楼")])
    assert [p.id for p in funding.list_projects(estate.id)] == [ordinary.id]
    assert [p.id for p in funding.list_projects(estate.id, active_only=True)] == [ordinary.id]


def test_a_resident_finds_the_share_as_typed(estate):
    r = emergency.start("staff", estate.id, "roof_leak", "屋面抢修", dt.date(2026, 7, 19), buildings=[building_id(estate, "1号楼")])
    emergency.record_cost("staff", r.id, 100_00, dt.date(2026, 7, 19))
    emergency.disclose("staff", r.id)
    for typed in ("1-2-301", "1 2 301", "1号楼2单元301", "１－２－３０１", "一号楼二单元301室", "1号楼 二单元 301"):
        assert emergency.find_share(r.id, typed).area_cm2 == 9999, typed
    assert emergency.find_share(r.id, "2-1-101") is None
    with pytest.raises(ValidationError):
        emergency.find_share(r.id, "301")


def test_served_as_staff_type_it(estate):
    served = emergency.parse_served(estate.id, "2号楼，1/2单元")
    layout = {b.name: b for b in estates.layout(estate.id)}
    assert served == {"buildings": [layout["2号楼"].id], "units": [layout["1号楼"].units[1].id]}
    assert emergency.parse_served(estate.id, "二号楼、一号楼/二单元") == served  # the register's parser reads both
    for bad in ("", "9号楼", "1号楼/9单元"):
        with pytest.raises(ValidationError) as err:
            emergency.parse_served(estate.id, bad)
        assert err.value.field == "served"


def test_verify_finds_a_share_or_a_period_changed_behind_the_program(estate):
    from kiosk.db.models import EmergencyRepair, EmergencyShare
    from kiosk.domain import verify

    r = emergency.start("staff", estate.id, "roof_leak", "屋面抢修", dt.date(2026, 7, 19), buildings=[building_id(estate, "1号楼")])
    emergency.record_cost("staff", r.id, 100_00, dt.date(2026, 7, 19))
    emergency.disclose("staff", r.id, days=7)
    assert not [f for f in verify.run(full=True).faults if "应急维修" in f.where or "emergency" in f.where.lower()]
    first = EmergencyShare.select().where(EmergencyShare.repair == r.id).order_by(EmergencyShare.id).first()
    EmergencyShare.update(share_fen=first.share_fen - 100, ).where(EmergencyShare.id == first.id).execute()
    EmergencyRepair.update(disclose_until=dt.date(2026, 7, 21)).where(EmergencyRepair.id == r.id).execute()
    problems = [f.problem for f in verify.run(full=True).faults if str(r.id) in f.where]
    assert any("shares" in p or "分摊" in p for p in problems), problems
    assert any("disclosure" in p or "公示" in p for p in problems), problems
