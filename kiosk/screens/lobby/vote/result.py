"""The result of one closed vote: turnout against 2/3, then per option the households, owners and
area for it, and whether it passed. Totals only, never names."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import votes
from kiosk.i18n import N_
from kiosk.render import votes as render
from kiosk.render.safe import one_line
from kiosk.screens.lobby.base import ItemScreen

MAX_BAR = 90


class ResultScreen(ItemScreen):
    KEEP = True
    SECTION = N_("Votes")

    def load(self):
        return votes.public_results(self.item_id)  # refused until the poll has closed

    def compose_item(self, tally):
        width = min(MAX_BAR, max(30, self.app.size.width - 4))
        yield Static(Text(one_line(tally.title), style="bold"), classes="read-title", markup=False)
        yield Static(render.results(tally, width, title=False), classes="figures", markup=False)
