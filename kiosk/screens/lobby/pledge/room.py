"""我要认捐: the resident types their own room. It shows as dots and is never displayed back:
other residents are behind them in the queue. It is checked here, against the unit's households,
before the amount is asked."""

from __future__ import annotations

from kiosk.domain.kiosk_pledges import ROOM_LIMIT, check_room
from kiosk.i18n import _
from kiosk.screens.lobby.flow import FlowStep
from kiosk.screens.lobby.typing import TypingScreen


class RoomScreen(FlowStep, TypingScreen):
    MAX_LENGTH = ROOM_LIMIT
    PASSWORD = True

    def prompt(self) -> str:
        place = self.draft.place
        return _("Your room number in {place}").format(place=place.building + place.unit)

    def note(self) -> str:
        return _("It is hidden as you type and never shown on this screen.")

    def initial(self) -> str:
        return self.draft.room

    def accept(self, value: str) -> None:
        self.draft.room = check_room(self.app.estate.id, self.draft.place.unit_id, value)
        self.app.open_screen(self.flow.amount())
