"""Ballot papers, one A4 page per household of a vote: where the household lives, the options
with a box each, the signature line, and at the foot a tear-off strip with the household's
one-time vote code (for voting at the lobby kiosk instead). Built from the codes as issued."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.config import Settings
from kiosk.domain import codes, votes
from kiosk.i18n import _
from kiosk.paper.sheet import FAMILY, MARGIN, Sheet, long_day
from kiosk.render.safe import one_line

STRIP_TOP = 222  # mm from the top: the cut line; below it the strip the household keeps
BOX = 7


def when(at: dt.datetime) -> str:
    return f"{long_day(at.date())} {at:%H:%M}"


def _ballot(sheet: Sheet, poll: votes.PollInfo, slip: votes.CodeSlip) -> None:
    sheet.add_page()
    sheet.para(one_line(poll.estate), 10, grey=True)
    sheet.heading(_("Ballot paper"), 22, align="L")
    sheet.gap(1)
    sheet.para(one_line(poll.title), 15, bold=True)
    sheet.para(votes.matter_label(poll.matter), 10)
    if poll.closes_at is not None:
        sheet.para(_("Voting from {start} to {end}").format(start=when(poll.opens_at), end=when(poll.closes_at)), 10)
    sheet.gap(3)
    sheet.para(_("Household: {address}").format(address=one_line(slip.building + slip.unit + slip.room)), 14, bold=True)
    sheet.gap(3)
    sheet.para(_("Tick (√) the box of ONE option. A ballot with no tick or more than one is not counted for any option."), 11)
    sheet.gap(4)
    for option in poll.options:
        y = sheet.get_y()
        sheet.box(MARGIN + 4, y, BOX)
        sheet.set_xy(MARGIN + 4 + BOX + 5, y + 0.5)
        sheet.set_font(FAMILY, "", 15)
        sheet.cell(sheet.inner - BOX - 14, BOX - 1, sheet.fit(one_line(option.label), sheet.inner - BOX - 14))
        sheet.set_y(y + BOX + 6)
    sheet.gap(4)
    sheet.para(_("Owner (or proxy holder) signature: ____________________      Date: ______________"), 11)
    sheet.gap(3)
    if poll.closes_at is not None:
        sheet.para(_("Return this ballot to the estate office by {when}.").format(when=when(poll.closes_at)), 11, bold=True)
    else:
        sheet.para(_("Return this ballot to the estate office before voting closes."), 11, bold=True)
    sheet.para(_("Each household votes once: if it also votes at the kiosk, only the ballot counted first stands."), 9, grey=True)
    _strip(sheet, poll, slip)


def _strip(sheet: Sheet, poll: votes.PollInfo, slip: votes.CodeSlip) -> None:
    """Below the cut line, the part the household keeps: the ballot handed back carries no code."""
    sheet.cut_line(STRIP_TOP, "✂ " + _("Cut here and keep the lower part"))
    x = MARGIN
    sheet.set_xy(x, STRIP_TOP + 6)
    sheet.set_font(FAMILY, "B", 13)
    sheet.cell(sheet.inner, 6, _("One-time vote code"))
    sheet.set_xy(x, STRIP_TOP + 13)
    sheet.set_font(FAMILY, "", 10)
    sheet.cell(sheet.inner, 5, sheet.fit(one_line(poll.title) + "  ·  " + one_line(slip.building + slip.unit + slip.room), sheet.inner))
    sheet.set_xy(x, STRIP_TOP + 21)
    sheet.set_font(FAMILY, "B", 26)
    sheet.cell(sheet.inner, 12, codes.show(slip.code), align="C")
    sheet.set_xy(x, STRIP_TOP + 36)
    sheet.para(_("Instead of the paper ballot you can vote at the lobby kiosk: choose Vote and type this code. "
                 "It works once; keep it private."), 10)


def build(poll: votes.PollInfo, slips: list[votes.CodeSlip], settings: Settings, *,
          printed: dt.datetime | None = None) -> bytes:
    """One page per slip, in the order the codes were issued (building, unit, floor, room)."""
    sheet = Sheet(_("Ballot paper"), font_setting=settings.paper_font, printed=printed or clock.now())
    sheet.set_auto_page_break(False)
    for slip in slips:
        _ballot(sheet, poll, slip)
    if not slips:
        sheet.add_page()
        sheet.para(_("No ballots: every household of this vote has voted."), 12)
    return sheet.pdf()


def renderer(path: str, poll: votes.PollInfo, settings: Settings, *, slips_only: bool = False):
    """How issued vote codes are written to `path` (vote_slips.write_slips' `render`): ballot
    papers, or with `slips_only` ten code slips a page, as PDF for a .pdf file; None (a CSV)
    for any other name."""
    from kiosk.paper import slips as code_slips

    if not path.strip().lower().endswith(".pdf"):
        return None
    if slips_only:
        return lambda issued: code_slips.vote_codes(poll, issued, settings)
    return lambda issued: build(poll, issued, settings)
