"""Move a report to its next status with a public note; merge a duplicate into another report;
publish a cleaned summary of what the resident wrote (their own words stay with staff)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from kiosk.domain import privacy, reports
from kiosk.domain.errors import ValidationError
from kiosk.i18n import _
from kiosk.render.safe import one_line
from kiosk.screens.admin.base import AdminModal
from kiosk.screens.admin.form import FORM_BINDINGS, FormLogic, buttons, field, select, text_input


class TransitionForm(FormLogic, AdminModal):
    """Carries the report's version: if someone else moved it meanwhile, the save is refused."""

    BINDINGS = FORM_BINDINGS

    def __init__(self, report: reports.ReportInfo) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        r = self.report
        allowed = [s for s in reports.STATUSES if s in reports.TRANSITIONS[r.status] and s != "merged"]
        with Vertical(classes="dialog"):
            yield Static(Text(_("Report {ticket}: now 「{status}」").format(ticket=r.ticket, status=reports.status_label(r.status))),
                         classes="dialog-title", markup=False)
            yield Static(Text(one_line(r.description, 120)), markup=False)
            yield field(_("New status"), select("status", [(reports.status_label(s), s) for s in allowed], allowed[0]))
            yield field(_("Public note"), text_input("note", placeholder=_("residents see this with their ticket"), max_length=500))
            yield self.error_line()
            yield buttons()

    def on_mount(self) -> None:
        self.query_one("#f-status").focus()

    def submit(self) -> reports.ReportInfo:
        to = self.choice("status")
        if to is None:
            raise ValidationError(_("Choose the new status."), "status")
        return reports.transition(self.actor, self.report.id, to, self.value("note"), expected_version=self.report.version)


class MergeForm(FormLogic, AdminModal):
    """A duplicate joins another open report of the same estate; its "me too" count adds up."""

    BINDINGS = FORM_BINDINGS

    def __init__(self, report: reports.ReportInfo) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        r = self.report
        others = [o for o in reports.queue(estate_id=r.estate_id, status="open") if o.id != r.id]
        # Likely duplicates first: same category, same building.
        others.sort(key=lambda o: (o.category != r.category, o.building != r.building, o.created_at))
        options = [(f"{o.ticket} {o.building}{o.unit} {reports.category_label(o.category)} {one_line(o.description, 20)}", o.id)
                   for o in others]
        with Vertical(classes="dialog"):
            yield Static(Text(_("Merge report {ticket} into another one").format(ticket=r.ticket)), classes="dialog-title", markup=False)
            yield Static(Text(one_line(r.description, 120)), markup=False)
            yield field(_("Into"), select("into", options, blank=True))
            yield field(_("Public note"), text_input("note", max_length=500))
            yield self.error_line()
            yield buttons()

    def on_mount(self) -> None:
        self.query_one("#f-into").focus()

    def submit(self) -> reports.ReportInfo:
        into = self.choice("into")
        if into is None:
            raise ValidationError(_("Choose the report to merge into."), "into")
        return reports.merge(self.actor, self.report.id, into, self.value("note"))


class SummaryForm(FormLogic, AdminModal):
    """Staff write the summary themselves (nothing is copied from the resident's words, which may
    name people); what residents will see is previewed as it will be published: masked."""

    BINDINGS = FORM_BINDINGS
    ENTER_MOVES_ON = False  # one field: Enter saves

    def __init__(self, report: reports.ReportInfo) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        r = self.report
        with Vertical(classes="dialog"):
            yield Static(Text(_("Public summary of report {ticket}").format(ticket=r.ticket)), classes="dialog-title", markup=False)
            yield Static(Text(_("The resident wrote (staff only):") + " " + one_line(r.description, 200)), markup=False)
            yield field(_("Summary"), text_input("summary", r.summary, max_length=reports.SUMMARY_LIMIT,
                                                 placeholder=_("what residents may read, without names")))
            yield Static(Text(""), id="summary-preview", markup=False)
            yield Static(Text(_("Phone, ID and room numbers are masked. Empty: no summary is shown."), style="dim"), markup=False)
            yield self.error_line()
            yield buttons()

    def on_mount(self) -> None:
        self.query_one("#f-summary").focus()
        self.preview(self.report.summary)

    def preview(self, value: str) -> None:
        shown = privacy.mask(value.strip())
        self.query_one("#summary-preview", Static).update(
            Text(_("Residents will see:") + " " + (one_line(shown) if shown else _("(nothing)"))))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.preview(event.value)

    def on_input_submitted(self, event) -> None:
        event.stop()
        event.prevent_default()  # one field: Enter saves (FormLogic's handler would move on)
        self.action_save()

    def submit(self) -> reports.ReportInfo:
        return reports.publish_summary(self.actor, self.report.id, self.value("summary"), expected_version=self.report.version)
