"""Money entries and ballots change only as the domain changes them: every column of a
contribution is guarded (the status moves excepted), REPLACE and upserts are refused, and
`kiosk verify` sees a change made with the triggers dropped, in any column."""

import datetime as dt

import peewee as pw
import pytest

from kiosk.db import backend, money_guards, schema
from kiosk.domain import upgrade
from kiosk.db.models import AuditEntry, Ballot, Contribution, database
from kiosk.domain import audit, estates, funding, ledger, verify, votes
from kiosk.domain.errors import Duplicate

from intruder import tamper
from votes.votes_helpers import ACTOR, make_estate, simple_flats



def _new_values(project_id: int, household_id: int) -> dict[str, str]:
    """A value for each fixed column, valid (foreign keys hold) and different from the entry's."""
    return {
        "id": "999", "project_id": str(project_id), "source": "'government'", "contributor": "'某公司'",
        "household_id": str(household_id), "amount_fen": "amount_fen + 1", "created_status": "'pledged'",
        "pledged_on": "'2020-01-01'", "receipt_no": "'X-9'", "idempotency_key": "'k-9'", "note": "'改过'",
        "created_at": "'2020-01-01 00:00:00'", "entry_seq": "entry_seq + 1000",
    }


@pytest.fixture
def entries(db):
    """A received entry (receipt R-1, key k-1) and a pledge, both through the domain."""
    e = estates.add_estate(ACTOR, "账本小区")
    p = funding.create_project(ACTOR, e.id, "屋顶", 100_000_00)
    received = ledger.record(ACTOR, p.id, "units", 3300_00, status="received", contributor="京平建设",
                             receipt_no="R-1", idempotency_key="k-1", on=dt.date(2026, 11, 20))
    pledged = ledger.record(ACTOR, p.id, "owners", 500_00, contributor="业主", on=dt.date(2026, 11, 21), note="三号楼")
    return received, pledged


def _refused(sql: str) -> None:
    with pytest.raises(pw.IntegrityError):
        with database.atomic():
            database.execute_sql(sql)


def test_every_column_but_the_moves_is_fixed(entries):
    received, _pledged = entries
    other = funding.create_project(ACTOR, estates.add_estate(ACTOR, "别的小区").id, "别的", 100_00)
    _estate, (household,) = make_estate("户小区", simple_flats([80_00]))
    new_values = _new_values(other.id, household)
    # A new column needs a line here; the receipt number is set once, on confirming a pledge (below).
    assert set(money_guards.fixed_columns()) | {"receipt_no"} == set(new_values)
    for column, value in new_values.items():
        _refused(f"UPDATE contribution SET {column} = {value} WHERE id = {received.id}")
    assert ledger.get(received.id) == received


def test_dates_and_reasons_change_only_in_the_ledgers_moves(entries):
    received, pledged = entries
    _refused(f"UPDATE contribution SET received_on = '2026-12-01' WHERE id = {received.id}")  # "received today"
    _refused(f"UPDATE contribution SET received_on = '2026-12-01' WHERE id = {pledged.id}")  # a date without the move
    _refused(f"UPDATE contribution SET cancel_reason = '错' WHERE id = {received.id}")
    _refused(f"UPDATE contribution SET status = 'pledged' WHERE id = {received.id}")  # backwards
    confirmed = ledger.confirm(ACTOR, pledged.id, on=dt.date(2026, 12, 1))
    assert (confirmed.status, confirmed.received_on) == ("received", dt.date(2026, 12, 1))
    _refused(f"UPDATE contribution SET received_on = '2026-12-02' WHERE id = {pledged.id}")
    cancelled = ledger.cancel(ACTOR, received.id, "录入错误")
    assert (cancelled.status, cancelled.cancel_reason) == ("cancelled", "录入错误")
    _refused(f"UPDATE contribution SET cancel_reason = '别的' WHERE id = {received.id}")
    _refused(f"UPDATE contribution SET status = 'received' WHERE id = {received.id}")
    assert verify.run().ok


def test_a_receipt_number_is_set_once_when_a_pledge_is_confirmed(entries, db_path):
    received, pledged = entries
    _refused(f"UPDATE contribution SET receipt_no = 'R-2' WHERE id = {pledged.id}")  # not without the move
    with pytest.raises(Duplicate) as refused:  # R-1 is the other entry's: said in words, at the field
        ledger.confirm(ACTOR, pledged.id, receipt_no="R-1")
    assert refused.value.field == "receipt_no" and "R-1" in str(refused.value)
    assert ledger.get(pledged.id).status == "pledged"
    confirmed = ledger.confirm(ACTOR, pledged.id, receipt_no="R-2", on=dt.date(2026, 12, 1))
    assert (confirmed.status, confirmed.receipt_no) == ("received", "R-2")
    assert audit.entries(entity="contribution", entity_id=str(pledged.id), limit=1)[0].data["receipt_no"] == "R-2"
    _refused(f"UPDATE contribution SET receipt_no = 'R-3' WHERE id = {pledged.id}")
    _refused(f"UPDATE contribution SET status = 'cancelled', cancel_reason = '错', receipt_no = NULL WHERE id = {pledged.id}")
    assert verify.run().ok, verify.run().faults
    tamper(db_path, f"UPDATE contribution SET receipt_no = 'R-9' WHERE id = {pledged.id}")
    assert any(str(pledged.id) in f.where for f in verify.run().faults)


@pytest.mark.sqlite_only("SQLite keeps a trigger that exists (CREATE TRIGGER IF NOT EXISTS)")
def test_the_upgrade_to_version_7_lets_a_pledge_take_its_receipt_number(entries, db):
    _received, pledged = entries
    db.execute_sql("DROP TRIGGER guard_contribution_fixed")  # as version 6 made it: the receipt number fixed
    db.execute_sql("CREATE TRIGGER guard_contribution_fixed BEFORE UPDATE ON contribution WHEN OLD.receipt_no IS NOT NEW.receipt_no "
                   "BEGIN SELECT RAISE(ABORT, 'contribution amounts are immutable'); END")
    db.execute_sql("UPDATE kiosk_state SET schema_version = 6")
    assert upgrade.init(db) == (6, schema.SCHEMA_VERSION)
    assert ledger.confirm(ACTOR, pledged.id, receipt_no="R-7").receipt_no == "R-7"


def test_upserts_are_refused(entries, db):
    received, _pledged = entries
    _refused("INSERT INTO contribution SELECT * FROM contribution WHERE id = %d "
             "ON CONFLICT (id) DO UPDATE SET note = 'upsert', received_on = '2026-12-01'" % received.id)
    _refused("INSERT INTO contribution SELECT * FROM contribution WHERE id = %d "
             "ON CONFLICT (id) DO UPDATE SET amount_fen = 1" % received.id)
    assert ledger.get(received.id) == received


def _a_ballot():
    estate_id, ids = make_estate("投票小区", simple_flats([80_00, 90_00]))
    poll = votes.create_poll(ACTOR, estate_id, "路面", ["沥青", "水泥"])
    votes.cast(ACTOR, poll.id, ids[0], "沥青", "paper")
    return Ballot.get()


def test_ballot_upserts_are_refused(db):
    b = _a_ballot()
    other = votes.get_poll(b.poll_id).options[1].id
    _refused(f"INSERT INTO ballot SELECT * FROM ballot WHERE id = {b.id} ON CONFLICT (id) DO UPDATE SET option_id = {other}")
    assert Ballot.get().option_id == b.option_id


@pytest.mark.sqlite_only("INSERT OR REPLACE is SQLite's")
@pytest.mark.parametrize("table,key", [
    ("contribution", "id"), ("contribution", "receipt_no"), ("contribution", "idempotency_key"),
    ("ballot", "id"), ("ballot", "poll_id, household_id"), ("ballot", "receipt"), ("audit_entry", "seq"),
])
def test_insert_or_replace_is_refused_over_every_key(entries, db, table, key):
    """A REPLACE deletes the row in its way without firing delete triggers (recursive_triggers
    is off): the insert itself is refused when it meets any key of an existing row."""
    received, _pledged = entries
    _a_ballot()
    fresh = {"contribution": "id = id + 1000, receipt_no = receipt_no || 'x', idempotency_key = idempotency_key || 'x', note = 'replaced'",
             "ballot": "id = id + 1000, receipt = receipt || 'x', household_id = household_id + 1",
             "audit_entry": "seq = seq + 1000"}[table]
    keep = ", ".join(f"{k} = t.{k}" for k in key.split(", "))
    # A copy of the first row with every key fresh but `key`, put back over the original.
    database.execute_sql(f"CREATE TEMP TABLE t AS SELECT * FROM {table} LIMIT 1")
    database.execute_sql(f"CREATE TEMP TABLE r AS SELECT * FROM {table} LIMIT 1")
    database.execute_sql(f"UPDATE r SET {fresh}")
    database.execute_sql(f"UPDATE r SET {keep} FROM t")
    before = database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()
    _refused(f"INSERT OR REPLACE INTO {table} SELECT * FROM r")
    assert database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone() == before
    assert verify.run().ok, verify.run().faults


def test_the_new_guards_are_checked_and_restored_by_init(entries, db):
    name = "guard_contribution_columns"
    db.execute_sql(f"DROP TRIGGER {name}" + ("" if backend.is_sqlite(db) else " ON contribution"))
    assert name in schema.missing_guards(db)
    assert any(name in f.where for f in verify.run().faults)
    schema.init(db)
    assert not schema.missing_guards(db)


@pytest.mark.parametrize("column,value", [
    ("received_on", "'2026-12-06'"), ("pledged_on", "'2020-01-01'"), ("note", "'改过'"),
    ("idempotency_key", "'k-x' || id"), ("created_at", "'2020-01-01 00:00:00'"), ("cancel_reason", "'编的'"),
])
def test_verify_sees_a_change_to_any_column_made_with_the_triggers_dropped(entries, db_path, column, value):
    from kiosk.i18n import _

    assert verify.run().ok
    for entry in entries:
        tamper(db_path, f"UPDATE contribution SET {column} = {value} WHERE id = {entry.id}")
        where = _("contribution {id}").format(id=entry.id)
        faults = verify.run().faults
        assert any(f.where == where for f in faults), (column, entry.status, faults)


def test_a_version_4_ledger_is_sealed_on_upgrade_and_guarded_after(db, db_path):
    """Entries recorded before version 5 (no `details` digest in their audit entry) get one
    sealing audit entry from the upgrade; a later change to their dates or notes is found."""
    e = estates.add_estate(ACTOR, "老账本小区")
    p = funding.create_project(ACTOR, e.id, "车棚", 100_000_00)
    with audit.write(ACTOR) as w:  # as a version-4 import wrote it: one digest, no details
        seq = w.next_seq()
        row = {"id": ledger.next_id(), "project": p.id, "source": "owners", "contributor": "业主", "household": None,
               "amount_fen": 300_00, "status": "received", "created_status": "received", "pledged_on": None,
               "received_on": dt.date(2026, 11, 20), "receipt_no": None, "idempotency_key": None, "note": "",
               "cancel_reason": "", "created_at": dt.datetime(2026, 11, 20, 9, 0), "entry_seq": seq}
        Contribution.insert(row).execute()
        w.record("contribution.import", "contribution_batch", seq, file="old.csv", count=1,
                 digest=audit.digest_rows([ledger.digest_line(row)]))
    assert any(str(row["id"]) in f.where for f in verify.run().faults)  # nothing vouches for its details yet
    db.execute_sql("UPDATE kiosk_state SET schema_version = 4")
    assert upgrade.init(db) == (4, schema.SCHEMA_VERSION)
    assert AuditEntry.select().where(AuditEntry.action == "contribution.seal").count() == 1
    assert verify.run().ok, verify.run().faults
    tamper(db_path, f"UPDATE contribution SET received_on = '2026-12-06' WHERE id = {row['id']}")
    assert any(str(row["id"]) in f.where for f in verify.run().faults)


def _a_kiosk_pledge():
    from kiosk.db.models import PledgeReference
    from kiosk.domain import household_codes, kiosk_pledges

    estate_id, _ids = make_estate("认捐小区", simple_flats([80_00, 90_00]))
    project = funding.create_project(ACTOR, estate_id, "车棚", 1000_00)
    slip = household_codes.issue(ACTOR, estate_id)[0]
    kiosk_pledges.pledge_at_kiosk("lobby", estate_id, project.id, slip.code, 100_00, kiosk="box:1")
    return PledgeReference.get()


@pytest.mark.parametrize("sql", [
    "UPDATE pledge_reference SET reference = '1234567'",
    "UPDATE pledge_reference SET household_id = household_id + 1",
    "UPDATE pledge_reference SET kiosk = 'elsewhere'",
    "DELETE FROM pledge_reference",
])
def test_a_kiosk_pledges_reference_row_never_changes(db, sql):
    """The reference a household brings to the office, and whose pledge it is (the per-household
    limits count these rows), stay as the pledge wrote them."""
    row = _a_kiosk_pledge()
    _refused(sql)
    from kiosk.db.models import PledgeReference

    assert list(PledgeReference.select().dicts()) == [{**row.__data__}]


@pytest.mark.sqlite_only("INSERT OR REPLACE is SQLite's")
def test_a_kiosk_pledges_reference_row_is_never_replaced(db):
    """REPLACE would delete the row in its way without firing its delete trigger."""
    row = _a_kiosk_pledge()
    database.execute_sql("CREATE TEMP TABLE r AS SELECT * FROM pledge_reference")
    database.execute_sql("UPDATE r SET id = id + 1000, reference = '7654321', household_id = household_id + 1")
    _refused("INSERT OR REPLACE INTO pledge_reference SELECT * FROM r")
    from kiosk.db.models import PledgeReference

    assert list(PledgeReference.select().dicts()) == [{**row.__data__}]


@pytest.mark.parametrize("sql", [
    "UPDATE pledge_reference SET household_id = household_id + 1",
    "UPDATE pledge_reference SET reference = '1234567'",
    "UPDATE pledge_reference SET kiosk = 'elsewhere'",
    "DELETE FROM pledge_reference",
])
def test_verify_sees_a_kiosk_pledges_reference_row_changed_with_the_triggers_dropped(db, db_path, sql):
    from kiosk.i18n import _

    row = _a_kiosk_pledge()
    assert verify.run().ok
    tamper(db_path, sql)
    faults = verify.run().faults
    assert any(f.where == _("kiosk pledge {reference}").format(reference=r) for f in faults for r in (row.reference, "1234567")), faults
