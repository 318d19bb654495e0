"""一户一策 statements, one A4 page per household of a plan: its floor area and floor coefficient,
what the rule asks, any hardship reduction or agreed amount, its share, the opinion on record,
and a reply slip to tick and sign. Delivered to the household, so it names the room; never the
staff's note or the reason for a hardship reduction."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.config import Settings
from kiosk.domain import plans
from kiosk.domain.money import area_text, yuan
from kiosk.i18n import _
from kiosk.paper.sheet import MARGIN, Sheet, long_day
from kiosk.render.safe import one_line

REPLY_TOP = 225  # mm: the cut line above the reply slip
BOX = 6


def _rule_line(rule: plans.Rule, line: plans.ShareLine) -> str:
    if line.floor <= rule.low_floors:
        return _("Low floor: {mode}").format(mode=plans.low_floor_label(rule.low_floor_mode))
    return _("{rate} per m² x {area} m² x coefficient {c}").format(
        rate=yuan(rule.rate_fen_per_m2), area=area_text(line.area_cm2), c=f"{line.coefficient / 100:.2f}")


def rows(plan: plans.PlanInfo, line: plans.ShareLine) -> list[tuple[str, str]]:
    """The statement's lines, as the kiosk's statement shows them (render.votes.statement_table)."""
    out = [
        (_("Project"), one_line(plan.project)),
        (_("Address"), one_line(line.building + line.unit + line.room)),
        (_("Floor"), _("floor {n}").format(n=line.floor)),
        (_("Floor area"), _("{area} m²").format(area=area_text(line.area_cm2))),
        (_("Rule"), _rule_line(plan.rule, line)),
        (_("By the rule"), yuan(line.rule_fen)),
    ]
    if line.hardship_percent:
        out.append((_("Hardship reduction"), f"-{yuan(line.hardship_fen)} ({line.hardship_percent}%)"))
    if line.override_fen is not None:
        out.append((_("Agreed amount"), yuan(line.override_fen) + "  " + one_line(line.override_reason)))
    out.append((_("Your opinion on record"), plans.consent_label(line.consent)))
    share = yuan(line.share_fen) + ("  " + _("(paid to you)") if line.share_fen < 0 else "")
    out.append((_("Your share"), share))
    return out


def _page(sheet: Sheet, plan: plans.PlanInfo, line: plans.ShareLine, printed: dt.datetime) -> None:
    sheet.add_page()
    sheet.para(one_line(plan.project), 10, grey=True)
    sheet.heading(_("One household, one policy: your statement"), 20, align="L")
    sheet.para(one_line(plan.title), 13, bold=True)
    sheet.gap(4)
    sheet.pairs(rows(plan, line), size=12, bold_last=True)
    sheet.gap(4)
    sheet.para(_("Your share follows the plan's rule from your floor area and floor; a hardship reduction or an agreed "
                 "amount replaces it where staff recorded one. Questions: the estate office."), 10, grey=True)
    sheet.para(_("Printed {date}").format(date=long_day(printed.date())), 9, grey=True)
    _reply(sheet, plan, line)


def _reply(sheet: Sheet, plan: plans.PlanInfo, line: plans.ShareLine) -> None:
    """The slip the household ticks, signs and hands back."""
    sheet.cut_line(REPLY_TOP, "✂ " + _("Cut here and return the lower part"))
    sheet.set_xy(MARGIN, REPLY_TOP + 6)
    sheet.para(_("Reply: {plan}").format(plan=one_line(plan.title)), 12, bold=True)
    sheet.para(one_line(line.building + line.unit + line.room) + "    " + _("Your share") + " " + yuan(line.share_fen), 11)
    sheet.gap(3)
    x = MARGIN
    y = sheet.get_y()
    for key in ("agree", "object"):
        sheet.box(x, y, BOX)
        sheet.set_xy(x + BOX + 3, y)
        sheet.cell(40, BOX, plans.consent_label(key))
        x += 60
    sheet.set_y(y + BOX + 8)
    sheet.para(_("Owner signature: ____________________      Date: ______________"), 11)


def build(plan_id: int, settings: Settings, *, household_id: int | None = None,
          printed: dt.datetime | None = None) -> bytes:
    """Every household of the plan, or only `household_id`, in the register's order."""
    printed = printed or clock.now()
    plan = plans.get_plan(plan_id)
    lines = [s for s in plans.shares(plan_id) if household_id is None or s.household_id == household_id]
    sheet = Sheet(_("One household, one policy: your statement"), font_setting=settings.paper_font, printed=printed)
    sheet.set_auto_page_break(False)
    for line in lines:
        _page(sheet, plan, line, printed)
    if not lines:
        sheet.add_page()
        sheet.para(_("No households in this plan."), 12)
    return sheet.pdf()
