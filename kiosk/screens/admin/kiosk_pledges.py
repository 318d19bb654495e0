"""Kiosk pledges (自助认捐): the unpaid pledges households made at a lobby with their code, newest
first, with the reference number they bring to the office. When the household pays, the pledge
is confirmed here (the project's own 'paid' form); a doubtful one (nobody came, a code passed
around) is cancelled with a reason: the ledger keeps it, marked cancelled."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from kiosk.domain import kiosk_pledges, ledger
from kiosk.domain.money import yuan
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin.base import AdminScreen


class KioskPledgesScreen(AdminScreen):
    TITLE_ID = N_("Kiosk pledges")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("p", "confirm_paid", N_("Paid")),
        Binding("c", "cancel_pledge", N_("Cancel pledge")),
    ]
    references: dict[int, str] = {}  # contribution id -> reference, set by show()

    def compose_body(self) -> ComposeResult:
        table = DataTable(id="kiosk-pledges", cursor_type="row", zebra_stripes=True)
        table.add_columns(_("Reference"), _("Project"), _("Household"), _("Amount"), _("Pledged at"), _("Kiosk"))
        yield table

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def read(self):
        return kiosk_pledges.open_pledges()

    def show(self, pledges) -> None:
        table = self.query_one(DataTable)
        table.clear()
        # Staff speak of a pledge by the reference the household brings, not by its ledger id.
        self.references = {p.contribution_id: p.reference for p in pledges}
        for p in pledges:
            table.add_row(p.reference, one_line(p.project_title)[:24], one_line(p.building + p.unit + p.room),
                          yuan(p.amount_fen), p.created_at.strftime("%m-%d %H:%M"), one_line(p.kiosk)[:16],
                          key=str(p.contribution_id))

    def selected_id(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            self.say(_("No unpaid kiosk pledges."), error=True)
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key)

    async def action_confirm_paid(self) -> None:
        from kiosk.screens.admin.money_forms import ConfirmPaidForm

        pledge_id = self.selected_id()
        if pledge_id is None:
            return
        entry = await self.fetch(lambda: ledger.get(pledge_id))
        if entry.status != "pledged":  # confirmed or cancelled elsewhere since the list was read
            self.say(_("Only a pledge can be confirmed as received."), error=True)
            self.reload()
            return

        def done(result) -> None:
            if result is not None:
                self.say(_("Recorded entry {id}: {amount}.").format(id=result.id, amount=yuan(result.amount_fen)))
            self.reload()

        self.app.push_screen(ConfirmPaidForm(entry), done)

    def action_cancel_pledge(self) -> None:
        from kiosk.screens.admin.dialogs import ReasonDialog

        pledge_id = self.selected_id()
        if pledge_id is None:
            return
        reference = self.references.get(pledge_id, pledge_id)

        def done(result) -> None:
            if result is not None:
                self.say(_("Pledge {id} cancelled.").format(id=reference))
            self.reload()

        self.app.push_screen(
            ReasonDialog(_("Cancel kiosk pledge {id}").format(id=reference), _("Reason"),
                         lambda reason: kiosk_pledges.cancel(self.actor, pledge_id, reason)),
            done)
