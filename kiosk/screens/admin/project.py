"""One project: its funding from the six sources and its ledger. Record a pledge or a receipt,
confirm a pledge as received, cancel an entry with a reason. Entries are never edited: a
correction is a cancellation plus a new entry."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from kiosk.domain import funding, ledger, ledger_checks, ledger_entries, sources
from kiosk.domain.errors import DomainError
from kiosk.domain.money import yuan
from kiosk.i18n import N_, _
from kiosk.render.bars import funded
from kiosk.render.safe import one_line
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.table import Row, SearchTable
from kiosk.widgets.funding_bar import FundingBar


def entry_status_label(status: str) -> str:
    return _(ledger.STATUS_LABELS.get(status, status))


class ProjectScreen(AdminScreen):
    TITLE_ID = N_("Project")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("g", "record('pledged')", N_("Record pledge")),
        Binding("r", "record('received')", N_("Receipt")),
        Binding("c", "confirm", N_("Paid")),
        Binding("x", "cancel_entry", N_("Cancel entry")),
        Binding("e", "edit", N_("Edit")),
        Binding("v", "accept", N_("Acceptance")),
        Binding("p", "payments", N_("Payments")),
        Binding("slash", "search", N_("Search"), key_display="/"),
    ]

    def __init__(self, project_id: int) -> None:
        super().__init__()
        self.project_id = project_id
        self.project: funding.ProjectInfo | None = None
        self.snapshot: funding.FundingSnapshot | None = None  # its money, as read with it
        self._select_next = None  # the entry to put the cursor on when the next answer arrives

    def compose_body(self) -> ComposeResult:
        yield Static("", id="project-head", markup=False)
        yield FundingBar(id="project-bar")
        yield DataTable(id="project-sources", cursor_type="none", show_cursor=False)
        yield SearchTable([_("No."), _("Date"), _("Source"), _("From"), _("Amount"), _("Status"), _("Receipt no.")], id="ledger")

    def on_mount(self) -> None:
        t = self.query_one("#project-sources", DataTable)
        t.add_columns(_("Source"), _("Planned"), _("Paid in"), _("Outstanding"))
        self.query_one(SearchTable).focus()

    def read(self):
        """The project, its money by source and its ledger; the domain's refusal (a project
        gone) is shown, not raised."""
        try:
            project = funding.get_project(self.project_id)
        except DomainError as exc:
            return exc
        return project, funding.snapshot(project.id), ledger_entries.for_staff(project.id)

    def show(self, data) -> None:
        if isinstance(data, DomainError):
            self.say(str(data), error=True)
            return
        p, snap, entries = data
        self.project, self.snapshot = p, snap
        head = Text(one_line(p.title, 60), style="bold")
        head.append(f"  {one_line(p.estate)}  {funding.status_label(p.status)}\n")
        head.append(_("Target {target}  received {received} ({pct:.1f}%)  outstanding pledges {pledged}").format(
            target=yuan(p.target_fen), received=yuan(snap.received_fen), pct=float(funded(snap)), pledged=yuan(snap.pledged_fen)))
        head.append("\n" + _("Paid out {paid}  balance {balance}").format(paid=yuan(snap.paid_fen), balance=yuan(snap.balance_fen)))
        if p.closed_at is not None:
            head.append("  " + _("Accepted and closed on {day}").format(day=p.closed_at.date().isoformat()), style="bold")
        mismatch = ledger_checks.plan_mismatch(snap)
        if mismatch:
            head.append("\n" + mismatch, style="bold red")
        self.query_one("#project-head", Static).update(head)
        self.query_one(FundingBar).update(snap)
        t = self.query_one("#project-sources", DataTable)
        t.clear()
        for s in snap.sources:
            t.add_row(Text(sources.label(s.key)), yuan(s.planned_fen), yuan(s.received_fen), yuan(s.pledged_fen))
        rows = []
        for e in entries:
            c = e.entry
            when = c.received_on if c.status == "received" else c.pledged_on
            status = entry_status_label(c.status)
            if c.status == "cancelled" and c.cancel_reason:
                status += "：" + one_line(c.cancel_reason, 20)
            rows.append(Row(c.id, (str(c.id), when.isoformat() if when else "", sources.short_label(c.source), e.who,
                                   yuan(c.amount_fen), status, c.receipt_no or ""),
                            limits=(None, None, None, 20, None, 16, None), extra=c.note))
        table = self.query_one(SearchTable)
        table.set_rows(rows)
        if self._select_next is not None:
            table.select_key(self._select_next)
            self._select_next = None

    async def selected_entry(self) -> ledger.ContributionInfo | None:
        """The chosen entry as saved now (read in a worker)."""
        key = self.query_one(SearchTable).selected_key()
        if key is None:
            self.say(_("Choose an entry in the list first."), error=True)
            return None
        return await self.fetch(lambda: ledger.get(int(key)))

    def action_record(self, status: str) -> None:
        from kiosk.screens.admin.money_forms import ContributionForm

        if self.project is not None:
            self.app.push_screen(ContributionForm(self.project, status), self._recorded)

    def _recorded(self, entry) -> None:
        if entry is not None:
            self.say(_("Recorded entry {id}: {amount}.").format(id=entry.id, amount=yuan(entry.amount_fen)))
            self._select_next = entry.id
            self.reload()

    async def action_confirm(self) -> None:
        from kiosk.screens.admin.money_forms import ConfirmPaidForm

        entry = await self.selected_entry()
        if entry is None:
            return
        if entry.status != "pledged":
            self.say(_("Only a pledge can be confirmed as received."), error=True)
            return
        self.app.push_screen(ConfirmPaidForm(entry), self._recorded)

    async def action_cancel_entry(self) -> None:
        from kiosk.screens.admin.dialogs import ReasonDialog

        entry = await self.selected_entry()
        if entry is None:
            return
        title = _("Cancel entry {id} ({amount}, {status})? The entry stays in the ledger, marked cancelled.").format(
            id=entry.id, amount=yuan(entry.amount_fen), status=entry_status_label(entry.status))
        self.app.push_screen(
            ReasonDialog(title, _("Reason"), lambda reason: ledger.cancel(self.actor, entry.id, reason)), self._recorded)

    def action_edit(self) -> None:
        from kiosk.screens.admin.project_form import ProjectForm, planned

        if self.project is not None:
            self.app.push_screen(ProjectForm(self.project, planned(self.snapshot)), lambda p: self.reload())

    def action_accept(self) -> None:
        from kiosk.screens.admin.acceptance_form import AcceptanceForm

        if self.project is None or self.snapshot is None:
            return
        if self.project.closed_at is not None:
            self.say(_("This project was already accepted and closed."), error=True)
            return
        self.app.push_screen(AcceptanceForm(self.project, self.snapshot), self._accepted)

    def _accepted(self, done) -> None:
        if done is not None:
            self.say(_("Accepted on {day}: the project is closed.").format(day=done.accepted_on.isoformat()))
            self.reload()

    def action_payments(self) -> None:
        from kiosk.screens.admin.payments import ProjectPaymentsScreen

        if self.project is not None:
            self.app.push_screen(ProjectPaymentsScreen(self.project))

    def action_search(self) -> None:
        self.query_one(SearchTable).focus_search()
