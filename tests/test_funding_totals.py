"""funding_total: the ledger summed per project, source and status, kept by the database's own
triggers. Every funding figure is read from it, so it must equal the ledger after every kind of
write (record, confirm, cancel, import), survive an upgrade, and `verify` must catch it drifting."""

from __future__ import annotations

import peewee
import pytest

from kiosk.db import models, schema
from kiosk.domain import upgrade
from kiosk.db.models import Contribution, FundingTotal
from kiosk.domain import estates, funding, imports, ledger, sources, verify


def _ledger_sums() -> dict[tuple[int, str, str], tuple[int, int]]:
    q = (Contribution.select(Contribution.project, Contribution.source, Contribution.status,
                             peewee.fn.SUM(Contribution.amount_fen), peewee.fn.COUNT(Contribution.id))
         .group_by(Contribution.project, Contribution.source, Contribution.status).tuples())
    return {(p, s, st): (int(a), int(n)) for p, s, st, a, n in q}


def _kept() -> dict[tuple[int, str, str], tuple[int, int]]:
    q = FundingTotal.select(FundingTotal.project, FundingTotal.source, FundingTotal.status,
                            FundingTotal.amount_fen, FundingTotal.entries).tuples()
    return {(p, s, st): (int(a), int(n)) for p, s, st, a, n in q if int(n) or int(a)}


@pytest.fixture
def projects(db):
    e = estates.add_estate("t", "合计小区")
    return [funding.create_project("t", e.id, f"工程{i}", 1_000_000_00) for i in range(2)]


def test_every_kind_of_write_keeps_the_totals_equal_to_the_ledger(projects, tmp_path):
    a, b = projects
    pledged = [ledger.record("t", a.id, "units", 700 + i, contributor=f"单位{i}") for i in range(5)]
    ledger.record("t", a.id, "owners", 1_234, status="received", contributor="业主", receipt_no="R1")
    ledger.record("t", b.id, "government", 5_000_00, status="received", contributor="区政府", receipt_no="G1")
    ledger.confirm("t", pledged[0].id)
    ledger.confirm("t", pledged[1].id)
    ledger.cancel("t", pledged[2].id, "重复录入")
    csv = tmp_path / "c.csv"
    csv.write_text("project_id,source,amount,contributor,status,date,receipt_no\n"
                   + "".join(f"{b.id},owners,{i + 1},业主,received,2026-11-20,I{i}\n" for i in range(50)), encoding="utf-8")
    imports.contributions("t", str(csv))

    assert _kept() == _ledger_sums()
    assert _kept()[(a.id, "units", "received")] == (700 + 701, 2)
    assert _kept()[(a.id, "units", "pledged")] == (703 + 704, 2)
    assert (a.id, "units", "cancelled") in _kept()
    snap = funding.snapshot(b.id)
    assert snap.received_fen == 5_000_00 + sum(range(1, 51)) * 100  # the file says yuan
    assert verify.run().ok


def test_an_import_that_fails_after_writing_leaves_the_totals_and_their_trigger(projects, db, tmp_path, monkeypatch):
    """On SQLite an import sums the totals once at its end, with the per-row triggers (the
    totals' and the guard against INSERT OR REPLACE) dropped meanwhile inside its transaction: a
    failure after some chunks are written rolls all of it back, and the triggers are there for
    the next write."""
    from kiosk.db import backend, money_guards
    from kiosk.domain.imports.kinds.contributions import Contributions

    a, b = projects
    ledger.record("t", a.id, "owners", 1_234, status="received", contributor="业主", receipt_no="R1")
    before = _kept()
    csv = tmp_path / "c.csv"
    csv.write_text("project_id,source,amount,contributor,status,date,receipt_no\n"
                   + "".join(f"{b.id},owners,{i + 1},业主,received,2026-11-20,I{i}\n" for i in range(50)), encoding="utf-8")
    written = []
    write = Contributions.write

    def fails_on_the_third_chunk(self, w, seq, rows):
        if len(written) == 2:
            raise peewee.OperationalError("disk I/O error")
        written.append(len(rows))
        write(self, w, seq, rows)

    monkeypatch.setattr(Contributions, "chunk", 10)
    monkeypatch.setattr(Contributions, "write", fails_on_the_third_chunk)
    with pytest.raises(peewee.OperationalError):
        imports.contributions("t", str(csv))
    assert written == [10, 10]
    assert _kept() == before == _ledger_sums()
    assert backend.total_names(db) | money_guards.names(db) <= backend.existing_guards(db)
    ledger.record("t", b.id, "units", 500, status="received", contributor="单位", receipt_no="U1")
    assert _kept() == _ledger_sums() and _kept()[(b.id, "units", "received")] == (500, 1)
    monkeypatch.setattr(Contributions, "write", write)
    imports.contributions("t", str(csv))
    assert _kept() == _ledger_sums() and _kept()[(b.id, "owners", "received")] == (sum(range(1, 51)) * 100, 50)
    assert backend.total_names(db) | money_guards.names(db) <= backend.existing_guards(db)
    assert verify.run().ok
    if backend.is_sqlite(db):  # the guard is back: an imported entry cannot be replaced
        with pytest.raises(peewee.IntegrityError, match="never replaced"):
            db.execute_sql("INSERT OR REPLACE INTO contribution SELECT * FROM contribution WHERE receipt_no = 'I7'")


def test_a_status_every_entry_left_reads_zero(projects):
    a, _b = projects
    c = ledger.record("t", a.id, "property", 900, contributor="物业公司")
    ledger.confirm("t", c.id)
    row = FundingTotal.get((FundingTotal.project == a.id) & (FundingTotal.source == "property") & (FundingTotal.status == "pledged"))
    assert (row.amount_fen, row.entries) == (0, 0)
    assert funding.snapshot(a.id).pledged_fen == 0 and funding.snapshot(a.id).received_fen == 900


def test_verify_catches_a_total_that_drifted_and_a_missing_trigger(projects, db):
    a, _b = projects
    ledger.record("t", a.id, "community", 5_00, status="received", contributor="社区", receipt_no="C1")
    assert verify.run().ok
    FundingTotal.update(amount_fen=FundingTotal.amount_fen + 1).where(FundingTotal.project == a.id).execute()
    report = verify.run()
    assert not report.ok and any(sources.label("community") in f.problem for f in report.faults)

    name = sorted(models_trigger_names(db))[0]
    db.execute_sql(f"DROP TRIGGER {name}" + ("" if schema.backend.is_sqlite(db) else " ON contribution"))
    assert name in schema.missing_guards(db)
    schema.init(db)  # restores it
    assert name not in schema.missing_guards(db)


def models_trigger_names(db) -> set[str]:
    return schema.backend.total_names(db)


def test_an_older_database_gets_totals_of_the_ledger_it_holds(projects, db):
    a, b = projects
    for i in range(20):
        ledger.record("t", (a, b)[i % 2].id, "owners", 100 + i, status="received", contributor="业主", receipt_no=f"R{i}")
    ledger.record("t", a.id, "units", 77, contributor="单位")
    # Back to version 3: no totals table, no triggers keeping it.
    for name in schema.backend.total_names(db):
        db.execute_sql(f"DROP TRIGGER {name}" + ("" if schema.backend.is_sqlite(db) else " ON contribution"))
    db.drop_tables([FundingTotal])
    models.KioskState.update(schema_version=3).execute()

    assert upgrade.init(db) == (3, schema.SCHEMA_VERSION)
    assert _kept() == _ledger_sums() and _kept()
    ledger.record("t", b.id, "units", 5, contributor="单位")  # and kept from now on
    assert _kept() == _ledger_sums()
    assert verify.run().ok
