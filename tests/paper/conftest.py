"""Printed documents over the fixed-day demo: the same figures on every run."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from kiosk import clock
from kiosk.config import Settings
from kiosk.db import connection
from support.fixed_demo import build_fixed_demo

FIXED = dt.datetime(2026, 11, 25, 10, 0, 0)
PUBLIC = "https://gongshi.yinggu.example"


@pytest.fixture(scope="session")
def paper_template(tmp_path_factory) -> str:
    return build_fixed_demo(str(tmp_path_factory.mktemp("paper-demo") / "demo.db"), FIXED)


@pytest.fixture
def paper_db(paper_template, tmp_path) -> str:
    """A private copy of the fixed demo, connected, the clock stopped just after FIXED."""
    path = str(tmp_path / "paper.db")
    shutil.copyfile(paper_template, path)
    connection.connect(path)
    clock.freeze(FIXED + dt.timedelta(minutes=5))
    yield path
    connection.close()


@pytest.fixture
def settings() -> Settings:
    return Settings(public_url=PUBLIC)
