"""The bulk insert used by imports stores exactly what peewee's own insert stores."""

import datetime as dt

import peewee
import pytest

from kiosk.db import bulk
from kiosk.db.models import Contribution, database
from kiosk.domain import estates, funding

FIELDS = [Contribution.id, Contribution.project, Contribution.source, Contribution.contributor, Contribution.household,
          Contribution.amount_fen, Contribution.status, Contribution.created_status, Contribution.pledged_on,
          Contribution.received_on, Contribution.receipt_no, Contribution.idempotency_key, Contribution.note,
          Contribution.cancel_reason, Contribution.created_at, Contribution.entry_seq]


def _row(cid, project, receipt):
    return (cid, project, "owners", "二号楼", None, 12_345, "received", "received", None, dt.date(2026, 1, 5), receipt,
            None, "", "", dt.datetime(2026, 1, 5, 9, 30), 1)


@pytest.mark.sqlite_only("compares SQLite's storage classes (typeof)")
def test_bulk_rows_equal_peewee_rows(db):
    e = estates.add_estate("t", "测试小区")
    p = funding.create_project("t", e.id, "修路", 100_000)
    with database.atomic():
        Contribution.insert_many([_row(1, p.id, "A")], fields=FIELDS).execute()
        assert bulk.insert_rows(Contribution, FIELDS, [_row(2, p.id, "B")]) == 1
    raw = db.execute_sql("SELECT *, typeof(received_on), typeof(created_at) FROM contribution ORDER BY id").fetchall()
    strip = lambda r: r[1:10] + r[11:]  # noqa: E731 — all but the id and the receipt
    assert strip(raw[0]) == strip(raw[1])
    assert Contribution.get_by_id(2).received_on == dt.date(2026, 1, 5)


def test_bulk_errors_are_peewee_errors_and_roll_back(db):
    e = estates.add_estate("t", "测试小区")
    p = funding.create_project("t", e.id, "修路", 100_000)
    with pytest.raises(peewee.IntegrityError):
        with database.atomic():
            bulk.insert_rows(Contribution, FIELDS, [_row(1, p.id, "A"), _row(1, p.id, "B")])
    assert Contribution.select().count() == 0


@pytest.mark.sqlite_only("SQLite's page cache")
def test_large_cache_is_restored(db):
    before = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    with bulk.large_cache(db, mib=8):
        assert db.execute_sql("PRAGMA cache_size").fetchone()[0] == -8192
    assert db.execute_sql("PRAGMA cache_size").fetchone()[0] == before


def test_left_out_columns_get_their_defaults(db):
    from kiosk.db.models import Notice

    now = dt.datetime(2026, 1, 5, 9, 30)
    bulk.insert_rows(Notice, [Notice.title, Notice.publish_at, Notice.created_at, Notice.updated_at], [("停水", now, now, now)])
    n = Notice.get()
    assert (n.body, n.category, n.pinned, n.emergency, n.version) == ("", "general", False, False, 1)


@pytest.mark.sqlite_only("raw stored values; on PostgreSQL the rows go through peewee's insert_many itself")
def test_values_are_converted_as_peewee_converts_them(db):
    e = estates.add_estate("t", "测试小区")
    p = funding.create_project("t", e.id, "修路", 100_000)
    row = list(_row(1, p.id, "A"))
    row[9] = dt.datetime(2026, 1, 5, 23, 59)  # a datetime in a DateField is stored as its date
    row[5] = True  # a bool in an integer column stays what peewee would store
    with database.atomic():
        bulk.insert_rows(Contribution, FIELDS, [tuple(row)])
    assert db.execute_sql("SELECT received_on, amount_fen FROM contribution").fetchone() == ("2026-01-05", 1)
