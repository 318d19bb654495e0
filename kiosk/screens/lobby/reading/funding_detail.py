"""资金公示 of one project: target, received and pledged, paid out and the balance; the six-source bar toward the target
with its legend; planned vs received per source; the latest receipts. The figures come from the
same snapshot as `kiosk export report`."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Container, Vertical
from textual.widgets import Static

from kiosk import clock
from kiosk.domain import acceptance, funding, ledger
from kiosk.i18n import N_, _
from kiosk.render.acceptance_view import accepted_block
from kiosk.render.bars import legend_block
from kiosk.render.funding_view import exact_line, headline, latest_table, source_table, spent_line
from kiosk.render.safe import inert
from kiosk.screens.lobby.reading.project_item import ProjectScreen
from kiosk.widgets.funding_bar import FundingBar

LATEST = 8


class FundingDetailScreen(ProjectScreen):
    SECTION = N_("Funding")
    def load(self):
        info = super().load()
        return info, funding.snapshot(self.item_id), ledger.latest_received(self.item_id, LATEST), acceptance.get(self.item_id)

    def compose_item(self, item):
        info, snap, latest, accepted = item
        wide = self.app.has_class("-wide")
        title = Text(inert(info.title), style="bold")
        title.append("  " + funding.status_label(info.status), style="dim")
        yield Static(title, classes="read-title", markup=False)
        if accepted is not None:
            yield Static(accepted_block(accepted, clock.today()), classes="accepted", markup=False)
        yield Static(headline(snap), classes="figures", markup=False)
        yield Static(exact_line(snap), classes="exact", markup=False)
        yield Static(spent_line(snap), classes="spent", markup=False)
        yield FundingBar(snap, classes="tall" if wide else None)
        yield Static(legend_block(), classes="legend", markup=False)
        with Container(classes="cols"):  # side by side on a big screen
            with Vertical(classes="col-main"):
                yield Static(source_table(snap, wide=wide), classes="sources", markup=False)
            with Vertical(classes="col-side"):
                yield Static(Text(_("Latest money received"), style="bold"), classes="heading", markup=False)
                if latest:
                    yield Static(latest_table(latest, clock.today()), classes="latest", markup=False)
                else:
                    yield Static(Text(_("Nothing received yet.")), classes="dim", markup=False)
