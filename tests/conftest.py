"""Fixtures: real SQLite files in a temporary directory; the demo database built once per run
and copied for each test that wants it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import clock, i18n
from kiosk.db import connection, schema

ROOT = Path(__file__).resolve().parent.parent


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


@pytest.fixture
def db_path(tmp_path) -> str:
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
    result = subprocess.run([sys.executable, "-m", "kiosk", "--db", path, "demo"], capture_output=True, text=True, env=_env())
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def demo_path(demo_template, tmp_path) -> str:
    """A private copy of the demo database (file only: the template is checkpointed)."""
    dest = str(tmp_path / "demo.db")
    shutil.copyfile(demo_template, dest)
    return dest


@pytest.fixture
def demo_db(demo_path):
    database = connection.connect(demo_path)
    yield database
    connection.close()


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(extra)
    return env


def run_kiosk(*args: str, input: str | None = None, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """The real command, in a fresh process, as a user would run it."""
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, input=input,
                          env=_env(**(env or {})), timeout=timeout)
