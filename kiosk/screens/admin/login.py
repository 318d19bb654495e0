"""Sign in: username and a password that is never echoed. Five wrong passwords lock the account
for fifteen minutes (kiosk.domain.auth). Every refusal shows the domain's one message, the same
for an unknown name, a wrong password, a disabled or a locked account: the screen tells nobody
which of them it was."""

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


# Editing keys, done on the routed field directly (its Input action).
_EDIT_ACTIONS = {
    "backspace": "delete_left", "delete": "delete_right", "ctrl+d": "delete_right",
    "left": "cursor_left", "right": "cursor_right", "home": "home", "end": "end",
    "ctrl+a": "home", "ctrl+e": "end", "ctrl+u": "delete_left_all", "ctrl+k": "delete_right_all",
    "ctrl+w": "delete_left_word",
}


def _field(field_id: str, *, password: bool = False, max_length: int) -> Input:
    # select_on_focus off: focus arrives a moment after keys typed ahead have already been put
    # in the field, and selecting them then would let the next key replace them.
    return Input(id=field_id, password=password, compact=True, max_length=max_length, select_on_focus=False)


class LoginScreen(AdminScreen):
    TITLE_ID = N_("Sign in")
    def __init__(self, message: str = "") -> None:
        super().__init__()
        self.message = message

    def compose_body(self) -> ComposeResult:
        with Center(id="login-box-wrap"):
            with Vertical(id="login-box"):
                yield Label(_("Staff sign-in"), id="login-title")
                yield field(_("Username"), _field("f-username", max_length=40))
                yield field(_("Password"), _field("f-password", password=True, max_length=200))
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
        self.set_focus(widget)  # at once (Widget.focus() would wait for the message queue)

    def on_click(self, event: events.Click) -> None:
        # A click chose the field. (Not DescendantFocus: that arrives late, after keys typed ahead.)
        if isinstance(event.widget, Input):
            self.set_target(event.widget)

    def route_key(self, event: events.Key) -> bool:
        """Apply a key to the field it was typed for, now, in arrival order (not through focus
        and message queues, which lag behind keys typed ahead). False: let Textual handle it."""
        username = self.query_one("#f-username", Input)
        password = self.query_one("#f-password", Input)
        target = self._target or username
        key = event.key
        if target is username and key in ("enter", "tab", "down"):
            self.set_target(password)
        elif target is password and key in ("tab", "shift+tab", "up"):
            self.set_target(username)
        elif target is username and key in ("shift+tab", "up"):
            pass
        elif target is password and key == "enter":
            self.sign_in(password.value)
        elif key in _EDIT_ACTIONS:
            getattr(target, f"action_{_EDIT_ACTIONS[key]}")()
        elif event.is_printable and event.character:
            target.insert_text_at_cursor(event.character)
        else:
            return False
        return True

    def route_paste(self, text: str) -> None:
        lines = text.splitlines()
        if lines:
            (self._target or self.query_one("#f-username", Input)).insert_text_at_cursor(lines[0])

    def show_message(self, text: str, *, error: bool = False) -> None:
        msg = self.query_one("#login-message", Static)
        msg.update(Text(text))
        msg.set_class(error, "-error")

    def signed_out(self, text: str) -> None:
        """Back here after a logout (by choice or idle): say why."""
        self.show_message(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()  # Enter is routed by route_key; nothing else submits here

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
