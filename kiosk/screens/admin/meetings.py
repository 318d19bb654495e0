"""Meetings on record (沟通会、现场办公会、恳谈会、庭院议事会…): kind, date, topic, attendance,
decisions. Newest first."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from kiosk.domain import estates, meetings
from kiosk.i18n import N_, _
from kiosk.render.safe import inert
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.list_screen import ListScreen
from kiosk.screens.admin.table import Row


class MeetingsScreen(ListScreen):
    TITLE_ID = N_("Meeting records")
    BINDINGS = list_bindings(Binding("n", "new", N_("New")), enter=N_("Edit"))
    COLUMNS = (N_("When"), N_("Estate"), N_("Kind"), N_("Topic"), N_("People"), N_("Decisions"))
    TABLE_ID = "meetings"
    DETAIL_ID = "meeting-detail"
    CHOOSE_FIRST = N_("Choose a meeting in the list first.")

    def load(self) -> list[meetings.MeetingInfo]:
        self.names = {e.id: e.name for e in estates.list_estates()}
        return meetings.list_meetings(limit=1000)

    def row(self, m: meetings.MeetingInfo) -> Row:
        return Row(m.id, (m.held_at.strftime("%Y-%m-%d %H:%M"), self.names.get(m.estate_id, ""), meetings.kind_label(m.kind),
                          m.topic, str(m.attendance), m.decisions),
                   limits=(None, 12, 10, 16, None, 10), extra=f"{m.topic} {m.location} {m.decisions}")

    def detail(self, m: meetings.MeetingInfo) -> Text:
        text = Text(f"{m.held_at:%Y-%m-%d %H:%M}  {meetings.kind_label(m.kind)}  ", style="bold")
        text.append(inert(m.topic), style="bold")
        if m.location:
            text.append("  " + inert(m.location))
        text.append("  " + _("{n} people").format(n=m.attendance))
        if m.decisions:
            text.append("\n" + inert(m.decisions))
        return text

    def enter(self, m: meetings.MeetingInfo) -> None:
        from kiosk.screens.admin.meeting_form import MeetingForm

        self.open_form(MeetingForm(m))

    def action_new(self) -> None:
        from kiosk.screens.admin.meeting_form import MeetingForm

        self.open_form(MeetingForm(None))
