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


_EDIT_KEYS = ("backspace", "delete", "left", "right", "home", "end", "ctrl+u", "ctrl+w", "ctrl+a", "ctrl+e", "ctrl+k")


class PasswordInput(Input):
    """Never echoes. Enter submits the password as it was at that key: keys typed ahead after
    Enter (already queued here) cannot slip into the attempt."""

    def __init__(self) -> None:
        # select_on_focus off: focus arrives a moment after keys typed ahead have already been
        # put here, and selecting them then would let the next key replace them.
        super().__init__(id="f-password", password=True, compact=True, max_length=200, select_on_focus=False)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.value))
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
                yield field(_("Username"), Input(id="f-username", compact=True, max_length=40, select_on_focus=False))
                yield field(_("Password"), PasswordInput())
                yield Static("", id="login-message", markup=False)
                yield Label(_("Enter: next / sign in    Tab: next field    Ctrl+Q: quit"), id="login-hint")

    def on_mount(self) -> None:
        self.show_message(self.message)
        self.set_target(self.query_one("#f-username", Input))

    def on_screen_resume(self) -> None:
        self.query_one("#f-password", Input).value = ""
        self.set_target(self.query_one("#f-username", Input))

    # Keys are routed here by the app, in the order they arrived, before Textual moves focus.
    # A slow SSH link delivers `name⏎secret⏎` in one read: with plain focus handling the
    # characters after ⏎ would be queued on the username field, and the password echoed there.
    _target: Input | None = None

    def set_target(self, widget: Input) -> None:
        self._target = widget
        widget.focus()

    def on_click(self, event: events.Click) -> None:
        # A click chose the field. (Not DescendantFocus: that arrives late, after keys typed ahead.)
        if isinstance(event.widget, Input):
            self.set_target(event.widget)

    def route_key(self, event: events.Key) -> bool:
        """Deliver a key to the field it was typed for. False: let Textual handle it."""
        username = self.query_one("#f-username", Input)
        password = self.query_one("#f-password", Input)
        target = self._target or username
        if event.key in ("enter", "tab", "shift+tab", "down", "up") and target is username:
            if event.key in ("shift+tab", "up"):
                return True
            self.set_target(password)
            return True
        if event.key in ("tab", "shift+tab", "up") and target is password:
            self.set_target(username)
            return True
        if event.key == "enter" or event.is_printable or event.key in _EDIT_KEYS:
            target._forward_event(event)  # Textual's own way to hand an input event to a widget
            return True
        return False

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
            self.set_target(user_input)
            return
        try:
            user = auth.login(username, password)
        except DomainError as exc:
            self.show_message(str(exc), error=True)
            self.set_target(password_input)  # the username stays; type the password again
            return
        self.show_message("")
        user_input.value = ""
        self.app.signed_in(user)
