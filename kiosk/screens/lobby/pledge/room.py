"""我要认捐: the resident types their own room. It shows as dots and is never displayed back:
other residents are behind them in the queue."""

from __future__ import annotations

from kiosk.domain.kiosk_pledges import ROOM_LIMIT, normalise_room
from kiosk.i18n import N_, _
from kiosk.screens.lobby.typing import TypingScreen


class RoomScreen(TypingScreen):
    SECTION = N_("Pledge")
    MAX_LENGTH = ROOM_LIMIT
    PASSWORD = True

    def prompt(self) -> str:
        draft = self.app.pledge_draft
        where = (draft.place.building + draft.place.unit) if draft else ""
        return _("Your room number in {place}").format(place=where)

    def note(self) -> str:
        return _("It is hidden as you type and never shown on this screen.")

    def initial(self) -> str:
        draft = self.app.pledge_draft
        return draft.room if draft else ""

    def accept(self, value: str) -> None:
        from kiosk.screens.lobby.pledge.amount import AmountScreen

        draft = self.app.pledge_draft
        if draft is None:
            self.app.leave_to_home()
            return
        draft.room = normalise_room(value)
        self.app.open_screen(AmountScreen())
