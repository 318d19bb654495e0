"""我也遇到: the same problem is already open in this building; adding to its count helps more
than a second report. Picking one asks for the household code (me_too_code.py), which may be skipped."""

from __future__ import annotations

from kiosk import clock
from kiosk.domain import reports
from kiosk.i18n import _, ngettext
from kiosk.render.dates import day_in_year
from kiosk.render.report_view import place_text, status_label
from kiosk.render.safe import one_line
from kiosk.screens.lobby.flow import FlowStep
from kiosk.screens.lobby.pick import Choice, PickScreen


def count_text(households: int, unregistered: int) -> str:
    """How many households have the problem, and apart from them the taps made without a code."""
    text = ngettext("{n} household", "{n} households", households).format(n=households)
    if unregistered:
        text += _(", and {n} more by residents without a code").format(n=unregistered)
    return text


class MeTooScreen(FlowStep, PickScreen):
    def prompt(self) -> str:
        return _("Neighbours already reported this. Is it the same problem?")

    def read(self) -> tuple:
        found = reports.similar_open(self.app.estate.id, self.draft.category, self.draft.place.building_id)
        return found, reports.unregistered_me_too([report_id for report_id, _r in found])

    def choices(self) -> list[Choice]:
        """Each open report by what anyone may see: place, date, status, how many households, and
        the summary staff published. Never what its reporter typed, nor its ticket (the reporter's
        handle on it)."""
        out = []
        found, apart = self.data or ((), {})
        for report_id, r in found:
            label = _("Me too: {place}, reported {day}").format(
                place=place_text(r.building, r.unit) or reports.category_label(r.category), day=day_in_year(r.created_at.date(), clock.today()))
            hint = "{status}  {count}".format(status=status_label(r.status), count=count_text(r.me_too + 1, apart.get(report_id, 0)))
            if r.summary:
                hint += "  " + one_line(r.summary)
            out.append(Choice(label, hint, report_id))
        out.append(Choice(_("No, mine is a different problem"), _("Go on with my own report"), None))
        return out

    def picked(self, choice: Choice) -> None:
        from kiosk.screens.lobby.report.me_too_code import MeTooCodeScreen

        if choice.value is None:
            self.app.open_screen(self.flow.describe())
            return
        self.app.open_screen(MeTooCodeScreen(self.flow, choice.value))
