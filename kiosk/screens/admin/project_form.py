"""Create or edit a project: estate, title, status, target and the six-source plan. An edit
carries the version it started from: if someone else saved the project meanwhile, the save is
refused with a message (nothing is overwritten) and what was typed stays in the form."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label, TextArea

from kiosk.domain import funding, sources
from kiosk.i18n import N_, _
from kiosk.screens.admin import parse
from kiosk.screens.admin.choices import chosen_estate, estate_choices, estate_select
from kiosk.screens.admin.form import FORM_BINDINGS, field, select, text_input
from kiosk.screens.admin.record_form import LOAD_LATEST, RecordForm


class ProjectForm(RecordForm):
    BINDINGS = FORM_BINDINGS + [LOAD_LATEST]
    TITLES = (N_("New project"), N_("Edit project"))
    FIRST, FIRST_EDIT = "estate", "title"

    def __init__(self, project: funding.ProjectInfo | None, plan: dict[str, int] | None = None) -> None:
        super().__init__(project)
        self.plan = plan or {}  # planned fen by source, as read with the project (`planned`)

    def read(self):
        return {"estate": estate_choices()} if self.project is None else {}

    @property
    def project(self) -> funding.ProjectInfo | None:
        return self.record

    def fields(self) -> ComposeResult:
        p = self.project
        if p is None:
            yield field(_("Estate"), estate_select())
        else:
            yield field(_("Estate"), Label(p.estate, markup=False))
        yield field(_("Title"), text_input("title", p.title if p else "", max_length=80))
        yield field(_("Status"), select("status", [(funding.status_label(s), s) for s in funding.STATUSES],
                                       p.status if p else "planning"))
        yield field(_("Target (yuan)"), text_input("target", parse.show_amount(p.target_fen) if p else "", placeholder="300000"))
        yield field(_("Description"), TextArea(p.description if p else "", id="f-description", compact=True))
        yield Label(_("Planned share of each source (yuan; empty = 0)"), classes="hint")
        for key in sources.SOURCES:
            amount = self.plan.get(key, 0)
            yield field(sources.label(key), text_input(f"plan_{key}", parse.show_amount(amount) if amount else ""))

    def submit(self) -> funding.ProjectInfo:
        title = self.value("title")
        status = self.choice("status") or "planning"
        target = parse.amount(self.value("target"), "target")
        description = self.query_one("#f-description", TextArea).text
        plan = {key: parse.amount(self.value(f"plan_{key}"), f"plan_{key}", required=False) for key in sources.SOURCES}
        if self.project is None:
            estate_id = chosen_estate(self)
            return funding.create_project(self.actor, estate_id, title, target, description=description, status=status, plan=plan)
        p = self.project
        changes = {}
        if title.strip() != p.title:
            changes["title"] = title
        if description.strip() != p.description:
            changes["description"] = description
        if status != p.status:
            changes["status"] = status
        if target != p.target_fen:
            changes["target_fen"] = target
        if plan != {k: self.plan.get(k, 0) for k in sources.SOURCES}:
            changes["plan"] = plan
        # Even with nothing changed the save goes through: it then checks the version (and is audited).
        return funding.update_project(self.actor, p.id, p.version, **changes)

    def latest(self) -> tuple[funding.ProjectInfo, dict[str, int]]:
        return read_project(self.project.id)

    def again(self, latest) -> ProjectForm:
        return ProjectForm(*latest)


def planned(snapshot) -> dict[str, int]:
    """A project's planned fen by source, from its funding snapshot."""
    return {s.key: s.planned_fen for s in snapshot.sources}


def read_project(project_id: int) -> tuple[funding.ProjectInfo, dict[str, int]]:
    """What the edit form shows: the project as saved now, and its plan (a read: in a worker)."""
    return funding.get_project(project_id), planned(funding.snapshot(project_id))
