"""我也遇到: the same problem is already open in this building; adding to its count helps more
than a second report."""

from __future__ import annotations

from kiosk.domain import reports
from kiosk.i18n import N_, _, ngettext
from kiosk.render.report_view import place_text, status_label
from kiosk.render.safe import one_line
from kiosk.screens.lobby.report import steps as report_flow
from kiosk.screens.lobby.pick import Choice, PickScreen

ACTOR = "lobby"


class MeTooScreen(PickScreen):
    SECTION = N_("Report a problem")

    def prompt(self) -> str:
        return _("Neighbours already reported this. Is it the same problem?")

    def choices(self) -> list[Choice]:
        draft = self.app.report_draft
        if draft is None:
            return []
        out = []
        for report_id, r in reports.similar_open(self.app.estate.id, draft.category, draft.place.building_id):
            label = _("Me too: {ticket}").format(ticket=r.ticket) + "  " + place_text(r.building, r.unit)
            hint = "{status}  {count}  {text}".format(
                status=status_label(r.status),
                count=ngettext("{n} household", "{n} households", r.me_too + 1).format(n=r.me_too + 1),
                text=one_line(r.description))
            out.append(Choice(label, hint, report_id))
        out.append(Choice(_("No, mine is a different problem"), _("Go on with my own report"), None))
        return out

    def picked(self, choice: Choice) -> None:
        if choice.value is None:
            self.app.open_screen(report_flow.describe())
            return
        self._me_too(choice.value)

    def _me_too(self, report_id: int) -> None:
        from kiosk.screens.lobby.report.ticket import TicketScreen

        r = reports.me_too(ACTOR, report_id)
        self.app.finish_flow(TicketScreen(
            r.ticket, _("Thank you: counted"),
            ngettext("{n} household has this problem now.", "{n} households have this problem now.",
                     r.me_too + 1).format(n=r.me_too + 1)))
