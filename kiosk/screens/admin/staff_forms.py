"""A new staff account; a new password for one. Passwords are typed twice and never echoed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kiosk.domain import auth
from kiosk.domain.errors import ValidationError
from kiosk.i18n import _
from kiosk.screens.admin.base import AdminModal, role_label
from kiosk.screens.admin.form import FORM_BINDINGS, FormLogic, buttons, field, select, text_input


def _same(first: str, second: str) -> str:
    if first != second:
        raise ValidationError(_("The two passwords differ."), "password_again")
    return first


class StaffForm(FormLogic, AdminModal):
    BINDINGS = FORM_BINDINGS

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(_("New staff account")), classes="dialog-title", markup=False)
            yield field(_("Username"), text_input("username", max_length=40))
            yield field(_("Name"), text_input("display_name", max_length=40))
            yield field(_("Role"), select("role", [(role_label(r), r) for r in auth.ROLES], "staff"))
            yield field(_("Password"), text_input("password", password=True, max_length=200))
            yield field(_("Again"), text_input("password_again", password=True, max_length=200))
            yield self.error_line()
            yield buttons()

    def on_mount(self) -> None:
        self.query_one("#f-username").focus()

    def submit(self) -> auth.StaffInfo:
        password = _same(self.value("password"), self.value("password_again"))
        return auth.add_staff(self.actor, self.value("username"), password, role=self.choice("role") or "staff",
                              display_name=self.value("display_name").strip())


class PasswordForm(FormLogic, AdminModal):
    BINDINGS = FORM_BINDINGS

    def __init__(self, username: str) -> None:
        super().__init__()
        self.username = username

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(_("New password for {name} (also lifts a lock-out)").format(name=self.username)),
                         classes="dialog-title", markup=False)
            yield field(_("Password"), text_input("password", password=True, max_length=200))
            yield field(_("Again"), text_input("password_again", password=True, max_length=200))
            yield self.error_line()
            yield buttons()

    def on_mount(self) -> None:
        self.query_one("#f-password").focus()

    def submit(self) -> auth.StaffInfo:
        password = _same(self.value("password"), self.value("password_again"))
        return auth.set_password(self.actor, self.username, password)
