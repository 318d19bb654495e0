"""Worker reads hand their connection on (kiosk.db.idle): the next read, on any thread, opens
none — on SQLite and PostgreSQL — yet a replaced SQLite file and a failed read still lead to a
fresh connection, as when every read connected afresh."""

import os
import shutil
import threading

import pytest

from kiosk.db import connection, schema
from kiosk.domain import changes, estates


def in_thread(fn):
    """`fn()` in a new thread inside `connection.for_thread()`, as a worker runs it."""
    out = {}

    def run():
        try:
            with connection.for_thread():
                out["value"] = fn()
        except Exception as exc:  # handed to the caller
            out["error"] = exc

    t = threading.Thread(target=run)
    t.start()
    t.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


@pytest.fixture
def connects(db, monkeypatch):
    """How many connections the database has opened so far."""
    count = [0]
    real = type(db)._connect

    def counting(self):
        count[0] += 1
        return real(self)

    monkeypatch.setattr(type(db), "_connect", counting)
    return count


def test_reads_on_new_threads_open_no_new_connection(db, connects):
    connection.close()
    first = in_thread(changes.revision)
    assert connects[0] == 1
    for _ in range(5):
        assert in_thread(changes.revision) == first
    assert connects[0] == 1


def test_a_write_from_elsewhere_is_seen_by_the_next_read(db):
    before = in_thread(changes.revision)
    estates.add_estate("t", "测试小区")  # the main thread's own connection writes
    assert in_thread(changes.revision) > before
    assert [e.name for e in in_thread(estates.list_estates)] == ["测试小区"]


def test_a_failed_read_closes_the_idle_connections(db, connects):
    connection.close()
    in_thread(changes.revision)

    def broken():
        connection.current().execute_sql("SELECT no_such_column FROM kiosk_state")

    with pytest.raises(Exception):
        in_thread(broken)
    opened = connects[0]
    in_thread(changes.revision)
    assert connects[0] == opened + 1  # afresh: a restarted server or a released lock heals


def test_a_refusal_keeps_the_connection(db, connects):
    connection.close()
    in_thread(changes.revision)

    def refused():
        changes.revision()
        raise LookupError("no such code")  # what a domain refusal is to the connection: nothing

    with pytest.raises(LookupError):
        in_thread(refused)
    in_thread(changes.revision)
    assert connects[0] == 1


@pytest.mark.sqlite_only("a file replaced under a running app")
def test_a_replaced_sqlite_file_is_read_afresh(db, tmp_path):
    other = str(tmp_path / "other.db")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # the empty schema, all in the file
    shutil.copyfile(db.database, other)
    estates.add_estate("t", "原来的小区")
    assert [e.name for e in in_thread(estates.list_estates)] == ["原来的小区"]
    os.replace(other, db.database)  # a restored backup put in its place
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db.database + suffix):
            os.remove(db.database + suffix)
    assert in_thread(estates.list_estates) == []
    assert schema.stored_version(connection.current()) == schema.SCHEMA_VERSION
