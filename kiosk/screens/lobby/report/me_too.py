"""我也遇到: the same problem is already open in this building; adding to its count helps more
than a second report."""

from __future__ import annotations

from kiosk import clock
from kiosk.domain import reports
from kiosk.i18n import _, ngettext
from kiosk.render.dates import day_in_year
from kiosk.render.report_view import place_text, status_label
from kiosk.render.safe import one_line
from kiosk.screens.lobby.pick import Choice, PickScreen
from kiosk.screens.lobby.report.ticket import TicketScreen
from kiosk.screens.lobby.saving import SaveStep

ACTOR = "lobby"


class MeTooScreen(SaveStep, PickScreen):
    SUBMIT_ID = "choice-1"

    def prompt(self) -> str:
        return _("Neighbours already reported this. Is it the same problem?")

    def choices(self) -> list[Choice]:
        """Each open report by what anyone may see: place, date, status, how many households, and
        the summary staff published. Never what its reporter typed, nor its ticket (the reporter's
        handle on it)."""
        draft = self.draft
        out = []
        for report_id, r in reports.similar_open(self.app.estate.id, draft.category, draft.place.building_id):
            label = _("Me too: {place}, reported {day}").format(
                place=place_text(r.building, r.unit) or reports.category_label(r.category), day=day_in_year(r.created_at.date(), clock.today()))
            hint = "{status}  {count}".format(
                status=status_label(r.status),
                count=ngettext("{n} household", "{n} households", r.me_too + 1).format(n=r.me_too + 1))
            if r.summary:
                hint += "  " + one_line(r.summary)
            out.append(Choice(label, hint, report_id))
        out.append(Choice(_("No, mine is a different problem"), _("Go on with my own report"), None))
        return out

    def picked(self, choice: Choice) -> None:
        if choice.value is None:
            self.app.open_screen(self.flow.describe())
            return
        self._me_too(choice.value)

    def _me_too(self, report_id: int) -> None:
        tile = self.focused  # the tile pressed: it is the one that waits while saving
        if tile is not None and tile.id and hasattr(tile, "key"):
            self.SUBMIT_ID, self.SUBMIT_KEY = tile.id, tile.key

        def done(r):
            return TicketScreen(
                r.ticket, _("Thank you: counted"),
                ngettext("{n} household has this problem now.", "{n} households have this problem now.",
                         r.me_too + 1).format(n=r.me_too + 1))

        self.save(lambda: reports.me_too(ACTOR, report_id), done)
