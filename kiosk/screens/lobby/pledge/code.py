"""我要认捐: the household's code from its slip (户码), typed hidden and never shown back. Checked
here, before the amount is asked; wrong codes are counted per kiosk, as on the vote's code step."""

from __future__ import annotations

from kiosk.domain import codes, household_codes
from kiosk.i18n import N_, _
from kiosk.render.address import address
from kiosk.screens.lobby.flow import FlowStep
from kiosk.screens.lobby.vote.code_step import CodeScreen

ATTEMPTS = "household"  # one counter for every step that takes the household code


class HouseholdCodeScreen(FlowStep, CodeScreen):
    SECTION = N_("Pledge")
    KIND = ATTEMPTS
    DIGITS = codes.CODE_DIGITS
    PASSWORD = True

    def prompt(self) -> str:
        return _("Type your household code ({n} digits, on the slip from the community office), then press Enter.").format(
            n=self.DIGITS)

    def note(self) -> str:
        return _("It is hidden as you type and never shown on this screen. No slip? Ask at the community office.")

    def initial(self) -> str:
        return self.draft.code

    def lookup(self, typed: str) -> household_codes.Holder:
        return household_codes.check(typed, self.app.estate.id)

    async def found(self, typed: str, holder: household_codes.Holder) -> None:
        self.draft.code, self.draft.place = typed, address(holder.building, holder.unit)
        self.app.open_screen(self.flow.amount())
