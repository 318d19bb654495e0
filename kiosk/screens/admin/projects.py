"""Projects and money: every project with its funding; Enter opens one (its ledger)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from kiosk.domain import funding
from kiosk.domain.money import yuan_short
from kiosk.i18n import N_, _
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.table import Row, SearchTable, is_search


class ProjectsScreen(AdminScreen):
    TITLE_ID = N_("Projects and money")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("enter", "open", N_("View"), priority=True, key_display="Enter"),
        Binding("n", "new", N_("New")),
        Binding("e", "edit", N_("Edit")),
        Binding("slash", "search", N_("Search"), key_display="/"),
    ]

    def compose_body(self) -> ComposeResult:
        yield SearchTable([_("ID"), _("Estate"), _("Project"), _("Status"), _("Target"), _("Paid in"), "%"], id="projects")

    def on_mount(self) -> None:
        self.query_one(SearchTable).focus()

    def reload(self) -> None:
        projects = funding.list_projects()
        snaps = funding.snapshots([p.id for p in projects])
        rows = []
        for p in projects:
            s = snaps[p.id]
            rows.append(Row(p.id, (str(p.id), p.estate, p.title, funding.status_label(p.status), yuan_short(p.target_fen),
                                   yuan_short(s.received_fen), f"{s.percent:.0f}"),
                            limits=(None, 12, 20, 10, None, None, None), extra=f"{p.estate} {p.title}"))
        self.query_one(SearchTable).set_rows(rows)

    def selected(self) -> int | None:
        key = self.query_one(SearchTable).selected_key()
        return int(key) if key else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        from kiosk.screens.admin.project import ProjectScreen

        if is_search(self.focused):
            self.query_one(SearchTable).focus()
            return
        pid = self.selected()
        if pid is not None:
            self.app.push_screen(ProjectScreen(pid))

    def action_new(self) -> None:
        from kiosk.screens.admin.project_form import ProjectForm

        self.app.push_screen(ProjectForm(None), self._saved)

    def action_edit(self) -> None:
        from kiosk.screens.admin.project_form import ProjectForm

        pid = self.selected()
        if pid is not None:
            self.app.push_screen(ProjectForm(funding.get_project(pid)), self._saved)

    def _saved(self, project) -> None:
        if project is not None:
            self.say(_("Saved project {id}.").format(id=project.id))
            self.reload()
            self.query_one(SearchTable).select_key(project.id)

    def action_search(self) -> None:
        self.query_one(SearchTable).focus_search()
