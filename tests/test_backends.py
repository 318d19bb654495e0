"""What must hold on each back-end alike: 64-bit money and integer sums, the guard triggers, and
the same public report from the same data; plus what only PostgreSQL can get wrong."""

import json
import urllib.parse

import peewee
import pytest

from kiosk.db import backend, connection, schema
from kiosk.domain import estates, funding, ledger, verify
from kiosk.domain.money import MAX_FEN

import pg_databases
from kiosk_process import run_kiosk
from intruder import tamper

needs_pg = pytest.mark.skipif(not pg_databases.URL, reason="set KIOSK_TEST_PG (tools/pg-test does) to compare with PostgreSQL")


def test_amounts_beyond_32_bits_and_their_sums_come_back_as_exact_integers(db):
    e = estates.add_estate("t", "大额小区")
    p = funding.create_project("t", e.id, "整体改造", MAX_FEN)
    big = 3_000_000_000_00  # ¥3 billion: far past 2**31 fen
    for i in range(3):
        ledger.record("t", p.id, "government", big + i, status="received", contributor="市财政", receipt_no=f"G{i}")
    snap = funding.snapshot(p.id)
    assert snap.received_fen == 3 * big + 3 and type(snap.received_fen) is int
    assert type(snap.sources[0].received_fen) is int and snap.target_fen == MAX_FEN
    assert ledger.received_between(snap_day(), snap_day())["government"] == 3 * big + 3
    assert verify.run().ok


def snap_day():
    from kiosk import clock

    return clock.today()


def test_the_database_itself_refuses_edits_to_money_and_audit(db):
    assert not schema.missing_guards(db)
    e = estates.add_estate("t", "守卫小区")
    p = funding.create_project("t", e.id, "门禁", 1_000_00)
    ledger.record("t", p.id, "owners", 50_00, contributor="业主")
    for stmt in ("UPDATE contribution SET amount_fen = 1", "DELETE FROM contribution", "UPDATE audit_entry SET actor = 'x'",
                 "DELETE FROM audit_entry"):
        with pytest.raises(peewee.IntegrityError):
            with db.atomic():
                db.execute_sql(stmt)
    # Status may still move forward through the domain.
    ledger.cancel("t", 1, "重复录入")
    assert verify.run().ok


@needs_pg
def test_the_demo_gives_the_same_public_report_on_sqlite_and_postgresql(demo_template, pg_demo_template):
    def report(where):
        out = run_kiosk("--db", where, "export", "report", "--format", "json")
        assert out.returncode == 0, out.stderr
        data = json.loads(out.stdout)
        del data["generated_at"]
        return data

    on_sqlite = report(demo_template)
    on_pg = report(pg_databases.url_for(pg_demo_template))
    assert on_sqlite == on_pg
    assert on_sqlite["estates"] and all(e["projects"] for e in on_sqlite["estates"])
    for kind in ("csv", "md"):
        a = run_kiosk("--db", demo_template, "export", "report", "--format", kind).stdout
        b = run_kiosk("--db", pg_databases.url_for(pg_demo_template), "export", "report", "--format", kind).stdout
        drop = lambda text: [line for line in text.splitlines() if "generated" not in line.lower() and "生成" not in line and "审计" not in line]  # noqa: E731
        assert drop(a) == drop(b)


@pytest.mark.postgresql_only("SQLite triggers cannot be switched off, only dropped")
def test_a_switched_off_trigger_counts_as_missing_and_init_switches_it_back_on(db, db_path):
    connection.close()
    tamper(db_path, "ALTER TABLE contribution DISABLE TRIGGER guard_contribution_fixed", drop_triggers=False)
    database = connection.connect(db_path)
    assert "guard_contribution_fixed" in schema.missing_guards(database)
    assert any("guard_contribution_fixed" in f.where for f in verify.run().faults)
    schema.init(database)
    assert not schema.missing_guards(database) and verify.run().ok


@pytest.mark.postgresql_only("the SQLite twin is in test_cli and test_audit")
def test_an_amount_changed_with_psycopg2_is_named_by_verify(demo_path):
    tamper(demo_path, "UPDATE contribution SET amount_fen = amount_fen * 2 WHERE id = 12")
    out = run_kiosk("--db", demo_path, "--lang", "en", "verify")
    assert out.returncode == 1
    assert "contribution 12" in out.stdout and "guard" in out.stdout


@pytest.mark.postgresql_only("PostgreSQL addresses carry passwords")
def test_postgresql_addresses_are_printed_without_their_password(db_path):
    parts = urllib.parse.urlsplit(db_path)
    password = parts.password or "no-password-in-this-url"
    for args in (["init"], ["demo"], ["verify"], ["backup", "/tmp/never.db"]):
        out = run_kiosk("--db", db_path, *args)
        assert password not in out.stdout + out.stderr, args
    wrong = db_path.replace(f":{parts.port}/", ":1/")
    out = run_kiosk("--db", wrong, "verify")
    assert out.returncode == 1 and password not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_parse_url_keeps_passwords_out_of_descriptions():
    t = backend.parse_url("postgresql://kiosk:s3cret@db.example:5433/estates")
    assert "s3cret" not in t.describe() and "db.example:5433/estates" in t.describe()
