"""A day of an office's work, as a new staff member meets it: a fresh estate set up on the command
line, then the console over a real SSH login without a shell (OpenSSH's sshd with the deployed
ForceCommand into `kiosk admin`, a real terminal in tmux, tests/test_ssh.py's fixture): print the
estate's funding 公示, the ballot papers and the vote-code slips on the office printer (a private
CUPS, tests/support/cups.py), then print the closed vote's result — every PDF the printer received
read back with the right figures.

Driving every form through tmux is slow and brittle, so the steps that are not printing — correct a
household's floor area, enter the paper ballots, close the vote — go through the same console
(the real AdminApp) under Pilot, on the same database, while the SSH session stays signed in."""

from __future__ import annotations

import time

import pytest

from kiosk.db.models import Household
from kiosk.domain import votes
from kiosk.domain.money import area_text, yuan
from support import press, settle, type_text
from support.admin import SIZE
from support.cups import cups, printed_codes, printed_text  # noqa: F401  (the fixture)
from support.pdf import squeeze
from test_judged_money_out import ADMIN, CLERK, _admin, _create_project_in_the_console, _fresh_office, _sign_in, kiosk
from test_ssh import MISSING, _forced, ssh_into  # noqa: F401  (the fixture)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(MISSING), reason="needs " + ", ".join(MISSING) + " (.ci/run installs them)"),
]


class Office:
    """The console over SSH, signed in, printing to the office's printer."""

    def __init__(self, session, cups, target) -> None:
        self.s, self.cups, self.target = session, cups, target

    def sign_in(self, who: tuple[str, str]) -> None:
        s = self.s
        s.wait_for("登录")
        s.settle()
        s.type(who[0])
        s.wait_for(who[0])
        s.keys("Enter")
        s.settle()
        s.type(who[1])
        s.wait_for("•" * len(who[1]), "*" * len(who[1]))
        s.keys("Enter")
        s.wait_for("打印")
        s.settle()

    def overview(self) -> None:
        """Back to the overview, as a person does: Esc until it shows."""
        for _ in range(6):
            if "> 总览" in self.s.settle():
                return
            self.s.keys("Escape")
        self.s.wait_for("> 总览")

    def print(self, label: str, *, replaces_codes: bool = False) -> bytes:
        """From the overview: P, find the document by its label, Enter, the first printer, yes;
        the PDF as the printer received it."""
        s = self.s
        self.target.unlink(missing_ok=True)
        self.overview()
        s.keys("p")
        s.wait_for("> 打印")
        s.settle()
        s.keys("/")
        s.settle()
        s.type(label)
        self.until_gone("户码")  # filtered: the household slips' row (never searched for here) has gone
        s.keys("Enter")
        if "范围" in s.settle():  # Enter in the search line only left it: the list is still there
            s.keys("Enter")
        s.wait_for("页", "打印时即发放新码")  # built, its pages counted (papers with codes are built as they print)
        s.settle()
        s.keys("1")
        s.settle()
        s.keys("y")
        if replaces_codes:
            s.wait_for("作废")
            s.settle()
            s.keys("y")
        s.wait_for("Office-")
        pdf = self.cups.wait_for_pdf(self.target)
        self.overview()
        return pdf

    def until_gone(self, text: str) -> None:
        deadline = time.monotonic() + 30
        while text in self.s.screen():
            assert time.monotonic() < deadline, self.s.screen()
            time.sleep(0.2)


async def _correct_area(db: str) -> None:
    from kiosk.screens.admin.households import HouseholdsScreen

    app = _admin(db)
    async with app.run_test(size=SIZE) as pilot:
        await _sign_in(pilot, CLERK)
        await press(pilot, "h")
        assert isinstance(app.screen, HouseholdsScreen)
        await press(pilot, "f")
        await type_text(pilot, "1 1 301\r")
        await settle(pilot)
        await press(pilot, "c")
        app.screen.query_one("#f-area_m2").value = "85.5"
        app.screen.query_one("#f-reason").value = "按房产证更正"
        await press(pilot, "ctrl+s")
        await settle(pilot, workers=True)


async def _paper_ballots_and_close(db: str, poll_id: int, ballots) -> None:
    from kiosk.screens.admin.poll_tally import TallyScreen
    from kiosk.screens.admin.paper_ballot import BallotForm

    poll = votes.get_poll(poll_id)
    option = {o.label: o.id for o in poll.options}
    app = _admin(db)
    async with app.run_test(size=SIZE) as pilot:
        await _sign_in(pilot, CLERK)
        await press(pilot, "7")
        app.screen.query_one("SearchTable").select_key(poll_id)
        await press(pilot, "b")
        form = app.screen
        assert isinstance(form, BallotForm)
        for building, unit, room, choice in ballots:
            for name, value in (("building", building), ("unit", unit), ("room", room)):
                form.query_one(f"#f-{name}").value = value
            form.query_one("#f-choice").value = option[choice]
            await press(pilot, "ctrl+s")
            await settle(pilot, workers=True)
        await press(pilot, "escape")
        await press(pilot, "c", "y")
        await settle(pilot, workers=True)
        assert isinstance(app.screen, TallyScreen)


async def test_an_office_day_over_ssh_with_every_paper_read_back(db_path, tmp_path, ssh_into, cups):
    db = db_path
    _fresh_office(db, tmp_path)
    from kiosk.db import connection

    connection.connect(db)
    target = cups.add_printer("Office", "社区办公室")

    # The estate's project and its money, as the first money-out test sets them up.
    project = await _create_project_in_the_console(db)
    (tmp_path / "money.csv").write_text(
        "project_id,source,amount,contributor,status,date,receipt_no\n"
        f"{project},government,200000,区住建委,received,2026-11-01,G-1\n"
        f"{project},owners,1234.56,张一,received,2026-11-02,O-1\n", encoding="utf-8")
    kiosk(db, "import", "contributions", str(tmp_path / "money.csv"))
    paid = int(kiosk(db, "payment", "add", "--as", CLERK[0], "--project", str(project), "--payee", "京防水工程公司",
                     "--purpose", "屋面防水卷材", "--amount", "150000", "--source", "government").stdout.split()[-1])
    kiosk(db, "payment", "approve", str(paid), "--as", ADMIN[0])
    poll = int(kiosk(db, "poll", "create", "--title", "屋面防水方案", "--option", "沥青卷材", "--option", "水泥砂浆",
                     "--project", str(project)).stdout.split()[-1])

    # Morning: a household's floor area is corrected (the deed says 85.5 m², not 80).
    await _correct_area(db)
    corrected = Household.get(Household.room == "301")
    assert corrected.area_cm2 == 85_50

    office = Office(ssh_into(_forced(db, tmp_path, "admin", CUPS_SERVER=cups.address)), cups, target)
    office.sign_in(ADMIN)

    # The funding 公示 of the estate on the notice board.
    words = printed_text(office.print("全小区资金公示"))
    for figure in (200000_00 + 1234_56, 150000_00, 200000_00 + 1234_56 - 150000_00):
        assert squeeze(yuan(figure)) in words, (yuan(figure), words)
    assert squeeze("1号楼屋面防水") in words and squeeze("柳荫街小区") in words

    # Ballot papers for every household, then the slips (which replace the papers' codes).
    ballots_pdf = office.print("表决票")
    codes = printed_codes(ballots_pdf)
    assert len(codes) == len(set(codes)) == 5, printed_text(ballots_pdf)
    slips_pdf = office.print("打印投票码", replaces_codes=True)
    slip_codes = printed_codes(slips_pdf)
    assert len(slip_codes) == 5 and not set(slip_codes) & set(codes)
    assert {votes.check_code(c).poll.id for c in slip_codes} == {poll}

    # Paper ballots come back; the vote closes.
    await _paper_ballots_and_close(db, poll, [("1", "1", "101", "沥青卷材"), ("1号楼", "1单元", "301", "沥青卷材"),
                                              ("1", "2", "102", "水泥砂浆"), ("2", "1", "101", "沥青卷材")])
    tally = votes.tally(poll)
    assert tally.participating.households == 4

    # The result 公示: by area (the corrected one) and by owners, never a name.
    words = printed_text(office.print("表决结果公示"))
    assert squeeze("屋面防水方案") in words
    asphalt = next(o for o in tally.options if o.label == "沥青卷材")
    assert asphalt.counts.area_cm2 == 60_50 + 85_50 + 90_00
    assert squeeze(area_text(asphalt.counts.area_cm2)) in words, words
    assert squeeze(area_text(tally.participating.area_cm2)) in words, words
    for name in ("张一", "王三", "赵四", "钱五"):
        assert name not in words

    office.s.keys("C-q")
    office.s.wait_for("SSH-ENDED")
    assert kiosk(db, "verify").returncode == 0
