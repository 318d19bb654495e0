"""A closed project's 竣工验收 as residents read it: the day, who accepted it, the final account and
what was left over (and where it went)."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from kiosk.domain.acceptance import AcceptanceInfo, leftover_label
from kiosk.domain.money import yuan
from kiosk.i18n import _
from kiosk.render.dates import day_in_year
from kiosk.render.safe import inert


def accepted_short(a: AcceptanceInfo, today: dt.date | None = None) -> str:
    """已验收 11月15日 — for a list's hint; with its year when `today` is not given (a slide)."""
    return _("Accepted {day}").format(day=day_in_year(a.accepted_on, today or dt.date(1, 1, 1)))


def accepted_block(a: AcceptanceInfo, today: dt.date | None = None, *, with_day: bool = True) -> Text:
    """已验收 11月15日  验收方 业主代表、社区
    决算 ¥2,300,000   结余 ¥12,000（退还出资方）
    and the public note, as data."""
    text = Text()
    if with_day:  # else the heading above says it
        text.append(accepted_short(a, today) + "   ", style="bold green")
    text.append(_("Accepted by") + " ", style="dim")
    text.append(a.parties_text())
    text.append("\n" + _("Final account") + " ", style="dim")
    text.append(yuan(a.final_account_fen), style="bold")
    text.append("   " + _("Left over") + " ", style="dim")
    text.append(yuan(a.leftover_fen), style="bold")
    if a.leftover_fen:
        text.append(_(" ({what})").format(what=leftover_label(a.leftover_action)))
    if a.note:
        text.append("\n")
        text.append(inert(a.note), style="dim")
    return text
