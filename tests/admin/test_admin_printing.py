"""The console's Print section against a real, private CUPS (tests/support/cups.py): staff choose
a document, then a printer, see the pages, confirm, and read the job number; the job arrives at
the printer as the PDF with the document's text. A printer gone by then, and a print service that
is not running, are said in one line; the office folder still takes the document."""

from __future__ import annotations

import os

from support import flat, press, until
from support.admin import SIZE, make_app, sign_in
from support.cups import cups  # noqa: F401  (the fixture)
from support.pdf import squeeze, text

from kiosk import i18n
from kiosk.domain import estates
from kiosk.screens.admin.dialogs import ConfirmDialog
from kiosk.screens.admin.printing import PrintDialog, PrintScreen

BUILD_S = 60  # embedding the Chinese font takes seconds on a busy machine


def printed_text(arrived: bytes) -> str:
    """What the printer received, read back (the driver's pdftopdf rewrites the font's Unicode
    map, which pypdf reads with a NUL before each character: dropped)."""
    return text(arrived).replace("\x00", "")


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
