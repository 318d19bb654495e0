"""Payments in the console: a project's payments (from its page: record one, reverse one) and the
console-wide list of payments waiting for a second person's decision. Approving asks once more;
rejecting and reversing ask for the reason. Whoever entered a payment is refused its decision, here
as in the domain."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from kiosk.domain import funding, payments, sources
from kiosk.domain.money import yuan
from kiosk.i18n import N_, _
from kiosk.render.safe import inert, one_line
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.list_screen import ListScreen
from kiosk.screens.admin.table import Row

DECIDE_KEYS = (Binding("a", "approve", N_("Approve")), Binding("j", "reject", N_("Reject")))


def payment_detail(p: payments.PaymentInfo) -> Text:
    """The chosen payment in full: sources, document, who entered and who decided, warnings."""
    text = Text(_("Payment {id}").format(id=p.id) + "  ", style="bold")
    text.append(f"{yuan(p.amount_fen)}  {inert(one_line(p.payee, 40))}  {payments.status_label(p.status)}\n")
    text.append("  ".join(f"{sources.short_label(s)} {yuan(f)}" for s, f in p.shares))
    if p.document_no:
        text.append("  " + _("Document {no}").format(no=inert(one_line(p.document_no, 40))))
    text.append("\n" + _("Entered by {who} on {day}").format(who=inert(p.entered_by), day=p.entered_at.date().isoformat()))
    if p.decided_by:
        text.append("  " + _("decided by {who} on {day}").format(who=inert(p.decided_by), day=p.decided_at.date().isoformat()))
        if p.decision_note:
            text.append(": " + inert(one_line(p.decision_note, 60)))
    if p.reverses_id is not None:
        text.append("\n" + _("Reverses payment {id}").format(id=p.reverses_id))
    if p.reversed_by_id is not None:
        text.append("\n" + _("Reversed by payment {id}").format(id=p.reversed_by_id))
    if p.advance_reason:
        text.append("\n" + _("Advance: {reason}").format(reason=inert(one_line(p.advance_reason, 70))))
    if p.beyond:
        text.append("\n" + payments.beyond_text(p.beyond), style="bold red")
    return text


class DecidingList(ListScreen):
    """A list of payments whose chosen one can be approved (asked once more) or rejected (with a reason)."""

    DETAIL_ID = "payment-detail"
    CHOOSE_FIRST = N_("Choose a payment in the list first.")
    SELECT_SAVED = False  # a decided payment may leave the list

    def detail(self, p: payments.PaymentInfo) -> Text:
        return payment_detail(p)

    async def current(self):
        """The chosen payment as saved now (someone may have decided it meanwhile)."""
        p = self.selected()
        return None if p is None else await self.fetch(lambda: payments.get(p.id))

    async def _decidable(self) -> payments.PaymentInfo | None:
        p = await self.current()
        if p is None:
            return None
        refusal = payments.decide_refusal(self.actor, p)
        if refusal:
            self.say(refusal, error=True)
            return None
        return p

    async def action_approve(self) -> None:
        from kiosk.screens.admin.dialogs import ConfirmDialog

        p = await self._decidable()
        if p is None:
            return
        question = _("Approve payment {id}: {amount} to {payee}? From then on it counts as paid.").format(
            id=p.id, amount=yuan(p.amount_fen), payee=one_line(p.payee, 30))
        if p.beyond:
            question += "\n" + payments.beyond_text(p.beyond)

        def answered(yes: bool | None) -> None:
            if yes:
                self.decide(lambda: payments.approve(self.actor, p.id))

        self.app.push_screen(ConfirmDialog(question), answered)

    def decide(self, write) -> None:
        from kiosk.domain.errors import DomainError

        try:
            done = write()
        except DomainError as exc:
            self.say(str(exc), error=True)
            return
        self.saved(done)

    async def action_reject(self) -> None:
        from kiosk.screens.admin.dialogs import ReasonDialog

        p = await self._decidable()
        if p is None:
            return
        title = _("Reject payment {id}: {amount} to {payee}? It stays on record, never counted as paid.").format(
            id=p.id, amount=yuan(p.amount_fen), payee=one_line(p.payee, 30))
        self.open_form(ReasonDialog(title, _("Reason"), lambda note: payments.reject(self.actor, p.id, note)))


class PendingPaymentsScreen(DecidingList):
    """Every payment waiting for a decision, oldest first."""

    TITLE_ID = N_("Payments to approve")
    BINDINGS = list_bindings(*DECIDE_KEYS)
    COLUMNS = (N_("No."), N_("Project"), N_("Payee"), N_("Amount"), N_("Entered by"), N_("Date paid"))
    TABLE_ID = "pending-payments"
    SAVED = N_("Payment {id} decided.")

    def load(self) -> list[payments.PaymentInfo]:
        return payments.pending()

    def row(self, p: payments.PaymentInfo) -> Row:
        return Row(p.id, (str(p.id), p.project, p.payee, yuan(p.amount_fen), p.entered_by, p.paid_on.isoformat()),
                   limits=(None, 16, 18, None, 10, None), extra=f"{p.purpose} {p.document_no}")

    def empty_detail(self) -> str:
        return _("No payment is waiting for approval.") if not self.rows else ""


class ProjectPaymentsScreen(DecidingList):
    """One project's payments, newest first: record one, approve or reject one someone else
    entered, reverse an approved one."""

    TITLE_ID = N_("Payments")
    BINDINGS = list_bindings(Binding("n", "new", N_("Record payment")), *DECIDE_KEYS,
                             Binding("x", "reverse", N_("Reverse")))
    COLUMNS = (N_("No."), N_("Date paid"), N_("Payee"), N_("Amount"), N_("Status"), N_("What for"))
    TABLE_ID = "project-payments"
    SAVED = N_("Saved payment {id}.")
    SELECT_SAVED = True

    def __init__(self, project: funding.ProjectInfo) -> None:
        super().__init__()
        self.project = project

    def load(self) -> list[payments.PaymentInfo]:
        return payments.for_project(self.project.id)

    def row(self, p: payments.PaymentInfo) -> Row:
        return Row(p.id, (str(p.id), p.paid_on.isoformat(), p.payee, yuan(p.amount_fen), payments.status_label(p.status),
                          p.purpose), limits=(None, None, 18, None, 10, 16), extra=p.document_no)

    def empty_detail(self) -> str:
        return _("No payments recorded for {title} yet: N records one.").format(title=one_line(self.project.title, 30))

    def action_new(self) -> None:
        from kiosk.screens.admin.payment_form import PaymentForm

        self.open_form(PaymentForm(self.project))

    async def action_reverse(self) -> None:
        from kiosk.screens.admin.dialogs import ReasonDialog

        p = await self.current()
        if p is None:
            return
        refusal = payments.reverse_refusal(p)
        if refusal:
            self.say(refusal, error=True)
            return
        title = _("Reverse payment {id} ({amount} to {payee}) with a reversing entry? A second person approves it.").format(
            id=p.id, amount=yuan(p.amount_fen), payee=one_line(p.payee, 30))
        self.open_form(ReasonDialog(title, _("Reason"), lambda reason: payments.reverse(self.actor, p.id, reason)))
