"""我要报事: an optional phone number, kept private (only staff see it)."""

from __future__ import annotations

from kiosk.domain import reports
from kiosk.i18n import _
from kiosk.screens.lobby.typing import FieldStep


class PhoneScreen(FieldStep):
    FIELD = "phone"
    MAX_LENGTH = 20
    RESTRICT = r"[0-9０-９ \-]*"

    def prompt(self) -> str:
        return _("Your phone number (optional)")

    def note(self) -> str:
        return _("Only staff can see it, to call you back. Leave it empty and press Enter to skip.")

    def accept(self, value: str) -> None:
        reports.normalise_phone(value)  # refuses a wrong number here, with the reason
        self.draft.phone = value
        self.app.open_screen(self.flow.confirm())
