"""我要报事: check and submit. A refused submission (too many this minute …) says why and keeps
everything that was typed."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from kiosk.domain import reports
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.render.report_view import default_description, masked_phone, place_text
from kiosk.render.safe import inert
from kiosk.screens.lobby.base import LobbyScreen
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


class ReportConfirmScreen(LobbyScreen):
    SECTION = N_("Report a problem")

    def compose_body(self):
        draft = self.app.report_draft
        with VerticalScroll(classes="read", id="read", can_focus=False):
            yield Static(Text(_("Please check, then press 1 to submit"), style="bold"), classes="prompt", markup=False)
            if draft is not None:
                yield Static(summary(draft), classes="summary", markup=False)
            yield Static(Text(""), classes="message -error", id="message", markup=False)
            yield KeyTile("1", _("Submit"), _("You will get a ticket number"), action="submit", id="submit")

    def on_mount(self) -> None:
        self.query_one("#message").display = False
        self.query_one("#submit").focus()

    async def reload(self) -> None:
        pass  # shows only the draft

    def show_message(self, text: str) -> None:
        message = self.query_one("#message", Static)
        message.update(Text(text))
        message.display = bool(text)

    async def tile_submit(self, _value=None) -> None:
        draft = self.app.report_draft
        if draft is None:
            self.app.leave_to_home()
            return
        p = draft.place
        place = _place(draft)
        description = draft.description.strip() or default_description(draft.category, place)
        try:
            report = reports.submit(
                ACTOR, self.app.estate.id, draft.category, p.building_id, description,
                unit_id=p.unit_id if draft.needs_unit else None,
                floor=p.floor if draft.needs_floor else None,
                phone=draft.phone or None, per_minute=self.app.settings.reports_per_minute,
            )
        except DomainError as error:
            self.show_message(str(error))
            return
        from kiosk.screens.lobby.report.ticket import TicketScreen

        self.app.finish_flow(TicketScreen(
            report.ticket, _("Your report is received"), reports.category_label(report.category) + "  " + place))
