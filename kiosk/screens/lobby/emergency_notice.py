"""An emergency notice takes over the screen until someone acknowledges it (and again for the
next person after the kiosk was idle)."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from kiosk.domain import notices
from kiosk.i18n import N_, _
from kiosk.render.safe import inert, one_line
from kiosk.render.wrap import Wrapped
from kiosk.screens.lobby.base import LobbyScreen
from kiosk.widgets.key_tile import KeyTile


class EmergencyNoticeScreen(LobbyScreen):
    SECTION = N_("EMERGENCY")

    def read(self) -> list[notices.NoticeInfo]:
        return notices.emergencies(self.app.estate.id)

    def compose_body(self):
        with VerticalScroll(id="emergency-body"):
            yield Static(Text(_("EMERGENCY NOTICE"), style="bold"), id="emergency-head", markup=False)
            for n in self.data:
                yield Static(Text(one_line(n.title), style="bold"), classes="emergency-title", markup=False)
                if n.body:
                    yield Static(Wrapped(Text(inert(n.body))), classes="emergency-text", markup=False)
            yield KeyTile("1", _("I have read it"), action="ack", id="ack", classes="-danger")

    def key_tiles(self) -> list[KeyTile]:
        return []

    def key_hint(self) -> str:
        return _("Press 1 or Enter when you have read it")

    async def show_read(self, data) -> None:
        if not data:
            self.app.pop_screen()  # withdrawn or expired: nothing to show any more
            return
        await super().show_read(data)
        ack = next(iter(self.query("#ack")), None)
        if ack is not None:
            ack.focus()

    def on_mount(self) -> None:
        ack = next(iter(self.query("#ack")), None)
        if ack is not None:
            ack.focus()

    def tile_ack(self, _value=None) -> None:
        self.app.seen_emergencies |= {n.id for n in self.data or ()}
        self.app.pop_screen()

    def action_back(self) -> None:
        self.tile_ack()
