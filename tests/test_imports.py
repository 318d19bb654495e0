"""CSV imports: encodings, all-or-nothing with every bad line named, receipts never counted twice,
and two import processes at once."""

import concurrent.futures as cf

import pytest

from kiosk.domain import estates, funding, imports
from kiosk.domain.errors import ValidationError
from kiosk.domain.imports import AlreadyImported, RowErrors

from kiosk_process import run_kiosk

HEADER = "project_id,source,amount,contributor,status,date,receipt_no\n"


@pytest.fixture
def project(db):
    e = estates.add_estate("t", "导入小区")
    return funding.create_project("t", e.id, "车棚", 50_000_00)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_every_spreadsheet_encoding_imports(tmp_path, project, encoding):
    body = HEADER + f"{project.id},units,\"1,200.50\",京平建设工程有限公司,received,2026-11-20,R-1\n" \
                    f"{project.id},owners,３００,业主（3号楼）,pledged,2026/11/21,\n"
    path = write(tmp_path, "c.csv", body, encoding)
    result = imports.contributions("t", path)
    assert (result.rows, result.imported, result.total_fen) == (2, 2, 120050 + 30000)
    snap = funding.snapshot(project.id)
    assert (snap.received_fen, snap.pledged_fen) == (120050, 30000)


def test_one_bad_row_changes_nothing_and_every_bad_line_is_named(tmp_path, project):
    body = HEADER + "\n".join([
        f"{project.id},units,100,甲,received,2026-11-20,R1",      # line 2 ok
        f"{project.id},units,-5,乙,received,2026-11-20,R2",       # line 3 negative
        f"{project.id},lottery,5,丙,received,2026-11-20,R3",      # line 4 unknown source
        f"999,units,5,丁,received,2026-11-20,R4",                 # line 5 unknown project
        f"{project.id},units,1.005,戊,received,2026-11-20,R5",    # line 6 three decimals
        f"{project.id},units,5,己,received,2026-13-40,R6",        # line 7 bad date
        f"{project.id},units,1e9,庚,received,2026-11-20,R7",      # line 8 exponent
    ]) + "\n"
    path = write(tmp_path, "bad.csv", body)
    with pytest.raises(RowErrors) as err:
        imports.contributions("t", path)
    assert [line for line, _why in err.value.problems] == [3, 4, 5, 6, 7, 8]
    assert funding.snapshot(project.id).received_fen == 0


def test_reimporting_the_same_file_is_refused_naming_the_first_import(tmp_path, project):
    # Rows without receipt numbers too: the file as a whole is recognised by its fingerprint.
    path = write(tmp_path, "c.csv", HEADER + f"{project.id},government,10000,区财政,received,2026-11-20,G-1\n"
                                               f"{project.id},owners,200,业主,received,2026-11-20,\n")
    first = imports.contributions("staff-a", path)
    with pytest.raises(AlreadyImported) as err:
        imports.contributions("staff-b", path)
    message = str(err.value)
    assert "c.csv" in message and "staff-a" in message and "2" in message and "\n" not in message
    assert err.value.past.count == first.imported == 2
    assert funding.snapshot(project.id).received_fen == 1_020_000


def _resaved(rows: list[str], how: str) -> tuple[str, str]:
    """The same rows as a spreadsheet may save them again: (text, encoding)."""
    if how == "crlf-bom":
        return HEADER.replace("\n", "\r\n") + "".join(r + "\r\n" for r in rows), "utf-8-sig"
    if how == "gb18030":
        return HEADER + "".join(r + "\n" for r in rows), "gb18030"
    if how == "reordered":
        return HEADER + "".join(r + "\n" for r in reversed(rows)), "utf-8"
    if how == "columns":  # columns in another order, cells quoted and padded, a blank line at the end
        head = "receipt_no,date,status,contributor,amount,source,project_id\n"
        body = "".join(",".join('" ' + c.replace('"', '""') + ' "' for c in reversed(r.split(","))) + "\n" for r in rows)
        return head + body + ",,,,,,\n\n", "utf-8"
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["crlf-bom", "gb18030", "reordered", "columns"])
def test_the_same_rows_saved_again_as_another_file_are_refused(tmp_path, project, how):
    """Rows without receipt numbers in a file opened and saved again (other bytes): still the
    import done before, so nothing is counted twice."""
    rows = [f"{project.id},owners,300,=HYPERLINK(\"x\"),received,2026-12-05,",
            f"{project.id},owners,500,王五,received,2026-12-05,",
            f"{project.id},units,800,京平公司,received,2026-12-05,R-9"]
    first = imports.contributions("staff-a", write(tmp_path, "c.csv", HEADER + "".join(r + "\n" for r in rows)))
    text, encoding = _resaved(rows, how)
    with pytest.raises(AlreadyImported) as err:
        imports.contributions("staff-b", write(tmp_path, "c (2).csv", text, encoding))
    assert err.value.past.count == first.imported == 3 and "staff-a" in str(err.value)
    assert funding.snapshot(project.id).received_fen == 1600_00
    # One more row makes it another file: its new rows are imported, the receipt's row skipped.
    more = imports.contributions("staff-b", write(tmp_path, "more.csv", HEADER + "".join(r + "\n" for r in rows)
                                                  + f"{project.id},owners,100,赵六,received,2026-12-06,\n"))
    assert (more.imported, len(more.skipped)) == (3, 1)


def test_another_file_with_a_receipt_already_recorded_skips_that_row(tmp_path, project):
    imports.contributions("t", write(tmp_path, "a.csv", HEADER + f"{project.id},government,10000,区财政,received,2026-11-20,G-1\n"))
    again = imports.contributions("t", write(tmp_path, "b.csv", HEADER + f"{project.id},government,10000,区财政,received,2026-11-20,G-1\n"
                                                                         f"{project.id},owners,200,业主,received,2026-11-20,\n"))
    assert again.imported == 1 and len(again.skipped) == 1
    assert funding.snapshot(project.id).received_fen == 1_020_000


def test_reimporting_households_is_refused(tmp_path, db):
    estates.add_estate("t", "户籍小区")
    path = write(tmp_path, "h.csv", "estate,building,unit,room,floor,area_m2,owner_key\n户籍小区,1号楼,1单元,101,1,86.50,O1\n")
    imports.households("t", path)
    with pytest.raises(AlreadyImported):
        imports.households("t", path)


def test_a_killed_import_that_committed_is_told_apart_by_running_it_again(tmp_path, project, db_path):
    """The import's output is lost (as when it is killed in its commit window): running it
    again says whether it had committed, and counts nothing twice."""
    path = write(tmp_path, "c.csv", HEADER + f"{project.id},owners,200,业主,received,2026-11-20,\n")
    assert _import(db_path, path).returncode == 0
    again = _import(db_path, path)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1 and "c.csv" in again.stderr and "cli:" in again.stderr  # who
    assert funding.snapshot(project.id).received_fen == 20000


@pytest.mark.parametrize("data,needle", [
    (b"", "empty"), (b"\x00\x01\x02garbage\xff", "text"), (b"\xff\xfe\xfa\xfb" * 10, ""),
    ("a,b\n1,2\n".encode(), "project_id"),
])
def test_unreadable_files_get_a_message(tmp_path, project, data, needle):
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    with pytest.raises(ValidationError):
        imports.contributions("t", str(path))


def test_households_import(tmp_path, db):
    estates.add_estate("t", "户籍小区")
    body = ("estate,building,unit,room,floor,area_m2,owner_key,owner_name,phone\n"
            "户籍小区,1号楼,1单元,101,1,86.50,O1,张三,13800001111\n"
            "户籍小区,1号楼,1单元,102,1,90.01,O1,张三,\n")
    path = write(tmp_path, "h.csv", body, "gb18030")
    result = imports.households("t", path)
    assert result.imported == 2
    (b,) = estates.layout(estates.resolve_estate("户籍小区").id)
    assert b.name == "1号楼" and b.units[0].floors == 1


def _import(db_path, csv_path):
    return run_kiosk("--db", db_path, "import", "contributions", csv_path)


def test_two_import_processes_at_once_lose_and_double_nothing(tmp_path, project, db_path):
    rows_a = "".join(f"{project.id},owners,1.01,业主,received,2026-11-20,A-{i}\n" for i in range(3000))
    rows_b = "".join(f"{project.id},units,2.02,单位,received,2026-11-20,B-{i}\n" for i in range(3000))
    a = write(tmp_path, "a.csv", HEADER + rows_a)
    b = write(tmp_path, "b.csv", HEADER + rows_b)
    with cf.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda p: _import(db_path, p), [a, b, a, b]))
    # Each file once: the second import of the same file is refused, whichever ran first.
    assert sorted(r.returncode for r in results) == [0, 0, 1, 1], [r.stderr for r in results]
    assert "locked" not in "".join(r.stderr for r in results)
    snap = funding.snapshot(project.id)
    assert snap.received_fen == 3000 * 101 + 3000 * 202


def test_reimporting_ballots_is_refused(tmp_path, db):
    from kiosk.domain import votes
    from votes.votes_helpers import ACTOR, make_estate, simple_flats

    estate_id, _ids = make_estate("投票小区", simple_flats([80_00, 90_00]))
    poll = votes.create_poll(ACTOR, estate_id, "路面", ["沥青", "水泥"])
    path = write(tmp_path, "b.csv", f"poll_id,building,unit,room,choice\n{poll.id},1号楼,1单元,001,沥青\n")
    assert imports.ballots(ACTOR, path).imported == 1
    with pytest.raises(AlreadyImported):
        imports.ballots(ACTOR, path)


# ---- what is read: regular files only, one encoding ------------------------------------------------

@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_only_regular_files_are_read_and_the_refusal_is_immediate(tmp_path, project, db_path, kind):
    import os
    import time

    path = tmp_path / "x.csv"
    if kind == "fifo":
        os.mkfifo(path)  # nobody writes to it: opening it for reading would wait forever
    elif kind == "folder":
        path.mkdir()
    else:
        path = "/dev/zero"
    started = time.monotonic()
    out = _import(db_path, str(path))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert time.monotonic() - started < 15  # not the 30 s lock wait, nor forever


def test_a_utf8_file_with_one_gb18030_line_is_refused_naming_that_line(tmp_path, project):
    data = (HEADER + f"{project.id},owners,1,张三,received,2026-11-20,R-1\n").encode("utf-8") \
        + f"{project.id},owners,2,李四,received,2026-11-20,R-2\n".encode("gb18030")
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    with pytest.raises(ValidationError) as err:
        imports.contributions("t", str(path))
    assert "3" in str(err.value) and "2" in str(err.value)  # line 3 is GB18030, line 2 is UTF-8
    assert funding.snapshot(project.id).received_fen == 0


@pytest.mark.parametrize("first,second", [("utf-8-sig", "gb18030"), ("gb18030", "utf-8")])
def test_a_file_is_decoded_as_one_encoding_or_refused(tmp_path, project, first, second):
    data = (HEADER + f"{project.id},owners,1,张三,received,2026-11-20,R-1\n").encode(first) \
        + f"{project.id},owners,2,李四,received,2026-11-20,R-2\n".encode(second)
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    with pytest.raises(ValidationError) as err:
        imports.contributions("t", str(path))
    assert "3" in str(err.value)
    assert funding.snapshot(project.id).received_fen == 0


def test_the_import_digests_are_what_verify_recomputes_from_the_stored_rows(tmp_path, project):
    """The import writes its two digest lines in a fixed layout, not through the canonical
    encoder: names with quotes, backslashes, brackets and characters beyond ASCII, receipts and
    none, pledges and receipts must hash exactly as `kiosk verify --full` hashes the stored rows."""
    import csv
    import io
    import json

    from kiosk.db.models import AuditEntry, Contribution
    from kiosk.domain import audit, ledger, ledger_seal, verify

    names = ['张"三', "back\\slash", "a],[b", "Zoë 😀", "业主（3号楼）", "null", "line\u2028sep", "1,2"]
    out = io.StringIO()
    table = csv.writer(out, lineterminator="\n")
    table.writerow(HEADER.strip().split(","))
    for i, name in enumerate(names):
        table.writerow([project.id, "owners" if i % 2 else "units", f"{i + 1}.5", name,
                        "pledged" if i % 3 == 0 else "received", f"2026-11-{10 + i}", "" if i % 4 == 0 else f'R{i}-"x\\'])
    result = imports.contributions("t", write(tmp_path, "odd.csv", out.getvalue()))
    assert result.imported == len(names)
    entry = AuditEntry.get(AuditEntry.action == "contribution.import")
    data = json.loads(entry.data)
    stored = list(Contribution.select().where(Contribution.entry_seq == entry.seq).order_by(Contribution.id).dicts())
    assert [r["contributor"] for r in stored] == names
    assert [r["receipt_no"] for r in stored][:2] == [None, 'R1-"x\\']
    assert data["digest"] == audit.digest_rows([ledger.digest_line(r) for r in stored])
    assert data["details"] == audit.digest_rows([ledger_seal.detail_line(
        r["id"], r["pledged_on"], r["received_on"], r["note"], r["idempotency_key"], r["created_at"], r["created_status"])
        for r in stored])
    assert verify.run(full=True).faults == ()
