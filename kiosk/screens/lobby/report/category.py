"""我要报事, step 1: what kind of problem (the nine categories)."""

from __future__ import annotations

from kiosk.domain import reports
from kiosk.i18n import N_, _
from kiosk.screens.lobby.drafts import ReportDraft
from kiosk.screens.lobby.pick import Choice, PickScreen


class ReportCategoryScreen(PickScreen):
    SECTION = N_("Report a problem")
    GRID = True

    def prompt(self) -> str:
        return _("What is the problem?")

    def choices(self) -> list[Choice]:
        return [Choice(_(label), "", key) for key, label in reports.CATEGORIES.items()]

    def picked(self, choice: Choice) -> None:
        from kiosk.screens.lobby.place_pick import PlacePickScreen

        # Going back to change the category keeps the rest of what was typed.
        draft = self.app.report_draft or ReportDraft()
        draft.category = choice.value
        self.app.report_draft = draft
        self.app.open_screen(PlacePickScreen("report", "building"))
