"""我要认捐: check and confirm. The pledge is recorded as pledged; staff confirm it on receipt."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from kiosk.domain.errors import DomainError
from kiosk.domain.kiosk_pledges import pledge_at_kiosk
from kiosk.domain.money import yuan
from kiosk.i18n import N_, _
from kiosk.render.safe import inert, one_line
from kiosk.screens.lobby.base import LobbyScreen
from kiosk.widgets.key_tile import KeyTile

ACTOR = "lobby"


class PledgeConfirmScreen(LobbyScreen):
    SECTION = N_("Pledge")

    def compose_body(self):
        draft = self.app.pledge_draft
        with VerticalScroll(classes="read", id="read", can_focus=False):
            yield Static(Text(_("Please check, then press 1 to confirm"), style="bold"), classes="prompt", markup=False)
            if draft is not None:
                table = Table(box=None, show_header=False, pad_edge=False)
                table.add_column(style="dim", no_wrap=True)
                table.add_column()
                table.add_row(_("Project"), Text(inert(draft.project_title), style="bold"))
                table.add_row(_("Household"), Text(one_line(draft.place.building + draft.place.unit) + "  " + _("(your room, not shown)")))
                table.add_row(_("Amount"), Text(yuan(draft.amount_fen or 0), style="bold"))
                yield Static(table, classes="summary", markup=False)
            yield Static(Text(""), classes="message -error", id="message", markup=False)
            yield KeyTile("1", _("Confirm my pledge"), _("Pay at the community office; staff confirm it"), action="confirm", id="confirm")

    def on_mount(self) -> None:
        self.query_one("#message").display = False
        self.query_one("#confirm").focus()

    async def reload(self) -> None:
        pass

    def tile_confirm(self, _value=None) -> None:
        from kiosk.screens.lobby.pledge.done import PledgeDoneScreen

        draft = self.app.pledge_draft
        if draft is None or draft.amount_fen is None:
            self.app.leave_to_home()
            return
        try:
            pledge = pledge_at_kiosk(ACTOR, self.app.estate.id, draft.project_id, draft.place.unit_id, draft.room,
                                     draft.amount_fen, idempotency_key=draft.key)
        except DomainError as error:
            message = self.query_one("#message", Static)
            message.update(Text(str(error)))
            message.display = True
            return
        self.app.finish_flow(PledgeDoneScreen(pledge))
