"""A SQLite kiosk app does not load the PostgreSQL or MySQL drivers (memory on a small box)."""

import subprocess
import sys

import pytest

from kiosk_process import kiosk_env

PROBE = (
    "import sys; from kiosk.db import drivers; skipped = drivers.skip_unused(sys.argv[1]); "
    "import peewee, kiosk.db.connection; "
    "print(skipped, 'psycopg2' in sys.modules, peewee.psycopg2 is None, peewee.sqlite3 is None)"
)
# `kiosk lobby` as the CLI runs it, with a stand-in lobby that reports what was loaded.
APP = (
    "import sys, types; from kiosk import cli; "
    "stub = types.ModuleType('kiosk.apps.lobby'); "
    "stub.run = lambda settings: print('psycopg2' in sys.modules, 'peewee' in sys.modules) or 0; "
    "sys.modules['kiosk.apps.lobby'] = stub; "
    "sys.exit(cli.main(['--db', sys.argv[1], sys.argv[2]]))"
)


def _probe(url: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, url], capture_output=True, text=True, env=kiosk_env(), check=True)
    return out.stdout.split()


def test_sqlite_apps_skip_the_other_drivers():
    assert _probe("/tmp/kiosk.db") == ["True", "False", "True", "True"]
    assert _probe("sqlite:///kiosk.db") == ["True", "False", "True", "True"]


def test_postgresql_keeps_its_driver():
    skipped, loaded, missing, _sqlite = _probe("postgresql://kiosk@localhost/kiosk")
    assert skipped == "False"
    assert loaded != "True" or missing == "False"  # psycopg2 loaded whenever it is installed


def test_drivers_import_again_afterwards():
    code = "from kiosk.db import drivers; drivers.skip_unused('k.db'); import sqlite3; print(sqlite3.sqlite_version > '3')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=kiosk_env(), check=True)
    assert out.stdout.strip() == "True"


@pytest.mark.sqlite_only("a SQLite lobby without the PostgreSQL driver")
def test_the_lobby_command_opens_sqlite_without_them(demo_path):
    out = subprocess.run([sys.executable, "-c", APP, demo_path, "lobby"], capture_output=True, text=True, env=kiosk_env())
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "True"]


def test_a_sqlite_app_reads_and_writes_without_them(demo_path):
    """The whole domain works on cysqlite alone: read the disclosure, post a notice, verify."""
    code = (
        "import sys; from kiosk.db import drivers; drivers.skip_unused(sys.argv[1]); "
        "from kiosk.db import connection; connection.connect(sys.argv[1]); "
        "from kiosk.domain import disclosure, notices, verify, estates; "
        "d = disclosure.collect(); e = estates.resolve_estate(None); "
        "notices.post('t', '停水通知', estate_id=e.id); print(len(d), verify.run().ok)"
    )
    out = subprocess.run([sys.executable, "-c", code, demo_path], capture_output=True, text=True, env=kiosk_env())
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["4", "True"]
