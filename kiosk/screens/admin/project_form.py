"""Create or edit a project: estate, title, status, target and the six-source plan. An edit
carries the version it started from: if someone else saved the project meanwhile, the save is
refused with a message (nothing is overwritten) and what was typed stays in the form."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, TextArea

from kiosk.domain import estates, funding, sources
from kiosk.domain.errors import ValidationError
from kiosk.i18n import N_, _
from kiosk.screens.admin import parse
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.form import FORM_BINDINGS, FormLogic, buttons, field, select, text_input


class ProjectForm(FormLogic, AdminScreen):
    BINDINGS = FORM_BINDINGS + [Binding("ctrl+r", "reload_latest", N_("Load latest"))]

    def __init__(self, project: funding.ProjectInfo | None) -> None:
        super().__init__()
        self.project = project
        self.plan = {s.key: s.planned_fen for s in funding.snapshot(project.id).sources} if project else {}

    @property
    def TITLE_ID(self) -> str:  # noqa: N802 - shown in the top bar
        return N_("Edit project") if self.project else N_("New project")

    def compose_body(self) -> ComposeResult:
        p = self.project
        with VerticalScroll(classes="form-body"):
            if p is None:
                yield field(_("Estate"), select("estate", [(e.name, e.id) for e in estates.list_estates()], blank=True))
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
            yield buttons()
        # Outside the scrolling part: a refusal is always in sight, whatever field it is about.
        yield self.error_line()

    def on_mount(self) -> None:
        self.query_one("#f-estate" if self.project is None else "#f-title").focus()

    def submit(self) -> funding.ProjectInfo:
        title = self.value("title")
        status = self.choice("status") or "planning"
        target = parse.amount(self.value("target"), "target")
        description = self.query_one("#f-description", TextArea).text
        plan = {key: parse.amount(self.value(f"plan_{key}"), f"plan_{key}", required=False) for key in sources.SOURCES}
        if self.project is None:
            estate_id = self.choice("estate")
            if estate_id is None:
                raise ValidationError(_("Choose an estate."), "estate")
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

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "reload_latest" and self.project is None:
            return False  # nothing to reload for a new project: hide the key (False hides, None dims)
        return True

    def action_reload_latest(self) -> None:
        """After a conflict: take the version someone else saved (what was typed here is replaced)."""
        if self.project is None:
            return
        self.app.switch_screen(ProjectForm(funding.get_project(self.project.id)))
