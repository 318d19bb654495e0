"""查询进度: type a ticket number, see the report's public status trail (no phone, no room)."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from kiosk import clock
from kiosk.domain import reports
from kiosk.domain.errors import NotFound
from kiosk.i18n import N_, _, ngettext
from kiosk.render.report_view import place_text, status_text, trail_table
from kiosk.render.safe import inert
from kiosk.screens.lobby.typing import TypingScreen


class TrackScreen(TypingScreen):
    SECTION = N_("Track a report")
    MAX_LENGTH = 12
    RESTRICT = r"[0-9０-９]*"
    NEXT_LABEL = N_("Look up")

    def __init__(self) -> None:
        super().__init__()
        self.ticket: str | None = None

    def key_tiles(self):
        tiles = super().key_tiles()
        tiles[-1].label = _(self.NEXT_LABEL)
        return tiles

    def prompt(self) -> str:
        return _("Type the ticket number, then press Enter")

    def placeholder(self) -> str:
        return _("e.g. 261125001")

    def compose_after(self):
        yield Vertical(id="trail")

    async def accept(self, value: str) -> None:
        value = value.strip()
        if not value:
            self.show_message(_("Type the ticket number first."))
            return
        trail = reports.trail(value)  # NotFound says so, in the resident's language
        self.ticket = trail.report.ticket
        await self.show_trail(trail)

    async def show_trail(self, trail: reports.PublicTrail) -> None:
        box = self.query_one("#trail", Vertical)
        await box.remove_children()
        r = trail.report
        head = Text()
        head.append(_("Ticket") + " ")
        head.append(r.ticket, style="bold reverse")
        head.append("  " + reports.category_label(r.category) + "  " + place_text(r.building, r.unit))
        state = Text(_("Now") + ": ")
        state.append_text(status_text(r.status))
        if r.me_too:
            state.append("   " + ngettext("{n} household has this problem", "{n} households have this problem",
                                                 r.me_too + 1).format(n=r.me_too + 1))
        widgets = [Static(head, markup=False), Static(state, markup=False)]
        if r.description:
            widgets.append(Static(Text(inert(r.description), style="dim"), classes="detail", markup=False))
        widgets.append(Static(trail_table(trail, clock.today()), classes="trail", markup=False))
        await box.mount_all(widgets)

    async def reload(self) -> None:
        if self.ticket:
            try:
                await self.show_trail(reports.trail(self.ticket))
            except NotFound:
                await self.query_one("#trail", Vertical).remove_children()


def entry(app) -> TrackScreen:
    return TrackScreen()
