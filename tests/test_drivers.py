"""A SQLite kiosk app does not load the PostgreSQL or MySQL drivers (memory on a small box)."""

import subprocess
import sys

from conftest import _env

PROBE = (
    "import sys; from kiosk.db import drivers; skipped = drivers.skip_unused(sys.argv[1]); "
    "import peewee, kiosk.db.connection; "
    "print(skipped, 'psycopg2' in sys.modules, peewee.psycopg2 is None)"
)


def _probe(url: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, url], capture_output=True, text=True, env=_env(), check=True)
    return out.stdout.split()


def test_sqlite_apps_skip_the_other_drivers():
    assert _probe("/tmp/kiosk.db") == ["True", "False", "True"]
    assert _probe("sqlite:///kiosk.db") == ["True", "False", "True"]


def test_postgresql_keeps_its_driver():
    skipped, loaded, missing = _probe("postgresql://kiosk@localhost/kiosk")
    assert skipped == "False"
    assert loaded != "True" or missing == "False"  # psycopg2 loaded whenever it is installed


def test_lobby_still_opens_a_sqlite_database(demo_path):
    code = ("import sys; from kiosk import cli, config; s = config.load(db=sys.argv[1]); "
            "cli._open(s, app=True); import peewee; print('psycopg2' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, demo_path], capture_output=True, text=True, env=_env(), check=True)
    assert out.stdout.strip() == "False"
