"""Add or change a works stage (name, weight, percent); add a dated milestone or correct one, with
its history told in words."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

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


def yes_no_word(value) -> str:
    return _("yes") if value else _("no")


def history_line(step: works.MilestoneChange) -> str:
    """`2026-03-10 09:00 fang：日期 2026-03-01 → 2026-03-05；名称「…」→「…」`"""
    shown = {"on": str, "title": str, "done": yes_no_word}
    if step.added:
        what = _("added “{title}” on {on}").format(title=step.fields["title"][1], on=step.fields["on"][1])
    else:
        names = {"on": _("date"), "title": _("title"), "done": _("done")}
        parts = []
        for key, (before, after) in step.fields.items():
            after = shown[key](after)
            parts.append(_("{field} {before} → {after}").format(field=names[key], before=shown[key](before), after=after)
                         if before is not None else _("{field} → {after}").format(field=names[key], after=after))
        what = _("; ").join(parts)
    return _("{at} {actor}: {what}").format(at=step.at, actor=step.actor, what=what)


class MilestoneForm(RecordDialog):
    """A new milestone, or one corrected (its date, title, done); the old values stay in the
    audit log, and the history is shown under the fields."""

    FIRST = "title"

    def __init__(self, project_id: int, milestone: works.MilestoneInfo | None = None) -> None:
        super().__init__(milestone)
        self.project_id = project_id

    @property
    def milestone(self) -> works.MilestoneInfo | None:
        return self.record

    def heading(self) -> str:
        return _("Correct milestone") if self.milestone else _("New milestone")

    def read(self):
        return works.milestone_history(self.milestone.id) if self.milestone else []

    def show(self, data) -> None:
        if data:
            lines = [_("History")] + [history_line(step) for step in data]
            self.query_one("#milestone-history", Static).update(Text("\n".join(lines)))

    def fields(self) -> ComposeResult:
        m = self.milestone
        yield field(_("Date"), text_input("on", parse.show_day(m.on if m else clock.today())))
        yield field(_("Milestone"), text_input("title", m.title if m else "", max_length=80))
        yield field(_("Done") if m else _("Done already"), yes_no("done", m.done if m else False))
        yield Static("", id="milestone-history", classes="hint", markup=False)

    def submit(self) -> works.MilestoneInfo:
        on = parse.day(self.value("on"), "on")
        if self.milestone is not None:
            return works.update_milestone(self.actor, self.milestone.id, on=on, title=self.value("title"),
                                          done=bool(self.choice("done")))
        return works.add_milestone(self.actor, self.project_id, on, self.value("title"),
                                   bool(self.choice("done")))
