"""我要报事: a short description (optional at a keypad-only kiosk: the choices made so far say
what and where)."""

from __future__ import annotations

from kiosk.domain import reports
from kiosk.domain.text import clean_text
from kiosk.i18n import N_, _
from kiosk.screens.lobby.report import steps as report_flow
from kiosk.screens.lobby.typing import TypingScreen


class DescriptionScreen(TypingScreen):
    SECTION = N_("Report a problem")
    # No cap on the field: a long paste is kept whole and refused on Enter with the reason.
    MAX_LENGTH = 0
    LIMIT = reports.DESCRIPTION_LIMIT

    def prompt(self) -> str:
        return _("Describe the problem in a few words")

    def placeholder(self) -> str:
        return _("For example: water drips from the ceiling when it rains")

    def note(self) -> str:
        return _("No keyboard? Just press Enter: we will file what you chose.")

    def initial(self) -> str:
        draft = self.app.report_draft
        return draft.description if draft else ""

    def over_limit(self, value: str) -> bool:
        return len(value.strip()) > self.LIMIT

    def counter_text(self, value: str) -> str:
        n = len(value.strip())
        if n > self.LIMIT:
            return _("{n} characters: at most {limit}, please shorten it").format(n=n, limit=self.LIMIT)
        return _("{n} of {limit} characters").format(n=n, limit=self.LIMIT)

    def on_input_changed(self, event) -> None:
        super().on_input_changed(event)
        if self.app.report_draft is not None:
            self.app.report_draft.description = event.value

    def accept(self, value: str) -> None:
        draft = self.app.report_draft
        if draft is None:
            self.app.leave_to_home()
            return
        draft.description = value
        clean_text(value, field="description", limit=self.LIMIT, required=False)  # says what is wrong
        self.app.open_screen(report_flow.phone())
