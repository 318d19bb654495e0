"""The first screen after sign-in: a menu (digits or arrows + Enter) and what needs attention:
open reports by status, money received and pledged today and in total per project, works not
updated for a week, meetings in the next two weeks, notices about to expire."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Label, OptionList, Static
from textual.widgets.option_list import Option

from kiosk.domain import dashboard, meetings, reports
from kiosk.domain.money import yuan_short
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin.base import AdminScreen

# (key, message id, screen factory path, admin only)
SECTIONS = [
    ("1", N_("Projects and money"), "kiosk.screens.admin.projects:ProjectsScreen", False),
    ("2", N_("Works progress"), "kiosk.screens.admin.works:WorksScreen", False),
    ("3", N_("Notices"), "kiosk.screens.admin.notices:NoticesScreen", False),
    ("4", N_("Reports"), "kiosk.screens.admin.reports:ReportsScreen", False),
    ("5", N_("Meeting records"), "kiosk.screens.admin.meetings:MeetingsScreen", False),
    ("6", N_("Audit log"), "kiosk.screens.admin.audit:AuditScreen", False),
    ("7", N_("Household votes"), "kiosk.screens.admin.polls:PollsScreen", False),
    ("8", N_("Staff accounts"), "kiosk.screens.admin.staff:StaffScreen", True),
]


def open_section(app, path: str) -> None:
    module, name = path.split(":")
    screen_class = getattr(__import__(module, fromlist=[name]), name)
    app.push_screen(screen_class())


class DashboardScreen(AdminScreen):
    TITLE_ID = N_("Overview")
    BINDINGS = [
        Binding("q", "sign_out", N_("Sign out")),
        Binding("r", "refresh", N_("Refresh")),
    ] + [Binding(key, f"open('{key}')", show=False) for key, *_rest in SECTIONS]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="overview-top"):
            yield OptionList(id="menu")
            with VerticalScroll(id="summary"):
                yield Static("", id="open-reports", markup=False)
                yield Static("", id="attention", markup=False)
        yield Label(_("Money: today and in total"), classes="section-title")
        yield DataTable(id="money", cursor_type="row", show_cursor=False)

    def on_mount(self) -> None:
        menu = self.query_one("#menu", OptionList)
        for key, label, _path, admin_only in self.sections():
            menu.add_option(Option(Text(f"{key}  {_(label)}"), id=key))
        menu.highlighted = 0
        menu.focus()
        money = self.query_one("#money", DataTable)
        money.add_columns(_("Project"), _("Today in"), _("Today pledged"), _("Paid in"), _("Outstanding"))

    def sections(self):
        admin = self.app.user is not None and self.app.user.role == "admin"
        return [s for s in SECTIONS if admin or not s[3]]

    def action_open(self, key: str) -> None:
        for k, _label, path, _admin in self.sections():
            if k == key:
                open_section(self.app, path)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open(event.option.id)

    def action_sign_out(self) -> None:
        self.app.sign_out("user")

    def action_refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        if self.app.user is None or not self.is_mounted:
            return
        s = dashboard.summary()
        line = Text(_("Open reports: "), style="bold")
        line.append("  ".join(f"{reports.status_label(k)} {n}" for k, n in s.open_reports.items()))
        self.query_one("#open-reports", Static).update(line)
        money = self.query_one("#money", DataTable)
        money.clear()
        for m in s.money:
            money.add_row(Text(one_line(m.title, 14)), yuan_short(m.received_today_fen), yuan_short(m.pledged_today_fen),
                          yuan_short(m.received_fen), yuan_short(m.pledged_fen), key=str(m.project_id))
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append(_("Works not updated for a week") + "\n", style="bold")
        for p in s.stale_works or []:
            out.append("  " + one_line(p.title, 40) + "\n")
        if not s.stale_works:
            out.append("  " + _("none") + "\n", style="dim")
        out.append(_("Meetings in the next two weeks") + "\n", style="bold")
        for m in s.upcoming_meetings:
            out.append(f"  {m.held_at:%m-%d %H:%M}  {meetings.kind_label(m.kind)}  {one_line(m.topic, 30)}\n")
        if not s.upcoming_meetings:
            out.append("  " + _("none") + "\n", style="dim")
        out.append(_("Notices about to expire") + "\n", style="bold")
        for n in s.expiring_notices:
            out.append(f"  {n.expires_at:%m-%d %H:%M}  {one_line(n.title, 40)}\n")
        if not s.expiring_notices:
            out.append("  " + _("none") + "\n", style="dim")
        self.query_one("#attention", Static).update(out)
