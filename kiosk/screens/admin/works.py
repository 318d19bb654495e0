"""Works progress of one project (the daily works disclosure): weighted stages with their percent,
and dated milestones. The overall percent is weighted by stage weight."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Select, Static

from kiosk.domain import funding, works
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.form import select, select_value, set_choices
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.table import cursor_key, refill
from kiosk.widgets.progress_line import ProgressLine


class WorksScreen(AdminScreen):
    TITLE_ID = N_("Works progress")
    BINDINGS = list_bindings(
        Binding("a", "add_stage", N_("Add stage")),
        Binding("e", "edit_stage", N_("Edit stage")),
        Binding("m", "add_milestone", N_("Add milestone")),
        Binding("c", "edit_milestone", N_("Correct milestone")),
        Binding("d", "toggle_done", N_("Done/not done")),
        search=False,
    )

    def __init__(self, project_id: int | None = None) -> None:
        super().__init__()
        self.project_id = project_id
        self.progress: works.WorksProgress | None = None

    def compose_body(self) -> ComposeResult:
        yield select("project", [], None)  # the projects come with the first answer (show)
        yield Static("", id="works-percent", markup=False)
        yield ProgressLine(0, id="works-bar")
        yield Label(_("Stages"), classes="section-title")
        yield DataTable(id="stages", cursor_type="row")
        yield Label(_("Milestones"), classes="section-title")
        yield DataTable(id="milestones", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#stages", DataTable).add_columns(_("Stage"), _("Weight"), _("Done %"), _("Updated"))
        self.query_one("#milestones", DataTable).add_columns(_("Date"), _("Milestone"), _("Done"))
        self.query_one("#stages", DataTable).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        value = select_value(event.select)
        if value is not None and value != self.project_id:
            self.project_id = value
            self.reload()

    def read(self):
        """The projects to choose from (the first active one chosen when none is yet) and the
        chosen one's progress."""
        projects = funding.list_projects()
        project_id = self.project_id
        if project_id is None and projects:
            active = [p for p in projects if p.status in funding.ACTIVE]
            project_id = (active or projects)[0].id
        return projects, project_id, works.progress(project_id) if project_id is not None else None

    def show(self, data) -> None:
        projects, self.project_id, prog = data
        chooser = self.query_one("#f-project", Select)
        set_choices(chooser, [(f"{p.id} {one_line(p.title, 30)}", p.id) for p in projects])
        if self.project_id is not None and chooser.value != self.project_id:
            with chooser.prevent(Select.Changed):
                chooser.value = self.project_id
        self.progress = prog
        if prog is None:
            return
        text = Text(_("Overall {pct:.1f}% (weighted by stage)").format(pct=prog.percent), style="bold")
        if prog.updated_at:
            text.append("  " + _("last update {when}").format(when=prog.updated_at.strftime("%Y-%m-%d %H:%M")))
        self.query_one("#works-percent", Static).update(text)
        self.query_one(ProgressLine).update(prog.percent)
        refill(self.query_one("#stages", DataTable),
               [(s.id, (Text(one_line(s.name, 30)), str(s.weight), f"{s.percent}%", s.updated_at.strftime("%m-%d %H:%M")))
                for s in prog.stages])
        refill(self.query_one("#milestones", DataTable),
               [(m.id, (m.on.isoformat(), Text(one_line(m.title, 40)), _("yes") if m.done else _("no"))) for m in prog.milestones])

    def _selected(self, table_id: str) -> int | None:
        key = cursor_key(self.query_one(table_id, DataTable))
        return None if key is None else int(key)

    def action_add_stage(self) -> None:
        from kiosk.screens.admin.works_forms import StageForm

        if self.project_id is not None:
            self.app.push_screen(StageForm(self.project_id, None), self._saved)

    def action_edit_stage(self) -> None:
        from kiosk.screens.admin.works_forms import StageForm

        sid = self._selected("#stages")
        stage = next((s for s in self.progress.stages if s.id == sid), None) if self.progress else None
        if stage is None:
            self.say(_("Choose a stage in the list first."), error=True)
            return
        self.app.push_screen(StageForm(self.project_id, stage), self._saved)

    def action_add_milestone(self) -> None:
        from kiosk.screens.admin.works_forms import MilestoneForm

        if self.project_id is not None:
            self.app.push_screen(MilestoneForm(self.project_id), self._saved)

    def _milestone(self) -> works.MilestoneInfo | None:
        mid = self._selected("#milestones")
        milestone = next((m for m in self.progress.milestones if m.id == mid), None) if self.progress else None
        if milestone is None:
            self.say(_("Choose a milestone in the list first."), error=True)
        return milestone

    def action_edit_milestone(self) -> None:
        from kiosk.screens.admin.works_forms import MilestoneForm

        milestone = self._milestone()
        if milestone is not None:
            self.app.push_screen(MilestoneForm(self.project_id, milestone), self._saved)

    def action_toggle_done(self) -> None:
        milestone = self._milestone()
        if milestone is None:
            return
        works.set_milestone_done(self.actor, milestone.id, not milestone.done)
        self.reload()

    def _saved(self, result) -> None:
        if result is not None:
            self.say(_("Saved."))
            self.reload()
