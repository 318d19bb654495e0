"""Lobby fixtures: a demo database built at a fixed moment (so dates and figures on screen are the
same on every run) and the real lobby app over a private copy of it. The helpers that drive it and
read its screen are in tests/support."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from kiosk import clock, i18n
from kiosk.config import Settings
from kiosk.db import connection
from support.fixed_demo import build_fixed_demo

FIXED = dt.datetime(2026, 11, 25, 10, 0, 0)  # "today" of the fixed demo database


@pytest.fixture(scope="session")
def fixed_demo_template(tmp_path_factory) -> str:
    """The demo, built as if today were FIXED. demo.build() unfreezes the clock after its
    back-dated reports; here "unfrozen" means FIXED again."""
    return build_fixed_demo(str(tmp_path_factory.mktemp("lobby-demo") / "demo.db"), FIXED)


@pytest.fixture
def lobby_db(fixed_demo_template, tmp_path) -> str:
    """A private copy of the fixed demo, connected, with the clock stopped just after FIXED."""
    path = str(tmp_path / "lobby.db")
    shutil.copyfile(fixed_demo_template, path)
    connection.connect(path)
    clock.freeze(FIXED + dt.timedelta(minutes=5))
    yield path
    connection.close()


@pytest.fixture
def make_app(lobby_db, tmp_path):
    """make_app(lang="zh", **settings) -> a LobbyApp for the first demo estate."""
    from kiosk.apps.lobby import LobbyApp
    from kiosk.domain import estates

    def make(lang: str = "zh", estate: str | None = None, **settings) -> LobbyApp:
        i18n.set_language(lang)
        s = Settings(db=lobby_db, lang=lang, log_file=str(tmp_path / "kiosk.log"), **settings)
        return LobbyApp(s, estates.resolve_estate(estate))

    return make
