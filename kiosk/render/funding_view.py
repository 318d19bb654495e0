"""The funding disclosure of one project as renderables: headline figures, the six sources
(planned, received, pledged) and the latest receipts. Amounts are exact where they are listed."""

from __future__ import annotations

import datetime as dt

from rich import box
from rich.table import Table
from rich.text import Text

from kiosk.domain.funding import FundingSnapshot
from kiosk.domain.ledger import PublicContribution
from kiosk.domain.money import yuan, yuan_short
from kiosk.domain.sources import label, short_label
from kiosk.i18n import _
from kiosk.render.bars import funded
from kiosk.render.dates import day_in_year
from kiosk.render.palette import SOURCE_COLOURS
from kiosk.render.safe import one_line


def headline(snap: FundingSnapshot) -> Text:
    """目标 ¥30万  已到账 ¥29.98万 (99.9%)  已认捐未到账 ¥0 — big words first, exact after."""
    text = Text()
    text.append(_("Target") + " ")
    text.append(yuan_short(snap.target_fen), style="bold")
    text.append("   " + _("Received") + " ")
    text.append(yuan_short(snap.received_fen), style="bold green")
    text.append(" " + _("({percent}%)").format(percent=funded(snap)), style="bold")
    text.append("   " + _("Pledged, not yet received") + " ")
    text.append(yuan_short(snap.pledged_fen), style="bold")
    return text


def exact_line(snap: FundingSnapshot) -> Text:
    return Text(
        "{t} {tv}   {r} {rv}   {p} {pv}".format(
            t=_("Target"), tv=yuan(snap.target_fen), r=_("Received"), rv=yuan(snap.received_fen),
            p=_("Pledged, not yet received"), pv=yuan(snap.pledged_fen)),
        style="dim",
    )


def source_table(snap: FundingSnapshot, *, wide: bool = False) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column(_("Source"), no_wrap=True)
    table.add_column(_("Planned"), justify="right", no_wrap=True)
    table.add_column(_("Received"), justify="right", no_wrap=True)
    table.add_column(_("Pledged, not yet received"), justify="right", no_wrap=True)
    for s in snap.sources:
        name = Text()
        name.append("██ ", style=SOURCE_COLOURS[s.key])
        name.append(label(s.key) if wide else short_label(s.key))
        received = Text(yuan(s.received_fen), style="bold" if s.received_fen else "dim")
        table.add_row(name, yuan(s.planned_fen), received, yuan(s.pledged_fen))
    table.add_row(Text(_("Total"), style="bold"), yuan(snap.planned_fen), Text(yuan(snap.received_fen), style="bold"),
                  yuan(snap.pledged_fen))
    return table


def latest_table(items: list[PublicContribution], today: dt.date) -> Table:
    """Organisations by name; households only as building and unit (the domain made it so)."""
    table = Table(box=None, expand=True, pad_edge=False, show_header=False)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for c in items:
        table.add_row(day_in_year(c.on, today), one_line(c.who), Text(short_label(c.source), style=SOURCE_COLOURS[c.source]),
                      Text(yuan(c.amount_fen), style="bold"))
    return table
