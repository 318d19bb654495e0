"""Add or change a works stage (name, weight, percent) and add a dated milestone."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kiosk import clock
from kiosk.domain import works
from kiosk.i18n import _
from kiosk.screens.admin import parse
from kiosk.screens.admin.base import AdminModal
from kiosk.screens.admin.form import FORM_BINDINGS, FormLogic, buttons, field, text_input, yes_no


class StageForm(FormLogic, AdminModal):
    """A stage edit carries its version: a concurrent change by someone else is refused."""

    BINDINGS = FORM_BINDINGS

    def __init__(self, project_id: int, stage: works.StageInfo | None) -> None:
        super().__init__()
        self.project_id = project_id
        self.stage = stage

    def compose(self) -> ComposeResult:
        s = self.stage
        with Vertical(classes="dialog"):
            yield Static(Text(_("Change stage") if s else _("New stage")), classes="dialog-title", markup=False)
            yield field(_("Stage"), text_input("name", s.name if s else "", max_length=60))
            yield field(_("Weight"), text_input("weight", str(s.weight) if s else "1", placeholder="1-1000"))
            yield field(_("Done %"), text_input("percent", str(s.percent) if s else "0", placeholder="0-100"))
            yield self.error_line()
            yield buttons()

    def on_mount(self) -> None:
        self.query_one("#f-percent" if self.stage else "#f-name").focus()

    def submit(self) -> works.StageInfo:
        name = self.value("name")
        weight = parse.whole(self.value("weight"), "weight", low=0, high=1000)
        percent = parse.whole(self.value("percent"), "percent", low=0, high=100)
        if self.stage is None:
            return works.add_stage(self.actor, self.project_id, name, weight, percent)
        return works.update_stage(self.actor, self.stage.id, self.stage.version, name=name, weight=weight, percent=percent)


class MilestoneForm(FormLogic, AdminModal):
    BINDINGS = FORM_BINDINGS

    def __init__(self, project_id: int) -> None:
        super().__init__()
        self.project_id = project_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(_("New milestone")), classes="dialog-title", markup=False)
            yield field(_("Date"), text_input("on", parse.show_day(clock.today())))
            yield field(_("Milestone"), text_input("title", max_length=80))
            yield field(_("Done already"), yes_no("done", False))
            yield self.error_line()
            yield buttons()

    def on_mount(self) -> None:
        self.query_one("#f-title").focus()

    def submit(self) -> works.MilestoneInfo:
        on = parse.day(self.value("on"), "on")
        return works.add_milestone(self.actor, self.project_id, on, self.value("title"),
                                   bool(self.choice("done")))
