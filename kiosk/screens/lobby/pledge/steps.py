"""我要认捐 as one flow: the draft and the order of its steps:
building -> unit -> room (typed, hidden) -> amount (a usual one, or typed) -> confirm -> thank you."""

from __future__ import annotations

import dataclasses
import uuid

from kiosk.i18n import N_
from kiosk.screens.lobby.flow import Flow
from kiosk.screens.lobby.place_pick import Place, PlacePickScreen
from kiosk.screens.lobby.pledge.amount import AmountScreen
from kiosk.screens.lobby.pledge.amount_typed import TypedAmountScreen
from kiosk.screens.lobby.pledge.confirm import PledgeConfirmScreen
from kiosk.screens.lobby.pledge.room import RoomScreen


@dataclasses.dataclass
class PledgeDraft:
    project_id: int
    project_title: str
    place: Place = dataclasses.field(default_factory=Place)
    room: str = ""  # typed by the resident, never shown back
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

    def place(self, step: str):
        return PlacePickScreen(self, step)

    def after_place(self, app, step: str):
        return self.place("unit") if step == "building" else RoomScreen(self)

    def amount(self):
        return AmountScreen(self)

    def typed_amount(self):
        return TypedAmountScreen(self)

    def confirm(self):
        return PledgeConfirmScreen(self)
