"""The result of one closed vote: turnout against 2/3, then per option the households, owners and
area for it, and whether it passed. Totals only, never names."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import votes
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.render import votes as render
from kiosk.render.safe import one_line
from kiosk.screens.lobby.base import ItemScreen
from kiosk.widgets.key_tile import KeyTile

MAX_BAR = 90


class ResultScreen(ItemScreen):
    SECTION = N_("Votes")

    def compose_read(self):
        try:
            tally = votes.public_results(self.item_id)
        except DomainError as error:  # gone, or not closed (results wait for the close)
            yield Static(Text(str(error)), classes="dim", markup=False)
            return
        width = min(MAX_BAR, max(30, self.app.size.width - 4))
        yield Static(Text(one_line(tally.title), style="bold"), classes="read-title", markup=False)
        yield Static(render.results(tally, width, title=False), classes="figures", markup=False)

    def key_tiles(self) -> list[KeyTile]:
        return super().key_tiles() + [KeyTile("8", _("Scroll up"), action="page_up"),
                                      KeyTile("9", _("Scroll down"), action="page_down")]

    def on_mount(self) -> None:
        self.query_one("#read").focus()
