"""CSV imports: encodings, all-or-nothing with every bad line named, receipts never counted twice,
and two import processes at once."""

import concurrent.futures as cf

import pytest

from kiosk.domain import estates, funding, imports
from kiosk.domain.csvfile import RowErrors
from kiosk.domain.errors import ValidationError

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


def test_reimporting_the_same_file_counts_nothing_twice(tmp_path, project):
    path = write(tmp_path, "c.csv", HEADER + f"{project.id},government,10000,区财政,received,2026-11-20,G-1\n"
                                               f"{project.id},owners,200,业主,received,2026-11-20,O-1\n")
    imports.contributions("t", path)
    again = imports.contributions("t", path)
    assert again.imported == 0 and len(again.skipped) == 2
    assert funding.snapshot(project.id).received_fen == 1_020_000


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
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    assert "locked" not in "".join(r.stderr for r in results)
    snap = funding.snapshot(project.id)
    assert snap.received_fen == 3000 * 101 + 3000 * 202
