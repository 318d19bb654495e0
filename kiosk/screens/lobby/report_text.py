"""我要报事: a short description (optional at a keypad-only kiosk: the choices made so far say
what and where)."""

from __future__ import annotations

from kiosk.domain import reports
from kiosk.i18n import N_, _
from kiosk.screens.lobby import report_flow
from kiosk.screens.lobby.typing import TypingScreen


class DescriptionScreen(TypingScreen):
    SECTION = N_("Report a problem")
    MAX_LENGTH = reports.DESCRIPTION_LIMIT

    def prompt(self) -> str:
        return _("Describe the problem in a few words")

    def placeholder(self) -> str:
        return _("For example: water drips from the ceiling when it rains")

    def note(self) -> str:
        return _("No keyboard? Just press Enter: we will file what you chose.")

    def initial(self) -> str:
        draft = self.app.report_draft
        return draft.description if draft else ""

    def counter_text(self, value: str) -> str:
        if len(value) >= self.MAX_LENGTH:
            return _("{n} of {limit} characters: that is the limit").format(n=len(value), limit=self.MAX_LENGTH)
        return _("{n} of {limit} characters").format(n=len(value), limit=self.MAX_LENGTH)

    def on_input_changed(self, event) -> None:
        super().on_input_changed(event)
        if self.app.report_draft is not None:
            self.app.report_draft.description = event.value

    def accept(self, value: str) -> None:
        draft = self.app.report_draft
        if draft is None:
            self.app.call_later(self.app.go_home)
            return
        draft.description = value
        self.app.open_screen(report_flow.phone())
