"""An import's preview (a dry run) on both back-ends: every bad line named, rows already on record
counted as skipped, nothing written; the import then takes exactly the file previewed."""

from __future__ import annotations

import os

import pytest

from kiosk.db.models import AuditEntry, Household
from kiosk.domain import estates, funding, imports
from kiosk.domain.errors import ValidationError

HOUSEHOLDS = "estate,building,unit,room,floor,area_m2,owner_key,owner_name\n"


@pytest.fixture
def estate(db):
    return estates.add_estate("t", "预览小区")


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_preview_names_every_bad_line_and_writes_nothing(tmp_path, estate):
    body = HOUSEHOLDS + ("预览小区,1号楼,1单元,101,1,58.7,K1,甲\n"
                         "预览小区,1号楼,1单元,102,99,58.7,K2,乙\n"  # floor out of range
                         "别的小区,1号楼,1单元,103,1,58.7,K3,丙\n"  # unknown estate
                         "预览小区,1号楼,1单元,101,1,60,K4,丁\n"  # the same flat twice
                         "预览小区,1号楼,1单元,104,1,abc,K5,戊\n")  # not an area
    path = write(tmp_path, "h.csv", body)
    entries = AuditEntry.select().count()
    p = imports.preview_file("households", path)
    assert not p.ok and p.rows == 5 and p.to_import == 0
    assert [x.line for x in p.problems] == [3, 4, 5, 6]
    assert "99" in p.problems[0].problem and "别的小区" in p.problems[1].problem and "2" in p.problems[2].problem
    assert Household.select().count() == 0 and AuditEntry.select().count() == entries


def test_preview_then_import_exactly_that_file(tmp_path, estate):
    first = write(tmp_path, "a.csv", HOUSEHOLDS + "预览小区,1号楼,1单元,101,1,58.7,K1,甲\n")
    imports.import_file("households", "t", first)
    path = write(tmp_path, "b.csv", HOUSEHOLDS + "预览小区,1号楼,1单元,101,1,58.7,K1,甲\n"
                                                  "预览小区,1号楼,1单元,201,2,75.15,K2,乙\n")
    p = imports.preview_file("households", path)
    assert p.ok and (p.rows, p.to_import) == (2, 1) and [x.line for x in p.skipped] == [2]
    assert Household.select().count() == 1  # still only the first file's flat

    with open(path, "a", encoding="utf-8") as fh:  # changed after its preview: refused
        fh.write("预览小区,1号楼,1单元,301,3,75.15,K3,丙\n")
    with pytest.raises(ValidationError, match="b.csv"):
        imports.import_file("households", "t", path, expect_sha256=p.sha256)
    assert Household.select().count() == 1
    p = imports.preview_file("households", path)
    result = imports.import_file("households", "t", path, expect_sha256=p.sha256)
    assert (result.imported, Household.select().count()) == (2, 3)
    with pytest.raises(imports.AlreadyImported):  # the same file again: refused whole, before any row
        imports.preview_file("households", path)


def test_preview_adds_up_the_money(tmp_path, estate):
    project = funding.create_project("t", estate.id, "车棚", 50_000_00)
    path = write(tmp_path, "c.csv", "project_id,source,amount,contributor,status,date,receipt_no\n"
                                    f"{project.id},units,1200.50,公司,received,2026-11-20,R-1\n"
                                    f"{project.id},owners,300,业主,pledged,2026-11-21,\n", "gb18030")
    p = imports.preview_file("contributions", path)
    assert p.ok and (p.to_import, p.total_fen) == (2, 120050 + 30000)


def test_files_refused_in_one_line(tmp_path, estate):
    fifo = str(tmp_path / "pipe.csv")
    os.mkfifo(fifo)
    with pytest.raises(ValidationError, match="pipe.csv"):
        imports.preview_file("households", fifo)
    latin = write(tmp_path, "latin.csv", HOUSEHOLDS + "预览小区,1号楼,1单元,101,1,58.7,K1,甲\n")
    with open(latin, "ab") as fh:
        fh.write("预览小区,1号楼,1单元,102,1,58.7,K2,乙\n".encode("gb18030"))
    with pytest.raises(ValidationError) as err:
        imports.preview_file("households", latin)
    assert "\n" not in str(err.value)


def test_the_files_staff_may_pick(tmp_path):
    (tmp_path / "old.csv").write_text("a\n")
    os.utime(tmp_path / "old.csv", (1_000_000_000, 1_000_000_000))
    (tmp_path / "new.CSV").write_text("b\n")
    (tmp_path / "notes.pdf").write_text("c")
    (tmp_path / ".hidden.csv").write_text("d")
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "dir.csv").mkdir()
    found = imports.listing([str(tmp_path), str(tmp_path), str(tmp_path / "missing")])
    assert [f.name for f in found] == ["new.CSV", "old.csv"]
