"""我要认捐: check and confirm. The pledge is recorded as pledged; staff confirm it on receipt."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from kiosk.domain.kiosk_pledges import pledge_at_kiosk
from kiosk.domain.money import yuan
from kiosk.i18n import _
from kiosk.render.safe import inert, one_line
from kiosk.screens.lobby.pledge.done import PledgeDoneScreen
from kiosk.screens.lobby.report.this_kiosk import kiosk_name
from kiosk.screens.lobby.saving import ConfirmStep
from kiosk.widgets.key_tile import KeyTile

ACTOR = "lobby"


class PledgeConfirmScreen(ConfirmStep):
    SUBMIT_ID = "confirm"

    def compose_summary(self):
        draft = self.draft
        yield Static(Text(_("Please check, then press 1 to confirm"), style="bold"), classes="prompt", markup=False)
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="dim", no_wrap=True)
        table.add_column()
        table.add_row(_("Project"), Text(inert(draft.project_title), style="bold"))
        table.add_row(_("Household"), Text(one_line(draft.place) + "  " + _("(by your household code)")))
        table.add_row(_("Amount"), Text(yuan(draft.amount_fen or 0), style="bold"))
        yield Static(table, classes="summary", markup=False)

    def submit_tile(self) -> KeyTile:
        return KeyTile("1", _("Confirm my pledge"), _("Pay at the community office; staff confirm it"), action="confirm", id="confirm")

    def tile_confirm(self, _value=None) -> None:
        d = self.draft
        # Read on this thread, now: the resident may go back and change the draft while it saves.
        args = (ACTOR, self.app.estate.id, d.project_id, d.code, d.amount_fen or 0)
        key, kiosk = d.key, kiosk_name()
        self.save(lambda: pledge_at_kiosk(*args, idempotency_key=key, kiosk=kiosk), PledgeDoneScreen)
