"""A new staff account; a new password for one. Passwords are typed twice and never echoed."""

from __future__ import annotations

from textual.app import ComposeResult

from kiosk.domain import auth
from kiosk.domain.errors import ValidationError
from kiosk.i18n import _
from kiosk.domain.auth import role_label
from kiosk.screens.admin.form import field, select, text_input
from kiosk.screens.admin.record_dialog import RecordDialog


def _same(first: str, second: str) -> str:
    if first != second:
        raise ValidationError(_("The two passwords differ."), "password_again")
    return first


def password_twice() -> ComposeResult:
    yield field(_("Password"), text_input("password", password=True, max_length=200))
    yield field(_("Again"), text_input("password_again", password=True, max_length=200))


class StaffForm(RecordDialog):
    FIRST = "username"

    def heading(self) -> str:
        return _("New staff account")

    def fields(self) -> ComposeResult:
        yield field(_("Username"), text_input("username", max_length=40))
        yield field(_("Name"), text_input("display_name", max_length=40))
        yield field(_("Role"), select("role", [(role_label(r), r) for r in auth.ROLES], "staff"))
        yield from password_twice()

    def submit(self) -> auth.StaffInfo:
        password = _same(self.value("password"), self.value("password_again"))
        return auth.add_staff(self.actor, self.value("username"), password, role=self.choice("role") or "staff",
                              display_name=self.value("display_name").strip())


class PasswordForm(RecordDialog):
    FIRST = "password"

    @property
    def username(self) -> str:
        return self.record

    def heading(self) -> str:
        return _("New password for {name} (also lifts a lock-out)").format(name=self.username)

    def fields(self) -> ComposeResult:
        yield from password_twice()

    def submit(self) -> auth.StaffInfo:
        password = _same(self.value("password"), self.value("password_again"))
        return auth.set_password(self.actor, self.username, password)
