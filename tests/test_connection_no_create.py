"""A database moved away while a program runs is an error for it, never a new empty file (which
would also pick up the moved database's -wal file)."""

import os
import threading

import pytest

from kiosk.db import connection, schema
from kiosk.db.models import database
from kiosk.domain import changes


def _read_in_a_new_thread():
    out = {}

    def read():
        try:
            with database.connection_context():
                out["revision"] = changes.revision()
        except Exception as exc:  # noqa: BLE001 - what the thread saw is the result
            out["error"] = exc

    t = threading.Thread(target=read)
    t.start()
    t.join()
    return out


def test_a_moved_database_is_not_recreated(tmp_path):
    path = str(tmp_path / "k.db")
    schema.init(connection.connect(path, check_schema=False))
    connection.close()
    connection.connect(path)  # what every command but init and demo does
    assert "revision" in _read_in_a_new_thread()
    os.replace(path, path + ".moved")
    seen = _read_in_a_new_thread()
    assert "error" in seen and not os.path.exists(path)
    os.replace(path + ".moved", path)
    assert "revision" in _read_in_a_new_thread()


def test_init_still_creates_a_new_database(tmp_path):
    path = str(tmp_path / "sub" / "new.db")
    before, after = schema.init(connection.connect(path, check_schema=False))
    assert before is None and os.path.exists(path)
