"""我也遇到, second step: the household code, so that the household counts once on the report.
Enter with the field empty skips it: the tap is kept apart (shown as taps without a code) and
limited per kiosk, so one person cannot make a problem look common."""

from __future__ import annotations

from kiosk.domain import codes, household_codes, reports
from kiosk.i18n import _
from kiosk.screens.lobby.pledge.code import ATTEMPTS
from kiosk.screens.lobby.report.me_too_done import MeTooDoneScreen
from kiosk.screens.lobby.report.this_kiosk import kiosk_name
from kiosk.screens.lobby.saving import SaveStep
from kiosk.screens.lobby.vote.code_step import CodeScreen

ACTOR = "lobby"


class MeTooCodeScreen(SaveStep, CodeScreen):
    KIND = ATTEMPTS
    DIGITS = codes.CODE_DIGITS
    PASSWORD = True
    SUBMIT_ID = "field"
    SUBMIT_KEY = "Enter"

    def __init__(self, flow, report_id: int) -> None:
        super().__init__(flow)
        self.report_id = report_id
        self.SECTION = flow.SECTION

    def prompt(self) -> str:
        return _("Type your household code so that your household is counted, then press Enter.")

    def note(self) -> str:
        return _("Hidden as you type. No code? Press Enter with the field empty: you are counted apart.")

    def initial(self) -> str:
        return ""

    async def accept(self, value: str) -> None:
        if not codes.normalise(value):
            self._save(None)
            return
        await super().accept(value)

    def lookup(self, typed: str) -> household_codes.Holder:
        return household_codes.check(typed, self.app.estate.id)

    async def found(self, typed: str, holder: household_codes.Holder) -> None:
        self._save(typed)

    def _save(self, code: str | None) -> None:
        report_id, kiosk = self.report_id, kiosk_name()
        # The receipt shows the count, never the report's ticket (that is its filer's).
        self.save(lambda: reports.me_too(ACTOR, report_id, code=code, kiosk=kiosk), MeTooDoneScreen)
