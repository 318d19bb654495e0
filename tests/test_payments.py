"""Payments: entered by one staff member, decided by another; exact in fen; never beyond what was
received unless an administrator records an advance with its reason; corrected by reversing
entries; kept as entered by the database (guard triggers on both back-ends) and by `kiosk verify`
(also with the triggers dropped)."""

import peewee as pw
import pytest

from kiosk import clock
from kiosk.db.models import AuditEntry, Payment, PaymentShare, database
from kiosk.domain import auth, estates, funding, ledger, payments, spending, verify
from kiosk.domain.errors import TransitionRefused, ValidationError
from kiosk.i18n import _

from intruder import tamper

ACTOR = "test"


@pytest.fixture
def project(db):
    """A project with ¥10,000.00 received from the government and ¥2,000.01 from owners, and
    three staff members: fang and li (staff), wang (admin)."""
    for name, role in (("fang", "staff"), ("li", "staff"), ("wang", "admin")):
        auth.add_staff(ACTOR, name, "correct horse", role=role)
    e = estates.add_estate(ACTOR, "付款小区")
    p = funding.create_project(ACTOR, e.id, "屋顶防水", 50_000_00)
    ledger.record(ACTOR, p.id, "government", 10_000_00, status="received", contributor="区住建委")
    ledger.record(ACTOR, p.id, "owners", 2_000_01, status="received", contributor="业主")
    ledger.record(ACTOR, p.id, "owners", 9_000_00, contributor="业主")  # pledged only: not money to pay with
    return p


def _enter(p, who="fang", amount=3_000_00, shares=None, **kw):
    return payments.enter(who, p.id, "京防水工程公司", "第一期 材料", "HT-001", amount, clock.today(),
                          shares or {"government": amount}, **kw)


def test_a_payment_is_pending_until_a_second_person_approves(project):
    p = _enter(project, amount=3_500_01, shares={"government": 3_000_00, "owners": 500_01})
    assert (p.status, p.amount_fen, p.shares) == ("pending", 3_500_01, (("government", 3_000_00), ("owners", 500_01)))
    assert payments.pending() == [p]
    assert spending.paid_by_source(project.id)["government"] == 0  # pending is not paid
    done = payments.approve("li", p.id, "合同相符")
    assert (done.status, done.decided_by, done.decision_note) == ("approved", "li", "合同相符")
    paid = spending.paid_by_source(project.id)
    assert (paid["government"], paid["owners"], sum(paid.values())) == (3_000_00, 500_01, 3_500_01)
    assert payments.pending() == []
    assert [x.id for x in payments.for_project(project.id)] == [p.id]
    assert verify.run().ok, verify.run().faults


@pytest.mark.parametrize("shares", [{"government": 2_999_99}, {"government": 3_000_00, "owners": 1},
                                    {"nowhere": 3_000_00}, {"government": -1, "owners": 3_000_01}, {}])
def test_shares_must_add_up_to_the_amount_exactly(project, shares):
    with pytest.raises(ValidationError):
        payments.enter("fang", project.id, "公司", "材料", "", 3_000_00, clock.today(), shares)
    assert Payment.select().count() == 0


def test_nobody_approves_their_own_payment_not_even_an_admin(project):
    mine = _enter(project, who="fang")
    with pytest.raises(TransitionRefused) as refused:
        payments.approve("fang", mine.id)
    assert str(refused.value) == _("You entered payment {id}: a second staff member must approve or reject it.").format(id=mine.id)
    with pytest.raises(TransitionRefused):
        payments.reject("fang", mine.id, "不对")
    admins = _enter(project, who="wang")
    with pytest.raises(TransitionRefused):
        payments.approve("wang", admins.id)
    assert payments.approve("wang", mine.id).status == "approved"  # a second person may
    assert payments.reject("fang", admins.id, "重复录入").status == "rejected"
    with pytest.raises(TransitionRefused):
        payments.approve("li", admins.id)  # decided once
    with pytest.raises(ValidationError):
        payments.approve("nobody", admins.id)  # not a staff member


def test_a_payment_beyond_what_was_received_is_refused_at_approval(project):
    first = _enter(project, amount=9_000_00)
    payments.approve("li", first.id)
    second = _enter(project, amount=1_000_01)  # ¥1,000.00 left from the government
    assert second.beyond == (("government", 1),)  # the warning at entry
    with pytest.raises(ValidationError, match="1"):
        payments.approve("li", second.id)
    # Another source named: the owners' ¥2,000.01 received is the limit there, pledges do not count.
    owners = _enter(project, amount=2_000_02, shares={"owners": 2_000_02})
    assert owners.beyond == (("owners", 1),)
    with pytest.raises(ValidationError):
        payments.approve("li", owners.id)
    exact = _enter(project, amount=3_000_01, shares={"government": 1_000_00, "owners": 2_000_01})
    assert exact.beyond == ()
    payments.approve("li", exact.id)
    assert sum(spending.paid_by_source(project.id).values()) == 12_000_01  # everything received, to the fen


def test_an_admins_advance_with_a_reason_may_go_beyond(project):
    with pytest.raises(ValidationError):  # staff cannot record an advance
        _enter(project, who="fang", amount=12_000_00, advance_reason="工期紧，区里拨款在途")
    advance = _enter(project, who="wang", amount=12_000_00, advance_reason="工期紧，区里拨款在途")
    assert advance.beyond == (("government", 2_000_00),)
    assert payments.approve("li", advance.id).status == "approved"
    assert spending.paid_by_source(project.id)["government"] == 12_000_00
    no_reason = _enter(project, who="wang", amount=1_00)  # an admin without a reason: refused like anyone
    with pytest.raises(ValidationError):
        payments.approve("li", no_reason.id)


def test_a_reversal_undoes_an_approved_payment_once_approved_by_a_second_person(project):
    p = payments.approve("li", _enter(project, amount=3_000_00, shares={"government": 2_000_00, "owners": 1_000_00}).id)
    with pytest.raises(TransitionRefused):
        payments.reverse("fang", _enter(project).id, "未批准的")  # a pending one is rejected, not reversed
    back = payments.reverse("fang", p.id, "发票开错，重新开具")
    assert (back.amount_fen, back.shares, back.reverses_id, back.status) == (
        -3_000_00, (("government", -2_000_00), ("owners", -1_000_00)), p.id, "pending")
    assert payments.get(p.id).reversed_by_id == back.id
    assert spending.paid_by_source(project.id)["government"] == 2_000_00  # until approved
    with pytest.raises(TransitionRefused):
        payments.approve("fang", back.id)  # the one who reversed it cannot approve it
    payments.approve("wang", back.id)
    assert sum(spending.paid_by_source(project.id).values()) == 0
    with pytest.raises(TransitionRefused):
        payments.reverse("li", back.id, "撤销撤销")  # a reversal is never reversed
    with pytest.raises(TransitionRefused):
        payments.reverse("li", p.id, "再来一次")  # and a payment only once
    assert verify.run().ok, verify.run().faults


def _refused(sql: str) -> None:
    with pytest.raises(pw.IntegrityError):
        with database.atomic():
            database.execute_sql(sql)


def test_the_database_keeps_payments_as_entered(project):
    p = payments.approve("li", _enter(project, amount=3_000_00).id)
    pending = _enter(project, amount=1_00)
    for change in ("amount_fen = amount_fen + 1", "payee = '别的公司'", "purpose = '改'", "document_no = 'X'",
                   "paid_on = '2020-01-01'", "entered_by = 'li'", "advance_reason = '补'", "entry_seq = entry_seq + 1",
                   "status = 'pending'", "status = 'rejected'", "decided_by = 'wang'", "decided_at = NULL",
                   "decision_note = '改过'"):
        _refused(f"UPDATE payment SET {change} WHERE id = {p.id}")
    _refused(f"DELETE FROM payment WHERE id = {p.id}")
    _refused(f"UPDATE payment_share SET amount_fen = 1 WHERE payment_id = {p.id}")
    _refused(f"DELETE FROM payment_share WHERE payment_id = {p.id}")
    _refused(f"UPDATE payment SET status = 'approved' WHERE id = {pending.id}")  # a decision names who and when
    _refused(f"UPDATE payment SET amount_fen = 2 WHERE id = {pending.id}")
    assert payments.get(p.id) == p
    assert verify.run().ok, verify.run().faults


@pytest.mark.sqlite_only("INSERT OR REPLACE is SQLite's")
@pytest.mark.parametrize("table,fresh", [
    ("payment", "payee = '替换'"),  # over its id
    ("payment", "id = id + 1000"),  # over the reversal it names (reverses_id is unique)
    ("payment_share", "id = id + 1000"),  # over its payment and source
    ("payment_share", "amount_fen = 1"),  # over its id
])
def test_insert_or_replace_never_replaces_a_payment(project, table, fresh):
    """REPLACE deletes the row in its way without the delete triggers firing: refused outright."""
    p = payments.approve("li", _enter(project, amount=3_000_00).id)
    back = payments.reverse("fang", p.id, "发票作废")
    source = "payment" if table == "payment" else "payment_share"
    database.execute_sql(f"CREATE TEMP TABLE r AS SELECT * FROM {source} WHERE {'id' if table == 'payment' else 'payment_id'} = {back.id}")
    database.execute_sql(f"UPDATE r SET {fresh}")
    before = database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()
    _refused(f"INSERT OR REPLACE INTO {table} SELECT * FROM r")
    assert database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone() == before
    assert payments.get(back.id) == back and verify.run().ok


@pytest.mark.parametrize("sql", [
    "UPDATE payment SET amount_fen = amount_fen + 100 WHERE id = {id}",
    "UPDATE payment SET payee = '别的公司' WHERE id = {id}",
    "UPDATE payment_share SET amount_fen = amount_fen + 100 WHERE payment_id = {id}",
    "UPDATE payment_share SET source = 'owners' WHERE payment_id = {id}",
    "UPDATE payment SET status = 'pending', decided_by = NULL, decided_at = NULL WHERE id = {id}",
    "UPDATE payment SET decided_by = 'fang' WHERE id = {id}",
    "DELETE FROM payment_share WHERE payment_id = {id}",
])
def test_verify_sees_an_altered_payment_with_the_triggers_dropped(project, db_path, sql):
    p = payments.approve("li", _enter(project, amount=3_000_00).id)
    assert verify.run().ok
    tamper(db_path, sql.format(id=p.id))
    where = _("payment {id}").format(id=p.id)
    faults = [f for f in verify.run(full=True).faults if not f.where.startswith("trigger ")]  # the dropped ones
    assert [f.where for f in faults] == [where], faults
    assert "\n" not in str(faults[0])


def test_verify_sees_a_deleted_payment_also_from_a_checkpoint(project, db_path):
    p = payments.approve("li", _enter(project, amount=3_000_00).id)
    report = verify.run(full=True)
    verify.record_checkpoint(ACTOR, report)
    tamper(db_path, f"DELETE FROM payment_share WHERE payment_id = {p.id}", f"DELETE FROM payment WHERE id = {p.id}")
    faults = verify.run().faults  # from the checkpoint: payments are checked in full every time
    assert any(f.where == _("payment {id}").format(id=p.id) for f in faults), faults


def test_every_write_is_one_audited_transaction(project):
    before = AuditEntry.select().count()
    p = _enter(project)
    payments.approve("li", p.id)
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.seq > before).order_by(AuditEntry.seq)]
    assert actions == ["payment.enter", "payment.approved"]
    assert PaymentShare.select().where(PaymentShare.payment == p.id).count() == 1
    with pytest.raises(ValidationError):  # refused inside the write: nothing of it stays
        payments.approve("li", _enter(project, amount=20_000_00).id)
    assert Payment.select().where(Payment.status == "approved").count() == 1


def test_the_demo_has_two_approved_payments_and_one_waiting(demo_db):
    from kiosk.db.models import Project

    road = Project.select().order_by(Project.id).offset(1).first()
    shown = payments.for_project(road.id)
    assert [p.status for p in shown] == ["pending", "approved", "approved"]
    assert all(p.entered_by == "fang" and p.decided_by in (None, "admin") for p in shown)
    assert payments.pending() == shown[:1]
    assert sum(spending.paid_by_source(road.id).values()) == sum(p.amount_fen for p in shown[1:])
    assert verify.run().ok


def test_a_demo_whose_staff_made_payments_is_still_a_demo(db):
    """`kiosk demo` wipes only a demo: the demo's staff entering and approving its payments keep it
    one; an entry by anyone else (the first real staff account, added from the command line) does not."""
    from kiosk import demo
    from kiosk.db import reset

    for name in ("fang", "admin"):
        auth.add_staff("demo", name, "correct horse", role="admin" if name == "admin" else "staff")
    p = funding.create_project("demo", estates.add_estate("demo", "演示小区").id, "屋顶", 100_00)
    ledger.record("demo", p.id, "owners", 100_00, status="received", contributor="业主")
    payments.approve("admin", payments.enter("fang", p.id, "公司", "材料", "", 100_00, clock.today(), {"owners": 100_00}).id)
    assert reset.is_demo(db, demo.ACTORS) and not reset.is_demo(db)
    auth.add_staff("cli:root", "li", "correct horse")
    assert not reset.is_demo(db, demo.ACTORS)
