"""The funding disclosure of one project as renderables: headline figures, the six sources
(planned, received, pledged, paid out, balance) and the latest receipts. Amounts are exact where they are listed."""

from __future__ import annotations

import datetime as dt

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
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


def spent_line(snap: FundingSnapshot) -> Text:
    """已支出 ¥120,000   结余 ¥179,800: money out (approved payments) and what is left of what arrived."""
    text = Text()
    text.append(_("Paid out") + " ")
    text.append(yuan(snap.paid_fen), style="bold")
    text.append("   " + _("Balance") + " ")
    text.append(yuan(snap.balance_fen), style="bold green" if snap.balance_fen >= 0 else "bold red")
    return text


_IN = ("planned", "received", "pledged")
_OUT = ("paid", "balance")
# From the widest arrangement to the narrowest: all figures in one table; money in, then money
# out; two figures a table; one (a phone-narrow column at a sub-district's millions).
_GROUPINGS = ((_IN + _OUT,), (_IN, _OUT), (("planned", "received"), ("pledged", "paid"), ("balance",)),
              tuple((c,) for c in _IN + _OUT))


def _source_rows(snap: FundingSnapshot, columns: tuple[str, ...], *, wide: bool) -> Table:
    heads = {"planned": _("Planned"), "received": _("Received"),
             "pledged": _("Pledged, not yet received") if wide else _("Pledged, on its way"), "paid": _("Paid out"), "balance": _("Balance")}
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column(_("Source"), no_wrap=True)
    for c in columns:
        table.add_column(heads[c], justify="right", no_wrap=True)

    def cells(fig) -> list[Text]:
        values = {"planned": fig.planned_fen, "received": fig.received_fen, "pledged": fig.pledged_fen,
                  "paid": fig.paid_fen, "balance": fig.balance_fen}
        strong = {"received": "bold" if fig.received_fen else "dim", "balance": "bold"}
        return [Text(yuan(values[c]), style=strong.get(c, "")) for c in columns]

    for s in snap.sources:
        name = Text()
        name.append("██ ", style=SOURCE_COLOURS[s.key])
        name.append(label(s.key) if wide else short_label(s.key))
        table.add_row(name, *cells(s))
    table.add_row(Text(_("Total"), style="bold"), *(Text(t.plain, style="bold") for t in cells(snap)))
    return table


class SourceTables:
    """Each source's money in and out in one table; where that does not fit the width it is given,
    two (planned, received, pledged; then paid out and balance), then the same with the sources'
    short names, then two figures a table, then one: never a cut amount."""

    def __init__(self, snap: FundingSnapshot, *, wide: bool = False) -> None:
        self.snap, self.wide = snap, wide
        # The tables chosen for a width: a screen renders this to measure its height and again
        # to paint it, and measuring each candidate table costs more than drawing one.
        self._chosen: dict[int, list[Table]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        def fits(table: Table) -> bool:
            return Measurement.get(console, options.update(width=10_000), table).maximum <= options.max_width

        tables = self._chosen.get(options.max_width)
        if tables is None:
            layouts = [(wide, groups) for wide in ((True, False) if self.wide else (False,)) for groups in _GROUPINGS[:2]]
            layouts += [(False, groups) for groups in _GROUPINGS[2:]]
            for wide, groups in layouts:
                tables = [_source_rows(self.snap, columns, wide=wide) for columns in groups]
                if all(fits(t) for t in tables):
                    break
            self._chosen[options.max_width] = tables
        for i, table in enumerate(tables):
            if i:
                yield Text("")
            yield table


def source_table(snap: FundingSnapshot, *, wide: bool = False) -> SourceTables:
    return SourceTables(snap, wide=wide)


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
