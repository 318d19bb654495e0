"""Staff accounts (administrators only): add, reset a password (which also lifts a lock-out),
disable or enable. Nobody can disable their own account."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from kiosk import clock
from kiosk.domain import auth
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.screens.admin.base import AdminScreen, role_label
from kiosk.screens.admin.table import Row, SearchTable


class StaffScreen(AdminScreen):
    TITLE_ID = N_("Staff accounts")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("n", "new", N_("New")),
        Binding("p", "password", N_("Set password")),
        Binding("d", "toggle_disabled", N_("Disable/enable")),
        Binding("slash", "search", N_("Search"), key_display="/"),
    ]

    def compose_body(self) -> ComposeResult:
        yield SearchTable([_("Username"), _("Name"), _("Role"), _("State"), _("Last sign-in")], id="staff")

    def on_mount(self) -> None:
        if self.app.user is None or self.app.user.role != "admin":
            self.say(_("Only an administrator can manage staff accounts."), error=True)
            self.app.pop_screen()
            return
        self.query_one(SearchTable).focus()

    def reload(self) -> None:
        if self.app.user is None or self.app.user.role != "admin":
            return
        now = clock.now()
        rows = []
        for s in auth.list_staff():
            if s.disabled:
                state = _("disabled")
            elif s.locked_until and s.locked_until > now:
                state = _("locked until {time}").format(time=s.locked_until.strftime("%H:%M"))
            else:
                state = _("active")
            rows.append(Row(s.username, (s.username, s.display_name, role_label(s.role), state,
                                         s.last_login.strftime("%Y-%m-%d %H:%M") if s.last_login else ""),
                            limits=(None, 16, None, None, None)))
        self.query_one(SearchTable).set_rows(rows)

    def selected(self) -> str | None:
        key = self.query_one(SearchTable).selected_key()
        if key is None:
            self.say(_("Choose a staff member in the list first."), error=True)
        return key

    def _saved(self, result) -> None:
        if result is not None:
            self.say(_("Saved."))
            self.reload()

    def action_new(self) -> None:
        from kiosk.screens.admin.staff_forms import StaffForm

        self.app.push_screen(StaffForm(), self._saved)

    def action_password(self) -> None:
        from kiosk.screens.admin.staff_forms import PasswordForm

        name = self.selected()
        if name is not None:
            self.app.push_screen(PasswordForm(name), self._saved)

    def action_toggle_disabled(self) -> None:
        name = self.selected()
        if name is None:
            return
        if name == self.actor:
            self.say(_("You cannot disable your own account."), error=True)
            return
        current = next(s for s in auth.list_staff() if s.username == name)
        try:
            auth.set_disabled(self.actor, name, not current.disabled)
        except DomainError as exc:
            self.say(str(exc), error=True)
        self.reload()

    def action_search(self) -> None:
        self.query_one(SearchTable).focus_search()
