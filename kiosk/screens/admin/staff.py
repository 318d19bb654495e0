"""Staff accounts (administrators only): add, reset a password (which also lifts a lock-out),
disable or enable. Nobody can disable their own account."""

from __future__ import annotations

from textual.binding import Binding

from kiosk import clock
from kiosk.domain import auth
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.domain.auth import role_label
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.list_screen import ListScreen
from kiosk.screens.admin.table import Row


class StaffScreen(ListScreen):
    TITLE_ID = N_("Staff accounts")
    BINDINGS = list_bindings(
        Binding("n", "new", N_("New")),
        Binding("p", "password", N_("Set password")),
        Binding("d", "toggle_disabled", N_("Disable/enable")),
    )
    COLUMNS = (N_("Username"), N_("Name"), N_("Role"), N_("State"), N_("Last sign-in"))
    TABLE_ID = "staff"
    CHOOSE_FIRST = N_("Choose a staff member in the list first.")
    SELECT_SAVED = False

    def refusal(self) -> str:
        if self.app.user is None or self.app.user.role != "admin":
            return _("Only an administrator can manage staff accounts.")
        return ""

    def read_filters(self) -> dict | None:
        return None if self.refusal() else {}

    def load(self) -> list[auth.StaffInfo]:
        self.now = clock.now()
        return auth.list_staff()

    def row(self, s: auth.StaffInfo) -> Row:
        if s.disabled:
            state = _("disabled")
        elif s.locked_until and s.locked_until > self.now:
            state = _("locked until {time}").format(time=s.locked_until.strftime("%H:%M"))
        else:
            state = _("active")
        return Row(s.username, (s.username, s.display_name, role_label(s.role), state,
                                s.last_login.strftime("%Y-%m-%d %H:%M") if s.last_login else ""),
                   limits=(None, 16, None, None, None))

    def action_new(self) -> None:
        from kiosk.screens.admin.staff_forms import StaffForm

        self.open_form(StaffForm())

    def action_password(self) -> None:
        from kiosk.screens.admin.staff_forms import PasswordForm

        s = self.selected()
        if s is not None:
            self.open_form(PasswordForm(s.username))

    def action_toggle_disabled(self) -> None:
        s = self.selected()
        if s is None:
            return
        if s.username == self.actor:
            self.say(_("You cannot disable your own account."), error=True)
            return
        current = next(x for x in auth.list_staff() if x.username == s.username)  # as saved now
        try:
            auth.set_disabled(self.actor, s.username, not current.disabled)
        except DomainError as exc:
            self.say(str(exc), error=True)
        self.reload()
