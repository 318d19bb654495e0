"""Money entries: record a pledge or a receipt; confirm a pledge as paid. Each form carries an
idempotency key, so pressing Save twice (or retrying after a dropped line) records it once."""

from __future__ import annotations

import uuid

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk import clock
from kiosk.domain import address, estates, funding, ledger, ledger_checks, sources
from kiosk.domain.errors import NotFound, ValidationError
from kiosk.domain.money import yuan
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin import parse
from kiosk.screens.admin.dialogs import ConfirmDialog
from kiosk.screens.admin.form import ASKED, field, select, text_input
from kiosk.screens.admin.record_dialog import RecordDialog
from kiosk.screens.admin.record_form import RecordForm


def household_id(estate_id: int, text: str) -> int | None:
    """`3号楼 2单元 301` (or `3 1 301`, `三号楼一单元301`) -> the household's id; empty -> None."""
    if not text.strip():
        return None
    try:
        return estates.find_household(estate_id, *address.split(text))
    except NotFound as exc:
        raise ValidationError(str(exc), "household") from None


def warned_first(form, found: list[str], what: tuple) -> object:
    """Ask before saving an entry that `ledger_checks` warns about; Yes saves `what` (the figures
    the warning was about: changed, they are checked again)."""
    def answered(yes: bool | None) -> None:
        if yes:
            form.accepted = what
            form.action_save()

    form.app.push_screen(ConfirmDialog("\n".join(found + [_("Save it all the same?")])), answered)
    return ASKED


class ContributionForm(RecordForm):
    FIRST = "source"

    def __init__(self, project: funding.ProjectInfo, status: str) -> None:
        super().__init__(project)
        self.status = status
        self.key = f"admin-{uuid.uuid4()}"
        self.accepted: tuple | None = None  # the source and amount whose warning was answered Yes

    @property
    def project(self) -> funding.ProjectInfo:
        return self.record

    @property
    def TITLE_ID(self) -> str:  # noqa: N802
        return N_("Record a pledge") if self.status == "pledged" else N_("Record a receipt")

    def fields(self) -> ComposeResult:
        yield Static(Text(one_line(self.project.title, 70), style="bold"), markup=False)
        yield field(_("Source"), select("source", [(sources.label(k), k) for k in sources.SOURCES], blank=True))
        yield field(_("From"), text_input("contributor", placeholder=_("organisation, or leave empty for a household"), max_length=80))
        yield field(_("Household"), text_input("household", placeholder=_("e.g. 3号楼 2单元 301 (optional)")))
        yield field(_("Amount (yuan)"), text_input("amount", placeholder="1000.00"))
        yield field(_("Date"), text_input("on", parse.show_day(clock.today())))
        yield field(_("Receipt no."), text_input("receipt_no", max_length=40))
        yield field(_("Note"), text_input("note", max_length=200))

    def submit(self) -> ledger.ContributionInfo:
        source = self.choice("source")
        if source is None:
            raise ValidationError(_("Choose a source."), "source")
        amount = parse.amount(self.value("amount"), "amount")
        on = parse.day(self.value("on"), "on")
        hid = household_id(self.project.estate_id, self.value("household"))
        if (source, amount) != self.accepted:
            found = ledger_checks.warnings(self.project.id, source, amount)
            if found:
                return warned_first(self, found, (source, amount))
        return ledger.record(self.actor, self.project.id, source, amount, status=self.status,
                             contributor=self.value("contributor"), household_id=hid, on=on,
                             receipt_no=self.value("receipt_no"), note=self.value("note"), idempotency_key=self.key)


class ConfirmPaidForm(RecordDialog):
    """A pledge was paid: pledged -> received, on a date."""

    FIRST = "on"
    accepted: tuple | None = None

    @property
    def entry(self) -> ledger.ContributionInfo:
        return self.record

    def heading(self) -> str:
        e = self.entry
        return _("Pledge {id}: {amount} from {who} was paid?").format(
            id=e.id, amount=yuan(e.amount_fen), who=one_line(e.contributor or _("a household"), 30))

    def fields(self) -> ComposeResult:
        yield field(_("Paid on"), text_input("on", parse.show_day(clock.today())))
        yield field(_("Receipt no."), text_input("receipt_no", self.entry.receipt_no or "", max_length=40))

    def submit(self) -> ledger.ContributionInfo:
        e = self.entry
        on = parse.day(self.value("on"), "on")
        if self.accepted is None:
            found = ledger_checks.warnings(e.project_id, e.source, e.amount_fen, confirming=True)
            if found:
                return warned_first(self, found, (e.id,))
        return ledger.confirm(self.actor, e.id, on=on, receipt_no=self.value("receipt_no"))
