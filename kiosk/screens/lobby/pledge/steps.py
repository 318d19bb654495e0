"""我要认捐 as one flow: the draft and the order of its steps:
the household code (typed, hidden) -> amount (a usual one, or typed) -> confirm -> thank you."""

from __future__ import annotations

import dataclasses
import uuid

from kiosk.i18n import N_
from kiosk.screens.lobby.flow import Flow
from kiosk.screens.lobby.pledge.amount import AmountScreen
from kiosk.screens.lobby.pledge.code import HouseholdCodeScreen
from kiosk.screens.lobby.pledge.amount_typed import TypedAmountScreen
from kiosk.screens.lobby.pledge.confirm import PledgeConfirmScreen


@dataclasses.dataclass
class PledgeDraft:
    project_id: int
    project_title: str
    code: str = ""  # the household code, typed by the resident, never shown back
    place: str = ""  # the code's building and unit (never the room)
    amount_fen: int | None = None
    # One key per form: pressing "confirm" twice records one pledge.
    key: str = dataclasses.field(default_factory=lambda: f"kiosk-{uuid.uuid4()}")


class PledgeFlow(Flow[PledgeDraft]):
    SECTION = N_("Pledge")
    KIND = "pledge"

    def __init__(self, project_id: int, project_title: str) -> None:
        super().__init__(PledgeDraft(project_id, project_title))

    def continues(self, other: Flow) -> bool:
        return isinstance(other, PledgeFlow) and other.draft.project_id == self.draft.project_id

    def code(self):
        return HouseholdCodeScreen(self)

    def amount(self):
        return AmountScreen(self)

    def typed_amount(self):
        return TypedAmountScreen(self)

    def confirm(self):
        return PledgeConfirmScreen(self)
