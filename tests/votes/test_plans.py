"""一户一策: cost shares from the rule, low floors, hardship, overrides, consents, what residents see."""

from __future__ import annotations

import pytest

from kiosk_process import run_kiosk
from kiosk.domain import funding, plans
from kiosk.domain.errors import Conflict, NotFound, ValidationError
from kiosk.domain.plans import Rule, hardship_reduction, rule_share
from votes_helpers import ACTOR, make_estate

RULE = Rule(rate_fen_per_m2=100_00, coefficients=((3, 100), (4, 140), (6, 220)), low_floors=2)


def test_coefficients_by_floor():
    assert [RULE.coefficient(f) for f in range(1, 9)] == [0, 0, 100, 140, 140, 220, 220, 220]
    assert Rule(100, ()).coefficient(3) == 100


def test_rule_share_is_exact_and_rounded_to_whole_yuan():
    assert rule_share(RULE, 3, 8650) == 8650_00  # 100 元/m² x 86.50 m² x 1.00
    assert rule_share(RULE, 4, 8650) == 12110_00  # x 1.40
    assert rule_share(RULE, 6, 6432) == 14150_00  # 14150.40 -> 14150
    half = Rule(rate_fen_per_m2=1_00, coefficients=((3, 100),), low_floors=2)
    assert rule_share(half, 3, 250) == 3_00  # 2.50 yuan: half up
    assert rule_share(half, 3, 249) == 2_00  # 2.49 yuan
    assert rule_share(RULE, 1, 10000) == 0 and rule_share(RULE, 2, 10000) == 0


def test_low_floors_may_be_compensated():
    rule = Rule(rate_fen_per_m2=100_00, coefficients=((3, 100),), low_floors=2, low_floor_mode="compensated",
                compensation_fen=3000_00)
    assert rule_share(rule, 1, 9000) == -3000_00
    assert rule_share(rule, 3, 9000) == 9000_00


def test_hardship_reduction():
    assert hardship_reduction(10000_00, 50) == 5000_00
    assert hardship_reduction(7785_00, 33) == 2569_00  # 2569.05 -> 2569
    assert hardship_reduction(7785_00, 0) == 0
    assert hardship_reduction(-3000_00, 50) == 0  # compensation is never reduced


@pytest.fixture
def plan(db):
    flats = [("14号楼", f"{u}单元", f"{f}0{n}", f, area, f"{u}-{f}-{n}")
             for u in (1, 2) for f in (1, 2, 3, 4, 5, 6) for n, area in ((1, 8650), (2, 6432))]
    estate_id, ids = make_estate("文乐胡同", flats)
    project = funding.create_project(ACTOR, estate_id, "加装电梯", 100_000_00)
    p = plans.create_plan(ACTOR, project.id, title="一户一策", rate_fen_per_m2=100_00,
                          coefficients={3: 100, 4: 140, 5: 180, 6: 220}, building="14号楼")
    return p, ids


def _by_room(plan_id, unit, room):
    return next(x for x in plans.shares(plan_id) if x.unit == unit and x.room == room)


def test_shares_follow_the_rule(plan):
    p, ids = plan
    lines = plans.shares(p.id)
    assert len(lines) == 24
    assert [x.share_fen for x in lines if x.unit == "1单元"][:6] == [0, 0, 0, 0, 8650_00, 6432_00]
    assert _by_room(p.id, "1单元", "601").share_fen == 19030_00  # 86.50 x 2.20 x 100
    s = plans.summary(p.id)
    assert s.households == 24 and s.undecided == 24 and s.compensation_fen == 0
    assert s.payable_fen == sum(x.share_fen for x in lines)


def test_hardship_and_override_with_reasons(plan):
    p, _ids = plan
    h = _by_room(p.id, "2单元", "401").household_id
    with pytest.raises(ValidationError):
        plans.set_hardship(ACTOR, p.id, h, 50, "")  # a reduction needs a reason
    with pytest.raises(ValidationError):
        plans.set_hardship(ACTOR, p.id, h, 120, "太多")
    x = plans.set_hardship(ACTOR, p.id, h, 50, "低保家庭")
    assert (x.rule_fen, x.hardship_fen, x.share_fen) == (12110_00, 6055_00, 6055_00)
    with pytest.raises(ValidationError):
        plans.set_override(ACTOR, p.id, h, 5000_00, "")
    x = plans.set_override(ACTOR, p.id, h, 5000_00, "协商定额")
    assert x.share_fen == 5000_00 and x.override_reason == "协商定额"
    x = plans.set_override(ACTOR, p.id, h, None)
    assert x.share_fen == 6055_00 and x.override_fen is None  # back to the rule (with the hardship)
    low = _by_room(p.id, "1单元", "101").household_id
    assert plans.set_override(ACTOR, p.id, low, -2000_00, "一层采光补偿").share_fen == -2000_00
    assert plans.summary(p.id).compensation_fen == 2000_00


def test_changing_the_rule_moves_every_share_but_overrides(plan):
    p, _ids = plan
    fixed = _by_room(p.id, "1单元", "501").household_id
    plans.set_override(ACTOR, p.id, fixed, 1_00, "特殊情况")
    p2 = plans.update_rule(ACTOR, p.id, p.version, rate_fen_per_m2=200_00, coefficients={3: 100}, low_floors=3,
                           low_floor_mode="compensated", compensation_fen=500_00)
    assert _by_room(p.id, "1单元", "301").share_fen == -500_00
    assert _by_room(p.id, "1单元", "401").share_fen == 17300_00
    assert _by_room(p.id, "1单元", "501").share_fen == 1_00
    with pytest.raises(Conflict):
        plans.update_rule(ACTOR, p.id, p.version, rate_fen_per_m2=1, coefficients={}, low_floors=2,
                          low_floor_mode="exempt", compensation_fen=0)
    assert p2.version == p.version + 1


def test_consents_and_the_building_view_shows_only_agreement_per_unit(plan):
    p, _ids = plan
    lines = plans.shares(p.id)
    for i, x in enumerate(lines):
        consent = "agree" if i % 3 else ("object" if i % 2 else "undecided")
        plans.set_consent(ACTOR, p.id, x.household_id, consent, "备注" if i == 0 else None)
    with pytest.raises(ValidationError):
        plans.set_consent(ACTOR, p.id, lines[0].household_id, "maybe")
    view = plans.building_view(p.id)
    assert [(u.unit, u.households, u.agreed) for u in view] == [("1单元", 12, 8), ("2单元", 12, 8)]
    assert view[0].percent == 67  # 8 of 12 is exactly two thirds: it reads as reached
    assert set(vars(view[0])) == {"building", "unit", "households", "agreed"}  # no one's objection, no amounts
    assert _by_room(p.id, "1单元", "101").note == "备注"
    s = plans.summary(p.id)
    assert (s.agreed, s.objected, s.undecided) == (16, 4, 4)


def test_statement_codes(plan):
    p, _ids = plan
    slips = plans.issue_codes(ACTOR, p.id)
    assert len(slips) == 24
    slip = next(s for s in slips if s.unit == "2单元" and s.room == "601")
    h = _by_room(p.id, "2单元", "601").household_id
    plans.set_hardship(ACTOR, p.id, h, 30, "家中有重病患者")
    st = plans.statement(slip.code)
    assert (st.building, st.unit, st.floor, st.share_fen) == ("14号楼", "2单元", 6, 19030_00 - 5709_00)
    assert not hasattr(st, "room") and not hasattr(st, "note")
    assert plans.statement(slip.code) == st  # read-only: a statement code works again
    with pytest.raises(NotFound):
        plans.statement("000000000000")
    with pytest.raises(ValidationError):
        plans.statement("12")
    with pytest.raises(Conflict):
        plans.issue_codes(ACTOR, p.id)
    [new] = plans.issue_codes(ACTOR, p.id, household_id=h)
    with pytest.raises(NotFound):
        plans.statement(slip.code)
    assert plans.statement(new.code).share_fen == st.share_fen


def test_plan_validation(db):
    estate_id, _ids = make_estate("小区", [("1号楼", "1单元", "101", 1, 5000, "A")])
    project = funding.create_project(ACTOR, estate_id, "电梯", 1_00)
    for kw in (dict(rate_fen_per_m2=-1), dict(rate_fen_per_m2=1, low_floor_mode="free"),
               dict(rate_fen_per_m2=1, coefficients={0: 100}), dict(rate_fen_per_m2=1, coefficients={3: 5000}),
               dict(rate_fen_per_m2=1, building="9号楼")):
        with pytest.raises((ValidationError, NotFound)):
            plans.create_plan(ACTOR, project.id, title="方案", **kw)
    assert plans.list_plans() == []


def test_plan_cli(tmp_path, demo_path):
    db = demo_path
    r = run_kiosk("--db", db, "plan", "list", "--json")
    assert r.returncode == 0 and "整栋老楼加装电梯" in r.stdout
    plan_id = str(__import__("json").loads(r.stdout)[0]["id"])
    r = run_kiosk("--db", db, "plan", "consent", plan_id, "--building", "14号楼", "--unit", "4单元", "--room", "101",
                  "--status", "agree", "--note", "恳谈会后同意")
    assert r.returncode == 0, r.stderr
    r = run_kiosk("--db", db, "plan", "override", plan_id, "--building", "14号楼", "--unit", "1单元", "--room", "101",
                  "--amount", "-1500", "--reason", "一层补偿")
    assert r.returncode == 0 and "-¥1,500" in r.stdout, r.stderr
    r = run_kiosk("--db", db, "plan", "show", plan_id, "--format", "json")
    data = __import__("json").loads(r.stdout)
    assert data["households"] == 72 and data["objected"] == 0 and data["compensation_fen"] == 1500_00
    r = run_kiosk("--db", db, "plan", "codes", plan_id, "--out", str(tmp_path / "c.csv"))
    assert r.returncode == 1 and "--reissue" in r.stderr  # the demo issued them already
    r = run_kiosk("--db", db, "plan", "codes", plan_id, "--out", str(tmp_path / "c.csv"), "--reissue")
    assert r.returncode == 0 and len((tmp_path / "c.csv").read_text(encoding="utf-8-sig").splitlines()) == 73
    r = run_kiosk("--db", db, "plan", "create", "--project", "4", "--rate", "100", "--coef", "3=1,4=x")
    assert r.returncode == 2
