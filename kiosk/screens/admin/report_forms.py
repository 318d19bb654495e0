"""Move a report to its next status with a public note; merge a duplicate into another report;
publish a cleaned summary of what the resident wrote (their own words stay with staff); link it to
the project or poll that answers it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.domain import privacy, report_loop, reports
from kiosk.domain.errors import ValidationError
from kiosk.i18n import _
from kiosk.render.safe import one_line
from kiosk.screens.admin.form import field, select, text_input
from kiosk.screens.admin.record_dialog import RecordDialog


class ReportDialog(RecordDialog):
    """A dialog about one report (`report`)."""

    @property
    def report(self) -> reports.ReportInfo:
        return self.record


class TransitionForm(ReportDialog):
    """Carries the report's version: if someone else moved it meanwhile, the save is refused."""

    FIRST = "status"

    def heading(self) -> str:
        r = self.report
        return _("Report {ticket}: now 「{status}」").format(ticket=r.ticket, status=reports.status_label(r.status))

    def fields(self) -> ComposeResult:
        r = self.report
        allowed = [s for s in reports.STATUSES if s in reports.TRANSITIONS[r.status] and s != "merged"]
        yield Static(Text(one_line(r.description, 120)), markup=False)
        yield field(_("New status"), select("status", [(reports.status_label(s), s) for s in allowed], allowed[0]))
        yield field(_("Public note"), text_input("note", placeholder=_("residents see this with their ticket"), max_length=500))

    def submit(self) -> reports.ReportInfo:
        to = self.choice("status")
        if to is None:
            raise ValidationError(_("Choose the new status."), "status")
        return reports.transition(self.actor, self.report.id, to, self.value("note"), expected_version=self.report.version)


class MergeForm(ReportDialog):
    """A duplicate joins another open report of the same estate; its "me too" count adds up."""

    FIRST = "into"

    def heading(self) -> str:
        return _("Merge report {ticket} into another one").format(ticket=self.report.ticket)

    def read(self):
        """The other open reports of the estate, likely duplicates first: same category, same building."""
        r = self.report
        others = [o for o in reports.queue(estate_id=r.estate_id, status="open") if o.id != r.id]
        others.sort(key=lambda o: (o.category != r.category, o.building != r.building, o.created_at))
        return {"into": [(f"{o.ticket} {o.building}{o.unit} {reports.category_label(o.category)} {one_line(o.description, 20)}", o.id)
                         for o in others]}

    def fields(self) -> ComposeResult:
        r = self.report
        yield Static(Text(one_line(r.description, 120)), markup=False)
        yield field(_("Into"), select("into", [], blank=True))  # the choices come with the read
        yield field(_("Public note"), text_input("note", max_length=500))

    def submit(self) -> reports.ReportInfo:
        into = self.choice("into")
        if into is None:
            raise ValidationError(_("Choose the report to merge into."), "into")
        return reports.merge(self.actor, self.report.id, into, self.value("note"))


class SummaryForm(ReportDialog):
    """Staff write the summary themselves (nothing is copied from the resident's words, which may
    name people); what residents will see is previewed as it will be published: masked."""

    FIRST = "summary"
    ENTER_MOVES_ON = False  # one field: Enter saves

    def heading(self) -> str:
        return _("Public summary of report {ticket}").format(ticket=self.report.ticket)

    def fields(self) -> ComposeResult:
        r = self.report
        yield Static(Text(_("The resident wrote (staff only):") + " " + one_line(r.description, 200)), markup=False)
        yield field(_("Summary"), text_input("summary", r.summary, max_length=reports.SUMMARY_LIMIT,
                                             placeholder=_("what residents may read, without names")))
        yield Static(Text(""), id="summary-preview", markup=False)
        yield Static(Text(_("Phone, ID and room numbers are masked. Empty: no summary is shown."), style="dim"), markup=False)

    def on_mount(self) -> None:
        self.preview(self.report.summary)

    def preview(self, value: str) -> None:
        shown = privacy.mask(value.strip())
        self.query_one("#summary-preview", Static).update(
            Text(_("Residents will see:") + " " + (one_line(shown) if shown else _("(nothing)"))))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.preview(event.value)

    def submit(self) -> reports.ReportInfo:
        return reports.publish_summary(self.actor, self.report.id, self.value("summary"), expected_version=self.report.version)


class LinkForm(ReportDialog):
    """The project or poll of the report's estate that answers it (the loop closed); both empty
    removes the link. The current link is chosen when the form opens."""

    FIRST = "project"

    def heading(self) -> str:
        return _("Report {ticket}: the project or poll that answers it").format(ticket=self.report.ticket)

    def read(self):
        from kiosk.domain import funding, votes

        r = self.report
        self.current = report_loop.linked([r.id]).get(r.id)
        return {"project": [(p.title, p.id) for p in funding.list_projects(r.estate_id)],
                "poll": [(p.title, p.id) for p in votes.list_polls(r.estate_id)]}

    def fields(self) -> ComposeResult:
        yield Static(Text(one_line(self.report.description, 120)), markup=False)
        yield field(_("Project"), select("project", [], blank=True))
        yield field(_("Poll"), select("poll", [], blank=True))
        yield Static(Text(_("Leave both empty to remove the link."), style="dim"), markup=False)

    def show(self, choices: dict) -> None:
        from textual.widgets import Select

        super().show(choices)
        link = getattr(self, "current", None)
        for name, value in (("project", link and link.project_id), ("poll", link and link.poll_id)):
            if value and any(v == value for _label, v in choices[name]):
                self.query_one(f"#f-{name}", Select).value = value

    def submit(self) -> reports.ReportInfo:
        return report_loop.link(self.actor, self.report.id, project_id=self.choice("project"),
                                poll_id=self.choice("poll"), expected_version=self.report.version)
