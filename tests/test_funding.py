import datetime as dt

import pytest

from kiosk.db.models import Household, Unit, Building
from kiosk.domain import estates, funding, ledger, works
from kiosk.domain.errors import Conflict, NotFound, TransitionRefused, ValidationError
from kiosk.domain.sources import SOURCES


@pytest.fixture
def project(db):
    e = estates.add_estate("t", "测试小区", "测试社区", 2000)
    return funding.create_project("t", e.id, "楼顶防水", 100_000_00, plan={"government": 50_000_00, "owners": 50_000_00})


def test_snapshot_has_six_sources_and_exact_sums(project):
    for i in range(1000):
        ledger.record("t", project.id, "owners", 10, status="received", contributor="业主", receipt_no=f"R{i}")
    ledger.record("t", project.id, "government", 30_000_00, status="pledged", contributor="区政府")
    snap = funding.snapshot(project.id)
    assert [s.key for s in snap.sources] == list(SOURCES)
    owners = snap.sources[SOURCES.index("owners")]
    assert owners.received_fen == 10000 and owners.planned_fen == 50_000_00
    assert snap.received_fen == 10000
    assert snap.pledged_fen == 30_000_00
    assert snap.percent == 0.1


def test_confirm_moves_pledged_money_to_received(project):
    c = ledger.record("t", project.id, "units", 12345, contributor="京平建设")
    assert funding.snapshot(project.id).pledged_fen == 12345
    ledger.confirm("t", c.id, on=dt.date(2026, 1, 2))
    snap = funding.snapshot(project.id)
    assert (snap.pledged_fen, snap.received_fen) == (0, 12345)
    assert ledger.get(c.id).received_on == dt.date(2026, 1, 2)


def test_cancelled_money_counts_nowhere_and_cannot_come_back(project):
    c = ledger.record("t", project.id, "units", 500, status="received", contributor="某单位")
    ledger.cancel("t", c.id, "录入错误")
    snap = funding.snapshot(project.id)
    assert (snap.pledged_fen, snap.received_fen) == (0, 0)
    with pytest.raises(TransitionRefused):
        ledger.confirm("t", c.id)
    with pytest.raises(ValidationError):
        ledger.cancel("t", c.id, "")


def test_idempotency_key_makes_a_retry_count_once(project):
    a = ledger.record("t", project.id, "owners", 100, contributor="x", idempotency_key="k1")
    b = ledger.record("t", project.id, "owners", 100, contributor="x", idempotency_key="k1")
    assert a.id == b.id
    assert funding.snapshot(project.id).pledged_fen == 100


def test_duplicate_receipt_is_refused(project):
    ledger.record("t", project.id, "owners", 100, status="received", contributor="x", receipt_no="R1")
    with pytest.raises(Conflict):
        ledger.record("t", project.id, "owners", 100, status="received", contributor="x", receipt_no="R1")


def test_money_for_finished_projects_but_not_cancelled_ones(project):
    p = funding.update_project("t", project.id, project.version, status="completed")
    ledger.record("t", project.id, "government", 100, status="received", contributor="补贴晚到")
    funding.update_project("t", project.id, p.version, status="cancelled")
    with pytest.raises(ValidationError):
        ledger.record("t", project.id, "government", 100, contributor="x")


def test_bad_input_is_refused(project):
    with pytest.raises(ValidationError):
        ledger.record("t", project.id, "lottery", 100, contributor="x")
    with pytest.raises(ValidationError):
        ledger.record("t", project.id, "owners", 0, contributor="x")
    with pytest.raises(ValidationError):
        ledger.record("t", project.id, "owners", -5, contributor="x")
    with pytest.raises(NotFound):
        ledger.record("t", 999, "owners", 5, contributor="x")


def test_second_save_of_a_stale_project_is_a_conflict(project):
    funding.update_project("t", project.id, project.version, title="新标题")
    with pytest.raises(Conflict):
        funding.update_project("t", project.id, project.version, title="另一个标题")
    assert funding.get_project(project.id).title == "新标题"


def test_public_contributions_show_households_as_building_and_unit_only(project):
    b = Building.create(estate=project.estate_id, name="3号楼")
    u = Unit.create(building=b, name="2单元")
    h = Household.create(unit=u, room="502", floor=5, area_cm2=8000, owner_key="o1", owner_name="王秀英", phone="13800001111")
    ledger.record("t", project.id, "owners", 300, status="received", household_id=h.id)
    (row,) = ledger.latest_received(project.id)
    assert row.who == "3号楼2单元"
    assert "502" not in row.who and "王" not in row.who


def test_works_percent_is_weighted_and_normalised(project):
    works.add_stage("t", project.id, "a", 30, 100)
    works.add_stage("t", project.id, "b", 50, 60)
    works.add_stage("t", project.id, "c", 20, 0)
    assert works.progress(project.id).percent == 60.0
    assert works.weighted_percent([(0, 50)]) == 0.0
    with pytest.raises(ValidationError):
        works.add_stage("t", project.id, "d", 1, 101)
