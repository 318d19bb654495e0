"""Two staff consoles and a reader on one SQLite file at once: conflicting edits of the same
project through the domain, each process with its own connection. No update is lost (the second
save of a read-modify-write is refused with Conflict and retried), no "database is locked", the
audit chain stays whole. And an open console picks up another process's change by itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from support import flat, press, settle
from support.admin import SIZE, make_app, sign_in

from kiosk.db import connection
from kiosk.domain import audit, funding, ledger

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 25

WRITER = r"""
import json, sys
from kiosk.db import connection
from kiosk.domain import funding, ledger
from kiosk.domain.errors import Conflict
db_path, actor, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
connection.connect(db_path)
conflicts = 0
for i in range(rounds):
    while True:  # what a staff member does after "someone else changed this project": reload, redo
        p = funding.get_project(1)
        try:
            funding.update_project(actor, 1, p.version, target_fen=p.target_fen + 100)
            break
        except Conflict:
            conflicts += 1
    ledger.record(actor, 1, "units", 100, contributor=actor, idempotency_key=f"{actor}-{i}")
print(json.dumps({"conflicts": conflicts}))
"""

READER = r"""
import json, os, sys
from kiosk.db import connection
from kiosk.domain import funding, reports, changes
db_path, stop = sys.argv[1], sys.argv[2]
connection.connect(db_path)
reads = 0
while not os.path.exists(stop) or reads < 5:
    funding.snapshot(1); reports.queue(); changes.revision()
    reads += 1
print(json.dumps({"reads": reads}))
"""


def _start(code: str, *args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, env=env)


def test_two_consoles_and_a_reader_lose_nothing(demo_path, tmp_path):
    connection.connect(demo_path)
    target0 = funding.get_project(1).target_fen
    entries0 = len(ledger.list_for_project(1, limit=10000))
    connection.close()
    stop = str(tmp_path / "stop")
    reader = _start(READER, demo_path, stop)
    writers = [_start(WRITER, demo_path, actor, str(ROUNDS)) for actor in ("fang", "wuye")]
    results = []
    for w in writers:
        out, err = w.communicate(timeout=300)
        assert w.returncode == 0, err
        assert "locked" not in err.lower()
        results.append(json.loads(out))
    Path(stop).touch()
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0 and "locked" not in err.lower(), err
    assert json.loads(out)["reads"] >= 5

    connection.connect(demo_path)
    # Every increment of both consoles is there: none overwrote the other's.
    assert funding.get_project(1).target_fen == target0 + 2 * ROUNDS * 100
    assert len(ledger.list_for_project(1, limit=10000)) == entries0 + 2 * ROUNDS
    assert audit.verify_chain() == []
    updates = [e.actor for e in audit.entries(entity="project", entity_id="1", limit=1000) if e.action == "project.update"]
    assert updates.count("fang") == ROUNDS and updates.count("wuye") == ROUNDS


async def test_an_open_console_shows_another_process_change(demo_path):
    connection.connect(demo_path)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1")
        assert "另一台终端改的名字" not in flat(app)
        writer = subprocess.run(
            [sys.executable, "-c", "import sys; from kiosk.db import connection; from kiosk.domain import funding;"
             "connection.connect(sys.argv[1]); p = funding.get_project(1);"
             "funding.update_project('wuye', 1, p.version, title='另一台终端改的名字')", demo_path],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60)
        assert writer.returncode == 0, writer.stderr
        # The change detector polls once a second; wait for it (generously), do not time it.
        deadline = time.monotonic() + 20
        while "另一台终端改的名字"[:8] not in flat(app) and time.monotonic() < deadline:
            await pilot.pause(0.2)
        assert "另一台终端改的名字"[:8] in flat(app)
