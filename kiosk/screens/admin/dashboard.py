"""The first screen after sign-in: a menu (digits or arrows + Enter) and what needs attention:
open reports by status, money received and pledged today and in total per project, works not
updated for a week, meetings in the next two weeks, notices about to expire."""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, OptionList, Static
from textual.widgets.option_list import Option

from kiosk.domain import dashboard, meetings, reports
from kiosk.domain.money import yuan_short
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin.audit import AuditScreen
from kiosk.screens.admin.emergency_repairs import EmergencyRepairsScreen
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.household_codes import HouseholdCodesScreen
from kiosk.screens.admin.households import HouseholdsScreen
from kiosk.screens.admin.kiosk_pledges import KioskPledgesScreen
from kiosk.screens.admin.meetings import MeetingsScreen
from kiosk.screens.admin.notices import NoticesScreen
from kiosk.screens.admin.payments import PendingPaymentsScreen
from kiosk.screens.admin.polls import PollsScreen
from kiosk.screens.admin.printing import PrintScreen
from kiosk.screens.admin.projects import ProjectsScreen
from kiosk.screens.admin.reports import ReportsScreen
from kiosk.screens.admin.staff import StaffScreen
from kiosk.screens.admin.works import WorksScreen


@dataclasses.dataclass(frozen=True)
class Section:
    key: str  # the digit that opens it (shown in the menu)
    label: str  # message id
    screen: type[Screen]  # opened with no arguments
    admin_only: bool = False


# The menu, in order. A new section: import its screen above and add one line here.
SECTIONS = [
    Section("1", N_("Projects and money"), ProjectsScreen),
    Section("2", N_("Works progress"), WorksScreen),
    Section("3", N_("Notices"), NoticesScreen),
    Section("4", N_("Reports"), ReportsScreen),
    Section("5", N_("Meeting records"), MeetingsScreen),
    Section("6", N_("Audit log"), AuditScreen),
    Section("7", N_("Household votes"), PollsScreen),
    Section("8", N_("Staff accounts"), StaffScreen, admin_only=True),
    Section("9", N_("Kiosk pledges"), KioskPledgesScreen),
    Section("0", N_("Household codes"), HouseholdCodesScreen),
    Section("h", N_("Household register"), HouseholdsScreen),
    Section("p", N_("Print"), PrintScreen),
    Section("e", N_("Emergency repairs"), EmergencyRepairsScreen),
    Section("a", N_("Payments to approve"), PendingPaymentsScreen),
]


class DashboardScreen(AdminScreen):
    TITLE_ID = N_("Overview")
    BINDINGS = [
        Binding("q", "sign_out", N_("Sign out")),
        Binding("r", "refresh", N_("Refresh")),
    ] + [Binding(s.key, f"open('{s.key}')", show=False) for s in SECTIONS]

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
        for s in self.sections():
            menu.add_option(Option(Text(f"{s.key}  {_(s.label)}"), id=s.key))
        menu.highlighted = 0
        menu.focus()
        money = self.query_one("#money", DataTable)
        money.add_columns(_("Project"), _("Today in"), _("Today pledged"), _("Paid in"), _("Outstanding"))

    def sections(self):
        admin = self.app.user is not None and self.app.user.role == "admin"
        return [s for s in SECTIONS if admin or not s.admin_only]

    def action_open(self, key: str) -> None:
        for s in self.sections():
            if s.key == key:
                self.app.push_screen(s.screen())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open(event.option.id)

    def action_sign_out(self) -> None:
        self.app.sign_out("user")

    def action_refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        if self.app.user is None or not self.is_mounted:
            return
        super().reload()

    def read(self) -> dashboard.Summary:
        return dashboard.summary()

    def show(self, s: dashboard.Summary) -> None:
        line = Text(_("Open reports: "), style="bold")
        line.append("  ".join(f"{reports.status_label(k)} {n}" for k, n in s.open_reports.items()))
        self.query_one("#open-reports", Static).update(line)
        money = self.query_one("#money", DataTable)
        money.clear()
        for m in s.money:
            money.add_row(Text(one_line(m.title, 14)), yuan_short(m.received_today_fen), yuan_short(m.pledged_today_fen),
                          yuan_short(m.received_fen), yuan_short(m.pledged_fen), key=str(m.project_id))
        out = Text(no_wrap=True, overflow="ellipsis")
        if self.app.settings.public_url_is_example():
            out.append(_("QR codes lead nowhere: set public_url in the settings file") + "\n", style="bold red")
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
