"""Printing through a real, private CUPS (tests/support/cups.py): the printers listed with their
state and Chinese descriptions, a PDF sent with `lp` arriving as the same document, and the
missing printer, the stopped printer and the print service that is not running each said in one
line in the user's language. The office folder: whole files under clear names, never over another."""

from __future__ import annotations

import functools
import os

import pytest

from kiosk import i18n
from kiosk.paper import office_folder, printers
from kiosk.paper.sheet import Sheet
from support import pdf
from support.cups import CUPS_PDF_MISSING, cups, free_port, printed_text  # noqa: F401  (the fixture)
from kiosk_process import run_kiosk


@functools.cache
def small_pdf(title: str, lines: tuple[str, ...]) -> bytes:
    """A one-page document on the kiosk's own sheet (made once: embedding the font takes seconds)."""
    sheet = Sheet(title)
    sheet.add_page()
    sheet.heading(title)
    for line in lines:
        sheet.para(line)
    return sheet.pdf()


def test_lists_printers_with_state_default_and_chinese_description(cups):
    cups.add_printer("Office", "三楼办公室 激光打印机")
    cups.add_printer("Hall")
    cups.run("lpadmin", "-d", "Office")
    cups.run("cupsdisable", "-r", "toner low", "Hall")
    found = {p.name: p for p in printers.list_printers()}
    assert set(found) == {"Office", "Hall"}
    assert found["Office"].description == "三楼办公室 激光打印机"
    assert found["Office"].state == printers.IDLE and found["Office"].default
    assert found["Hall"].state == printers.STOPPED and not found["Hall"].default
    assert found["Hall"].reason == "toner low"
    assert found["Office"].label == "三楼办公室 激光打印机 (Office)"


def test_no_printers_is_an_empty_list(cups):
    assert printers.list_printers() == []


def test_a_pdf_sent_arrives_as_the_same_document(cups):
    target = cups.add_printer("Office", "办公室")
    document = small_pdf("维修资金公示", ("东区3号楼 屋面防水", "已到账 ¥90,000",))
    job = printers.submit("Office", document, "维修资金公示 东区3号楼")
    assert job.startswith("Office-") and job.split("-")[1].isdigit()
    arrived = cups.wait_for_pdf(target)
    text = printed_text(arrived)
    assert pdf.squeeze("维修资金公示") in text and pdf.squeeze("已到账 ¥90,000") in text
    assert printers.page_count(arrived) == printers.page_count(document) == 1
    # The job went in with its title, and nothing was left behind on the box for it.
    done = cups.run("lpstat", "-W", "completed", "-o", "Office").stdout
    assert job in done


def test_the_virtual_pdf_printer_cups_pdf_takes_the_job(cups):
    """cups-pdf rebuilds what it prints through Ghostscript (the text is not kept readable), so
    this checks what it does keep: a PDF per job, named by the job's number, with every page."""
    if CUPS_PDF_MISSING:
        pytest.skip(CUPS_PDF_MISSING)
    name = f"KioskTest{os.getpid()}"
    folder = cups.add_cups_pdf(name)
    document = small_pdf("维修资金公示", ("东区3号楼 屋面防水",))
    job = printers.submit(name, document, "kiosk test")
    number = job.rsplit("-", 1)[1]
    data = cups.wait_for_job(folder / f"*-job_{number}.pdf", timeout=60)
    assert data.startswith(b"%PDF") and len(pdf.reader(data).pages) == printers.page_count(document) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_missing_printer_is_one_line_in_the_users_language(cups, lang):
    i18n.set_language(lang)
    cups.add_printer("Office")
    with pytest.raises(printers.PrintingError) as refused:
        printers.submit("Ofice", small_pdf("T", ("x",)), "T")
    said = str(refused.value)
    assert "\n" not in said and "Ofice" in said
    assert ("没有" in said) if lang == "zh" else ("no printer called Ofice" in said)


def test_a_stopped_printer_takes_no_job(cups):
    target = cups.add_printer("Office")
    cups.run("cupsdisable", "-r", "paper jam", "Office")
    with pytest.raises(printers.PrintingError) as refused:
        printers.submit("Office", small_pdf("T", ("x",)), "T")
    assert "Office" in str(refused.value) and "paper jam" in str(refused.value)
    assert not target.exists()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_print_service_not_running(monkeypatch, lang):
    i18n.set_language(lang)
    monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{free_port()}")  # nothing listens there
    if not os.path.exists("/usr/bin/lpstat"):
        pytest.skip("lpstat is not installed (package cups-client)")
    with pytest.raises(printers.PrintingError) as refused:
        printers.list_printers()
    said = str(refused.value)
    assert "\n" not in said and "CUPS" in said
    assert ("没有运行" in said) if lang == "zh" else ("not running" in said)


def test_parse_reads_every_state_and_reason():
    text = ("printer Office now printing Office-3.  enabled since Sun Dec  6 10:16:27 2026\n"
            "\tForm mounted:\n\tDescription: 办公室: 彩色\n"
            "printer Hall disabled since Sun Dec  6 10:16:59 2026 -\n\tPaused\n\tDescription: \n"
            "printer Lobby is idle.  enabled since Sun Dec  6 10:16:27 2026\n"
            "system default destination: Lobby\n")
    got = printers.parse(text)
    assert [(p.name, p.state, p.default) for p in got] == [
        ("Office", printers.PRINTING, False), ("Hall", printers.STOPPED, False), ("Lobby", printers.IDLE, True)]
    assert got[0].description == "办公室: 彩色" and got[1].reason == "Paused" and got[1].label == "Hall"


def test_job_title_is_one_printable_line():
    assert printers._job_title("公示\n东区\x1b[31m 3号楼") == "公示 东区[31m 3号楼"


def test_office_folder_writes_whole_files_under_clear_names(tmp_path):
    document = small_pdf("公示", ("x",))
    first = office_folder.save(str(tmp_path), "维修资金公示 东区3号楼", document)
    second = office_folder.save(str(tmp_path), "维修资金公示 东区3号楼", document)
    assert os.path.basename(first).startswith("维修资金公示-东区3号楼-") and first.endswith(".pdf")
    assert second != first and second.endswith("-2.pdf")
    assert open(first, "rb").read() == document == open(second, "rb").read()
    assert sorted(os.listdir(tmp_path)) == sorted([os.path.basename(first), os.path.basename(second)])  # no part file left


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_office_folder_missing_is_one_line(tmp_path, lang):
    i18n.set_language(lang)
    with pytest.raises(office_folder.FolderError) as refused:
        office_folder.save(str(tmp_path / "nope"), "公示", b"%PDF")
    assert "\n" not in str(refused.value) and "nope" in str(refused.value)
    with pytest.raises(office_folder.FolderError):
        office_folder.save("", "公示", b"%PDF")


def test_kiosk_printers_lists_them_and_kiosk_print_sends_to_one(cups, demo_path):
    target = cups.add_printer("Office", "三楼办公室")
    listed = run_kiosk("printers")
    assert listed.returncode == 0 and "Office" in listed.stdout and "三楼办公室" in listed.stdout and "就绪" in listed.stdout
    sent = run_kiosk("--db", demo_path, "print", "funding", "--printer", "Office")
    assert sent.returncode == 0, sent.stderr
    assert "已发送到打印机 Office，任务编号 Office-" in sent.stdout
    assert pdf.squeeze("资金公示") in printed_text(cups.wait_for_pdf(target))


def test_kiosk_print_to_a_missing_printer_is_one_line_before_anything_is_built(cups, demo_path):
    cups.add_printer("Office")
    refused = run_kiosk("--db", demo_path, "--lang", "en", "print", "funding", "--printer", "Ofice")
    assert refused.returncode != 0 and refused.stdout == ""
    assert refused.stderr.strip() == "kiosk: There is no printer called Ofice on this box."
    both = run_kiosk("--db", demo_path, "print", "funding", "--printer", "Office", "--out", "x.pdf")
    assert both.returncode == 2 and "--out" in both.stderr


def test_every_document_the_console_lists_builds(demo_db):
    """One of each kind the Print section lists (the first record it is for) becomes a PDF whose
    pages page_count counts as a reader does; documents that issue codes are built as they print."""
    from kiosk.config import Settings
    from kiosk.paper import catalog

    items = catalog.printables()
    kinds = {i.kind for i in items}
    assert kinds == {k.key for k in catalog.KINDS}  # the demo has something to print of every kind
    for kind in catalog.KINDS:
        if kind.build is None:
            continue
        item = next(i for i in items if i.kind == kind.key)
        document = catalog.build(item, Settings(public_url="https://gongshi.example"))
        assert printers.page_count(document) == len(pdf.reader(document).pages) >= 1, kind.key
