"""An entry's digest lines written in their fixed layout (what the import records and verify
recomputes) are the canonical encoder's bytes, and a column holding another type than the
writer's is never read as the value it resembles."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.domain import audit, ledger, ledger_lines

from intruder import tamper

TEXTS = ("", "业主", 'a "quoted" name', "back\\slash", "tab\there", "line\nbreak", "\x7f\x1b[31m", "😀 emoji", "\u2028")


@pytest.mark.parametrize("text", TEXTS)
def test_the_fixed_layout_is_the_encoders_bytes(text):
    row = {"id": 123456, "project": 7, "source": "owners", "amount_fen": 9_999_999_99, "household": None,
           "contributor": text, "receipt_no": text or None, "created_status": "pledged"}
    assert ledger_lines.digest_json(*ledger.digest_line(row)) == audit.canonical(list(ledger.digest_line(row)))
    row |= {"household": 42, "receipt_no": None, "created_status": "received"}
    assert ledger_lines.digest_json(*ledger.digest_line(row)) == audit.canonical(list(ledger.digest_line(row)))
    for pledged_on, received_on, created_at in ((dt.date(2026, 11, 20), None, dt.datetime(2026, 11, 20, 9, 30, 1, 5)),
                                                ("2026-11-20", "2026-11-21", "2026-11-21 08:00:00")):
        detail = {"id": 5, "pledged_on": pledged_on, "received_on": received_on, "note": text,
                  "idempotency_key": text or None, "created_at": created_at, "created_status": "received"}
        line = ledger.detail_line(detail)
        when = [ledger_lines.when_json(v) for v in (pledged_on, received_on, created_at)]
        assert ledger_lines.detail_json(5, when[0], when[1], text, text or None, when[2]) == audit.canonical(list(line))


@pytest.mark.parametrize("amount", [100.5, 100.0, "100", None])
def test_a_value_of_another_type_gives_other_bytes(amount):
    """A tampered column (a real number, text, NULL where the writer stored a whole number) takes
    the encoder's slow path: its bytes are the encoder's, not the whole number's."""
    good = ledger_lines.digest_json(1, 7, "owners", 100, None, "业主", None, "received")
    bad = ledger_lines.digest_json(1, 7, "owners", amount, None, "业主", None, "received")
    assert bad != good and bad == audit.canonical([1, 7, "owners", amount, None, "业主", None, "received"])
    assert ledger_lines.detail_json(1, "null", "null", None, None, "null") == "[1,null,null,null,null,null]"


@pytest.mark.sqlite_only("SQLite keeps a real number in an integer column; PostgreSQL refuses it")
def test_plain_verify_catches_a_whole_amount_turned_into_a_real_number(demo_path, tmp_path):
    """100 fen stored as 100.5: the old reading (int(100.5) == 100) would have passed it."""
    from kiosk_process import run_kiosk

    f = tmp_path / "new.csv"
    f.write_text("project_id,source,amount,contributor,status,date,receipt_no\n"
                 "1,units,100,新单位,received,2026-11-20,N-1\n1,units,200,新单位,pledged,2026-11-20,N-2\n", encoding="utf-8")
    assert run_kiosk("--db", demo_path, "verify", "--full").returncode == 0
    assert run_kiosk("--db", demo_path, "import", "contributions", str(f)).returncode == 0
    assert run_kiosk("--db", demo_path, "--lang", "en", "verify").returncode == 0
    # The careful intruder keeps the running total's sum, so only the entry itself can tell.
    tamper(demo_path, "UPDATE contribution SET amount_fen = amount_fen + 0.5 WHERE receipt_no = 'N-1'",
           "UPDATE contribution SET amount_fen = amount_fen - 0.5 WHERE receipt_no = 'N-2'", drop_triggers=True)
    assert run_kiosk("--db", demo_path, "init").returncode == 0  # the triggers put back
    plain = run_kiosk("--db", demo_path, "--lang", "en", "verify")
    assert plain.returncode != 0 and "import batch" in plain.stdout, plain.stdout
    assert "Traceback" not in plain.stdout + plain.stderr
