"""Meetings on record (沟通会、现场办公会、恳谈会、庭院议事会…): kind, date, topic, attendance,
decisions. Newest first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from kiosk.domain import estates, meetings
from kiosk.i18n import N_, _
from kiosk.render.safe import inert
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.table import Row, SearchTable, is_search


class MeetingsScreen(AdminScreen):
    TITLE_ID = N_("Meeting records")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("enter", "edit", N_("Edit"), priority=True, key_display="Enter"),
        Binding("n", "new", N_("New")),
        Binding("slash", "search", N_("Search"), key_display="/"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[int, meetings.MeetingInfo] = {}

    def compose_body(self) -> ComposeResult:
        yield SearchTable([_("When"), _("Estate"), _("Kind"), _("Topic"), _("People"), _("Decisions")], id="meetings")
        yield Static("", classes="detail", id="meeting-detail", markup=False)

    def on_mount(self) -> None:
        self.query_one(SearchTable).focus()

    def reload(self) -> None:
        names = {e.id: e.name for e in estates.list_estates()}
        items = meetings.list_meetings(limit=1000)
        self.rows = {m.id: m for m in items}
        rows = [Row(m.id, (m.held_at.strftime("%Y-%m-%d %H:%M"), names.get(m.estate_id, ""), meetings.kind_label(m.kind),
                           m.topic, str(m.attendance), m.decisions),
                    limits=(None, 12, 10, 16, None, 10), extra=f"{m.topic} {m.location} {m.decisions}")
                for m in items]
        self.query_one(SearchTable).set_rows(rows)
        self.show_detail()

    def selected(self) -> meetings.MeetingInfo | None:
        key = self.query_one(SearchTable).selected_key()
        return self.rows.get(int(key)) if key else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        m = self.selected()
        detail = self.query_one("#meeting-detail", Static)
        if m is None:
            detail.update("")
            return
        text = Text(f"{m.held_at:%Y-%m-%d %H:%M}  {meetings.kind_label(m.kind)}  ", style="bold")
        text.append(inert(m.topic), style="bold")
        if m.location:
            text.append("  " + inert(m.location))
        text.append("  " + _("{n} people").format(n=m.attendance))
        if m.decisions:
            text.append("\n" + inert(m.decisions))
        detail.update(text)

    def action_new(self) -> None:
        from kiosk.screens.admin.meeting_form import MeetingForm

        self.app.push_screen(MeetingForm(None), self._saved)

    def action_edit(self) -> None:
        from kiosk.screens.admin.meeting_form import MeetingForm

        if is_search(self.focused):
            self.query_one(SearchTable).focus()
            return
        m = self.selected()
        if m is None:
            self.say(_("Choose a meeting in the list first."), error=True)
            return
        self.app.push_screen(MeetingForm(m), self._saved)

    def _saved(self, meeting) -> None:
        if meeting is not None:
            self.say(_("Saved."))
            self.reload()
            self.query_one(SearchTable).select_key(meeting.id)

    def action_search(self) -> None:
        self.query_one(SearchTable).focus_search()
