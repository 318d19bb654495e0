"""我要报事: a short description (optional at a keypad-only kiosk: the choices made so far say
what and where). Only staff read it."""

from __future__ import annotations

from kiosk.domain import reports
from kiosk.domain.text import clean_text
from kiosk.i18n import _
from kiosk.screens.lobby.typing import FieldStep
from kiosk.widgets.kiosk_text_area import KioskTextArea


class DescriptionScreen(FieldStep):
    FIELD = "description"
    MAX_LENGTH = reports.DESCRIPTION_LIMIT  # the field takes no more

    def field(self):
        # Several lines that grow with the text: all of it stays in view to be read back.
        return KioskTextArea(self.initial(), placeholder=self.placeholder(), max_length=self.MAX_LENGTH,
                             restrict=self.RESTRICT, id="field")

    def prompt(self) -> str:
        return _("Describe the problem in a few words")

    def placeholder(self) -> str:
        return _("For example: water drips from the ceiling when it rains")

    def note(self) -> str:
        return _("Only staff read what you write here. No keyboard? Just press Enter: we will file what you chose.")

    def counter_text(self, value: str) -> str:
        return _("{n} of {limit} characters").format(n=len(value), limit=self.MAX_LENGTH)

    def accept(self, value: str) -> None:
        self.draft.description = value
        clean_text(value, field="description", limit=self.MAX_LENGTH, required=False)  # says what is wrong
        self.app.open_screen(self.flow.phone())
