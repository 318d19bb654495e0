"""Money entries: record a pledge or a receipt; confirm a pledge as paid. Each form carries an
idempotency key, so pressing Save twice (or retrying after a dropped line) records it once."""

from __future__ import annotations

import uuid

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from kiosk import clock
from kiosk.domain import estates, funding, ledger, sources
from kiosk.domain.errors import NotFound, ValidationError
from kiosk.domain.money import yuan
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin import parse
from kiosk.screens.admin.base import AdminModal, AdminScreen
from kiosk.screens.admin.form import FORM_BINDINGS, FormLogic, buttons, field, select, text_input


def household_id(estate_id: int, text: str) -> int | None:
    """`3号楼 2单元 301` -> the household's id; empty -> None."""
    parts = text.split()
    if not parts:
        return None
    if len(parts) != 3:
        raise ValidationError(_("Write the household as building, unit and room, e.g. 3号楼 2单元 301."), "household")
    try:
        return estates.find_household(estate_id, *parts)
    except NotFound as exc:
        raise ValidationError(str(exc), "household") from None


class ContributionForm(FormLogic, AdminScreen):
    BINDINGS = FORM_BINDINGS

    def __init__(self, project: funding.ProjectInfo, status: str) -> None:
        super().__init__()
        self.project = project
        self.status = status
        self.key = f"admin-{uuid.uuid4()}"

    @property
    def TITLE_ID(self) -> str:  # noqa: N802
        return N_("Record a pledge") if self.status == "pledged" else N_("Record a receipt")

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="form-body"):
            yield Static(Text(one_line(self.project.title, 70), style="bold"), markup=False)
            yield field(_("Source"), select("source", [(sources.label(k), k) for k in sources.SOURCES], blank=True))
            yield field(_("From"), text_input("contributor", placeholder=_("organisation, or leave empty for a household"), max_length=80))
            yield field(_("Household"), text_input("household", placeholder=_("e.g. 3号楼 2单元 301 (optional)")))
            yield field(_("Amount (yuan)"), text_input("amount", placeholder="1000.00"))
            yield field(_("Date"), text_input("on", parse.show_day(clock.today())))
            yield field(_("Receipt no."), text_input("receipt_no", max_length=40))
            yield field(_("Note"), text_input("note", max_length=200))
            yield buttons()
        # Outside the scrolling part: a refusal is always in sight, whatever field it is about.
        yield self.error_line()

    def on_mount(self) -> None:
        self.query_one("#f-source").focus()

    def submit(self) -> ledger.ContributionInfo:
        source = self.choice("source")
        if source is None:
            raise ValidationError(_("Choose a source."), "source")
        amount = parse.amount(self.value("amount"), "amount")
        on = parse.day(self.value("on"), "on")
        hid = household_id(self.project.estate_id, self.value("household"))
        return ledger.record(self.actor, self.project.id, source, amount, status=self.status,
                             contributor=self.value("contributor"), household_id=hid, on=on,
                             receipt_no=self.value("receipt_no"), note=self.value("note"), idempotency_key=self.key)


class ConfirmPaidForm(FormLogic, AdminModal):
    """A pledge was paid: pledged -> received, on a date."""

    BINDINGS = FORM_BINDINGS

    def __init__(self, entry: ledger.ContributionInfo) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        e = self.entry
        with Vertical(classes="dialog"):
            yield Static(Text(_("Pledge {id}: {amount} from {who} was paid?").format(
                id=e.id, amount=yuan(e.amount_fen), who=one_line(e.contributor or _("a household"), 30))),
                classes="dialog-title", markup=False)
            yield field(_("Paid on"), text_input("on", parse.show_day(clock.today())))
            yield self.error_line()
            yield buttons()

    def on_mount(self) -> None:
        self.query_one("#f-on").focus()

    def submit(self) -> ledger.ContributionInfo:
        return ledger.confirm(self.actor, self.entry.id, on=parse.day(self.value("on"), "on"))
