"""Vote, step 2: the poll and its options; a digit picks one. The code stays with this flow's
screens only: leaving them (0, Esc, idle) forgets it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import votes
from kiosk.i18n import _
from kiosk.render import quorum as render
from kiosk.render.address import address
from kiosk.render.safe import one_line
from kiosk.screens.lobby.flow import FlowStep
from kiosk.screens.lobby.pick import Choice, PickScreen


class VoteChoiceScreen(FlowStep, PickScreen):
    @property
    def ticket(self) -> votes.CodeTicket:
        return self.draft.ticket

    def compose_intro(self):
        yield Static(render.poll_heading(self.ticket.poll), classes="summary", markup=False)
        yield Static(Text(_("Voting for: {place}").format(place=address(self.ticket.building, self.ticket.unit))),
                     classes="summary", markup=False)

    def prompt(self) -> str:
        return _("Choose one:")

    def choices(self) -> list[Choice]:
        return [Choice(one_line(o.label), value=o) for o in self.ticket.poll.options]

    def picked(self, choice: Choice) -> None:
        self.draft.option = choice.value
        self.app.open_screen(self.flow.confirm())

    async def reload(self) -> None:
        pass  # the ballot was read with the code; a choice is not taken away under a finger
