"""Money out: approved payments summed per source, and 结余 = received − paid, exact in fen."""

import datetime as dt

import pytest

from kiosk import clock
from kiosk.db.models import Payment, PaymentShare
from kiosk.domain import estates, funding, ledger, spending
from kiosk.domain.sources import SOURCES


@pytest.fixture
def project(db):
    e = estates.add_estate("t", "测试小区", "测试社区", 2000)
    p = funding.create_project("t", e.id, "楼顶防水", 100_000_00)
    ledger.record("t", p.id, "government", 50_000_00, status="received", contributor="区政府")
    ledger.record("t", p.id, "owners", 12_345_67, status="received", contributor="业主")
    return p


def _pay(project_id: int, shares: dict[str, int], status: str = "approved", reverses=None) -> Payment:
    """A payment row as the payments module leaves it (the sums only read rows)."""
    now = clock.now()
    p = Payment.create(project=project_id, payee="京平建设", purpose="防水层", amount_fen=sum(shares.values()),
                       paid_on=dt.date(2026, 5, 1), status=status, entered_by="a", entered_at=now,
                       decided_by="b", decided_at=now, entry_seq=1, reverses=reverses)
    for source, fen in shares.items():
        PaymentShare.create(payment=p, source=source, amount_fen=fen)
    return p


def test_only_approved_payments_count_and_a_reversal_subtracts(project):
    first = _pay(project.id, {"government": 30_000_01, "owners": 2_000_00})
    _pay(project.id, {"government": 999}, status="pending")
    _pay(project.id, {"owners": 777}, status="rejected")
    _pay(project.id, {"owners": 5_00})
    _pay(project.id, {"government": -30_000_01, "owners": -2_000_00}, reverses=first)
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
    _pay(project.id, {"owners": 100})
    _pay(other.id, {"property": 250})
    paid = spending.paid_by_sources([project.id, other.id, 999_999])
    assert paid[project.id]["owners"] == 100 and sum(paid[project.id].values()) == 100
    assert paid[other.id]["property"] == 250 and sum(paid[other.id].values()) == 250
    assert sum(paid[999_999].values()) == 0
    assert spending.paid_by_sources([]) == {}
