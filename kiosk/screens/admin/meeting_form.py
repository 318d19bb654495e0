"""Record a meeting, or complete one on record (topic, attendance, decisions)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Label, TextArea

from kiosk import clock
from kiosk.domain import funding, meetings
from kiosk.domain.errors import ValidationError
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin import parse
from kiosk.screens.admin.choices import chosen_estate, estate_choices, estate_select
from kiosk.screens.admin.form import field, select, text_input
from kiosk.screens.admin.record_form import RecordForm

NO_PROJECT = 0


def project_choices(projects: list[funding.ProjectInfo]) -> list[tuple[str, int]]:
    return [(_("(none)"), NO_PROJECT)] + [(f"{p.id} {one_line(p.title, 30)}", p.id) for p in projects]


class MeetingForm(RecordForm):
    TITLES = (N_("New meeting"), N_("Meeting record"))
    FIRST, FIRST_EDIT = "estate", "topic"

    @property
    def meeting(self) -> meetings.MeetingInfo | None:
        return self.record

    def read(self):
        if self.meeting is not None:
            return {}
        return {"estate": estate_choices(), "project": project_choices(funding.list_projects())}

    def fields(self) -> ComposeResult:
        m = self.meeting
        if m is None:
            yield field(_("Estate"), estate_select())
            yield field(_("Project"), select("project", project_choices([]), NO_PROJECT))
            yield field(_("Kind"), select("kind", [(meetings.kind_label(k), k) for k in meetings.KINDS], blank=True))
            yield field(_("When"), text_input("held_at", clock.now().strftime("%Y-%m-%d %H:00")))
        else:
            what = f"{m.held_at:%Y-%m-%d %H:%M}  {meetings.kind_label(m.kind)}  {one_line(m.location)}"
            yield field(_("When"), Label(Text(what), markup=False))
        yield field(_("Topic"), text_input("topic", m.topic if m else "", max_length=100))
        if m is None:
            yield field(_("Place"), text_input("location", max_length=100))
        yield field(_("People"), text_input("attendance", str(m.attendance) if m else "0"))
        yield field(_("Decisions"), TextArea(m.decisions if m else "", id="f-decisions", compact=True), tall=True)

    def submit(self) -> meetings.MeetingInfo:
        attendance = parse.whole(self.value("attendance"), "attendance", low=0, high=100000)
        decisions = self.query_one("#f-decisions", TextArea).text
        topic = self.value("topic")
        if self.meeting is not None:
            return meetings.update(self.actor, self.meeting.id, seen=self.meeting, topic=topic, attendance=attendance,
                                   decisions=decisions)
        estate = chosen_estate(self)
        kind = self.choice("kind")
        if kind is None:
            raise ValidationError(_("Choose the kind of meeting."), "kind")
        held_at = parse.when(self.value("held_at"), "held_at")
        return meetings.record(self.actor, estate, kind, held_at, topic, location=self.value("location"),
                               attendance=attendance, decisions=decisions, project_id=self.choice("project") or None)
