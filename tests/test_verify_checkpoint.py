"""`kiosk verify` from the last full verify's checkpoint, and `--full`.

An intruder drops the guard triggers, changes a money entry and (the careful one) puts the triggers
back with `kiosk init`: a plain verify catches a changed entry added since the checkpoint, and a
missing trigger; an entry older than the checkpoint is left to `--full`, which catches it."""

from __future__ import annotations

from intruder import tamper
from kiosk_process import run_kiosk


def _import(db: str, tmp_path, name: str, rows: int = 3, project: int = 1) -> None:
    f = tmp_path / name
    f.write_text("project_id,source,amount,contributor,status,date,receipt_no\n" + "".join(
        f"{project},units,{100 + i},新单位{i},received,2026-11-20,{name}-{i}\n" for i in range(rows)), encoding="utf-8")
    result = run_kiosk("--db", db, "import", "contributions", str(f))
    assert result.returncode == 0, result.stderr


def _newest_id(db: str) -> int:
    from kiosk.db import connection
    from kiosk.db.models import Contribution

    connection.connect(db)
    try:
        return Contribution.select().order_by(Contribution.id.desc()).first().id
    finally:
        connection.close()


def _verify(db: str, *args: str):
    return run_kiosk("--db", db, "--lang", "en", "verify", *args)


def test_plain_verify_checks_everything_until_a_full_one_records_a_checkpoint(demo_path):
    first = _verify(demo_path)
    assert first.returncode == 0 and "since the full verify" not in first.stdout
    assert _verify(demo_path).stdout == first.stdout  # a plain verify writes nothing
    full = _verify(demo_path, "--full")
    assert full.returncode == 0, full.stdout + full.stderr
    after = _verify(demo_path)
    assert after.returncode == 0 and "since the full verify" in after.stdout


def test_an_entry_changed_since_the_checkpoint_is_caught_without_full(demo_path, tmp_path):
    assert _verify(demo_path, "--full").returncode == 0
    _import(demo_path, tmp_path, "new.csv")
    new_id = _newest_id(demo_path)
    tamper(demo_path, f"UPDATE contribution SET amount_fen = amount_fen + 100 WHERE id = {new_id}")
    dropped = _verify(demo_path)
    assert dropped.returncode != 0 and "guard trigger is missing" in dropped.stdout
    assert "import batch" in dropped.stdout and "Traceback" not in dropped.stdout + dropped.stderr
    assert run_kiosk("--db", demo_path, "init").returncode == 0  # the triggers put back
    restored = _verify(demo_path)
    assert restored.returncode != 0 and "import batch" in restored.stdout and "trigger" not in restored.stdout


def test_an_entry_older_than_the_checkpoint_is_left_to_full(demo_path, tmp_path):
    assert _verify(demo_path, "--full").returncode == 0
    _import(demo_path, tmp_path, "later.csv")
    # The careful intruder also moves the running total (a plain verify sums the whole ledger).
    tamper(demo_path, "UPDATE contribution SET amount_fen = amount_fen + 100 WHERE id = 7",
           "UPDATE funding_total SET amount_fen = amount_fen + 100 WHERE "
           + " AND ".join(f"{c} = (SELECT {c} FROM contribution WHERE id = 7)" for c in ("project_id", "source", "status")))
    assert run_kiosk("--db", demo_path, "init").returncode == 0
    plain = _verify(demo_path)
    assert plain.returncode == 0, plain.stdout  # what the docs say a plain verify does not catch
    full = _verify(demo_path, "--full")
    assert full.returncode != 0 and "contribution 7" in full.stdout
    assert "since the full verify" not in full.stdout


def test_a_deleted_old_entry_and_a_rewritten_checkpoint_head_are_caught_without_full(demo_path):
    assert _verify(demo_path, "--full").returncode == 0
    tamper(demo_path, "DELETE FROM contribution WHERE id = 7")
    gone = _verify(demo_path)
    assert gone.returncode != 0 and "the last full verify counted" in gone.stdout


def test_the_checkpoints_chain_head_is_rechecked(demo_path):
    assert _verify(demo_path, "--full").returncode == 0
    from kiosk.db import connection
    from kiosk.domain import verify

    connection.connect(demo_path)
    try:
        seq = verify.last_checkpoint().seq
    finally:
        connection.close()
    tamper(demo_path, f"UPDATE audit_entry SET hash = '{'0' * 64}' WHERE seq = {seq}")
    caught = _verify(demo_path)
    assert caught.returncode != 0 and f"audit entry #{seq}" in caught.stdout
