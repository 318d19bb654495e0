"""Hostile input: amounts, areas, typed text, CSV files and what the screens draw.

Every input gets a clear message (a ValidationError, whose text is for people) or is stored
verbatim; nothing raises anything else, nothing changes a total on refusal, and what is drawn is
inert: no control or invisible characters reach the terminal, no markup is interpreted.
"""

from __future__ import annotations

import decimal
import io
import os
import random
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from textual.content import Content

from kiosk.db.models import AuditEntry, Contribution
from kiosk.domain import estates, funding, imports
from kiosk.domain.errors import ValidationError
from kiosk.domain.money import MAX_FEN, area_text, half_width, parse_area, parse_yuan, yuan
from kiosk.domain.text import clean_line, clean_text
from kiosk.render.safe import inert, one_line
from reliability import harness as h

# Text people (or a hostile file) can produce: markup and action links, ANSI/OSC sequences,
# C0/C1 controls, bidi overrides and isolates, zero-width and tag characters, CJK, surrogates.
NASTY = [
    "[b]bold[/b]", "[@click=app.quit]quit[/]", "[link=file:///etc/passwd]x[/link]", "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07", "\x1b]52;c;ZWNobyBoaQ==\x07", "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "\x9b31m",
    "\u202eevil\u202c", "\u2066iso\u2069", "a\u200bb", "\u200d", "\ufeff", "\u00ad", "\U000e0041\U000e007f",
    "\u3164", "\u2028", "\r", "\x00", "\x7f", "\x85", "\t", "\n", "中文「引号」", ":smile:", "\ud800",
    "**md** `code` <script>alert(1)</script>", "%s%n{0}", "' OR 1=1 --",
]
hostile_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=20)), max_size=8).map("".join)
amount_like = st.text(alphabet=st.sampled_from(list("0123456789０１２３４５６７８９.．,，-－+＋¥￥元 \u3000eE٣①²𝟏")), max_size=24)

FAST = settings(max_examples=300, deadline=None)


def examples(*values):
    """Explicit cases Hypothesis always tries, besides what it generates."""
    def apply(test):
        for value in reversed(values):
            test = example(value)(test)
        return test
    return apply


# ---- amounts and areas -----------------------------------------------------------------

def _plain_digits(text: str) -> str:
    """What an accepted amount must have been: ASCII digits and one point, once the full-width
    forms, the currency sign, 元, thousands commas and surrounding spaces are taken away."""
    s = half_width(text).replace("，", ",").strip()
    s = s.removeprefix("¥").removeprefix("￥").strip().removesuffix("元").strip().removeprefix("+")
    return s.replace(",", "")


@FAST
@given(st.one_of(st.text(), amount_like))
@examples("1.005", "1e9", "-0", "٣", "①", "²", "1,5")
@examples("9" * 5000, "1" + "0" * 4400 + ".00", "NaN", "∞", "0x10")
def test_parse_yuan_returns_fen_or_a_message(text):
    try:
        fen = parse_yuan(text)
    except ValidationError as exc:
        assert str(exc) and exc.field == "amount"
        assert len(str(exc)) < 200  # quotes the input cut short
        return
    assert isinstance(fen, int) and 0 < fen <= MAX_FEN
    digits = _plain_digits(text)
    assert all(c in "0123456789." for c in digits), (text, digits)
    assert decimal.Decimal(digits) * 100 == fen


@FAST
@given(st.integers(1, MAX_FEN))
def test_every_amount_round_trips_as_people_write_it(fen):
    assert parse_yuan(yuan(fen)) == fen
    whole, cents = divmod(fen, 100)
    plain = f"{whole}.{cents:02d}"
    assert parse_yuan(plain) == fen
    assert parse_yuan(plain.translate({ord(c): 0xFF10 + int(c) for c in "0123456789"} | {ord("."): 0xFF0E})) == fen
    assert parse_yuan(f"{whole:,}.{cents:02d}元") == fen


@pytest.mark.parametrize("text,fen", [("１２３", 12300), ("１２３．４５", 12345), ("￥１，２３４", 123400), ("　５元　", 500)])
def test_full_width_digits_are_the_same_digits(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text", ["1.005", "1e9", "-0", "٣", "①", "²", "𝟏", "1,5", "1,,000", ",100", "1 000", "0.00",
                                  "-5", "1.2.3", "", "   ", "¥", "元", "9" * 5000])
def test_refused_amounts(text):
    with pytest.raises(ValidationError):
        parse_yuan(text)


@FAST
@given(st.one_of(st.text(), amount_like.map(lambda s: s + "㎡")))
@examples("86²", "9" * 5000, "86.5 m2", "٣")
def test_parse_area_returns_hundredths_or_a_message(text):
    try:
        value = parse_area(text)
    except ValidationError as exc:
        assert str(exc) and exc.field == "area_m2"
        return
    assert isinstance(value, int) and 0 < value <= 10_000_00


@FAST
@given(st.integers(1, 10_000_00))
def test_every_area_round_trips(value):
    assert parse_area(area_text(value)) == value
    assert parse_area(area_text(value) + "㎡") == value


# ---- typed text ------------------------------------------------------------------------

@FAST
@given(hostile_text, st.integers(0, 60), st.booleans())
def test_clean_line_stores_text_verbatim_or_refuses(text, limit, required):
    try:
        out = clean_line(text, field="f", limit=limit, required=required)
    except ValidationError as exc:
        assert str(exc) and exc.field == "f"
        return
    assert out == text.strip()  # stored as typed: text is data
    assert len(out) <= limit and (out or not required)
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in out)
    out.encode("utf-8")  # storable


@FAST
@given(hostile_text, st.integers(0, 200))
def test_clean_text_keeps_lines_and_refuses_controls(text, limit):
    try:
        out = clean_text(text, field="f", limit=limit, required=False)
    except ValidationError as exc:
        assert str(exc)
        return
    assert "\r" not in out
    assert all(c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs") for c in out)
    out.encode("utf-8")


# ---- what the screens draw -------------------------------------------------------------

def _terminal_output(renderable) -> str:
    """What Rich writes to a real terminal (colours off, so any escape would be the text's own)."""
    console = Console(file=io.StringIO(), width=10_000, color_system=None, force_terminal=True,
                      legacy_windows=False, emoji=False)
    console.print(renderable)
    return console.file.getvalue()


def _visible(s: str) -> bool:
    for c in s:
        if c == "\n":
            continue
        code = ord(c)
        if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") or 0x80 <= code <= 0x9F:
            return False
        if code in (0x115F, 0x1160, 0x3164, 0xFFA0):
            return False
    return True


@FAST
@given(hostile_text)
@examples("[b]x[/b]\x1b]0;pwned\x07\u202e", "\x1b[2J\x1b[H", "[@click=app.quit]x[/]")
def test_inert_text_is_drawn_exactly_as_visible_characters(text):
    s = inert(text)
    assert _visible(s)
    assert "\x1b" not in s and "\t" not in s
    rich_text = Text(s)
    assert rich_text.plain == s and not rich_text.spans  # no markup was interpreted
    assert _terminal_output(Text(s, no_wrap=True, overflow="ignore")) == s + "\n"
    content = Content(s)
    assert content.plain == s and not content.spans
    line = one_line(text, limit=40)
    assert "\n" not in line and len(line) <= 40 and _visible(line)


def test_markup_stays_literal_and_escapes_show_as_pictures():
    s = inert("[b]x[/b] [@click=app.quit]q[/] \x1b]0;t\x07 \u202eabc")
    assert s == "[b]x[/b] [@click=app.quit]q[/] ␛]0;t␇ ⟨U+202E⟩abc"
    assert Text(s).plain == s


# ---- CSV imports -----------------------------------------------------------------------

HEADER = "project_id,source,amount,contributor,status,date,receipt_no\n"


@pytest.fixture
def project(db):
    e = estates.add_estate("t", "敌意输入小区")
    return funding.create_project("t", e.id, "路面", 50_000_00)


def _state():
    return (Contribution.select().count(), AuditEntry.select().count(), funding.snapshots(
        [p.id for p in funding.list_projects()]))


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
@examples(b"", b"\xff\xfe\x00\x00", b"\x89PNG\r\n\x1a\n\x00\x00", HEADER.encode() + b"\xff\xfe\xfa")
def test_random_bytes_are_refused_with_a_message(tmp_path_factory, project, data):
    path = tmp_path_factory.mktemp("bytes") / "x.csv"
    path.write_bytes(data)
    before = _state()
    with pytest.raises(ValidationError) as err:
        imports.contributions("t", str(path))
    assert str(err.value)
    assert _state() == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(contributor=hostile_text, receipt=hostile_text, amount=st.one_of(amount_like, hostile_text),
       source=st.one_of(st.sampled_from(["owners", "units", "lottery", ""]), hostile_text),
       pid=st.one_of(st.just("1"), hostile_text, st.sampled_from(["999", "１", "٣", "-1"])),
       date=st.one_of(st.just("2026-11-20"), hostile_text))
def test_hostile_cells_are_stored_verbatim_or_refused(tmp_path_factory, project, contributor, receipt, amount, source, pid, date):
    assume("\x00" not in contributor + receipt)
    pid = str(project.id) if pid == "1" else pid
    row = ",".join(_csv_cell(v) for v in (pid, source, amount, contributor, "received", date, receipt))
    path = tmp_path_factory.mktemp("cells") / "c.csv"
    path.write_text(HEADER + row + "\n", encoding="utf-8", errors="surrogatepass")
    before = _state()
    try:
        result = imports.contributions("t", str(path))
    except ValidationError as exc:
        assert str(exc)
        assert _state() == before
        return
    if result.imported:
        c = Contribution.select().order_by(Contribution.id.desc()).get()
        assert c.contributor == contributor.strip()  # verbatim, as typed
        assert (c.receipt_no or "") == receipt.strip()
        assert c.amount_fen == parse_yuan(amount)


def _cli_cases(tmp_path, project_id: int) -> list[tuple[str, bytes, bool]]:
    """(name, content, should be accepted)."""
    rng = random.Random(8)
    ok_row = f"{project_id},owners,100,业主,received,2026-11-20,"
    return [
        ("random.csv", bytes(rng.randrange(256) for _ in range(4000)), False),
        ("binary.csv", b"\x89PNG\r\n\x1a\n" + bytes(2000), False),
        ("invalid-utf8.csv", HEADER.encode() + f"{project_id},owners,100,".encode() + b"\xff\xfe\xfd\x80,received,2026-11-20,X1\n", False),
        ("empty.csv", b"", False),
        ("only-spaces.csv", b"   \n\n  \n", False),
        ("header-only.csv", HEADER.encode(), True),
        ("wrong-columns.csv", b"a,b,c\n1,2,3\n", False),
        ("huge-line.csv", (HEADER + ok_row + "H1," + "x" * 300_000 + "\n").encode(), False),
        ("escape-in-amount.csv", (HEADER + f"{project_id},owners,\x1b]0;pwned\x07,x,received,2026-11-20,E1\n").encode(), False),
        ("control-in-name.csv", (HEADER + f"{project_id},owners,100,a\x1b[31mb,received,2026-11-20,E2\n").encode(), False),
        ("unknown-source-project.csv", (HEADER + f"{project_id},lottery,100,x,received,2026-11-20,E3\n"
                                        "999,owners,100,x,received,2026-11-20,E4\n").encode(), False),
        ("bad-amounts.csv", (HEADER + "".join(f"{project_id},owners,{a},x,received,2026-11-20,A{i}\n"
                                             for i, a in enumerate(["1.005", "1e9", "-0", "٣", '"1,5"', "9" * 5000]))).encode(), False),
        ("markup-bidi-zero-width.csv", (HEADER + f"{project_id},owners,１２３,[b]x[/b][@click=app.quit]\u202e\u200b,received,2026-11-20,"
                                        "\u2066R1\u2069\n").encode("gb18030"), True),
        ("overflow.csv", (HEADER + "".join(f"{project_id},owners,10000000000000,x,received,2026-11-20,O{i}\n"
                                           for i in range(2))).encode(), False),
    ]


def test_the_cli_refuses_bad_files_with_a_message_and_no_traceback(demo_path, tmp_path):
    (pid,), = h.sql(demo_path, "SELECT MIN(id) FROM project")
    report = lambda: h.sql(demo_path, "SELECT (SELECT COUNT(*) FROM contribution), (SELECT SUM(amount_fen) FROM contribution), "
                           "(SELECT MAX(seq) FROM audit_entry)")  # noqa: E731
    before = report()
    accepted = []
    for name, content, ok in _cli_cases(tmp_path, pid):
        path = tmp_path / name
        path.write_bytes(content)
        for lang in ("zh", "en"):
            result = h.run(h.kiosk("--db", demo_path, "--lang", lang, "import", "contributions", str(path)))
            out = result.stdout + result.stderr
            assert "Traceback" not in out and "\x1b" not in out and "\x07" not in out, (name, out[:500])
            if ok:
                assert result.returncode == 0, (name, out)
                break
            assert result.returncode == 1, (name, result.returncode, out[:500])
            assert result.stderr.startswith("kiosk: ") and len(result.stderr) > 12, (name, result.stderr)
            assert report() == before, name
        if ok:
            accepted.append(name)
            before = report()
    assert accepted == ["header-only.csv", "markup-bidi-zero-width.csv"]
    assert h.verify(demo_path).returncode == 0
    rows = h.sql(demo_path, "SELECT contributor, receipt_no FROM contribution WHERE receipt_no = ?", "\u2066R1\u2069")
    assert rows == [("[b]x[/b][@click=app.quit]\u202e\u200b", "\u2066R1\u2069")]  # stored verbatim


def test_a_file_name_that_is_not_utf8_imports_and_is_audited(demo_path, tmp_path):
    (pid,), = h.sql(demo_path, "SELECT MIN(id) FROM project")
    name = os.fsencode(str(tmp_path)) + b"/\xff\xfe.csv"
    with open(name, "wb") as fh:
        fh.write((HEADER + f"{pid},owners,100,x,received,2026-11-20,U1\n").encode())
    result = h.run(h.kiosk("--db", demo_path, "import", "contributions", os.fsdecode(name)))
    assert result.returncode == 0, result.stderr
    assert h.verify(demo_path).returncode == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(building=hostile_text, room=hostile_text, floor=st.one_of(st.sampled_from(["3", "３", "-1", "٣", "99"]), hostile_text),
       area=st.one_of(amount_like, hostile_text), owner=hostile_text,
       phone=st.one_of(st.sampled_from(["", "13800001111", "１３８０００01111", "1٣800001111"]), hostile_text))
def test_hostile_household_cells_are_stored_verbatim_or_refused(tmp_path_factory, project, building, room, floor, area,
                                                                owner, phone):
    assume("\x00" not in building + room + owner)
    header = "estate,building,unit,room,floor,area_m2,owner_key,owner_name,phone\n"
    row = ",".join(_csv_cell(v) for v in ("敌意输入小区", building, "1单元", room, floor, area, "K1", owner, phone))
    path = tmp_path_factory.mktemp("households") / "h.csv"
    path.write_text(header + row + "\n", encoding="utf-8", errors="surrogatepass")
    from kiosk.db.models import Household

    before = (Household.select().count(), AuditEntry.select().count())
    try:
        result = imports.households("t", str(path))
    except ValidationError as exc:
        assert str(exc)
        assert (Household.select().count(), AuditEntry.select().count()) == before
        return
    if result.imported:
        hh = Household.select().order_by(Household.id.desc()).get()
        assert hh.room == room.strip() and (hh.owner_name or "") == owner.strip()
        assert hh.phone is None or hh.phone.isascii()
