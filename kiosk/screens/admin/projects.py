"""Projects and money: every project with its funding; Enter opens one (its ledger)."""

from __future__ import annotations

from textual.binding import Binding

from kiosk.domain import funding
from kiosk.domain.money import yuan_short
from kiosk.i18n import N_
from kiosk.render.bars import funded
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.list_screen import ListScreen
from kiosk.screens.admin.table import Row


class ProjectsScreen(ListScreen):
    TITLE_ID = N_("Projects and money")
    BINDINGS = list_bindings(Binding("n", "new", N_("New")), Binding("e", "edit", N_("Edit")), enter=N_("View"))
    COLUMNS = (N_("ID"), N_("Estate"), N_("Project"), N_("Status"), N_("Target"), N_("Paid in"), "%")
    TABLE_ID = "projects"
    SAVED = N_("Saved project {id}.")
    CLICK_OPENS = True

    def load(self) -> list[funding.ProjectInfo]:
        projects = funding.list_projects()
        self.snaps = funding.snapshots([p.id for p in projects])
        return projects

    def row(self, p: funding.ProjectInfo) -> Row:
        s = self.snaps[p.id]
        return Row(p.id, (str(p.id), p.estate, p.title, funding.status_label(p.status), yuan_short(p.target_fen),
                          yuan_short(s.received_fen), str(funded(s))),
                   limits=(None, 12, 20, 10, None, None, None), extra=f"{p.estate} {p.title}")

    def enter(self, p: funding.ProjectInfo) -> None:
        from kiosk.screens.admin.project import ProjectScreen

        self.app.push_screen(ProjectScreen(p.id))

    def action_new(self) -> None:
        from kiosk.screens.admin.project_form import ProjectForm

        self.open_form(ProjectForm(None))

    async def action_edit(self) -> None:
        from kiosk.screens.admin.project_form import ProjectForm, read_project

        p = self.selected()
        latest = None if p is None else await self.fetch(lambda: read_project(p.id))
        if latest is not None:
            self.open_form(ProjectForm(*latest))
