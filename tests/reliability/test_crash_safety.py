"""Crash safety: real processes SIGKILLed at random points, then the work finished.

After every kill: the file passes `PRAGMA integrity_check`, every import file is entirely in or
entirely out, and every write a process acknowledged is there. At the end, after the killed work
is run again to completion: `kiosk verify` passes and every total is exact (nothing counted twice).
"""

from __future__ import annotations

import json
import os
import random
import re

import pytest

from reliability import harness as h
from reliability.actors import pledge_plan

pytestmark = pytest.mark.sqlite_only("kills processes writing one SQLite file and checks the file itself")

IMPORTED = re.compile(r"Imported (\d+) of (\d+) rows from (\S+\.csv)")


def _projects(db: str) -> list[int]:
    """The projects the staff writers pledge to (actors.role_staff): those that still take money."""
    return [r[0] for r in h.sql(db, "SELECT id FROM project WHERE status != 'cancelled' AND closed_at IS NULL "
                                    "AND kind = 'ordinary' ORDER BY id")]


def _import(db: str, f: h.ImportFile) -> list[str]:
    return h.kiosk("--db", db, "--lang", "en", "import", "contributions", str(f.path))


def _import_acks(outcome: h.Outcome) -> list[str]:
    """Files a CLI import reported as imported (it prints only after the commit)."""
    text = outcome.out.read_text(encoding="utf-8", errors="replace") if outcome.out.exists() else ""
    return [m.group(3) for m in IMPORTED.finditer(text)]


def _crash_imports(db: str, tmp_path, seed: str, kills: int, files: int = 10, rows: int = 4000):
    baseline = h.received_total(db)
    batch = h.make_import_files(tmp_path / "files", _projects(db), count=files, rows=rows, seed=seed)
    timing = h.calibrate(db, lambda d: _import(d, batch[0]), tmp_path)
    rng = random.Random(seed)
    acked: set[str] = set()
    kinds = {"before the transaction": 0, "inside the transaction": 0, "after the commit": 0}

    def after_each(outcomes: list[h.Outcome]) -> None:
        assert h.integrity(db) == []
        states = h.all_or_nothing(db, batch)
        partial = {name: s for name, s in states.items() if s not in ("in", "out")}
        assert not partial, partial
        for o in outcomes:
            acked.update(_import_acks(o))
            assert "Traceback" not in o.out.with_suffix(".err").read_text(errors="replace")
        lost = {name for name in acked if states[name] != "in"}
        assert not lost, f"acknowledged imports lost: {lost}"
        for o in outcomes:
            if o.killed:
                name = o.argv[-1].rsplit("/", 1)[-1]
                if states[name] == "in":
                    kinds["after the commit"] += 1
                elif timing.lock_from is not None and o.delay >= timing.lock_from:
                    kinds["inside the transaction"] += 1
                else:
                    kinds["before the transaction"] += 1

    jobs = [lambda f=f: _import(db, f) for f in batch]
    log = h.crash_rounds(jobs, kills, rng, tmp_path / "runs", timing, after_each)
    print(f"imports: {timing}; {log.summary()}; killed (roughly): {kinds}")

    # The state a power cut leaves verifies as it is, before anything is re-run.
    killed_state = h.verify(db)
    assert killed_state.returncode == 0, killed_state.stdout + killed_state.stderr

    # Finish the work: every file again, to completion. A file that was already in is refused,
    # naming the import that took it (how staff tell whether a killed import committed); a few
    # more retries are refused the same way and add nothing.
    was_in = {name for name, s in h.all_or_nothing(db, batch).items() if s == "in"}
    for f in batch + rng.sample(batch, 3):
        result = h.run(_import(db, f))
        assert "Traceback" not in result.stderr
        if f.path.name in was_in:
            assert result.returncode != 0 and f.path.name in result.stderr, result.stdout + result.stderr
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        else:
            assert result.returncode == 0, result.stderr
            assert IMPORTED.search(result.stdout), result.stdout
        was_in.add(f.path.name)
    assert set(h.all_or_nothing(db, batch).values()) == {"in"}
    for f in batch:
        assert h.prefix_totals(db, f.prefix) == (f.rows, f.total_fen), f.path.name
    assert h.received_total(db) == baseline + sum(f.total_fen for f in batch)
    assert h.integrity(db) == []
    final = h.verify(db)
    assert final.returncode == 0, final.stdout + final.stderr
    return log


def test_ten_import_files_killed_at_random_then_finished_are_all_or_nothing_and_exact(demo_path, tmp_path, seed, kills):
    log = _crash_imports(demo_path, tmp_path, seed, kills)
    assert log.kills == kills


def _sound_after_each_kill(db: str, outs: list[h.Outcome]):
    """The check after every round of kills: the file is sound, no run reported an error, and
    every write acknowledged so far (by any run, killed or not) is in the database."""

    def after_each(outcomes: list[h.Outcome]) -> None:
        outs.extend(outcomes)
        assert h.integrity(db) == []
        evs = [e for o in outs for e in h.events(o.out)]
        assert [e for e in evs if e.get("ev") == "error"] == []
        assert h.check_acks(db, evs)[1] == []

    return after_each


def _crash_writer(db: str, tmp_path, seed: str, kills: int, ops: int = 300):
    name = "s1"
    argv = h.actor("staff", db, name, "--ops", str(ops), "--seed", seed)
    # Kill points scaled to a fifth of the work, so that each retry gets a little further (a
    # retry first replays what is done, quickly) and most runs die before the end.
    timing = h.calibrate(db, lambda d: h.actor("staff", d, name, "--ops", str(ops // 5), "--seed", seed), tmp_path)
    rng = random.Random(seed)
    outs: list[h.Outcome] = []
    after_each = _sound_after_each_kill(db, outs)
    log = h.crash_rounds([lambda: argv], kills, rng, tmp_path / "runs", timing, after_each)
    # Retry the killed work to completion.
    done = h.run(argv)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    final_events = [e for o in outs for e in h.events(o.out)] + [json.loads(line) for line in done.stdout.splitlines()]
    n_acks, problems = h.check_acks(db, final_events)
    assert problems == [] and n_acks > 0
    print(f"staff writer: {timing}; {log.summary()}; {n_acks} acknowledged writes all present")

    projects = _projects(db)
    pledge_ops = [i for i in range(ops) if i % 6 in (0, 1)]
    expected = sum(pledge_plan(seed, name, i, projects)["amount_fen"] for i in pledge_ops)
    assert h.pledge_total(db, name) == expected
    (n_pledges,), = h.sql(db, "SELECT COUNT(*) FROM contribution WHERE idempotency_key LIKE ?", f"{name}-p%")
    assert n_pledges == len(pledge_ops)
    # Posted once each, whatever the kills; the last edit of the project is the one that stands.
    assert h.sql(db, "SELECT title FROM notice WHERE title LIKE ? GROUP BY title HAVING COUNT(*) > 1", f"{name} notice %") == []
    (n_notices,), = h.sql(db, "SELECT COUNT(*) FROM notice WHERE title LIKE ?", f"{name} notice %")
    assert n_notices == len([i for i in range(ops) if i % 6 == 4])
    assert h.sql(db, "SELECT description FROM report WHERE description LIKE ? GROUP BY description HAVING COUNT(*) > 1",
                 f"{name} report %") == []
    last_edit = max(i for i in range(ops) if i % 6 == 3)
    assert h.sql(db, "SELECT description FROM project WHERE id = ?", projects[0]) == [(f"{name} edit {last_edit}",)]
    final = h.verify(db)
    assert final.returncode == 0, final.stdout + final.stderr
    return log


def test_staff_writer_killed_at_random_loses_no_acknowledged_write_and_counts_nothing_twice(demo_path, tmp_path, seed, kills):
    log = _crash_writer(demo_path, tmp_path, seed, max(5, kills // 2))
    assert log.kills >= 5


def _crash_voter(db: str, tmp_path, seed: str, kills: int):
    """Paper ballots entered one household after another, killed at random, then finished: every
    acknowledged ballot is there, no household has two, and the count is what was entered."""
    argv = h.actor("voter", db, "v1", "--ops", "100000", "--seed", seed)  # until every household has voted
    timing = h.calibrate(db, lambda d: h.actor("voter", d, "v1", "--ops", "20", "--seed", seed), tmp_path)
    rng = random.Random(seed)
    outs: list[h.Outcome] = []
    log = h.crash_rounds([lambda: argv], kills, rng, tmp_path / "runs", timing, _sound_after_each_kill(db, outs))
    done = h.run(argv)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    evs = [e for o in outs for e in h.events(o.out)] + [json.loads(line) for line in done.stdout.splitlines()]
    n_acks, problems = h.check_acks(db, evs)
    assert problems == [] and n_acks > 0
    print(f"voter: {timing}; {log.summary()}; {n_acks} acknowledged ballots all present")

    (poll_id,), = {(e["poll"],) for e in evs if e.get("kind") == "ballot"}
    households = {e["household"]: e["choice"] for e in evs if e.get("kind") == "ballot" and e["choice"]}
    assert households
    stored = dict(h.sql(db, "SELECT b.household_id, o.label FROM ballot b JOIN poll_option o ON o.id = b.option_id "
                            "WHERE b.poll_id = ? AND b.channel = 'paper'", poll_id))
    assert {hh: stored.get(hh) for hh in households} == households
    (n, distinct), = h.sql(db, "SELECT COUNT(*), COUNT(DISTINCT household_id) FROM ballot WHERE poll_id = ?", poll_id)
    assert n == distinct
    tally = json.loads(h.run(h.kiosk("--db", db, "poll", "tally", str(poll_id), "--format", "json")).stdout)
    assert tally["participating"]["households"] == n
    assert h.verify(db).returncode == 0


def test_ballots_killed_at_random_are_each_counted_once(demo_path, tmp_path, seed, kills):
    _crash_voter(demo_path, tmp_path, seed, max(5, kills // 2))


def _crash_mixed(db: str, tmp_path, seed: str, kills: int, ops: int = 300):
    """An import and a staff session at the same time, both killed at the same moment."""
    batch = h.make_import_files(tmp_path / "files", _projects(db), count=10, rows=4000, seed=seed, tag="M")
    writer = h.actor("staff", db, "m1", "--ops", str(ops), "--seed", seed)
    timing = h.calibrate(db, lambda d: _import(d, batch[0]), tmp_path)
    rng = random.Random(seed)
    outs: list[h.Outcome] = []
    acked: set[str] = set()

    def after_each(outcomes: list[h.Outcome]) -> None:
        outs.extend(outcomes)
        assert h.integrity(db) == []
        states = h.all_or_nothing(db, batch)
        assert set(states.values()) <= {"in", "out"}, states
        for o in outcomes:
            acked.update(_import_acks(o))
        assert all(states[name] == "in" for name in acked)
        evs = [e for o in outs for e in h.events(o.out)]
        assert [e for e in evs if e.get("ev") == "error"] == []
        assert h.check_acks(db, evs)[1] == []

    log = h.CrashLog()
    rounds = 0
    while log.kills < kills:
        rounds += 1
        outcomes = h.kill_together([_import(db, rng.choice(batch)), writer], timing.delay(rng),
                                   [tmp_path / "runs" / f"{rounds:03d}-{k}.out" for k in range(2)])
        log.outcomes += outcomes
        after_each(outcomes)
    print(f"mixed: {timing}; {log.summary()}")
    for f in batch:
        assert h.run(_import(db, f)).returncode == 0
    assert h.run(writer).returncode == 0
    for f in batch:
        assert h.prefix_totals(db, f.prefix) == (f.rows, f.total_fen)
    projects = _projects(db)
    assert h.pledge_total(db, "m1") == sum(pledge_plan(seed, "m1", i, projects)["amount_fen"]
                                           for i in range(ops) if i % 6 in (0, 1))
    assert h.verify(db).returncode == 0


@pytest.mark.slow
def test_many_more_kills(demo_path, tmp_path, seed):
    n = int(os.environ.get("KIOSK_TEST_KILLS_SLOW", "100"))
    _crash_imports(demo_path, tmp_path / "imports", seed, n, files=10, rows=8000)
    _crash_writer(demo_path, tmp_path / "writer", seed, n // 2, ops=600)
    _crash_mixed(demo_path, tmp_path / "mixed", seed, n)
    _crash_voter(demo_path, tmp_path / "voter", seed, n // 2)
