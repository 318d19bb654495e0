"""Vote, done: the ballot is counted; its receipt number, big, to check it later (7, then 2).
The choice is not repeated here: the next person in the lobby may read this screen."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import votes
from kiosk.i18n import N_, _
from kiosk.render import votes as render
from kiosk.render.safe import one_line
from kiosk.screens.lobby.base import FlowEndScreen


class VoteDoneScreen(FlowEndScreen):
    SECTION = N_("Votes")

    def __init__(self, receipt: votes.Receipt) -> None:
        super().__init__()
        self.receipt = receipt

    def compose_read(self):
        r = self.receipt
        yield Static(Text(_("Your ballot has been counted."), style="bold green"), classes="headline", markup=False)
        yield Static(Text(_("Vote: {title}").format(title=one_line(r.poll_title))), classes="summary", markup=False)
        yield Static(Text(_("Receipt number (write it down to check your ballot later):")), markup=False)
        yield Static(render.receipt_big(r.receipt), classes="ticket", id="receipt", markup=False)
        yield Static(Text(_("Check it here any time: 7 on the home screen, then 2."), style="dim"), classes="note", markup=False)
