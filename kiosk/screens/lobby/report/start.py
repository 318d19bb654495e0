"""我要报事: an emergency (call now, no form) or an ordinary problem (a short form), or follow a
report already made."""

from __future__ import annotations

from kiosk.i18n import N_, _
from kiosk.screens.lobby.pick import Choice, PickScreen


def emergency_numbers_line(numbers: dict[str, str]) -> str:
    from kiosk.screens.lobby.report.emergency_calls import NUMBER_LABELS

    parts = [f"{_(NUMBER_LABELS[k]) if k in NUMBER_LABELS else k} {v}" for k, v in numbers.items()]
    return "  ".join(parts)


class ReportStartScreen(PickScreen):
    KEEP = True
    SECTION = N_("Report a problem")

    def prompt(self) -> str:
        return _("What happened?")

    def choices(self) -> list[Choice]:
        return [
            Choice(_("Emergency: gas, fire, trapped in a lift, live wire"),
                   _("Call now:") + " " + emergency_numbers_line(self.app.settings.emergency_numbers), "emergency", danger=True),
            Choice(_("A problem to fix: leaks, doors, tiles, roads"), _("Fill in a short form and get a ticket number"), "report"),
            Choice(_("Follow a report I made"), _("Type your ticket number"), "track"),
        ]

    def picked(self, choice: Choice) -> None:
        if choice.value == "emergency":
            from kiosk.screens.lobby.report.emergency_calls import EmergencyCallsScreen

            self.app.open_screen(EmergencyCallsScreen())
        elif choice.value == "report":
            from kiosk.screens.lobby.report.steps import ReportFlow

            self.app.open_screen(self.app.begin_flow(ReportFlow()).category())
        else:
            from kiosk.screens.lobby.report.track import TrackScreen

            self.app.open_screen(TrackScreen())


def entry(app) -> ReportStartScreen:
    return ReportStartScreen()
