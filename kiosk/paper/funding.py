"""The funding 公示 of a project or of a whole estate: the six sources, planned, received,
pledged, paid out and the balance (结余), the approved payments, with the posting period, the date printed, the audit chain's head and the QR to the
project's phone page."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.config import Settings
from kiosk.domain import audit, estates, payments, spending
from kiosk.domain import funding as funds
from kiosk.domain.money import yuan
from kiosk.domain.numbers import percent
from kiosk.domain.sources import label
from kiosk.i18n import _
from kiosk.paper.sheet import MARGIN, Period, Sheet
from kiosk.render.safe import one_line

QR_SIZE = 38  # mm: scans from a step away on a notice board


def project_url(settings: Settings, project: funds.ProjectInfo) -> str | None:
    """The project's phone page, or None while public_url is still the example address."""
    if settings.public_url_is_example():
        return None
    return settings.pledge_template().format(project_id=project.id, estate_id=project.estate_id)


def estate_url(settings: Settings, estate_id: int) -> str | None:
    if settings.public_url_is_example():
        return None
    # A box that serves several estates tells its pages which one (docs/web.md).
    return settings.public_base() + "/" + ("" if settings.estate else f"?estate={estate_id}")


def _qr_block(sheet: Sheet, url: str | None, top: float) -> None:
    """The QR at the top right with how to use it, or the sentence saying why there is none."""
    if url is None:
        return
    x = sheet.w - MARGIN - QR_SIZE
    sheet.qr(url, x, top, QR_SIZE)
    sheet.set_xy(x - 4, top + QR_SIZE)
    sheet.para(_("Scan for the details"), 8, align="C", width=QR_SIZE + 8)


def _no_qr_line(sheet: Sheet, url: str | None) -> None:
    if url is None:
        sheet.para(_("No QR code: the kiosk's public address (public_url) is not set."), 9, grey=True)


def _source_table(sheet: Sheet, snap: funds.FundingSnapshot) -> None:
    columns = [(_("Source"), 0.20, "L"), (_("Planned"), 0.15, "R"), (_("Received"), 0.15, "R"),
               (_("Pledged, not yet received"), 0.20, "R"), (_("Paid out"), 0.15, "R"), (_("Balance"), 0.15, "R")]
    rows = [[label(s.key), yuan(s.planned_fen), yuan(s.received_fen), yuan(s.pledged_fen), yuan(s.paid_fen),
             yuan(s.balance_fen)] for s in snap.sources]
    rows.append([_("Total"), yuan(snap.planned_fen), yuan(snap.received_fen), yuan(snap.pledged_fen),
                 yuan(snap.paid_fen), yuan(snap.balance_fen)])
    sheet.table(columns, rows, bold_last=True)


def _payments(sheet: Sheet, project_id: int) -> None:
    """Money out: every approved payment (a reversal as a negative line), oldest first."""
    paid = [p for p in reversed(payments.for_project(project_id)) if p.status == spending.COUNTED]
    sheet.para(_("Payments"), 12, bold=True)
    if not paid:
        sheet.para(_("No payments yet."), 10, grey=True)
        return
    sheet.table(
        [(_("Date paid"), 0.14, "L"), (_("Payee"), 0.24, "L"), (_("Purpose"), 0.30, "L"), (_("Document no."), 0.14, "L"),
         (_("Amount"), 0.18, "R")],
        [[p.paid_on.isoformat(), one_line(p.payee), one_line(p.purpose), one_line(p.document_no), yuan(p.amount_fen)]
         for p in paid],
        size=9,
    )


def _project_block(sheet: Sheet, project: funds.ProjectInfo, snap: funds.FundingSnapshot, text_width: float) -> None:
    sheet.para(f"{one_line(project.title)}（{funds.status_label(project.status)}）", 14, bold=True, width=text_width)
    sheet.para(_("Target: {target}").format(target=yuan(snap.target_fen)) + "    "
               + _("Received: {received} ({percent}% of the target)").format(
                   received=yuan(snap.received_fen), percent=percent(snap.received_fen, snap.target_fen)),
               11, width=text_width)
    sheet.gap(2)


def build(project_id: int, settings: Settings, *, period: Period | None = None,
          printed: dt.datetime | None = None) -> bytes:
    """One project's funding 公示."""
    printed = printed or clock.now()
    project = funds.get_project(project_id)
    snap = funds.snapshot(project_id)
    url = project_url(settings, project)
    sheet = Sheet(_("Funding disclosure"), font_setting=settings.paper_font, printed=printed, chain=audit.head())
    sheet.add_page()
    top = sheet.get_y()
    text_width = sheet.inner - (QR_SIZE + 6 if url else 0)
    sheet.para(one_line(project.estate), 11, grey=True, width=text_width)
    sheet.heading(_("Funding disclosure"), 22, align="L")
    sheet.gap(2)
    _project_block(sheet, project, snap, text_width)
    sheet.para((period or Period(printed.date())).text(), 10, width=text_width)
    below = max(sheet.get_y(), top + (QR_SIZE + 8 if url else 0)) + 3
    _qr_block(sheet, url, top)
    sheet.set_y(below)
    _source_table(sheet, snap)
    sheet.gap(5)
    _payments(sheet, project_id)
    sheet.gap(4)
    _no_qr_line(sheet, url)
    sheet.para(_("Every figure comes from the estate's ledger; the audit chain entry below lets anyone check that it was not changed afterwards."), 9, grey=True)
    return sheet.pdf()


def build_estate(estate_id: int, settings: Settings, *, period: Period | None = None,
                 printed: dt.datetime | None = None) -> bytes:
    """Every project of an estate on one 公示 (a project per block, pages as needed)."""
    printed = printed or clock.now()
    estate = estates.get_estate(estate_id)
    projects = funds.list_projects(estate_id)
    snaps = funds.snapshots([p.id for p in projects])
    url = estate_url(settings, estate_id)
    sheet = Sheet(_("Funding disclosure"), font_setting=settings.paper_font, printed=printed, chain=audit.head())
    sheet.add_page()
    top = sheet.get_y()
    text_width = sheet.inner - (QR_SIZE + 6 if url else 0)
    sheet.heading(_("Funding disclosure"), 22, align="L")
    sheet.para(one_line(estate.name), 14, bold=True, width=text_width)
    sheet.para((period or Period(printed.date())).text(), 10, width=text_width)
    below = max(sheet.get_y(), top + (QR_SIZE + 8 if url else 0)) + 4
    _qr_block(sheet, url, top)
    sheet.set_y(below)
    if not projects:
        sheet.para(_("No projects."), 11)
    for project in projects:
        if sheet.will_page_break(70):
            sheet.add_page()
        _project_block(sheet, project, snaps[project.id], sheet.inner)
        _source_table(sheet, snaps[project.id])
        sheet.gap(3)
        _payments(sheet, project.id)
        sheet.gap(6)
    _no_qr_line(sheet, url)
    return sheet.pdf()
