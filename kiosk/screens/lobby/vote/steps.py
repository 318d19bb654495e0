"""Voting as one flow: the household's code, checked (vote/code.py), opens it; then the choice,
the confirmation (the code is used in the same transaction as the ballot), and the receipt.
The code lives in this flow's draft only: leaving it (home, idle) forgets it."""

from __future__ import annotations

import dataclasses

from kiosk.domain import votes
from kiosk.i18n import N_
from kiosk.screens.lobby.flow import Flow
from kiosk.screens.lobby.vote.choice import VoteChoiceScreen
from kiosk.screens.lobby.vote.confirm import VoteConfirmScreen


@dataclasses.dataclass
class VoteDraft:
    ticket: votes.CodeTicket
    code: str
    option: votes.OptionInfo | None = None


class VoteFlow(Flow[VoteDraft]):
    SECTION = N_("Votes")
    KIND = "vote"

    def __init__(self, ticket: votes.CodeTicket, code: str) -> None:
        super().__init__(VoteDraft(ticket, code))

    def continues(self, other: Flow) -> bool:
        return False  # a code typed again starts afresh

    def choice(self):
        return VoteChoiceScreen(self)

    def confirm(self):
        return VoteConfirmScreen(self)
