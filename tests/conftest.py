"""Fixtures: real SQLite files in a temporary directory; the demo database built once per run
and copied for each test that wants it.

With KIOSK_TEST_PG set to a PostgreSQL URL (`tools/pg-test` does it), every test that uses a
database fixture runs twice: on SQLite and on a fresh PostgreSQL database of its own. Tests that
are about SQLite itself carry `@pytest.mark.sqlite_only("why")` and are skipped on PostgreSQL.
`db_path` and `demo_path` are what `--db` takes: a file path, or a postgresql:// URL.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from kiosk import clock, i18n
from kiosk.db import connection, schema

import pg_databases
from kiosk_process import kiosk_env, run_kiosk

BACKENDS = ["sqlite"] + (["postgresql"] if pg_databases.URL else [])


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only(reason): about SQLite itself; skipped on PostgreSQL")
    config.addinivalue_line("markers", "postgresql_only(reason): about PostgreSQL itself; runs only with KIOSK_TEST_PG")


# The tiers, from what a test module uses: `process` starts programs (the kiosk command, a terminal,
# a server), `app` drives a Textual app through Pilot, `unit` is everything else. The quick tier is
# `pytest -m "unit and not slow"`.
PROCESS_SIGNS = ("subprocess", "run_kiosk", "TerminalApp", "Tmux", "pty.", "kiosk_process", "multiprocessing", "harness as h")
APP_SIGNS = ("run_test(", "make_app", "pilot", "async def test_")


def _tier(module) -> str:
    source = getattr(module, "__tier_source__", None)
    if source is None:
        try:
            source = open(module.__file__, encoding="utf-8").read()
        except (OSError, TypeError):
            source = ""
        module.__tier_source__ = source
    if "/reliability/" in (module.__file__ or "") or any(sign in source for sign in PROCESS_SIGNS):
        return "process"
    if any(sign in source for sign in APP_SIGNS):
        return "app"
    return "unit"


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = getattr(item, "module", None)
        if module is not None:
            item.add_marker(_tier(module))


@pytest.fixture(autouse=True)
def _isolate(monkeypatch, tmp_path):
    """Every test: real clock, Chinese, no settings from the developer's environment."""
    for var in ("KIOSK_DB", "KIOSK_LANG", "KIOSK_ESTATE", "KIOSK_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    clock.reset()
    i18n.set_language("zh")
    yield
    clock.reset()
    i18n.set_language("zh")
    connection.close()


@pytest.fixture(scope="session")
def pg_databases_of_run():
    """This run's PostgreSQL databases and templates (only when KIOSK_TEST_PG is set)."""
    dbs = pg_databases.Databases()
    yield dbs
    connection.close()
    dbs.close()


@pytest.fixture(scope="session")
def pg_demo_template(pg_databases_of_run) -> str:
    """The demo data on PostgreSQL, built once per run; tests get copies."""
    url = pg_databases_of_run.create(name=f"{pg_databases.PREFIX}_demo")
    result = run_kiosk("--db", url, "demo")
    assert result.returncode == 0, result.stderr
    return pg_databases.name_of(url)


@pytest.fixture(params=BACKENDS)
def db_kind(request) -> str:
    """The back-end under test: "sqlite" always, "postgresql" too when KIOSK_TEST_PG is set."""
    marker = request.node.get_closest_marker("sqlite_only")
    if request.param == "postgresql" and marker is not None:
        pytest.skip("SQLite only: " + (marker.args[0] if marker.args else "about SQLite itself"))
    marker = request.node.get_closest_marker("postgresql_only")
    if request.param == "sqlite" and marker is not None:
        why = marker.args[0] if marker.args else "about PostgreSQL itself"
        pytest.skip(f"PostgreSQL only: {why}" + ("" if pg_databases.URL else " (set KIOSK_TEST_PG, or run tools/pg-test)"))
    return request.param


def _pg_database(request, template: str | None = None) -> str:
    """A database of this test's own, dropped after it."""
    dbs = request.getfixturevalue("pg_databases_of_run")
    url = dbs.create(template)
    request.addfinalizer(lambda: (connection.close(), dbs.drop(url)))
    return url


@pytest.fixture
def db_path(db_kind, tmp_path, request) -> str:
    """Where a new database goes: a file that does not exist yet, or an empty PostgreSQL database."""
    if db_kind == "postgresql":
        return _pg_database(request)
    return str(tmp_path / "kiosk.db")


@pytest.fixture
def db(db_path):
    """An empty database at the current schema, bound to the models."""
    database = connection.connect(db_path, check_schema=False)
    schema.init(database)
    yield database
    connection.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("demo") / "demo.db")
    result = subprocess.run([sys.executable, "-m", "kiosk", "--db", path, "demo"], capture_output=True, text=True, env=kiosk_env())
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def demo_path(db_kind, tmp_path, request) -> str:
    """A private copy of the demo database (file only: the template is checkpointed), or a URL."""
    if db_kind == "postgresql":
        return _pg_database(request, request.getfixturevalue("pg_demo_template"))
    dest = str(tmp_path / "demo.db")
    shutil.copyfile(request.getfixturevalue("demo_template"), dest)
    return dest


@pytest.fixture
def demo_db(demo_path):
    database = connection.connect(demo_path)
    yield database
    connection.close()


