"""Code slips with cut marks, ten to an A4 page: one-time vote codes, household codes (户码) and
一户一策 statement codes.
Built from the slips as they are issued, the only moment their plain codes exist."""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk import clock
from kiosk.config import Settings
from kiosk.domain import codes, household_codes, plans, votes
from kiosk.i18n import _
from kiosk.paper.sheet import FAMILY, MARGIN, Sheet, wrap
from kiosk.render.safe import one_line

COLUMNS, ROWS = 2, 5
SLIP_W, SLIP_H = 85.0, 46.0  # mm: a business card and a half, for a wallet or a door
GAP_X, GAP_Y = 10.0, 6.0


@dataclasses.dataclass(frozen=True)
class Card:
    heading: str  # what kind of code: 一次性投票码 / 户码
    title: str  # the vote's title, or the estate
    address: str  # the household's building, unit and room
    code: str
    note: str  # how to use it


def vote_cards(poll: votes.PollInfo, slips: list[votes.CodeSlip]) -> list[Card]:
    note = _("At the lobby kiosk choose Vote and type this code. It works once; keep it private.")
    return [Card(_("One-time vote code"), poll.title, s.building + s.unit + s.room, s.code, note) for s in slips]


def household_cards(estate: str, slips: list[household_codes.Slip]) -> list[Card]:
    note = _("Your household's code for pledges and your 一户一策 statement at the kiosk. Keep it private.")
    return [Card(_("Household code"), estate, s.label, s.code, note) for s in slips]


def plan_cards(plan: plans.PlanInfo, slips: list[plans.CodeSlip]) -> list[Card]:
    note = _("At the lobby kiosk choose Votes, then Household share, and type this code to read your "
               "household's statement. Keep it private.")
    return [Card(_("Statement code"), plan.title, s.building + s.unit + s.room, s.code, note) for s in slips]


def _card(sheet: Sheet, card: Card, x: float, y: float) -> None:
    sheet.cut_marks(x, y, SLIP_W, SLIP_H, length=3)
    pad = 4
    sheet.set_xy(x + pad, y + pad)
    sheet.set_font(FAMILY, "B", 11)
    sheet.cell(SLIP_W - 2 * pad, 5, sheet.fit(card.heading, SLIP_W - 2 * pad))
    sheet.set_xy(x + pad, y + pad + 6)
    sheet.set_font(FAMILY, "", 9)
    sheet.cell(SLIP_W - 2 * pad, 4.5, sheet.fit(one_line(card.title), SLIP_W - 2 * pad))
    sheet.set_xy(x + pad, y + pad + 11)
    sheet.set_font(FAMILY, "B", 10)
    sheet.cell(SLIP_W - 2 * pad, 5, sheet.fit(one_line(card.address), SLIP_W - 2 * pad))
    sheet.set_xy(x + pad, y + pad + 17)
    sheet.set_font(FAMILY, "B", 20)
    sheet.cell(SLIP_W - 2 * pad, 9, codes.show(card.code), align="C")
    sheet.set_xy(x + pad, y + pad + 28)
    sheet.set_font(FAMILY, "", 7.5)
    sheet.set_text_color(90, 90, 90)
    sheet.multi_cell(SLIP_W - 2 * pad, 3.5, card.note, wrapmode=wrap())
    sheet.set_text_color(0, 0, 0)


def build(cards: list[Card], settings: Settings, *, title: str, printed: dt.datetime | None = None) -> bytes:
    """Ten slips a page in two columns, each with its cut marks."""
    sheet = Sheet(title, font_setting=settings.paper_font, printed=printed or clock.now())
    sheet.set_auto_page_break(False)
    per_page = COLUMNS * ROWS
    left = (sheet.w - COLUMNS * SLIP_W - (COLUMNS - 1) * GAP_X) / 2
    for i, card in enumerate(cards):
        if i % per_page == 0:
            sheet.add_page()
        col, row = i % COLUMNS, (i % per_page) // COLUMNS
        _card(sheet, card, left + col * (SLIP_W + GAP_X), MARGIN + row * (SLIP_H + GAP_Y))
    if not cards:
        sheet.add_page()
        sheet.para(_("No slips: every household already has its code or has voted."), 12)
    return sheet.pdf()


def vote_codes(poll: votes.PollInfo, slips: list[votes.CodeSlip], settings: Settings, *,
               printed: dt.datetime | None = None) -> bytes:
    return build(vote_cards(poll, slips), settings, title=_("Vote-code slips"), printed=printed)


def household_codes_pdf(estate: str, slips: list[household_codes.Slip], settings: Settings, *,
                        printed: dt.datetime | None = None) -> bytes:
    return build(household_cards(estate, slips), settings, title=_("Household codes"), printed=printed)


def plan_codes(plan: plans.PlanInfo, slips: list[plans.CodeSlip], settings: Settings, *,
               printed: dt.datetime | None = None) -> bytes:
    return build(plan_cards(plan, slips), settings, title=_("Statement codes"), printed=printed)
