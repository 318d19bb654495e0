"""The audit chain, the guard triggers, and `verify` finding changes made behind the program's back."""

import peewee
import pytest

from kiosk.db import connection, schema
from kiosk.db.models import AuditEntry
from kiosk.domain import audit, estates, funding, ledger, verify

from intruder import tamper


@pytest.fixture
def money(db):
    e = estates.add_estate("t", "审计小区")
    p = funding.create_project("t", e.id, "道路", 10_000_00)
    a = ledger.record("t", p.id, "owners", 300_00, status="received", contributor="业主", receipt_no="A1")
    b = ledger.record("t", p.id, "government", 5_000_00, contributor="区政府")
    ledger.confirm("t", b.id)
    return p, a, b


def test_clean_database_verifies(money):
    report = verify.run()
    assert report.ok, report.faults
    assert report.entries == audit.head().seq > 0


def test_every_write_names_its_actor(money):
    actions = {(e.actor, e.action) for e in audit.entries()}
    assert ("t", "contribution.record") in actions
    assert ("t", "contribution.received") in actions
    assert ("t", "project.create") in actions


def test_database_refuses_to_edit_audit_and_amounts(money, db):
    with pytest.raises(peewee.IntegrityError):
        db.execute_sql("UPDATE audit_entry SET actor = 'x' WHERE seq = 1")
    with pytest.raises(peewee.IntegrityError):
        db.execute_sql("DELETE FROM audit_entry WHERE seq = 1")
    with pytest.raises(peewee.IntegrityError):
        db.execute_sql("UPDATE contribution SET amount_fen = 1")
    with pytest.raises(peewee.IntegrityError):
        db.execute_sql("DELETE FROM contribution")


def _tamper(where: str, *sql: str) -> None:
    connection.close()
    tamper(where, *sql)
    connection.connect(where)


def test_verify_names_an_altered_amount(money, db_path):
    p, a, b = money
    _tamper(db_path, f"UPDATE contribution SET amount_fen = amount_fen * 10 WHERE id = {a.id}")
    report = verify.run()
    assert not report.ok
    text = "\n".join(map(str, report.faults))
    assert f"{a.id}" in text
    assert any("guard" in f.where for f in report.faults)


def test_verify_finds_an_altered_audit_row(money, db_path):
    _tamper(db_path, "UPDATE audit_entry SET data = replace(data, '30000', '3') WHERE action = 'contribution.record'")
    seq = AuditEntry.get(AuditEntry.action == "contribution.record").seq
    faults = verify.run().faults
    assert any(str(seq) in f.where and "hash" in f.problem.lower() or "哈希" in f.problem for f in faults), faults


def test_verify_finds_a_deleted_entry_and_a_forged_status(money, db_path):
    p, a, b = money
    _tamper(db_path, f"DELETE FROM contribution WHERE id = {a.id}", f"UPDATE contribution SET status = 'pledged' WHERE id = {b.id}")
    text = "\n".join(map(str, verify.run().faults))
    assert "missing" in text or "缺" in text
    assert f"{b.id}" in text


def test_init_restores_dropped_guards(money, db_path):
    _tamper(db_path)
    assert schema.missing_guards(connection.current())
    schema.init(connection.current())
    assert not schema.missing_guards(connection.current())
