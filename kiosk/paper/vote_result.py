"""The result 公示 of a closed vote: turnout against art. 278's two thirds, each option by area and
by owners (never a name, never a room), whether it passed the matter's majority, and the QR to
the result's phone page."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.config import Settings
from kiosk.domain import audit, votes
from kiosk.domain.money import area_text
from kiosk.i18n import _
from kiosk.paper.sheet import MARGIN, Period, Sheet, long_day
from kiosk.render.quorum import quorum_line, turnout_figures
from kiosk.render.safe import one_line
from kiosk.render.votes import option_shares, outcome_text

QR_SIZE = 34


def result_url(settings: Settings, poll_id: int) -> str | None:
    """The phone page of the result (docs/web.md), or None while public_url is the example."""
    if settings.public_url_is_example():
        return None
    return f"{settings.public_base()}/vote/result?poll={poll_id}"


def rule_text(matter: str) -> str:
    if matter == "major":
        return _("Major matter: at least 3/4 of the area and of the owners who took part.")
    return _("Ordinary matter: more than half of the area and of the owners who took part.")


def build(poll_id: int, settings: Settings, *, period: Period | None = None, printed: dt.datetime | None = None) -> bytes:
    """Refused (ValidationError) while the poll is not closed: results are public only then."""
    printed = printed or clock.now()
    t = votes.public_results(poll_id)
    poll = votes.get_poll(poll_id)
    url = result_url(settings, poll_id)
    sheet = Sheet(_("Vote result"), font_setting=settings.paper_font, printed=printed, chain=audit.head())
    sheet.add_page()
    top = sheet.get_y()
    width = sheet.inner - (QR_SIZE + 6 if url else 0)
    sheet.para(one_line(poll.estate), 11, grey=True, width=width)
    sheet.heading(_("Vote result"), 22, align="L")
    sheet.gap(2)
    sheet.para(one_line(t.title), 14, bold=True, width=width)
    sheet.para(votes.matter_label(t.matter), 10, width=width)
    closed = poll.closed_at or printed
    sheet.para(_("Voting from {start} to {end}").format(start=long_day(poll.opens_at.date()), end=long_day(closed.date())), 10, width=width)
    sheet.para((period or Period(printed.date())).text(), 10, width=width)
    below = max(sheet.get_y(), top + (QR_SIZE + 8 if url else 0)) + 4
    if url:
        x = sheet.w - MARGIN - QR_SIZE
        sheet.qr(url, x, top, QR_SIZE)
        sheet.set_xy(x - 4, top + QR_SIZE)
        sheet.para(_("Scan for the details"), 8, align="C", width=QR_SIZE + 8)
    sheet.set_y(below)

    # Turnout: art. 278 asks two thirds of the area and two thirds of the owners.
    sheet.para(_("Turnout"), 13, bold=True)
    area_pct, owners_pct = turnout_figures(t.turnout)
    sheet.table(
        [("", 0.28, "L"), (_("Eligible"), 0.24, "R"), (_("Took part"), 0.24, "R"), (_("Share"), 0.24, "R")],
        [[_("Area m²"), area_text(t.eligible.area_cm2), area_text(t.participating.area_cm2), f"{area_pct}%"],
         [_("Owners (by head)"), str(t.eligible.owners), str(t.participating.owners), f"{owners_pct}%"],
         [_("Households"), str(t.eligible.households), str(t.participating.households), ""]],
    )
    sheet.gap(1)
    sheet.para(quorum_line(t.turnout).plain + "  " + _("(at least 2/3 of the area and of the owners must take part)"), 10)
    sheet.gap(5)

    sheet.para(_("Result by option"), 13, bold=True)
    rows = []
    for o, (area_share, owners_share) in zip(t.options, option_shares(t)):
        mark = _("approved") if o.approved else (_("not approved") if t.decided else "")
        rows.append([one_line(o.label), f"{area_text(o.counts.area_cm2)} ({area_share}%)",
                     f"{o.counts.owners} ({owners_share}%)", mark])
    sheet.table([(_("Option"), 0.34, "L"), (_("Area m²"), 0.24, "R"), (_("Owners (by head)"), 0.22, "R"), ("", 0.20, "C")], rows)
    sheet.gap(1)
    sheet.para(_("(%): share of those who took part"), 9, grey=True)
    if t.split_owners:
        sheet.para(_("{n} owners whose flats chose different options are counted for no option.").format(n=t.split_owners), 9, grey=True)
    sheet.gap(4)
    sheet.para(outcome_text(t).plain, 14, bold=True)
    sheet.para(rule_text(t.matter), 10)
    sheet.gap(4)
    sheet.para(_("Totals only: no name, room or single ballot is published. Each voter can check that their ballot was counted with the receipt number."), 9, grey=True)
    if url is None:
        sheet.para(_("No QR code: the kiosk's public address (public_url) is not set."), 9, grey=True)
    return sheet.pdf()
