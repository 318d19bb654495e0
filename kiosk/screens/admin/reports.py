"""The reports triage queue, oldest first: filter by estate, building, category and status; move
a report on with a public note; merge a duplicate into another report; publish a cleaned summary;
hide an abusive one (the original stays for the record); link it to the project or poll that
answers it. Staff see the reporter's words and phone;
the public sees only the summary staff publish."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Select

from kiosk.domain import estates, reports
from kiosk.i18n import N_, _
from kiosk.render.safe import inert
from kiosk.screens.admin.form import select, select_value, set_choices
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.list_screen import ListScreen
from kiosk.screens.admin.table import Row

ALL = "*"


class ReportsScreen(ListScreen):
    TITLE_ID = N_("Reports")
    BINDINGS = list_bindings(
        Binding("t", "transition", N_("Move on")),
        Binding("m", "merge", N_("Merge")),
        Binding("p", "publish", N_("Summary")),
        Binding("h", "hide", N_("Hide")),
        Binding("l", "link", N_("Link")),
        Binding("f", "filters", N_("Filters")),
    )
    COLUMNS = (N_("Ticket"), N_("Filed"), N_("Building"), N_("Category"), N_("Status"), N_("Me too"), N_("Report"))
    TABLE_ID = "reports"
    DETAIL_ID = "report-detail"
    CHOOSE_FIRST = N_("Choose a report in the list first.")
    SELECT_SAVED = False  # a report moved on may leave the filtered queue

    def compose_head(self) -> ComposeResult:
        # The estates and the chosen estate's buildings come with the reports (show_head).
        with Horizontal(classes="filters"):
            yield select("estate", [(_("All estates"), ALL)], ALL)
            yield select("building", [(_("All buildings"), ALL)], ALL)
            yield select("category", [(_("All categories"), ALL)] + [(reports.category_label(k), k) for k in reports.CATEGORIES], ALL)
            yield select("status", [(_("Not closed"), "open"), (_("All statuses"), ALL)] +
                         [(reports.status_label(k), k) for k in reports.STATUSES], "open")

    def filter(self, name: str):
        value = select_value(self.query_one(f"#f-{name}", Select))
        return None if value in (None, ALL) else value

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "f-estate":  # another estate's buildings: shown with its reports
            set_choices(self.query_one("#f-building", Select), [(_("All buildings"), ALL)])
        self.reload()

    def read_filters(self) -> dict | None:
        return {name: self.filter(name) for name in ("estate", "building", "category", "status")}

    def load(self) -> list[reports.ReportInfo]:
        f = self.filters
        self.estate_names = {e.id: e.name for e in estates.list_estates()}
        self.buildings = [] if f["estate"] is None else estates.layout(f["estate"])
        return reports.queue(estate_id=f["estate"], building_id=f["building"], category=f["category"], status=f["status"])

    def show_head(self) -> None:
        set_choices(self.query_one("#f-estate", Select),
                    [(_("All estates"), ALL)] + [(name, i) for i, name in self.estate_names.items()])
        set_choices(self.query_one("#f-building", Select), [(_("All buildings"), ALL)] + [(b.name, b.id) for b in self.buildings])

    def row(self, r: reports.ReportInfo) -> Row:
        status = reports.status_label(r.status) + ("（" + _("hidden") + "）" if r.hidden else "")
        return Row(r.id, (r.ticket, r.created_at.strftime("%m-%d"), r.building + r.unit,
                          reports.category_label(r.category), status, str(r.me_too), r.description),
                   limits=(None, None, 10, 12, 8, None, 16),
                   extra=f"{self.estate_names.get(r.estate_id, '')} {r.description}")

    def empty_detail(self) -> Text:
        return Text(_("No report matches."), style="dim")

    def detail(self, r: reports.ReportInfo) -> Text:
        text = Text(f"{r.ticket}  {self.estate_names.get(r.estate_id, '')} {r.building}{r.unit}", style="bold")
        if r.floor is not None:
            text.append(" " + _("floor {n}").format(n=r.floor), style="bold")
        text.append(f"  {reports.category_label(r.category)}  {reports.status_label(r.status)}")
        if r.phone:
            text.append("  " + _("phone {phone}").format(phone=r.phone))
        if r.hidden:
            text.append("  " + _("hidden from the public"), style="bold red")
        text.append("\n" + inert(r.description))
        text.append("\n" + _("Public summary:") + " ", style="dim")
        text.append(inert(r.summary) if r.summary else _("none"), style="" if r.summary else "dim")
        return text

    def action_transition(self) -> None:
        from kiosk.screens.admin.report_forms import TransitionForm

        r = self.selected()
        if r is None:
            return
        if not [s for s in reports.TRANSITIONS[r.status] if s != "merged"]:
            self.say(_("A report that is 「{status}」 cannot move on.").format(status=reports.status_label(r.status)), error=True)
            return
        self.open_form(TransitionForm(r))

    def action_merge(self) -> None:
        from kiosk.screens.admin.report_forms import MergeForm

        r = self.selected()
        if r is None:
            return
        if r.status not in reports.OPEN:
            self.say(_("Only an open report can be merged, into another open report."), error=True)
            return
        self.open_form(MergeForm(r))

    def action_publish(self) -> None:
        from kiosk.screens.admin.report_forms import SummaryForm

        r = self.selected()
        if r is not None:
            self.open_form(SummaryForm(r))

    def action_hide(self) -> None:
        from kiosk.screens.admin.dialogs import ReasonDialog

        r = self.selected()
        if r is None:
            return
        title = _("Hide report {ticket} from public screens? The original stays for the record.").format(ticket=r.ticket)
        self.open_form(ReasonDialog(title, _("Reason"), lambda reason: reports.hide(self.actor, r.id, reason)))

    def action_link(self) -> None:
        from kiosk.screens.admin.report_forms import LinkForm

        r = self.selected()
        if r is not None:
            self.open_form(LinkForm(r))

    def action_filters(self) -> None:
        self.query_one("#f-estate", Select).focus()
