"""Emergencies are not a form: the numbers to call now, and what to do first."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import reports
from kiosk.i18n import N_, _
from kiosk.screens.lobby.base import ReadScreen

NUMBER_LABELS = {
    "fire": N_("Fire"),
    "police": N_("Police"),
    "ambulance": N_("Ambulance"),
    "gas": N_("Gas emergency"),
    "power": N_("Power emergency"),
    "lift": N_("Lift rescue"),
    "property": N_("Property office"),
}
# Which configured numbers each emergency needs, most important first.
CALLS = {
    "gas": ("gas", "fire"),
    "fire": ("fire", "ambulance"),
    "lift_trapped": ("lift", "fire"),
    "live_wire": ("power", "fire"),
}
ADVICE = {
    "gas": N_("Leave the flat first; do not touch switches or flames; call from outside."),
    "fire": N_("Leave by the stairs, never by the lift."),
    "lift_trapped": N_("Press the alarm button in the lift; stay calm, help is coming."),
    "live_wire": N_("Keep away and keep others away; do not touch it."),
}


def calls_for(key: str, numbers: dict[str, str]) -> list[tuple[str, str]]:
    out = [(_(NUMBER_LABELS[k]), numbers[k]) for k in CALLS.get(key, ()) if numbers.get(k)]
    if not out:  # a configuration without these numbers: the police always answer
        police = NUMBER_LABELS["police"]
        out = [(_(police), numbers.get("police", "110"))]
    return out


class EmergencyCallsScreen(ReadScreen):
    KEEP = True
    PAGE_KEYS = False  # one short page: every number is in view
    SECTION = N_("Emergency")

    def compose_read(self):
        numbers = self.app.settings.emergency_numbers
        yield Static(Text(_("Call now. Do not wait for a report."), style="bold white on red"), classes="message", markup=False)
        for key, label in reports.EMERGENCIES.items():
            line = Text()
            line.append(_(label), style="bold")
            line.append("   ")
            for i, (who, number) in enumerate(calls_for(key, numbers)):
                if i:
                    line.append("   ")
                line.append(who + " ")
                line.append(number, style="bold reverse")
            yield Static(line, classes="call-line", markup=False)
            yield Static(Text(_(ADVICE[key]), style="dim"), classes="call-advice", markup=False)
