"""我要认捐: how much — a few usual amounts by digit, or type another."""

from __future__ import annotations

from kiosk.domain.money import yuan
from kiosk.i18n import _
from kiosk.screens.lobby.flow import FlowStep
from kiosk.screens.lobby.pick import Choice, PickScreen

AMOUNTS_FEN = (50_00, 100_00, 200_00, 500_00, 1000_00, 2000_00)


class AmountScreen(FlowStep, PickScreen):
    GRID = True

    def prompt(self) -> str:
        return _("How much would you like to pledge?")

    def choices(self) -> list[Choice]:
        return [Choice(yuan(a), "", a) for a in AMOUNTS_FEN] + [Choice(_("Another amount"), "", None)]

    def picked(self, choice: Choice) -> None:
        if choice.value is None:
            self.app.open_screen(self.flow.typed_amount())
            return
        self.draft.amount_fen = choice.value
        self.app.open_screen(self.flow.confirm())
