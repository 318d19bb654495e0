"""Record a payment out of a project's funds: payee, what for (a works stage, read in a worker),
contract or invoice number, amount, date paid and the part each source pays. It waits for a second
staff member's approval. One beyond what was received is asked about before it is entered; an
administrator may give the reason for an advance."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk import clock
from kiosk.domain import funding, payments, sources, works
from kiosk.domain.errors import ValidationError
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin import parse
from kiosk.screens.admin.form import field, select, text_input
from kiosk.screens.admin.money_forms import warned_first
from kiosk.screens.admin.record_form import RecordForm

NO_STAGE = 0


class PaymentForm(RecordForm):
    TITLE_ID = N_("Record a payment")
    FIRST = "payee"

    def __init__(self, project: funding.ProjectInfo) -> None:
        super().__init__(project)
        self.accepted: tuple | None = None  # the shares whose warning was answered Yes

    @property
    def project(self) -> funding.ProjectInfo:
        return self.record

    @property
    def is_admin(self) -> bool:
        return self.app.user is not None and self.app.user.role == "admin"

    def fields(self) -> ComposeResult:
        yield Static(Text(one_line(self.project.title, 70), style="bold"), markup=False)
        yield field(_("Payee"), text_input("payee", placeholder=_("the organisation paid"), max_length=80))
        yield field(_("What for"), text_input("purpose", placeholder=_("a works stage or item"), max_length=200))
        yield field(_("Works stage"), select("stage", [(_("(none)"), NO_STAGE)], NO_STAGE))
        yield field(_("Contract/invoice no."), text_input("document_no", max_length=40))
        yield field(_("Amount (yuan)"), text_input("amount", placeholder="1000.00"))
        yield field(_("Date paid"), text_input("paid_on", parse.show_day(clock.today())))
        yield Static(_("Paid from (yuan; the parts add up to the amount):"),
                     markup=False)
        for key in sources.SOURCES:
            yield field(sources.label(key), text_input(f"share-{key}", max_length=20))
        if self.is_admin:
            yield field(_("Advance: why"), text_input("advance_reason", placeholder=_("only to pay beyond what was received"),
                                                      max_length=200))

    def read(self):
        stages = works.progress(self.project.id).stages
        return {"stage": [(_("(none)"), NO_STAGE)] + [(one_line(s.name, 30), s.id) for s in stages]}

    def shares(self) -> dict[str, int]:
        filled = {key: text for key in sources.SOURCES if (text := self.value(f"share-{key}").strip())}
        if not filled:
            raise ValidationError(_("Name the source (or sources) the payment is paid from."), f"share-{sources.SOURCES[0]}")
        return {key: parse.amount(text, f"share-{key}") for key, text in filled.items()}

    def submit(self) -> object:
        amount = parse.amount(self.value("amount"), "amount")
        shares = self.shares()
        paid_on = parse.day(self.value("paid_on"), "paid_on")
        stage = self.choice("stage") or None
        advance = self.value("advance_reason") if self.is_admin else ""
        what = (amount, tuple(sorted(shares.items())))
        if what != self.accepted and sum(shares.values()) == amount:
            beyond = payments.beyond_if_paid(self.project.id, shares)
            if beyond:
                found = [_("{why}.").format(why=payments.beyond_text(beyond))]
                if not advance:
                    found.append(_("A second person cannot approve it unless an administrator enters it as an advance, "
                                   "with its reason."))
                return warned_first(self, found, what)
        return payments.enter(self.actor, self.project.id, self.value("payee"), self.value("purpose"),
                              self.value("document_no"), amount, paid_on, shares, stage_id=stage, advance_reason=advance)
