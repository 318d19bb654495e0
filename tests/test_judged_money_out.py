"""Where the money goes, as a new office meets it: on a fresh estate (kiosk init, an estate, two
staff accounts, the register imported from a CSV), a resident reports a roof leak at the lobby; the
estate votes on the repair; the money arrives from all six sources; one staff member enters the
payments and a second approves them (the CLI, and the console through Pilot for one of them); the
works are accepted; the report is marked fixed and the resident answers 修好了吗？ 满意 at the lobby
with the ticket. Then the lobby's funding screen, the TV's funding and rates slides, the phone
pages, the printed funding 公示 and `kiosk export report` all show the same figures. An emergency
repair is started, costed and disclosed, its shares adding up to the cost on the lobby, the TV and
the phone page.

Every step a staff member takes is a real `kiosk` process, except the project's creation and one
approval, which go through the console (the command line has no `project create`)."""

from __future__ import annotations

import json
import re
import sys
import warnings
from pathlib import Path

import pytest

from kiosk import i18n
from kiosk.config import Settings
from kiosk.db import connection
from kiosk.domain import emergency, estates, funding
from kiosk.domain.money import yuan
from kiosk.domain.sources import short_label
from kiosk_process import run_kiosk
from support import drive, press, screen_lines, screen_text, settle, type_text
from support import pdf
from support.admin import SIZE

sys.path.insert(0, str(Path(__file__).parent / "web"))  # the phone pages' reader (web_helpers), shared with tests/web
from web_helpers import project_figures, text_of  # noqa: E402

pytestmark = [pytest.mark.slow, pdf.needs_poppler]  # a whole office's story: minutes, not seconds

SIX = ("government", "subdistrict", "units", "community", "owners", "property")
RECEIVED = {"government": 200000_00, "subdistrict": 50000_00, "units": 30000_50, "community": 10000_00,
            "owners": 1234_56, "property": 8000_00}
HOUSEHOLDS = """estate,building,unit,room,floor,area_m2,owner_key,owner_name,phone
柳荫街小区,1号楼,1单元,101,1,60.5,o101,张一,
柳荫街小区,1号楼,1单元,201,2,72.25,o201,李二,
柳荫街小区,1号楼,1单元,301,3,80,o301,王三,13900000301
柳荫街小区,1号楼,2单元,102,1,55.75,o102,赵四,
柳荫街小区,2号楼,1单元,101,1,90,o2101,钱五,
"""
ADMIN, CLERK = ("li", "pw-li-2026-x"), ("wang", "pw-wang-2026-x")


def kiosk(db: str, *args: str, input: str | None = None, ok: bool = True):
    out = run_kiosk("--db", db, *args, input=input)
    if ok:
        assert out.returncode == 0 and "Traceback" not in out.stderr, (args, out.stderr)
    return out


def _fresh_office(db: str, tmp_path) -> None:
    kiosk(db, "init")
    kiosk(db, "estate", "add", "柳荫街小区", "--build-year", "1985")
    added = kiosk(db, "staff", "add", ADMIN[0], "--role", "admin", "--password-stdin", input=ADMIN[1] + "\n").stdout
    assert "admin" not in added, added  # the role in the user's language
    kiosk(db, "staff", "add", CLERK[0], "--password-stdin", input=CLERK[1] + "\n")
    (tmp_path / "hh.csv").write_text(HOUSEHOLDS, encoding="utf-8")
    kiosk(db, "import", "households", str(tmp_path / "hh.csv"))


def _lobby(db: str, lang: str = "zh"):
    from kiosk.apps.lobby import LobbyApp

    i18n.set_language(lang)
    return LobbyApp(Settings(db=db, lang=lang), estates.resolve_estate(None))


def _admin(db: str):
    from kiosk.apps.admin import AdminApp

    return AdminApp(Settings(db=db))


async def _sign_in(pilot, who: tuple[str, str]) -> None:
    await press(pilot, *who[0], "enter")
    await type_text(pilot, who[1] + "\r")
    await settle(pilot)


async def _report_a_roof_leak(db: str) -> str:
    """我要报事 at the lobby: roof leak, the first place offered at each step, a description."""
    from kiosk.screens.lobby.report.ticket import TicketScreen

    app = _lobby(db)
    async with drive(app) as pilot:
        await press(pilot, "4", "2", "1")  # report, ordinary problem, roof leak
        for _ in range(4):  # building, unit, floor: the first of each
            if type(app.screen).__name__ == "DescriptionScreen":
                break
            await press(pilot, "1")
        assert type(app.screen).__name__ == "DescriptionScreen", screen_text(app)
        for ch in "roof leaks":
            await pilot.press(ch if ch != " " else "space")
        await press(pilot, "enter")
        await press(pilot, "enter")  # no phone
        await press(pilot, "1")  # send
        await settle(pilot, 5)
        assert isinstance(app.screen, TicketScreen), screen_text(app)
        ticket = app.screen.ticket
    assert app.errors == []
    return ticket


async def _create_project_in_the_console(db: str) -> int:
    from kiosk.screens.admin.project_form import ProjectForm

    app = _admin(db)
    async with app.run_test(size=SIZE) as pilot:
        await _sign_in(pilot, ADMIN)
        await press(pilot, "1", "n")
        assert isinstance(app.screen, ProjectForm), screen_text(app)
        await press(pilot, "enter", "down", "enter", "tab")  # the one estate
        await type_text(pilot, "1号楼屋面防水")
        app.screen.query_one("#f-target").value = "600000"
        await press(pilot, "ctrl+s")
    (project,) = funding.list_projects()
    assert project.title == "1号楼屋面防水" and project.target_fen == 600000_00
    return project.id


async def _approve_in_the_console(db: str, payment_id: int) -> None:
    from kiosk.screens.admin.payments import PendingPaymentsScreen

    app = _admin(db)
    async with app.run_test(size=SIZE) as pilot:
        await _sign_in(pilot, ADMIN)
        await press(pilot, "a")  # Payments to approve
        assert isinstance(app.screen, PendingPaymentsScreen), screen_text(app)
        app.screen.table.select_key(payment_id)
        await press(pilot, "a", "y")
        await settle(pilot, workers=True)


async def _answer_satisfied(db: str, ticket: str) -> None:
    app = _lobby(db)
    async with drive(app) as pilot:
        await press(pilot, "5")
        pilot.app.screen.query_one("Input").value = ticket
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "FixedQuestionScreen", screen_text(app)
        assert "修好了吗？" in screen_text(app)
        await press(pilot, "1")  # 满意
        assert type(app.screen).__name__ == "AnsweredScreen", screen_text(app)
    assert app.errors == []


async def _lobby_funding_lines(db: str) -> list[str]:
    app = _lobby(db)
    async with app.run_test(size=(100, 80)) as pilot:  # one column: a row is one source
        await settle(pilot)
        await press(pilot, "2")
        lines = screen_lines(app)
    assert app.errors == []
    return lines


async def _lobby_repair_text(db: str) -> str:
    app = _lobby(db)
    async with drive(app, size=(100, 40)) as pilot:
        await press(pilot, "8", "1")  # 应急维修, the one being disclosed
        text = screen_text(app)
    assert app.errors == []
    return text


def _slide_text(kind: str, db: str, width: int = 128, height: int = 40) -> str:
    import datetime as dt

    from kiosk.display import kinds
    from kiosk.render.slides.pager import paginate

    estate = estates.resolve_estate(None)
    data = kinds.get(kind).load(kinds.Context(estate, Settings(db=db), dt.datetime.now()))
    pages = [p.plain() for item in kinds.get(kind).render(data, width, height - 6) for p in paginate(item, width, height - 6)]
    return re.sub(r"\s+", "", "\n".join(pages))


def _web(db: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from kiosk.web import app as web_app

    return TestClient(web_app.build(Settings(db=db)), base_url="https://testserver")


async def test_a_report_a_vote_six_sources_payments_acceptance_and_fixed_agree_everywhere(db_path, tmp_path):
    db = db_path
    _fresh_office(db, tmp_path)
    connection.connect(db)

    # A resident reports at the lobby; staff create the project in the console and link the two.
    ticket = await _report_a_roof_leak(db)
    project = await _create_project_in_the_console(db)
    early = kiosk(db, "report", "status", ticket, "resolved", ok=False)  # a new user's first try: says what it can become
    assert early.returncode != 0 and early.stderr.count("\n") == 1 and "可以改为：「已受理」" in early.stderr, early.stderr
    kiosk(db, "report", "status", ticket, "accepted")
    kiosk(db, "report", "link", ticket, "--project", str(project))

    # The estate votes on how to repair it: four on paper, one by proxy; then the vote closes.
    poll = kiosk(db, "poll", "create", "--title", "屋面防水方案", "--option", "沥青卷材", "--option", "水泥砂浆",
                 "--project", str(project)).stdout.split()[-1]
    for building, unit, room, choice in (("1", "1", "101", "沥青卷材"), ("1号楼", "1单元", "201", "沥青卷材"),
                                         ("1", "1", "301", "水泥砂浆"), ("1", "2", "102", "沥青卷材")):
        kiosk(db, "poll", "vote", poll, "--building", building, "--unit", unit, "--room", room, "--choice", choice)
    kiosk(db, "poll", "vote", poll, "--building", "2", "--unit", "1", "--room", "101", "--choice", "沥青卷材",
          "--channel", "proxy", "--proxy-holder", "钱小五")
    kiosk(db, "poll", "close", poll)
    assert "表决结果：沥青卷材" in kiosk(db, "poll", "tally", poll).stdout
    kiosk(db, "report", "status", ticket, "in_progress", "--note", "业主已表决：沥青卷材")

    # The money arrives from all six sources.
    rows = [f'{project},{k},"{yuan(v).lstrip("¥")}",出资方{i},received,2026-11-0{i + 1},R-{i}' for i, (k, v) in enumerate(RECEIVED.items())]
    (tmp_path / "money.csv").write_text("project_id,source,amount,contributor,status,date,receipt_no\n" + "\n".join(rows) + "\n",
                                        encoding="utf-8")
    kiosk(db, "import", "contributions", str(tmp_path / "money.csv"))

    # Money out: wang enters, li approves (once on the command line, once in the console); never wang.
    def enter(*args: str) -> int:
        return int(kiosk(db, "payment", "add", "--as", CLERK[0], "--project", str(project), "--payee", "京防水工程公司",
                         *args).stdout.split()[-1])

    first = enter("--purpose", "屋面防水卷材", "--amount", "150000", "--source", "government=120000",
                  "--source", "subdistrict=30000", "--document", "FP-1")
    second = enter("--purpose", "尾款", "--amount", "6000.10", "--source", "owners=1000.10", "--source", "property=5000",
                   "--document", "FP-2")
    mine = kiosk(db, "payment", "approve", str(first), "--as", CLERK[0], ok=False)
    assert mine.returncode != 0 and mine.stderr.count("\n") == 1, mine.stderr
    kiosk(db, "payment", "approve", str(first), "--as", ADMIN[0])
    await _approve_in_the_console(db, second)
    paid = {"government": 120000_00, "subdistrict": 30000_00, "owners": 1000_10, "property": 5000_00}
    paid_total = sum(paid.values())
    received_total = sum(RECEIVED.values())

    # 竣工验收, then the report is fixed and the resident answers at the lobby.
    kiosk(db, "project", "accept", str(project), "--final-account", yuan(paid_total).lstrip("¥"), "--leftover", "returned",
          "--as", ADMIN[0])
    kiosk(db, "report", "status", ticket, "resolved", "--note", "屋面已重做防水")
    await _answer_satisfied(db, ticket)

    # The figures every surface must show.
    balance = {k: RECEIVED[k] - paid.get(k, 0) for k in SIX}
    exported = json.loads(kiosk(db, "export", "report", "--format", "json").stdout)
    (estate_report,) = exported["estates"]
    (p,) = estate_report["projects"]
    assert (p["received_fen"], p["paid_fen"], p["balance_fen"]) == (received_total, paid_total, received_total - paid_total)
    assert {s["key"]: (s["received_fen"], s["paid_fen"], s["balance_fen"]) for s in p["sources"]} == {
        k: (RECEIVED[k], paid.get(k, 0), balance[k]) for k in SIX}
    assert p["acceptance"]["final_account_fen"] == paid_total and p["acceptance"]["leftover_fen"] == received_total - paid_total
    rates = estate_report["report_rates"]
    assert rates["resolution"]["resolved"] == 1 and rates["satisfaction"]["satisfied"] == 1
    assert rates["satisfaction"]["percent"] is not None
    cli_rates = json.loads(kiosk(db, "report", "rates", "--json").stdout)
    assert json.dumps(cli_rates, ensure_ascii=False).count(str(rates["satisfaction"]["percent"])) >= 1

    # The lobby's funding screen.
    lines = await _lobby_funding_lines(db)
    text = "\n".join(lines)
    for figure in (received_total, paid_total, received_total - paid_total):
        assert yuan(figure) in text, (yuan(figure), text)
    for key in SIX:
        row = next(line for line in lines if line.strip().startswith("██ " + short_label(key)) and "¥" in line)
        assert re.findall(r"¥[\d,]+(?:\.\d\d)?", row)[-3:] == [yuan(RECEIVED[key]), yuan(paid.get(key, 0)), yuan(balance[key])] \
            or re.findall(r"¥[\d,]+(?:\.\d\d)?", row)[-2:] == [yuan(paid.get(key, 0)), yuan(balance[key])], row

    # The TV: the funding slide and the rates slide.
    slide = _slide_text("funding", db)
    for figure in [paid_total, received_total - paid_total] + [balance[k] for k in SIX]:
        assert re.sub(r"\s+", "", yuan(figure)) in slide, (yuan(figure), slide)
    rates_slide = _slide_text("rates", db)
    # The slide draws the percents in big digits: the counts behind them are its text.
    sat, res = rates["satisfaction"], rates["resolution"]
    assert f'{res["taken_up"]}件中{res["resolved"]}件已解决' in rates_slide, rates_slide
    assert f'{sat["answers"]}条评价中{sat["satisfied"] + sat["basic"]}条满意' in rates_slide, rates_slide

    # The phone pages: the estate's page and the project's own.
    client = _web(db)
    estate_id = estates.resolve_estate(None).id
    for path in (f"/?estate={estate_id}", f"/pledge?project={project}"):
        page = client.get(path)
        assert page.status_code == 200, path
        shown = project_figures(page.text)[project]
        assert (shown["received"], shown["paid"], shown["balance"]) == (received_total, paid_total, received_total - paid_total)
        if path.startswith("/pledge"):  # the estate's page lists projects; the project's own page has the sources
            assert {k: v[1:] for k, v in shown["sources"].items() if k in SIX} == {
            k: [RECEIVED[k], 0, paid.get(k, 0), balance[k]] for k in SIX}
    home = re.sub(r"\s+", "", text_of(client.get(f"/?estate={estate_id}").text))
    assert f'{res["taken_up"]}件中{res["resolved"]}件已解决' in home and f'{sat["answers"]}条评价中' in home, home

    # The printed funding 公示, read back.
    out = tmp_path / "gongshi.pdf"
    kiosk(db, "print", "funding", str(project), "--out", str(out))
    paper = pdf.text(out.read_bytes())
    for figure in (received_total, paid_total, received_total - paid_total):
        assert pdf.squeeze(yuan(figure)) in paper, (yuan(figure), paper)
    for key in SIX:
        assert pdf.squeeze(yuan(balance[key])) in paper, (key, paper)
    assert "京防水工程公司" in paper

    assert kiosk(db, "verify").returncode == 0


async def test_an_emergency_repair_is_disclosed_with_shares_adding_up(db_path, tmp_path):
    db = db_path
    _fresh_office(db, tmp_path)
    connection.connect(db)
    kiosk(db, "emergency", "start", "--situation", "drain", "--title", "1号楼污水管堵塞", "--building", "1号楼")
    (repair,) = emergency.list_repairs()
    kiosk(db, "emergency", "cost", str(repair.id), "3000.01")
    kiosk(db, "emergency", "disclose", str(repair.id))
    listed = kiosk(db, "emergency", "shares", str(repair.id)).stdout
    assert "占参与比例" not in listed and "本户分摊" in listed, listed  # a share of the cost, not of a vote
    shares = json.loads(kiosk(db, "emergency", "shares", str(repair.id), "--json").stdout)
    assert len(shares) == 4 and sum(s["share_fen"] for s in shares) == 3000_01
    by_room = {(s["unit"], s["room"]): s["share_fen"] for s in shares}

    exported = json.loads(kiosk(db, "export", "report", "--format", "json").stdout)
    (listed_repair,) = exported["estates"][0]["emergency_repairs"]
    assert json.dumps(listed_repair).count("300001") >= 1

    text = await _lobby_repair_text(db)
    assert "1号楼污水管堵塞" in text and yuan(3000_01) in text
    assert any(yuan(v) in text for v in by_room.values()), text

    slide = _slide_text("repairs", db)
    assert "1号楼污水管堵塞" in slide and re.sub(r"\s+", "", yuan(3000_01)) in slide

    client = _web(db)
    estate_id = estates.resolve_estate(None).id
    page = client.get(f"/repairs?estate={estate_id}")
    assert page.status_code == 200
    card = page.text[page.text.index(f'id="repair-{repair.id}"'):]
    fen = [int(x) for x in re.findall(r'data-fen="(\d+)"', card)]
    assert fen[0] == 3000_01
    groups = emergency.disclosure(repair.id).groups
    assert fen[1:1 + len(groups)] == [g.share_fen for g in groups]
    assert sum(g.share_fen * g.households for g in groups) == 3000_01
    assert "13900000301" not in page.text and "王三" not in page.text
