"""我要报事: an optional phone number, kept private (only staff see it)."""

from __future__ import annotations

from kiosk.domain import reports
from kiosk.i18n import N_, _
from kiosk.screens.lobby.report import steps as report_flow
from kiosk.screens.lobby.typing import TypingScreen


class PhoneScreen(TypingScreen):
    SECTION = N_("Report a problem")
    MAX_LENGTH = 20
    RESTRICT = r"[0-9０-９ \-]*"

    def prompt(self) -> str:
        return _("Your phone number (optional)")

    def note(self) -> str:
        return _("Only staff can see it, to call you back. Leave it empty and press Enter to skip.")

    def initial(self) -> str:
        draft = self.app.report_draft
        return draft.phone if draft else ""

    def on_input_changed(self, event) -> None:
        super().on_input_changed(event)
        if self.app.report_draft is not None:
            self.app.report_draft.phone = event.value

    def accept(self, value: str) -> None:
        draft = self.app.report_draft
        if draft is None:
            self.app.leave_to_home()
            return
        reports.normalise_phone(value)  # refuses a wrong number here, with the reason
        draft.phone = value
        self.app.open_screen(report_flow.confirm())
