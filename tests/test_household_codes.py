"""Household codes (domain: household_codes): issued and reissued by staff, stored only as hashes,
accepted for the 一户一策 statement."""

from __future__ import annotations

import pytest

from kiosk import demo
from kiosk.db.models import AuditEntry, HouseholdCode
from kiosk.domain import estates, household_codes, plans
from kiosk.domain.errors import Conflict, NotFound


def test_issue_reissue_and_only_hashes_kept(demo_db):
    estate = estates.resolve_estate("盈谷中心小区")
    known = demo.household_codes()
    code = known[("盈谷中心小区", "1号楼", "1单元", "101")]
    holder = household_codes.check(code, estate.id)
    assert (holder.building, holder.unit) == ("1号楼", "1单元")
    with pytest.raises(Conflict):  # every household has one: nothing to issue without reissue
        household_codes.issue("fang", estate.id)
    [slip] = household_codes.issue("fang", estate.id, household_id=holder.household_id)
    assert slip.label == "1号楼1单元101" and slip.code != code
    with pytest.raises(NotFound):  # the lost slip stops working
        household_codes.check(code, estate.id)
    assert household_codes.check(slip.code, estate.id).household_id == holder.household_id
    stored = " ".join(r.code_hash for r in HouseholdCode.select()) + " ".join(a.data for a in AuditEntry.select())
    assert slip.code not in stored and code not in stored
    assert AuditEntry.select().where(AuditEntry.action == "household.codes").count() >= 2


def test_statement_by_household_code(demo_db):
    code = demo.household_codes()[("文乐胡同14号楼", "14号楼", "1单元", "302")]
    s = plans.statement(code)
    assert (s.building, s.unit, s.plan_title) == ("14号楼", "1单元", "加装电梯一户一策分摊方案")
    outside = demo.household_codes()[("盈谷中心小区", "1号楼", "1单元", "101")]
    with pytest.raises(NotFound):  # a household no plan covers
        plans.statement(outside)
