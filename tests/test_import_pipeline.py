"""The import pipeline without a database: reading and decoding, the table, cell parsers, every
schema's declaration, and the driver's validation (every bad line, every bad cell)."""

import dataclasses
import datetime as dt
import os

import pytest

from kiosk.domain.errors import ValidationError
from kiosk.domain.imports import KINDS, LineProblem, Problem, RowErrors, driver, fields, fingerprints, reading, table
from kiosk.domain.imports.schema import Column, Schema, field_names

# ---- every schema declares itself consistently ------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_schema_maps_its_columns_onto_its_row_dataclass(kind):
    schema = KINDS[kind].__new__(KINDS[kind])  # no __init__: it would read the database
    columns = schema.columns()
    assert dataclasses.is_dataclass(schema.row)
    assert dataclasses.fields(schema.row)[0].name == "line"
    assert len(field_names(schema)) == len(columns)
    assert len({c.name for c in columns}) == len(columns)
    assert all(c.name == c.name.strip().lower() for c in columns)
    required = [c.required for c in columns]
    assert required == sorted(required, reverse=True), "optional columns come last"
    assert schema.entity in fingerprints.BATCH_ENTITIES
    assert schema.action.endswith(".import")


# ---- reading: one encoding or refused ---------------------------------------------------------------

TEXT = "project_id,contributor\n1,京平建设\n2,业主（3号楼）\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_file_decodes_whole_in_its_one_encoding(encoding):
    assert reading.decode(TEXT.encode(encoding)) == TEXT


@pytest.mark.parametrize("first,second,needle", [
    ("utf-8", "gb18030", "3"), ("utf-8-sig", "gb18030", "3"), ("gb18030", "utf-8", "3"),
])
def test_a_mixed_file_is_refused_naming_the_first_line_that_does_not_fit(first, second, needle):
    data = "h\n张三\n".encode(first) + "李四\n".encode(second)
    with pytest.raises(ValidationError) as err:
        reading.decode(data)
    assert needle in str(err.value) and "\n" not in str(err.value)


def test_binary_data_is_not_text():
    with pytest.raises(ValidationError):
        reading.decode(b"\x00\x01garbage")


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_only_a_regular_file_is_read(tmp_path, kind):
    path = tmp_path / "x.csv"
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    with pytest.raises(ValidationError):
        reading.read_bytes(str(path))


def test_the_fingerprint_is_of_the_bytes_and_the_label_survives_a_name_that_is_not_utf8(tmp_path):
    path = os.path.join(os.fsencode(tmp_path), b"\xff\xfe.csv")
    with open(path, "wb") as fh:
        fh.write(TEXT.encode("gb18030"))
    source = reading.load(os.fsdecode(path))
    assert source.text == TEXT and len(source.sha256) == 64
    assert source.label.endswith(".csv") and "\ufffd" in source.label
    assert source.sha256 != reading.load(_write(tmp_path, "u.csv", TEXT)).sha256  # same text, other bytes


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


# ---- the table: header onto columns, spreadsheet line numbers ---------------------------------------

def test_cells_come_in_the_order_asked_with_spreadsheet_line_numbers():
    text = ' B , a ,extra\n1,2,x\n\n,,\n"3\nstill 3",4,y\n5\n'
    cells = table.columns(text, ["a", "b", "c"], optional={"c"})
    assert list(zip(cells.lines, cells.rows())) == [(2, ("2", "1", "")), (6, ("4", "3\nstill 3", "")), (7, ("", "5", ""))]
    assert cells.values == [("2", "4", ""), ("1", "3\nstill 3", "5"), ("", "", "")]


def test_every_record_as_wide_as_the_header_is_cut_into_columns_the_same_way():
    text = "b,a\n 1 , 2 \n\n , \n3,4\n"
    cells = table.columns(text, ["a", "b"])
    assert cells.lines == [2, 5] and cells.values == [("2", "4"), ("1", "3")]


def test_a_missing_column_is_named_with_every_expected_one():
    with pytest.raises(ValidationError) as err:
        table.columns("a,x\n1,2\n", ["a", "b", "c"], optional={"c"})
    assert "b" in str(err.value) and "a,b,c" in str(err.value)


@pytest.mark.parametrize("text", ["", "  \n\n"])
def test_an_empty_file_is_refused(text):
    with pytest.raises(ValidationError):
        table.columns(text, ["a"])


# ---- cell parsers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2026-11-25", "2026/11/25", "2026.11.25", "20261125", "２０２６-１１-２５"])
def test_dates_as_people_write_them(text):
    assert fields.date(text) == dt.date(2026, 11, 25)


@pytest.mark.parametrize("text", ["2026-13-40", "25/11/2026", "yesterday", ""])
def test_a_bad_date_is_a_one_line_problem(text):
    with pytest.raises(Problem):
        fields.date(text)


def test_whole_numbers_refuse_what_is_not_plain_digits():
    assert fields.whole_number("１２") == 12 and fields.whole_number("-3", signed=True) == -3
    for bad in ("1.0", "①", "-3", "", "1e3", "1234567890"):
        with pytest.raises(ValueError):
            fields.whole_number(bad)


def test_line_of_text_names_the_column():
    parse = fields.line_of_text("room", 4)
    assert parse("101") == "101"
    said = set()
    for bad in ("", "10101", "1\x1b"):
        with pytest.raises(Problem, match="room") as err:
            parse(bad)
        said.add(str(err.value))
    assert len(said) == 3  # empty, too long, control characters: each says which
    assert fields.or_none(fields.line_of_text("note", 4, required=False))("") is None


def test_a_problem_is_one_line():
    assert str(Problem("first\nsecond  third")) == "first second third"


# ---- the driver validates every row before anything is written -------------------------------------

@dataclasses.dataclass(frozen=True)
class Pair:
    line: int
    name: str
    count: int
    note: str | None


def _count(text):
    try:
        return fields.whole_number(text)
    except ValueError:
        raise Problem(f"bad count {text!r}") from None


class PairSchema(Schema[Pair]):
    action, entity, row = "pair.import", "pair_batch", Pair

    def __init__(self):
        self.seen = {}

    def columns(self):
        return (Column("name", fields.line_of_text("name", 10)), Column("count", _count),
                Column("note", fields.or_none(str), required=False))

    def check(self, row):
        first = self.seen.setdefault(row.name, row.line)
        if first != row.line:
            raise Problem(f"{row.name} twice (also line {first})")
        return row

    def write(self, w, seq, rows):  # pragma: no cover — validation only here
        raise AssertionError


def _source(text):
    return reading.SourceFile("p.csv", text, "0" * 64)


def test_good_rows_become_dataclasses():
    count, rows = driver.validate(PairSchema(), _source("name,count\n甲,1\n\n乙,２\n"))
    assert count == 2 and rows == [Pair(2, "甲", 1, None), Pair(4, "乙", 2, None)]


def test_every_bad_line_and_every_bad_cell_is_reported():
    text = "count,name,note\n1,甲,\nx,,\n2,乙,n\n3,甲,\nz,01234567890,\n"
    with pytest.raises(RowErrors) as err:
        driver.validate(PairSchema(), _source(text))
    problems = err.value.problems
    assert [p.line for p in problems] == [3, 5, 6]
    assert "bad count" in problems[0].problem and "name" in problems[0].problem  # both cells of line 3
    assert "also line 2" in problems[1].problem
    assert all("\n" not in p.problem for p in problems)
    line, why = problems[2]  # unpacks as the (line, why) pairs callers read
    assert line == 6 and "10" in why


def test_row_errors_show_fifty_lines_and_count_the_rest():
    err = RowErrors("f.csv", [LineProblem(n, "bad") for n in range(2, 80)])
    text = str(err)
    assert "f.csv" in text and "78" in text and "28" in text
    assert len(text.splitlines()) == 1 + 50 + 1
