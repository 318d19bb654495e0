"""The console's Print section against a real, private CUPS (tests/support/cups.py): staff choose
a document, then a printer, see the pages, confirm, and read the job number; the job arrives at
the printer as the PDF with the document's text. A printer gone by then, and a print service that
is not running, are said in one line; the office folder still takes the document."""

from __future__ import annotations

import os
import re

from support import flat, press, until
from support.admin import SIZE, make_app, sign_in
from support.cups import cups, printed_codes, printed_text  # noqa: F401  (the fixture)
from support.pdf import squeeze
from support.words import untranslated

from kiosk import i18n
from kiosk.domain import estates, household_codes, votes
from kiosk.screens.admin.dialogs import ConfirmDialog
from kiosk.screens.admin.poll_tally import TallyScreen
from kiosk.screens.admin.printing import PrintDialog, PrintScreen

BUILD_S = 60  # embedding the Chinese font takes seconds on a busy machine


async def open_estate_disclosure(pilot, app) -> PrintDialog:
    await sign_in(pilot, "fang")
    await press(pilot, "p")
    assert isinstance(app.screen, PrintScreen)
    assert await until(pilot, lambda: app.screen.rows, 10)
    await press(pilot, "enter")  # the first row: the first estate's funding disclosure
    dialog = app.screen
    assert isinstance(dialog, PrintDialog)
    assert await until(pilot, lambda: dialog.data is not None, BUILD_S)
    return dialog


async def test_print_the_estates_funding_disclosure_on_the_office_printer(demo_db, cups):
    target = cups.add_printer("Office", "三楼办公室")
    estate = estates.list_estates()[0].name
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_estate_disclosure(pilot, app)
        shown = flat(app)
        assert "三楼办公室 (Office)" in shown and f"{dialog.data.pages} 页" in shown and dialog.data.pages >= 1
        assert untranslated(shown, {"Office"}) == set()  # no English in Chinese mode but the printer's name
        await press(pilot, "1")
        assert isinstance(app.screen, ConfirmDialog) and "Office" in flat(app) and estate in flat(app)
        await press(pilot, "y")
        assert await until(pilot, lambda: "Office-" in flat(app), 30), flat(app)
        job = flat(app).split("Office-", 1)[1].split()[0].rstrip("。.")
    arrived = cups.wait_for_pdf(target)
    words = printed_text(arrived)
    assert squeeze(estate) in words and squeeze("资金公示") in words
    assert f"Office-{job}" in cups.run("lpstat", "-W", "completed", "-o", "Office").stdout


async def test_a_printer_gone_before_confirming_is_one_line_in_english(demo_db, cups):
    i18n.set_language("en")
    cups.add_printer("Office")
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_estate_disclosure(pilot, app)
        cups.run("lpadmin", "-x", "Office")
        await press(pilot, "1", "y")
        assert await until(pilot, lambda: "There is no printer called Office on this box." in flat(app), 30), flat(app)


async def test_without_the_print_service_the_office_folder_takes_it(demo_db, tmp_path, monkeypatch):
    from support.cups import free_port

    monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{free_port()}")  # no print service answers there
    folder = tmp_path / "office"
    folder.mkdir()
    app = make_app(office_folder=str(folder))
    async with app.run_test(size=SIZE) as pilot:
        await open_estate_disclosure(pilot, app)
        assert "打印服务（CUPS）没有运行" in flat(app)
        await press(pilot, "1", "y")
        assert await until(pilot, lambda: "办公室文件夹" in flat(app) and ".pdf" in flat(app), 30), flat(app)
    (saved,) = os.listdir(folder)
    assert saved.endswith(".pdf") and "资金公示" in printed_text((folder / saved).read_bytes())


async def test_with_nowhere_to_print_one_line_says_what_to_do(demo_db, monkeypatch):
    from textual.widgets import OptionList

    from support.cups import free_port

    monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{free_port()}")  # no print service, no office folder
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_estate_disclosure(pilot, app)
        said = str(dialog.query_one("#print-result").render())
        assert "打印服务（CUPS）没有运行" in said and "启动打印服务" in said and "office_folder" in said, said
        assert "\n" not in said.strip()
        assert not dialog.query_one("#print-to", OptionList).display  # no empty list of destinations


async def test_vote_code_slips_are_issued_and_printed_in_one_step(demo_db, cups):
    """The printed slips replace the file of codes: the codes are issued as they print, and a
    code read back from the paper opens the vote at the kiosk."""
    target = cups.add_printer("Office")
    poll = votes.list_polls(states=("open",))[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "p")
        assert await until(pilot, lambda: app.screen.rows, 10)
        app.screen.table.select_key(f"vote-slips:{poll.id}")
        await press(pilot, "enter")
        dialog = app.screen
        assert isinstance(dialog, PrintDialog) and dialog.item.issues_codes
        assert await until(pilot, lambda: dialog.data is not None, BUILD_S)
        assert "办公室文件夹" not in flat(app)  # plain codes go to a printer only
        await press(pilot, "1", "y")
        if await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), BUILD_S):  # codes issued before: new ones
            assert "旧的码条将作废" in flat(app)
            await press(pilot, "y")
        assert await until(pilot, lambda: "Office-" in flat(app), BUILD_S), flat(app)
        issued = int(re.search(r"已发放 (\d+) 个码", flat(app)).group(1))
    printed = printed_codes(cups.wait_for_pdf(target))
    assert issued > 0 and len(set(printed)) == len(printed) == issued
    assert votes.check_code(printed[0]).poll.id == votes.check_code(printed[-1]).poll.id == poll.id


async def test_a_printer_that_refuses_issues_no_codes(demo_db, cups):
    cups.add_printer("Office")
    poll = votes.list_polls(states=("open",))[0]
    before = votes.codes_outstanding(poll.id)
    app = make_app(lang="en")
    i18n.set_language("en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "p")
        assert await until(pilot, lambda: app.screen.rows, 10)
        app.screen.table.select_key(f"vote-slips:{poll.id}")
        await press(pilot, "enter")
        assert await until(pilot, lambda: app.screen.data is not None, BUILD_S)
        cups.run("cupsreject", "Office")  # the queue stops taking jobs after it was listed
        await press(pilot, "1", "y")
        if await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), BUILD_S):
            await press(pilot, "y")
        assert await until(pilot, lambda: "not accepting jobs" in flat(app), BUILD_S), flat(app)
    assert votes.codes_outstanding(poll.id) == before


async def test_household_code_slips_print_from_the_household_codes_section(demo_db, cups):
    target = cups.add_printer("Office")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "0")
        assert await until(pilot, lambda: app.screen.shown_estate is not None, 10)
        estate = app.screen.shown_estate
        await press(pilot, "p")
        dialog = app.screen
        assert isinstance(dialog, PrintDialog) and dialog.item.kind == "household-slips" and dialog.item.subject_id == estate.id
        assert await until(pilot, lambda: dialog.data is not None, BUILD_S)
        await press(pilot, "1", "y")
        if await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), BUILD_S):  # every household had its code
            await press(pilot, "y")
        assert await until(pilot, lambda: "Office-" in flat(app), BUILD_S), flat(app)
    printed = printed_codes(cups.wait_for_pdf(target))
    assert printed and household_codes.household_of(printed[0]) is not None


async def test_a_closed_votes_result_prints_from_its_count(demo_db, cups):
    target = cups.add_printer("Office")
    closed = votes.list_polls(states=("closed",))[0]
    still_open = votes.list_polls(states=("open",))[0]
    app = make_app()
    said: list[str] = []
    app.notify = lambda message, real=app.notify, **kw: (said.append(str(message)), real(message, **kw))[1]
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "7")
        app.screen.query_one("SearchTable").select_key(still_open.id)
        await press(pilot, "enter")
        assert await until(pilot, lambda: isinstance(app.screen, TallyScreen) and app.screen.data is not None, 10)
        await press(pilot, "p")
        assert isinstance(app.screen, TallyScreen) and said == ["表决结束后才能公示结果。"]
        await press(pilot, "escape")
        app.screen.query_one("SearchTable").select_key(closed.id)
        await press(pilot, "enter")
        assert await until(pilot, lambda: isinstance(app.screen, TallyScreen) and app.screen.data is not None, 10)
        await press(pilot, "p")
        dialog = app.screen
        assert isinstance(dialog, PrintDialog) and dialog.item.kind == "vote-result"
        assert await until(pilot, lambda: dialog.data is not None, BUILD_S)
        await press(pilot, "1", "y")
        assert await until(pilot, lambda: "Office-" in flat(app), BUILD_S), flat(app)
    words = printed_text(cups.wait_for_pdf(target))
    assert squeeze(closed.title) in words and squeeze("表决结果") in words
