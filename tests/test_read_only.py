"""A database this process cannot write (a copy on read-only media, a read-only folder) still
verifies, exports and backs up: it is opened read-only, never switched to WAL."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys

import pytest

from kiosk_process import kiosk_env, run_kiosk

pytestmark = pytest.mark.sqlite_only("read-only files and folders are SQLite's")


def _read_only(folder) -> list[str]:
    """The command prefix that runs a command with `folder` read-only. Root writes through file
    modes, so as root the folder is bind-mounted read-only in a mount namespace of its own."""
    if os.geteuid() != 0:
        for name in os.listdir(folder):
            os.chmod(folder / name, stat.S_IRUSR | stat.S_IRGRP)
        os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
        return []
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare: cannot make a folder read-only")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("running as root where mount namespaces are not allowed")
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    return ["unshare", "-m", "sh", "-c", script, str(folder)]


def _kiosk(prefix: list[str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          env=kiosk_env(), timeout=120)


def test_verify_export_and_backup_work_on_a_read_only_copy(demo_path, tmp_path):
    folder = tmp_path / "media"
    folder.mkdir()
    db = folder / "kiosk.db"
    shutil.copyfile(demo_path, db)
    expected = json.loads(run_kiosk("--db", str(db), "export", "report", "--format", "json").stdout)
    prefix = _read_only(folder)
    try:
        verified = _kiosk(prefix, "--db", str(db), "verify")
        assert verified.returncode == 0, verified.stdout + verified.stderr
        exported = _kiosk(prefix, "--db", str(db), "export", "report", "--format", "json")
        assert exported.returncode == 0, exported.stderr
        assert json.loads(exported.stdout)["estates"] == expected["estates"]
        backed_up = _kiosk(prefix, "--db", str(db), "backup", str(tmp_path / "copy.db"))
        assert backed_up.returncode == 0, backed_up.stderr
        written = _kiosk(prefix, "--db", str(db), "notice", "post", "--title", "停水", "--body", "明天")
        assert written.returncode != 0 and "Traceback" not in written.stderr
        assert sorted(os.listdir(folder)) == ["kiosk.db"]  # no -wal or -shm left beside it
    finally:
        os.chmod(folder, stat.S_IRWXU)
    assert run_kiosk("--db", str(tmp_path / "copy.db"), "verify").returncode == 0


def test_a_full_verify_and_a_backup_into_a_read_only_folder_say_why_in_the_users_words(demo_path, tmp_path):
    """verify --full on a read-only copy keeps no checkpoint and says so in the user's language (not
    SQLite's 'attempt to write a readonly database' with its query); a backup into a folder that
    cannot be written names the folder's reason, not its temporary file or an errno."""
    folder = tmp_path / "media"
    folder.mkdir()
    db = folder / "kiosk.db"
    shutil.copyfile(demo_path, db)
    prefix = _read_only(folder)
    try:
        full = _kiosk(prefix, "--db", str(db), "verify", "--full")
        assert full.returncode == 0, full.stdout + full.stderr
        assert "数据库是只读的" in full.stderr and "UPDATE" not in full.stderr and "readonly" not in full.stderr
        backup = _kiosk(prefix, "--db", str(db), "backup", str(folder / "copy.db"))
        assert backup.returncode != 0 and "Traceback" not in backup.stderr
        assert len(backup.stderr.strip().splitlines()) == 1
        assert "partial" not in backup.stderr and "Errno" not in backup.stderr
        assert str(folder / "copy.db") in backup.stderr
    finally:
        os.chmod(folder, stat.S_IRWXU)
