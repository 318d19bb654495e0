import peewee
import pytest

from kiosk.db import backend, connection, models, schema
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
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000


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
