"""Record a meeting, or complete one on record (topic, attendance, decisions)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, TextArea

from kiosk import clock
from kiosk.domain import estates, funding, meetings
from kiosk.domain.errors import ValidationError
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin import parse
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.form import FORM_BINDINGS, FormLogic, buttons, field, select, text_input

NO_PROJECT = 0


class MeetingForm(FormLogic, AdminScreen):
    BINDINGS = FORM_BINDINGS

    def __init__(self, meeting: meetings.MeetingInfo | None) -> None:
        super().__init__()
        self.meeting = meeting

    @property
    def TITLE_ID(self) -> str:  # noqa: N802
        return N_("Meeting record") if self.meeting else N_("New meeting")

    def compose_body(self) -> ComposeResult:
        m = self.meeting
        with VerticalScroll(classes="form-body"):
            if m is None:
                yield field(_("Estate"), select("estate", [(e.name, e.id) for e in estates.list_estates()], blank=True))
                projects = [(_("(none)"), NO_PROJECT)] + [(f"{p.id} {one_line(p.title, 30)}", p.id) for p in funding.list_projects()]
                yield field(_("Project"), select("project", projects, NO_PROJECT))
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
            yield buttons()
        # Outside the scrolling part: a refusal is always in sight, whatever field it is about.
        yield self.error_line()

    def on_mount(self) -> None:
        self.query_one("#f-estate" if self.meeting is None else "#f-topic").focus()

    def submit(self) -> meetings.MeetingInfo:
        attendance = parse.whole(self.value("attendance"), "attendance", low=0, high=100000)
        decisions = self.query_one("#f-decisions", TextArea).text
        topic = self.value("topic")
        if self.meeting is not None:
            return meetings.update(self.actor, self.meeting.id, seen=self.meeting, topic=topic, attendance=attendance,
                                   decisions=decisions)
        estate = self.choice("estate")
        if estate is None:
            raise ValidationError(_("Choose an estate."), "estate")
        kind = self.choice("kind")
        if kind is None:
            raise ValidationError(_("Choose the kind of meeting."), "kind")
        held_at = parse.when(self.value("held_at"), "held_at")
        return meetings.record(self.actor, estate, kind, held_at, topic, location=self.value("location"),
                               attendance=attendance, decisions=decisions, project_id=self.choice("project") or None)
