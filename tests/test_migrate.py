"""`kiosk migrate-to`: a whole database moves to another back-end (SQLite to PostgreSQL and back)
with the same ids, the same audit chain and the same public report, or nothing moves at all.

The target is `db_path`: an empty SQLite file, and with KIOSK_TEST_PG also an empty PostgreSQL
database, so each test runs both ways the suite can reach."""

import json
import shutil
import sqlite3

import peewee
import pytest

from kiosk.db import connection, models, schema
from kiosk.db import migrate as copying
from kiosk.domain import migration as migrate
from kiosk.domain import estates, reports, verify

from kiosk_process import run_kiosk


@pytest.fixture
def sqlite_demo(demo_template, tmp_path) -> str:
    """The demo as a SQLite file, whatever back-end the target is."""
    dest = str(tmp_path / "source.db")
    shutil.copyfile(demo_template, dest)
    return dest


def report(where: str) -> dict:
    out = run_kiosk("--db", where, "export", "report", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    del data["generated_at"]
    return data


def audit_rows(sqlite_path: str) -> list[tuple]:
    con = sqlite3.connect(sqlite_path)
    try:
        return con.execute("SELECT seq, at, actor, action, entity, entity_id, data, prev_hash, hash FROM audit_entry ORDER BY seq").fetchall()
    finally:
        con.close()


def test_demo_moves_there_and_back_with_the_same_answers(sqlite_demo, db_path, tmp_path):
    moved = run_kiosk("--db", sqlite_demo, "--lang", "en", "migrate-to", db_path)
    assert moved.returncode == 0, moved.stderr
    assert "Verified on arrival" in moved.stdout and "contribution" in moved.stdout
    assert run_kiosk("--db", db_path, "verify").returncode == 0
    assert report(db_path) == report(sqlite_demo)

    back = str(tmp_path / "back.db")
    returned = run_kiosk("--db", db_path, "migrate-to", back)
    assert returned.returncode == 0, returned.stderr
    assert report(back) == report(sqlite_demo)
    # The chain is byte for byte the one the estate started with: same entries, same hashes.
    assert audit_rows(back) == audit_rows(sqlite_demo)


def test_new_rows_after_the_move_get_fresh_ids(sqlite_demo, db_path):
    assert run_kiosk("--db", sqlite_demo, "migrate-to", db_path).returncode == 0
    connection.connect(sqlite_demo)
    top = models.Estate.select(peewee.fn.MAX(models.Estate.id)).scalar()
    connection.close()
    added = run_kiosk("--db", db_path, "estate", "add", "搬迁后小区")
    assert added.returncode == 0, added.stderr
    assert added.stdout.split()[-1] == str(top + 1)
    assert run_kiosk("--db", db_path, "notice", "post", "--title", "搬迁完成", "--body", "数据已迁移").returncode == 0
    assert run_kiosk("--db", db_path, "verify").returncode == 0


def test_a_target_with_data_is_refused_in_one_line_and_left_alone(sqlite_demo, db_path):
    assert run_kiosk("--db", sqlite_demo, "migrate-to", db_path).returncode == 0
    before = report(db_path)
    again = run_kiosk("--db", sqlite_demo, "--lang", "en", "migrate-to", db_path)
    assert again.returncode == 1
    assert len(again.stderr.strip().splitlines()) == 1 and "not empty" in again.stderr
    assert report(db_path) == before


def test_a_target_that_only_had_kiosk_init_is_accepted(sqlite_demo, db_path):
    assert run_kiosk("--db", db_path, "init").returncode == 0
    moved = run_kiosk("--db", sqlite_demo, "migrate-to", db_path)
    assert moved.returncode == 0, moved.stderr
    assert report(db_path) == report(sqlite_demo)


def test_a_report_merged_into_a_later_one_survives_row_by_row_batches(tmp_path, db_path):
    source = str(tmp_path / "reports.db")
    schema.init(connection.connect(source, check_schema=False))
    e = estates.add_estate("t", "合并小区")
    b = models.Building.create(estate=e.id, name="1号楼")
    first = reports.submit("kiosk", e.id, "roof_leak", b.id, "顶楼漏雨")
    later = reports.submit("kiosk", e.id, "roof_leak", b.id, "顶楼也漏雨")
    reports.merge("s", first.id, later.id)
    summary = migrate.copy_to(db_path, batch=1)
    connection.close()
    assert summary.chain_seq > 0
    connection.connect(db_path)
    assert reports.get(first.id).merged_into == later.id
    assert verify.run().ok


def test_tables_of_later_features_are_copied_too(tmp_path, db_path):
    class LaterFeature(models.BaseModel):  # stands for a table a later schema version adds
        estate = peewee.ForeignKeyField(models.Estate)
        note = peewee.CharField()

    source = str(tmp_path / "later.db")
    db = connection.connect(source, check_schema=False)
    schema.init(db)
    e = estates.add_estate("t", "新功能小区")
    db.create_tables([LaterFeature])
    LaterFeature.insert_many([{"estate": e.id, "note": f"第{i}条"} for i in range(5)]).execute()
    summary = migrate.copy_to(db_path)
    assert ("later_feature", 5) in [(t.table, t.rows) for t in summary.tables]
    connection.close()
    connection.connect(db_path)
    assert [r.note for r in LaterFeature.select().order_by(LaterFeature.id)] == [f"第{i}条" for i in range(5)]
    connection.current().drop_tables([LaterFeature])


def test_a_copy_that_arrives_different_is_rolled_back(sqlite_demo, db_path, monkeypatch, db_kind):
    connection.connect(sqlite_demo)
    real = copying.table_digest

    def corrupted(db, model, batch=copying.BATCH):  # as if a row changed on the way
        n, digest = real(db, model, batch)
        return (n, "0" * 64) if model is models.Contribution else (n, digest)

    monkeypatch.setattr(copying, "table_digest", corrupted)
    with pytest.raises(migrate.MigrationFailed) as err:
        migrate.copy_to(db_path)
    assert any("contribution" in d for d in err.value.differences)
    connection.close()
    if db_kind == "sqlite":
        import os

        assert not os.path.exists(db_path)  # the file it created is gone again
    else:
        target = connection.connect(db_path, check_schema=False)
        assert schema.stored_version(target) is None  # even the tables were rolled back


def test_a_source_that_fails_verify_is_not_moved(sqlite_demo, db_path):
    from intruder import tamper

    tamper(sqlite_demo, "UPDATE contribution SET amount_fen = amount_fen + 1 WHERE id = 3")
    out = run_kiosk("--db", sqlite_demo, "--lang", "en", "migrate-to", db_path)
    assert out.returncode == 1 and "verify" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_bad_target_addresses_get_one_line(sqlite_demo):
    for url in ("mysql://x/y", "postgresql://nobody@127.0.0.1:1/none"):
        out = run_kiosk("--db", sqlite_demo, "migrate-to", url)
        assert out.returncode == 1, out.stdout
        assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_the_report_is_compared_at_one_instant_however_long_the_copy_takes(tmp_path, db_path, monkeypatch):
    """A report that falls due while the rows are copied (a big sub-district takes minutes) is
    not a difference: the report on arrival is taken at the instant the source's was."""
    import datetime as dt

    from kiosk import clock

    source = str(tmp_path / "due.db")
    schema.init(connection.connect(source, check_schema=False))
    t0 = dt.datetime(2026, 5, 4, 9, 0, 0)
    clock.freeze(t0)
    try:
        e = estates.add_estate("t", "到期小区")
        b = models.Building.create(estate=e.id, name="1号楼")
        reports.submit("kiosk", e.id, "road", b.id, "路面坑洼")  # counted once its 24 h have run out
        clock.advance(dt.timedelta(hours=24) - dt.timedelta(seconds=30))
        real = copying._compare

        def slow_compare(*args):  # the copy takes a minute: the report falls due meanwhile
            clock.advance(dt.timedelta(minutes=1))
            return real(*args)

        monkeypatch.setattr(copying, "_compare", slow_compare)
        summary = migrate.copy_to(db_path)
    finally:
        clock.reset()
        connection.close()
    assert summary.projects == 0 and summary.chain_seq > 0
