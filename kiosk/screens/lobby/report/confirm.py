"""我要报事: check and submit. A refused submission (too many this minute …) says why and keeps
everything that was typed."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from kiosk.domain import reports
from kiosk.i18n import _
from kiosk.render.report_view import default_description, masked_phone, place_text
from kiosk.render.safe import inert
from kiosk.screens.lobby.report.this_kiosk import kiosk_name
from kiosk.screens.lobby.report.ticket import TicketScreen
from kiosk.screens.lobby.saving import ConfirmStep
from kiosk.widgets.key_tile import KeyTile

ACTOR = "lobby"


def summary(draft, *, wide: bool = False) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=False)
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    place = _place(draft)
    table.add_row(_("Problem"), Text(reports.category_label(draft.category), style="bold"))
    table.add_row(_("Where"), Text(place, style="bold"))
    table.add_row(_("Description"), Text(inert(draft.description.strip()) or default_description(draft.category, place)))
    table.add_row(_("Phone"), Text(masked_phone(draft.phone) + "  " + _("(only staff see it)") if draft.phone.strip() else _("not given")))
    return table


def _place(draft) -> str:
    p = draft.place
    unit = p.unit if draft.needs_unit else ""
    floor = p.floor if draft.needs_floor else None
    return place_text(p.building, unit, floor)


class ReportConfirmScreen(ConfirmStep):
    def compose_summary(self):
        yield Static(Text(_("Please check, then press 1 to submit"), style="bold"), classes="prompt", markup=False)
        yield Static(summary(self.draft), classes="summary", markup=False)

    def submit_tile(self) -> KeyTile:
        return KeyTile("1", _("Submit"), _("You will get a ticket number"), action="submit", id="submit")

    def tile_submit(self, _value=None) -> None:
        draft = self.draft
        p = draft.place
        place = _place(draft)
        description = draft.description.strip() or default_description(draft.category, place)
        # Read on this thread, now: the resident may go back and change the draft while it saves.
        args = (ACTOR, self.app.estate.id, draft.category, p.building_id, description)
        kwargs = dict(unit_id=p.unit_id if draft.needs_unit else None,
                      floor=p.floor if draft.needs_floor else None,
                      phone=draft.phone or None, per_minute=self.app.settings.reports_per_minute,
                      kiosk=kiosk_name())

        def write():
            return reports.submit(*args, **kwargs)

        def done(report):
            return TicketScreen(report.ticket, _("Your report is received"),
                                reports.category_label(report.category) + "  " + place)

        self.save(write, done)
