"""`kiosk backup` on a live database: a copy taken in the middle of an import verifies (and holds
the import entirely or not at all); a killed backup never spoils the previous one; the restore
steps of docs/operations.md work as written."""

from __future__ import annotations

import os
import random
import shutil
import stat
import time

import pytest

from reliability import harness as h

pytestmark = pytest.mark.sqlite_only("the online backup API and PRAGMA integrity_check of a SQLite file; PostgreSQL is backed up with pg_dump")


def _projects(db: str) -> list[int]:
    return [r[0] for r in h.sql(db, "SELECT id FROM project ORDER BY id")]


def test_a_backup_taken_mid_import_verifies(demo_path, tmp_path, seed):
    db = demo_path
    (big,) = h.make_import_files(tmp_path / "files", _projects(db), count=1, rows=80000, seed=seed, tag="B")
    importer = h.spawn(h.kiosk("--db", db, "--lang", "en", "import", "contributions", str(big.path)), tmp_path / "import.out")
    copies = []  # (path, the import held its open transaction before and after this backup)
    while importer.popen.poll() is None and len(copies) < 6:
        before = h.write_lock_held(db)
        if not before and not copies:
            time.sleep(0.01)  # wait for the import to reach its write transaction
            continue
        copy = str(tmp_path / f"copy-{len(copies)}.db")
        result = h.run(h.kiosk("--db", db, "--lang", "en", "backup", copy))
        assert result.returncode == 0, result.stderr
        after = h.write_lock_held(db) and importer.popen.poll() is None
        copies.append((copy, before and after))
    assert importer.popen.wait(timeout=120) == 0, importer.err.read_text()
    mid = [c for c, inside in copies if inside]
    assert mid, "no backup overlapped the import's transaction: make the file bigger"
    for copy, _inside in copies:
        assert h.integrity(copy) == []
        result = h.verify(copy)
        assert result.returncode == 0, result.stdout + result.stderr
        assert h.all_or_nothing(copy, [big])[big.path.name] in ("in", "out")
    for copy in mid:
        assert h.all_or_nothing(copy, [big])[big.path.name] == "out"
    assert h.all_or_nothing(db, [big])[big.path.name] == "in"
    print(f"{len(copies)} backups during the import, {len(mid)} inside its open transaction; all verify")


def test_backups_under_staff_writers_verify(demo_path, tmp_path, seed):
    db = demo_path
    parts = [h.Part("staff", "a"), h.Part("staff", "b")]
    copies = []

    def back_up_meanwhile() -> None:
        for k in range(4):
            copy = str(tmp_path / f"live-{k}.db")
            result = h.run(h.kiosk("--db", db, "backup", copy))
            assert result.returncode == 0, result.stderr
            copies.append(copy)

    finished = h.run_together(parts, db, tmp_path / "out", 4, seed, during=back_up_meanwhile)
    assert all(f.returncode == 0 for f in finished), [f.of("error") for f in finished]
    for copy in copies:
        result = h.verify(copy)
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_killed_backup_leaves_the_previous_backup_whole(demo_path, tmp_path, seed):
    db = demo_path
    dest = str(tmp_path / "nightly.db")
    assert h.run(h.kiosk("--db", db, "backup", dest)).returncode == 0
    argv = h.kiosk("--db", db, "backup", dest, "--force")
    timing = h.calibrate(db, lambda d: h.kiosk("--db", d, "backup", "--force", str(tmp_path / "calib-copy.db")), tmp_path)
    rng = random.Random(seed)
    log = h.CrashLog()
    for k in range(8):
        log.outcomes += [h.kill_at(argv, timing.delay(rng), tmp_path / f"kill-{k}.out")]
        assert h.verify(dest).returncode == 0
    assert os.stat(dest).st_mode & 0o077 == 0  # names and phones: the owner's eyes only
    result = h.run(argv)
    assert result.returncode == 0, result.stderr
    leftovers = [n for n in os.listdir(tmp_path) if ".partial-" in n]
    assert leftovers == [], leftovers  # the next backup sweeps what killed ones left
    print(f"backup: {timing}; {log.summary()}")


def test_backup_refusals_are_one_line(demo_path, tmp_path):
    for args in (["backup", str(tmp_path / "no" / "such" / "dir.db")], ["backup", demo_path, "--force"],
                 ["backup", str(tmp_path)]):
        result = h.run(h.kiosk("--db", demo_path, *args))
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert h.verify(demo_path).returncode == 0


def test_restore_as_the_operations_guide_says(demo_path, tmp_path):
    """docs/operations.md: stop the services, copy the backup back, `kiosk verify`, start."""
    db = demo_path
    backup = str(tmp_path / "kiosk-backup.db")
    assert h.run(h.kiosk("--db", db, "backup", backup)).returncode == 0
    before = h.run(h.kiosk("--db", db, "export", "report", "--format", "csv")).stdout
    # The disk is lost (or the file damaged): the database and its WAL are gone.
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copyfile(backup, db)
    os.chmod(db, stat.S_IRUSR | stat.S_IWUSR)
    result = h.verify(db)
    assert result.returncode == 0, result.stdout + result.stderr
    after = h.run(h.kiosk("--db", db, "export", "report", "--format", "csv")).stdout
    assert before.splitlines()[1:] == after.splitlines()[1:]
