"""Money out: approved payments summed per source, and 结余 = received − paid, exact in fen."""

import pytest

from kiosk import clock
from kiosk.domain import auth, estates, funding, ledger, payments, spending
from kiosk.domain.sources import SOURCES
from support.queries import QueryLog, query_hook


@pytest.fixture
def project(db):
    for name in ("fang", "li"):
        auth.add_staff("t", name, "correct horse", role="staff")
    e = estates.add_estate("t", "测试小区", "测试社区", 2000)
    p = funding.create_project("t", e.id, "楼顶防水", 100_000_00)
    ledger.record("t", p.id, "government", 50_000_00, status="received", contributor="区政府")
    ledger.record("t", p.id, "owners", 12_345_67, status="received", contributor="业主")
    return p


def _pay(project_id: int, shares: dict[str, int], status: str = "approved"):
    """Entered by fang; approved or rejected by li, or left pending."""
    p = payments.enter("fang", project_id, "京平建设", "防水层", "HT-1", sum(shares.values()), clock.today(), shares)
    if status == "approved":
        return payments.approve("li", p.id)
    if status == "rejected":
        return payments.reject("li", p.id, "发票不符")
    return p


def test_only_approved_payments_count_and_a_reversal_subtracts(project):
    first = _pay(project.id, {"government": 30_000_01, "owners": 2_000_00})
    _pay(project.id, {"government": 999}, status="pending")
    _pay(project.id, {"owners": 777}, status="rejected")
    _pay(project.id, {"owners": 5_00})
    payments.approve("fang", payments.reverse("li", first.id, "付错了").id)
    paid = spending.paid_by_source(project.id)
    assert list(paid) == list(SOURCES)
    assert paid == {**dict.fromkeys(SOURCES, 0), "owners": 5_00}
    assert spending.paid_total(project.id) == 5_00


def test_balance_per_source_adds_up_to_the_project(project):
    _pay(project.id, {"government": 30_000_01, "owners": 2_000_00})
    _pay(project.id, {"owners": 3})
    snap = funding.snapshot(project.id)
    by_key = {s.key: s for s in snap.sources}
    assert (by_key["government"].paid_fen, by_key["government"].balance_fen) == (30_000_01, 19_999_99)
    assert (by_key["owners"].paid_fen, by_key["owners"].balance_fen) == (2_000_03, 10_345_64)
    assert snap.paid_fen == 32_000_04
    assert snap.balance_fen == 50_000_00 + 12_345_67 - 32_000_04
    assert sum(s.balance_fen for s in snap.sources) == snap.balance_fen


def test_batched_sums_answer_every_project_in_one_call(project, db):
    other = funding.create_project("t", project.estate_id, "路灯", 1_000_00)
    ledger.record("t", other.id, "property", 1_000_00, status="received", contributor="物业公司")
    _pay(project.id, {"owners": 100})
    _pay(other.id, {"property": 250})
    with query_hook(QueryLog()) as log:
        paid = spending.paid_by_sources([project.id, other.id, 999_999])
    assert len(log.on_ui) == 1
    assert paid[project.id]["owners"] == 100 and sum(paid[project.id].values()) == 100
    assert paid[other.id]["property"] == 250 and sum(paid[other.id].values()) == 250
    assert sum(paid[999_999].values()) == 0
    assert spending.paid_by_sources([]) == {}
