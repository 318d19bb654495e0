"""Add or change a works stage (name, weight, percent) and add a dated milestone."""

from __future__ import annotations

from textual.app import ComposeResult

from kiosk import clock
from kiosk.domain import works
from kiosk.i18n import _
from kiosk.screens.admin import parse
from kiosk.screens.admin.form import field, text_input, yes_no
from kiosk.screens.admin.record_dialog import RecordDialog


class StageForm(RecordDialog):
    """A stage edit carries its version: a concurrent change by someone else is refused."""

    FIRST, FIRST_EDIT = "name", "percent"

    def __init__(self, project_id: int, stage: works.StageInfo | None) -> None:
        super().__init__(stage)
        self.project_id = project_id

    @property
    def stage(self) -> works.StageInfo | None:
        return self.record

    def heading(self) -> str:
        return _("Change stage") if self.stage else _("New stage")

    def fields(self) -> ComposeResult:
        s = self.stage
        yield field(_("Stage"), text_input("name", s.name if s else "", max_length=60))
        yield field(_("Weight"), text_input("weight", str(s.weight) if s else "1", placeholder="1-1000"))
        yield field(_("Done %"), text_input("percent", str(s.percent) if s else "0", placeholder="0-100"))

    def submit(self) -> works.StageInfo:
        name = self.value("name")
        weight = parse.whole(self.value("weight"), "weight", low=0, high=1000)
        percent = parse.whole(self.value("percent"), "percent", low=0, high=100)
        if self.stage is None:
            return works.add_stage(self.actor, self.project_id, name, weight, percent)
        return works.update_stage(self.actor, self.stage.id, self.stage.version, name=name, weight=weight, percent=percent)


class MilestoneForm(RecordDialog):
    FIRST = "title"

    def __init__(self, project_id: int) -> None:
        super().__init__()
        self.project_id = project_id

    def heading(self) -> str:
        return _("New milestone")

    def fields(self) -> ComposeResult:
        yield field(_("Date"), text_input("on", parse.show_day(clock.today())))
        yield field(_("Milestone"), text_input("title", max_length=80))
        yield field(_("Done already"), yes_no("done", False))

    def submit(self) -> works.MilestoneInfo:
        on = parse.day(self.value("on"), "on")
        return works.add_milestone(self.actor, self.project_id, on, self.value("title"),
                                   bool(self.choice("done")))
