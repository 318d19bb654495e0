"""Sign in: username and a password that is never echoed. Five wrong passwords lock the account
for fifteen minutes (kiosk.domain.auth); the screen says so, and until when."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Input, Label, Static

from kiosk.domain import auth
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.form import field


class PasswordInput(Input):
    """Never echoes. Enter submits the password as it was at that key: keys typed ahead after
    Enter (already queued here) cannot slip into the attempt."""

    def __init__(self) -> None:
        super().__init__(id="f-password", password=True, compact=True, max_length=200)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.value))
            return
        await super()._on_key(event)


class UsernameInput(Input):
    """Enter moves to the password field at once, and keys typed ahead after it (a slow SSH link
    delivers `name⏎secret` in one read, all queued here) go to the password field too: without
    this the password would be echoed in this visible field."""

    def __init__(self) -> None:
        super().__init__(id="f-username", compact=True, max_length=40)
        self.handoff: Input | None = None

    def on_focus(self) -> None:
        self.handoff = None

    async def _on_key(self, event: events.Key) -> None:
        if self.handoff is not None:
            event.stop()
            event.prevent_default()
            self.handoff.post_message(events.Key(event.key, event.character))
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.handoff = self.screen.query_one(PasswordInput)
            self.handoff.focus()
            return
        await super()._on_key(event)


class LoginScreen(AdminScreen):
    TITLE_ID = N_("Sign in")
    def __init__(self, message: str = "") -> None:
        super().__init__()
        self.message = message

    def compose_body(self) -> ComposeResult:
        with Center(id="login-box-wrap"):
            with Vertical(id="login-box"):
                yield Label(_("Staff sign-in"), id="login-title")
                yield field(_("Username"), UsernameInput())
                yield field(_("Password"), PasswordInput())
                yield Static("", id="login-message", markup=False)
                yield Label(_("Enter: next / sign in    Tab: next field    Ctrl+Q: quit"), id="login-hint")

    def on_mount(self) -> None:
        self.show_message(self.message)
        self.query_one("#f-username", Input).focus()

    def on_screen_resume(self) -> None:
        self.query_one("#f-password", Input).value = ""
        self.query_one("#f-username", Input).focus()

    def show_message(self, text: str, *, error: bool = False) -> None:
        msg = self.query_one("#login-message", Static)
        msg.update(Text(text))
        msg.set_class(error, "-error")

    def signed_out(self, text: str) -> None:
        """Back here after a logout (by choice or idle): say why."""
        self.show_message(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "f-password":
            self.sign_in(event.value)

    def sign_in(self, password: str) -> None:
        user_input = self.query_one("#f-username", Input)
        password_input = self.query_one("#f-password", Input)
        username = user_input.value.strip()
        # The password never stays on screen or in memory longer than the attempt.
        password_input.value = ""
        if not username:
            self.show_message(_("Type your username."), error=True)
            user_input.focus()
            return
        try:
            user = auth.login(username, password)
        except DomainError as exc:
            self.show_message(str(exc), error=True)
            password_input.focus()
            return
        self.show_message("")
        user_input.value = ""
        self.app.signed_in(user)
