import datetime as dt

import peewee
import pytest

from kiosk.db import backend, connection, models, schema
from kiosk.domain import upgrade
from kiosk.db.schema import SchemaError


def test_new_database_is_created_at_the_current_version(db):
    assert schema.stored_version(db) == schema.SCHEMA_VERSION
    assert not schema.missing_guards(db)


@pytest.mark.sqlite_only("pragmas and the bundled SQLite version")
def test_pragmas_wal_full_foreign_keys_busy_timeout_and_new_sqlite(db):
    import cysqlite

    assert cysqlite.sqlite_version_info >= backend.MIN_SQLITE
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    # A read waits briefly for a lock (a screen shows its stale note instead of hanging); a
    # transaction waits long for the write lock.
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == backend.READ_BUSY_TIMEOUT_S * 1000
    with db.atomic():
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == backend.BUSY_TIMEOUT_S * 1000
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == backend.READ_BUSY_TIMEOUT_S * 1000


def test_newer_database_is_refused(db):
    models.KioskState.update(schema_version=schema.SCHEMA_VERSION + 1).execute()
    with pytest.raises(SchemaError) as err:
        schema.check(db)
    assert str(schema.SCHEMA_VERSION + 1) in str(err.value)
    with pytest.raises(SchemaError):
        schema.init(db)


def test_older_database_is_upgraded_step_by_step(db, monkeypatch):
    class Extra(models.BaseModel):
        note = peewee.CharField()

    ran = []

    def step(database):
        database.create_tables([Extra])
        ran.append(True)

    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, schema.SCHEMA_VERSION, step)
    with pytest.raises(SchemaError):
        schema.check(db)
    before, after = schema.init(db)
    assert (before, after) == (schema.SCHEMA_VERSION - 1, schema.SCHEMA_VERSION) and ran
    assert db.table_exists("extra")
    schema.check(db)
    db.drop_tables([Extra])


def test_missing_database_and_bad_urls_are_refused(tmp_path):
    with pytest.raises(SchemaError):
        connection.connect(str(tmp_path / "nothing.db"))
    with pytest.raises(backend.DatabaseUnavailable):
        connection.connect("mysql://x/y")


@pytest.mark.parametrize("url,path", [("sqlite:///rel.db", "rel.db"), ("sqlite:////abs/x.db", "/abs/x.db"), ("plain.db", "plain.db")])
def test_url_forms(url, path):
    target = backend.parse_url(url)
    assert (target.kind, target.path) == ("sqlite", path)


def test_postgresql_url_is_parsed():
    t = backend.parse_url("postgresql://kiosk:s%40cret@db.local:5433/estates?sslmode=disable")
    assert t.kind == "postgresql"
    assert t.dsn == {"database": "estates", "host": "db.local", "port": 5433, "user": "kiosk", "password": "s@cret", "sslmode": "disable"}


DATE_INDEX = "contribution_project_id_status_received_on_source_amount_fen"


def test_version_2_gains_the_received_on_index(db):
    db.execute_sql(f"DROP INDEX {DATE_INDEX}")
    models.KioskState.update(schema_version=2).execute()
    assert DATE_INDEX not in {i.name for i in db.get_indexes("contribution")}
    assert upgrade.init(db) == (2, schema.SCHEMA_VERSION)
    assert DATE_INDEX in {i.name for i in db.get_indexes("contribution")}


@pytest.mark.sqlite_only("reads SQLite's query plan")
def test_a_days_receipts_are_summed_by_seeking_the_date(db):
    import datetime as dt

    from kiosk.domain import ledger

    query = ledger.received_between_query(dt.date(2026, 1, 1), dt.date(2026, 1, 1), 1)
    sql, params = query.sql()
    plan = " ".join(str(row[-1]) for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    assert f"COVERING INDEX {DATE_INDEX}" in plan and "received_on>?" in plan.replace(" ", ""), plan


@pytest.mark.sqlite_only("SQLite's page cache")
def test_the_apps_smaller_page_cache_holds_on_every_connection(db_path):
    import threading

    db = connection.connect(db_path, check_schema=False, cache_kib=512)
    schema.init(db)
    seen = [db.execute_sql("PRAGMA cache_size").fetchone()[0]]

    def other_thread():  # the change detector reads in a worker thread, on its own connection
        with db.connection_context():
            seen.append(db.execute_sql("PRAGMA cache_size").fetchone()[0])

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join()
    connection.close()
    assert seen == [-512, -512]
    assert connection.connect(db_path).execute_sql("PRAGMA cache_size").fetchone()[0] == -2000  # the default
    connection.close()


def test_an_upgrade_through_a_domain_step_needs_the_domain(db):
    """Sealing the ledger at version 5 is an audited write: the database layer alone refuses to
    upgrade past it (db/ imports no domain code), `kiosk init` (domain.upgrade) does it."""
    models.KioskState.update(schema_version=4).execute()
    with pytest.raises(SchemaError):
        schema.init(db)
    assert schema.stored_version(db) == 4  # nothing half done
    assert upgrade.init(db) == (4, schema.SCHEMA_VERSION)  # (the seal itself: test_money_guards)
    assert schema.stored_version(db) == schema.SCHEMA_VERSION


def test_version_6_gains_money_out_and_the_loop_with_its_ballots_untouched(demo_db):
    """Version 7's new columns arrive with their defaults in the DDL: filling them with an UPDATE
    would be refused on ballot, which the database keeps append-only."""
    db = demo_db
    ballots = models.Ballot.select().count()
    assert ballots, "the demo has ballots to carry over"
    db.drop_tables(list(reversed(models.V7_MODELS)))
    columns = [("ballot", "proxy_holder"), ("project", "kind"), ("project", "closed_at")]
    if not backend.is_sqlite(db):  # SQLite cannot drop a column that holds a foreign key
        columns += [("report", "project_id"), ("report", "poll_id")]
    # (a version-6 database had no guard on a project's closing: the upgrade brings it)
    db.execute_sql("DROP TRIGGER IF EXISTS guard_project_once" + ("" if backend.is_sqlite(db) else " ON project"))
    for table, column in columns:
        db.execute_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
    db.execute_sql("CREATE INDEX contribution_project_id ON contribution (project_id)")
    models.KioskState.update(schema_version=6).execute()
    assert upgrade.init(db) == (6, schema.SCHEMA_VERSION)
    for table, column in columns:
        assert column in {c.name for c in db.get_columns(table)}
    assert all(db.table_exists(m._meta.table_name) for m in models.V7_MODELS)
    assert "contribution_project_id" not in {i.name for i in db.get_indexes("contribution")}
    assert models.Ballot.select().where(models.Ballot.proxy_holder == "").count() == ballots
    assert models.Project.select().where(models.Project.kind == "ordinary").count() == models.Project.select().count()
    assert not schema.missing_guards(db)


def test_version_7_gains_each_reports_first_taking_up_from_its_trail(demo_db):
    """Version 8 keeps a report's first taking-up on the report (the response rate reads it, not
    every event of the year): an upgrade reads it from each trail, and the rates are unchanged."""
    from kiosk.domain import report_rates

    db = demo_db
    first = dict(db.execute_sql(
        "SELECT report_id, MIN(at) FROM report_event WHERE status IN ('accepted', 'in_progress', 'resolved') "
        "GROUP BY report_id").fetchall())
    assert first, "the demo has reports taken up"
    rates = report_rates.by_estate()
    window = [i.name for i in db.get_indexes("report") if i.columns[:1] == ["created_at"] and len(i.columns) > 1]
    assert len(window) == 1
    db.execute_sql(f"DROP INDEX {window[0]}")
    db.execute_sql("ALTER TABLE report DROP COLUMN taken_up_at")
    db.execute_sql("CREATE INDEX report_created_at ON report (created_at)")
    models.KioskState.update(schema_version=7).execute()
    assert upgrade.init(db) == (7, schema.SCHEMA_VERSION)
    kept = {r.id: r.taken_up_at for r in models.Report.select(models.Report.id, models.Report.taken_up_at)}
    assert {k: v for k, v in kept.items() if v is not None} == {
        k: (v if isinstance(v, dt.datetime) else dt.datetime.fromisoformat(v)) for k, v in first.items()}
    names = {i.name for i in db.get_indexes("report")}
    assert "report_created_at" not in names and window[0] in names
    assert report_rates.by_estate() == rates
