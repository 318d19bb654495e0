"""QR posters for the notice board or a lift: a title, the QR code large enough to scan from a
step away, and how to scan it, for a project's phone page (funding, progress, the pledge form)
or the estate's 公示 page."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.config import Settings
from kiosk.domain import estates
from kiosk.domain import funding as funds
from kiosk.domain.errors import ValidationError
from kiosk.i18n import _
from kiosk.paper import funding as funding_sheet
from kiosk.paper.sheet import Sheet
from kiosk.render.safe import one_line

QR_SIZE = 120  # mm: a phone finds it from a metre away


def _steps() -> list[str]:
    return [
        _("1. Open WeChat (or the phone's camera) and choose Scan."),
        _("2. Point it at the code until the page opens."),
        _("3. The page shows the same figures as the lobby kiosk, updated as money arrives. Nothing is paid online."),
    ]


def _need(url: str | None) -> str:
    if url is None:
        raise ValidationError(_("A QR poster needs the kiosk's public address: set public_url in the settings file."), "public_url")
    return url


def _poster(settings: Settings, upper: str, title: str, lead: str, url: str, printed: dt.datetime | None) -> bytes:
    sheet = Sheet(title, font_setting=settings.paper_font, printed=printed or clock.now())
    sheet.add_page()
    sheet.para(upper, 14, grey=True, align="C")
    sheet.gap(2)
    sheet.heading(title, 26)
    sheet.gap(3)
    sheet.para(lead, 15, align="C")
    sheet.gap(6)
    y = sheet.get_y()
    sheet.qr(url, (sheet.w - QR_SIZE) / 2, y, QR_SIZE)
    sheet.set_y(y + QR_SIZE + 2)
    sheet.para(url, 10, grey=True, align="C")
    sheet.gap(6)
    for step in _steps():
        sheet.para(step, 13)
        sheet.gap(1.5)
    return sheet.pdf()


def build(project_id: int, settings: Settings, *, printed: dt.datetime | None = None) -> bytes:
    """A project's poster; refused while public_url is the example address (a code that leads
    nowhere is worse than none)."""
    project = funds.get_project(project_id)
    url = _need(funding_sheet.project_url(settings, project))
    return _poster(settings, one_line(project.estate), one_line(project.title),
                   _("Scan to see where the money comes from and how the works go, and to pledge."), url, printed)


def build_estate(estate_id: int, settings: Settings, *, printed: dt.datetime | None = None) -> bytes:
    estate = estates.get_estate(estate_id)
    url = _need(funding_sheet.estate_url(settings, estate_id))
    return _poster(settings, one_line(estate.name), _("Our estate's public disclosure"),
                   _("Scan to see every project's money and progress, notices and vote results."), url, printed)
