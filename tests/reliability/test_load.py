"""Load: several processes on one SQLite file for a bounded time (KIOSK_TEST_LOAD_SECONDS, 20 by
default) — an importer, two staff members editing the same project, notice and reports (what the
admin console calls), a live reader polling the revision and reloading the public figures, and the
real lobby (keys pressed all along) and display on pseudo-terminals — with a backup taken meanwhile.

Optimistic version conflicts are expected (the loser gets a message and reloads); anything else,
"database is locked" above all, fails the test. Afterwards the totals equal exactly what the
processes acknowledged and the audit chain verifies.
"""

from __future__ import annotations

import os

import pytest

from reliability import harness as h
from reliability.terminal_apps import TerminalApp

pytestmark = pytest.mark.sqlite_only("processes sharing one SQLite file; PostgreSQL concurrency is in tests/test_concurrency.py")

SECONDS = float(os.environ.get("KIOSK_TEST_LOAD_SECONDS", "20"))


def load_mix(files: list[h.ImportFile], project: int, notice: int) -> list[h.Part]:
    """The processes of the load test. Add the lobby, the display and admin sessions here as
    actor roles (see actors.py) when they exist; their acks and errors are checked like these."""
    shared = ("--shared-project", str(project), "--shared-notice", str(notice), "--think", "0.02")
    return [
        h.Part("importer", "importer", ("--files", *[str(f.path) for f in files])),
        h.Part("staff", "staff-a", shared),
        h.Part("staff", "staff-b", shared),
        h.Part("reader", "reader", ("--poll", "0.05")),
    ]


def test_importer_two_staff_and_a_live_screen_on_one_file(demo_path, tmp_path, seed):
    db = demo_path
    projects = [r[0] for r in h.sql(db, "SELECT id FROM project ORDER BY id")]
    (notice,), = h.sql(db, "SELECT MIN(id) FROM notice")
    baseline = h.received_total(db)
    files = h.make_import_files(tmp_path / "files", projects, count=30, rows=500, seed=seed, tag="L")
    backups = []

    def back_up_meanwhile() -> None:
        import time

        time.sleep(SECONDS / 2)
        copy = str(tmp_path / "during-load.db")
        result = h.run(h.kiosk("--db", db, "backup", copy))
        assert result.returncode == 0, result.stderr
        backups.append(copy)

    # Home → each section → back, and into the report form and out again.
    lobby = TerminalApp("lobby", db, ["lobby"], tmp_path, keys=b"1102030405060\x1b")
    display = TerminalApp("display", db, ["display", "--interval", "1"], tmp_path)
    try:
        finished = h.run_together(load_mix(files, projects[0], notice), db, tmp_path / "out", SECONDS, seed,
                                  during=back_up_meanwhile)
    finally:
        apps = [(app.name, app.output, *app.stop()) for app in (lobby, display)]
    shown = {name: output.decode("utf-8", "replace") for name, output, *_rest in apps}
    assert "资金" in shown["lobby"] and "工程" in shown["lobby"] and "盈谷中心小区" in shown["display"]
    for name, output, alive, status, log in apps:
        assert alive and status == 0, (name, status, output[-2000:])
        assert b"Traceback" not in output, name
        assert "ERROR" not in log and "locked" not in log.lower(), (name, log[-2000:])

    report = []
    for f in finished:
        errors = f.of("error")
        assert f.returncode == 0 and errors == [], (f.part.name, errors[:3], f.stderr[-2000:])
        assert "Traceback" not in f.stderr and "locked" not in f.stderr.lower(), f.stderr
        done = f.of("done")
        assert done, f"{f.part.name} did not finish"
        report.append(f"{f.part.name}: {done[0]['ops']} ops, {len(f.of('ack'))} acks, {len(f.of('expected'))} conflicts")
    print("; ".join(report))

    evs = [e for f in finished for e in f.events]
    n, problems = h.check_acks(db, evs, files)
    assert problems == [] and n > 0

    # No partial import, and the money in the file is exactly what was acknowledged.
    states = h.all_or_nothing(db, files)
    assert set(states.values()) <= {"in", "out"}, states
    acked_files = {e["file"] for e in evs if e.get("kind") == "import"}
    assert {name for name, s in states.items() if s == "in"} == acked_files
    imported = sum(f.total_fen for f in files if f.path.name in acked_files)
    pledges = {e["key"]: e["amount_fen"] for e in evs if e.get("kind") == "pledge"}
    confirmed = {e["key"] for e in evs if e.get("kind") == "confirm"}
    for f in finished:
        if f.part.role == "staff":
            mine = {k: v for k, v in pledges.items() if k.startswith(f"{f.part.name}-p")}
            assert h.pledge_total(db, f.part.name) == sum(mine.values())
    assert h.received_total(db) == baseline + imported + sum(pledges[k] for k in confirmed)

    assert h.integrity(db) == []
    result = h.verify(db)
    assert result.returncode == 0, result.stdout + result.stderr
    for copy in backups:
        assert h.verify(copy).returncode == 0
