"""我要报事, step 1: what kind of problem (the nine categories)."""

from __future__ import annotations

from kiosk.domain import reports
from kiosk.i18n import _
from kiosk.screens.lobby.flow import FlowStep
from kiosk.screens.lobby.pick import Choice, PickScreen


class ReportCategoryScreen(FlowStep, PickScreen):
    GRID = True

    def prompt(self) -> str:
        return _("What is the problem?")

    def choices(self) -> list[Choice]:
        return [Choice(_(label), "", key) for key, label in reports.CATEGORIES.items()]

    def picked(self, choice: Choice) -> None:
        # Going back to change the category keeps the rest of what was typed.
        self.draft.category = choice.value
        self.app.open_screen(self.flow.place("building"))
