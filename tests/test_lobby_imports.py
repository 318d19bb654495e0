"""The lobby's start loads what its home screen needs and nothing heavier: every module imported
costs start-up time and resident memory on a small box (issue: first paint and peak memory
against a bare Textual app). The web server, QR and image libraries, the PostgreSQL driver, the
staff console, the display and the other commands are imported only where they are used."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk_process import kiosk_env

# `kiosk --db X lobby` as the CLI runs it (the same parser, the same driver skipping), the real
# LobbyApp started headless until home has painted with its data; then the loaded modules.
START = """
import asyncio, sys
from kiosk.db import drivers
drivers.skip_unused(sys.argv[1])  # as cli.main does before anything imports peewee
from kiosk import cli
from kiosk.apps import lobby
from kiosk.domain import estates

def run(settings):
    app = lobby.LobbyApp(settings, estates.resolve_estate(settings.estate))

    async def start():
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            print("home", type(app.screen).__name__, getattr(app.screen, "data", None) is not None)

    asyncio.run(start())
    print("loaded", " ".join(sorted(name for name, m in sys.modules.items() if m is not None)))
    return 0

lobby.run = run
sys.exit(cli.main(["--db", sys.argv[1], "lobby"]))
"""

# Never at the lobby's start: (module, why it stays out).
HEAVY = {
    "starlette": "kiosk web",
    "uvicorn": "kiosk web",
    "jinja2": "kiosk web",
    "qrcode": "the pledge screen draws its QR when opened",
    "PIL": "images: QR export only",
    "psycopg2": "PostgreSQL driver on a SQLite kiosk",
    "psycopg": "PostgreSQL driver on a SQLite kiosk",
    "sqlite3": "the standard library's SQLite: cysqlite is used",
    "kiosk.web": "kiosk web",
    "kiosk.apps.admin": "the staff console",
    "kiosk.apps.display": "the notice-board display",
    "kiosk.screens.admin": "the staff console's screens",
    "kiosk.domain.verify": "kiosk verify",
    "kiosk.domain.imports": "kiosk import",
    "kiosk.db.migrate": "kiosk migrate",
    "kiosk.domain.report_rates": "the export's and phone pages' report rates (every report of the year)",
    "kiosk.domain.emergency": "the emergency repairs' shares: tile 8 loads them when opened",
}
# The CLI modules a lobby start needs; every other command's module stays out.
CLI_NEEDED = {"kiosk.cli", "kiosk.cli.apps", "kiosk.cli.common", "kiosk.cli.parser", "kiosk.cli.paths"}


def _started(path: str) -> tuple[list[str], set[str]]:
    out = subprocess.run([sys.executable, "-c", START, path], capture_output=True, text=True, env=kiosk_env(),
                         timeout=120)
    assert out.returncode == 0, out.stderr
    lines = {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in out.stdout.splitlines() if " " in line}
    return lines["home"].split(), set(lines["loaded"].split())


@pytest.mark.sqlite_only("which drivers a SQLite lobby loads")
def test_the_lobby_starts_without_the_heavy_modules(demo_path):
    home, loaded = _started(demo_path)
    assert home == ["HomeScreen", "True"]  # started for real: home shows its data
    assert {"kiosk.apps.lobby", "kiosk.screens.lobby.home", "textual.app", "peewee", "cysqlite"} <= loaded
    heavy = {name: why for name, why in HEAVY.items()
             if name in loaded or any(m.startswith(name + ".") for m in loaded)}
    assert heavy == {}
    other_commands = {m for m in loaded if m.startswith("kiosk.cli.")} - CLI_NEEDED
    assert other_commands == set()
