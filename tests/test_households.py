"""The household register kept by staff (domain/households.py), on both back-ends: add, correct,
transfer with its effects on codes, ballots and plans, and the history read back in words."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk import clock
from kiosk.db.models import AuditEntry, Ballot, HouseholdCode, PlanShare, VoteCode
from kiosk.domain import estates, funding, household_codes, households, plans, votes
from kiosk.domain.errors import Conflict, ValidationError


@pytest.fixture
def estate(db):
    e = estates.add_estate("fang", "测试小区")
    households.add("fang", e.id, building="3", unit="1", room="301", floor=3, area_cm2=8650, owner_name="王建国",
                   phone="13800000000")
    households.add("fang", e.id, building="3号楼", unit="一单元", room="401", floor=4, area_cm2=9025, owner_name="李秀英")
    return e


def test_add_finds_or_names_buildings_and_units_as_the_register_writes_them(estate):
    h = households.find(estate.id, "三号楼", "1单元", "301室")
    assert (h.building, h.unit, h.room, h.area_cm2, h.owner_name, h.phone) == ("3号楼", "1单元", "301", 8650, "王建国", "13800000000")
    assert [b.name for b in estates.layout(estate.id)] == ["3号楼"]  # "3号楼" found the building "3" made
    with pytest.raises(Conflict):
        households.add("fang", estate.id, building="3", unit="01", room="301", floor=3, area_cm2=100, owner_name="重复")
    with pytest.raises(ValidationError) as err:
        households.add("fang", estate.id, building="3", unit="1", room="501", floor=5, area_cm2=0, owner_name="零")
    assert err.value.field == "area_m2"
    assert households.owners_count(estate.id) == 2  # each new owner has a key of their own


def test_same_owner_counts_once(estate):
    first = households.find(estate.id, "3", "1", "301")
    h = households.add("fang", estate.id, building="3", unit="1", room="501", floor=5, area_cm2=7000, owner_name="王建国",
                       same_owner_as=first.id)
    assert h.owner_key == first.owner_key and households.owners_count(estate.id) == 2


def test_correct_writes_only_what_changed_and_says_it_in_words(estate):
    h = households.find(estate.id, "3", "1", "301")
    before = AuditEntry.select().count()
    same, changed = households.correct("fang", h.id, area_cm2=8650, owner_name="王建国")
    assert not changed and same == h and AuditEntry.select().count() == before  # nothing changed: no entry
    fixed, changed = households.correct("fang", h.id, area_cm2=8720, phone="13900000000", reason="按房产证更正")
    assert changed and fixed.area_cm2 == 8720 and fixed.phone == "13900000000"
    [added, corrected] = households.history(h.id)
    assert "86.50" in added.text
    assert "86.50" in corrected.text and "87.20" in corrected.text and "按房产证更正" in corrected.text
    entry = AuditEntry.select().order_by(AuditEntry.seq.desc()).get()
    assert entry.action == "household.correct" and "13900000000" not in entry.data  # a phone is not history


def test_transfer_keeps_the_previous_owner_and_revokes_what_the_old_owner_held(estate):
    h = households.find(estate.id, "3", "1", "301")
    other = households.find(estate.id, "3", "1", "401")
    household_codes.issue("fang", estate.id)
    project = funding.create_project("fang", estate.id, "加装电梯", 100_000_00)
    plan = plans.create_plan("fang", project.id, title="一户一策", rate_fen_per_m2=100_00)
    plans.set_consent("fang", plan.id, h.id, "agree")
    plans.set_hardship("fang", plan.id, h.id, 50, "低保")
    plans.set_override("fang", plan.id, other.id, 0, "结构特殊")
    plans.issue_codes("fang", plan.id)
    poll = votes.create_poll("fang", estate.id, "是否加装电梯", ["同意", "不同意"], opens_at=clock.now() - dt.timedelta(hours=1))
    votes.issue_codes("fang", poll.id)
    later = votes.create_poll("fang", estate.id, "电梯品牌", ["甲", "乙"], opens_at=clock.now() - dt.timedelta(hours=1))
    votes.issue_codes("fang", later.id)
    votes.cast("fang", poll.id, h.id, "同意", "paper")  # the old owner voted in the first poll

    new = households.transfer("fang", h.id, owner_name="赵新", phone="13700000000", on=clock.today(), reason="买卖过户")
    assert (new.owner_name, new.phone) == ("赵新", "13700000000") and new.owner_key != h.owner_key
    assert Ballot.select().where(Ballot.household == h.id).count() == 1  # one household, one ballot: it stays
    assert not HouseholdCode.select().where(HouseholdCode.household == h.id).exists()
    assert HouseholdCode.select().where(HouseholdCode.household == other.id).exists()  # the neighbour keeps theirs
    live = VoteCode.select().where(VoteCode.household == h.id, VoteCode.revoked_at.is_null(), VoteCode.used_at.is_null())
    assert not live.exists()
    assert VoteCode.select().where(VoteCode.household == other.id, VoteCode.revoked_at.is_null()).count() == 2
    line = [x for x in plans.shares(plan.id) if x.household_id == h.id][0]
    assert (line.consent, line.hardship_percent) == ("undecided", 0)
    assert PlanShare.get(PlanShare.plan == plan.id, PlanShare.household == h.id).code_hash is None
    assert [x for x in plans.shares(plan.id) if x.household_id == other.id][0].override_fen == 0  # about the flat: kept

    text = households.history(h.id)[-1].text
    assert "王建国" in text and "赵新" in text and clock.today().isoformat() in text and "买卖过户" in text


def test_transfer_refusals(estate):
    h = households.find(estate.id, "3", "1", "301")
    with pytest.raises(ValidationError):
        households.transfer("fang", h.id, owner_name="赵新", on=clock.today() + dt.timedelta(days=1))
    with pytest.raises(ValidationError):  # to the same owner: that is a correction
        households.transfer("fang", h.id, owner_name="王建国", same_owner_as=h.id)
    with pytest.raises(ValidationError):
        households.transfer("fang", h.id, owner_name="  ")


def test_search_narrows_by_building_unit_and_text(estate):
    households.add("fang", estate.id, building="5", unit="2", room="102", floor=1, area_cm2=6000, owner_name="张三")
    assert [h.room for h in households.search(estate.id)] == ["301", "401", "102"]
    assert [h.room for h in households.search(estate.id, building="五号楼")] == ["102"]
    assert [h.room for h in households.search(estate.id, building="3", unit="1", text="李")] == ["401"]
    assert households.find_text(estate.id, "3号楼1单元301").owner_name == "王建国"
