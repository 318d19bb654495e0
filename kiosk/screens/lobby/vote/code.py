"""Vote, step 1: the household's one-time code from its slip. The code is only checked here
(not used): nothing is written until the resident confirms a choice."""

from __future__ import annotations

from kiosk.domain import codes, votes
from kiosk.domain.errors import DomainError
from kiosk.i18n import _
from kiosk.screens.lobby.vote.code_step import CodeScreen
from kiosk.screens.lobby.vote.steps import VoteFlow


class VoteCodeScreen(CodeScreen):
    KIND = "vote"
    DIGITS = codes.CODE_DIGITS

    def prompt(self) -> str:
        return _("Type the {n}-digit vote code from your household's slip, then press Enter.").format(n=self.DIGITS)

    def note(self) -> str:
        return _("One household, one ballot. Once cast, a ballot cannot be changed.")

    def lookup(self, typed: str) -> votes.CodeTicket:
        ticket = votes.check_code(typed)
        if ticket.poll.estate_id != self.app.estate.id:
            raise DomainError(_("This code is for a vote in another estate."))
        return ticket

    async def found(self, typed: str, ticket: votes.CodeTicket) -> None:
        self.app.open_screen(self.app.begin_flow(VoteFlow(ticket, typed)).choice())
