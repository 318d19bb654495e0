"""Schema version 2: a version-1 database is upgraded in place, its data kept, its guards restored."""

from __future__ import annotations

import pytest

from kiosk.db import backend, connection, models, schema
from kiosk.domain import upgrade
from kiosk.domain import estates, verify, votes
from votes_helpers import ACTOR, drop_guard, guard_name, make_estate, simple_flats


def _v1_database(path: str):
    db = connection.connect(path, check_schema=False)
    with db.atomic():
        db.create_tables(models.V1_MODELS)
        models.KioskState.insert(id=1, schema_version=1).execute()
    # Version 1's guards only (what a version-1 program installed).
    saved = backend.APPEND_ONLY, backend.IMMUTABLE_COLUMNS, backend.NO_DELETE, backend.SET_ONCE
    backend.APPEND_ONLY, backend.NO_DELETE, backend.SET_ONCE = ("audit_entry",), ("contribution", "report_event"), {}
    backend.IMMUTABLE_COLUMNS = {"contribution": saved[1]["contribution"]}
    try:
        for stmt in backend.guard_statements(db):
            db.execute_sql(stmt)
    finally:
        backend.APPEND_ONLY, backend.IMMUTABLE_COLUMNS, backend.NO_DELETE, backend.SET_ONCE = saved
    return db


def test_version_2_tables_are_models():
    assert schema.SCHEMA_VERSION >= 2
    assert set(models.V2_MODELS) <= set(models.ALL_MODELS)
    assert 2 in schema.MIGRATIONS


def test_a_version_1_database_is_upgraded(db_path):
    db = _v1_database(db_path)
    estate_id, _ids = make_estate("老小区", simple_flats([10000, 10000, 10000]))
    for m in models.V2_MODELS:
        assert not db.table_exists(m._meta.table_name)
    assert guard_name(db, "ballot", "update") in schema.missing_guards(db)
    connection.close()

    with pytest.raises(schema.SchemaError) as err:
        connection.connect(db_path)
    assert "kiosk init" in str(err.value)

    db = connection.connect(db_path, check_schema=False)
    assert upgrade.init(db) == (1, schema.SCHEMA_VERSION)
    assert schema.stored_version(db) == schema.SCHEMA_VERSION
    for m in models.V2_MODELS:
        assert db.table_exists(m._meta.table_name)
    assert schema.missing_guards(db) == set()
    assert schema.init(db) == (schema.SCHEMA_VERSION, schema.SCHEMA_VERSION)  # a second run changes nothing
    connection.close()

    connection.connect(db_path)  # the current program now accepts it
    assert [e.name for e in estates.list_estates()] == ["老小区"]
    p = votes.create_poll(ACTOR, estate_id, "升级后的表决", ["同意", "不同意"])
    assert votes.tally(p.id).eligible.households == 3
    report = verify.run()
    assert report.ok, report.faults


def test_a_fresh_database_has_the_poll_meeting_link(db):
    cols = {c.name for c in db.get_columns("poll")}
    assert {"meeting_id", "project_id", "estate_id", "matter", "closed_at"} <= cols
    indexes = {tuple(i.columns): i.unique for i in db.get_indexes("ballot")}
    assert indexes[("poll_id", "household_id")] is True
    assert indexes[("receipt",)] is True


def test_missing_guards_are_reported_and_restored(db):
    name = drop_guard(db, "ballot", "delete")
    assert name in schema.missing_guards(db)
    assert any(name in str(f) for f in verify.run().faults)
    schema.init(db)
    assert schema.missing_guards(db) == set()
