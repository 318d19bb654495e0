"""What the lobby's vote, results, plan and meeting screens share: a base screen with the keys the
kiosk shows (digits, arrows, Enter, 0 or Esc to go back), a reload when the app's change detector
sees a new revision, and a limit on wrong codes typed in a row.
"""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input

from kiosk import clock

MAX_WRONG_CODES = 5
LOCKOUT = dt.timedelta(minutes=1)
CODE_CHARS = r"[0-9０-９ \-]*"


class CodeAttempts:
    """After MAX_WRONG_CODES wrong codes in a row, refuse codes for LOCKOUT (guessing stays hopeless)."""

    def __init__(self) -> None:
        self.wrong = 0
        self.until: dt.datetime | None = None

    def locked(self) -> bool:
        if self.until is not None and clock.now() < self.until:
            return True
        if self.until is not None:
            self.until, self.wrong = None, 0
        return False

    def failed(self) -> None:
        self.wrong += 1
        if self.wrong >= MAX_WRONG_CODES:
            self.until = clock.now() + LOCKOUT

    def succeeded(self) -> None:
        self.wrong, self.until = 0, None


def code_input(id: str, digits: int) -> Input:
    return Input(id=id, restrict=CODE_CHARS, max_length=digits + 6, placeholder="0000 0000 0000"[: digits + digits // 4 - 1])


class VoteBaseScreen(Screen):
    """Digits pick what the screen shows next to them; arrows move between buttons; 0 or Esc go back."""

    DEFAULT_CSS = """
    VoteBaseScreen { padding: 0 1; align-horizontal: center; }
    VoteBaseScreen > * { max-width: 110; }
    VoteBaseScreen .title { text-style: bold; height: auto; margin: 0 0 1 0; }
    VoteBaseScreen .hint { color: $text-muted; height: auto; }
    VoteBaseScreen .error { color: $error; text-style: bold; height: auto; }
    VoteBaseScreen .big { text-style: bold; height: auto; margin: 1 0; }
    VoteBaseScreen .menu { height: auto; }
    VoteBaseScreen .menu Button { margin: 0 1 1 0; min-width: 16; }
    VoteBaseScreen Input { width: 32; margin: 0 0 1 0; }
    """

    BINDINGS = [
        Binding("escape", "back", show=False, priority=True),
        Binding("0", "back", show=False),
        Binding("up,left", "app.focus_previous", show=False),
        Binding("down,right", "app.focus_next", show=False),
    ] + [Binding(str(n), f"digit({n})", show=False) for n in range(1, 10)]

    def __init__(self, estate_id: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.estate_id = estate_id
        self._seen_revision: int | None = None

    def on_mount(self) -> None:
        live = getattr(self.app, "live", None)
        if live is not None:
            self._seen_revision = live.revision
            self.set_interval(1.0, self._check_live, name="vote-live")

    def _check_live(self) -> None:
        live = getattr(self.app, "live", None)
        if live is not None and live.revision != self._seen_revision:
            self._seen_revision = live.revision
            self.call_later(self.reload)  # reload may be a coroutine

    def reload(self) -> None:
        """Show fresh data (called when another process wrote something)."""

    async def action_digit(self, n: int) -> None:
        """Act on the shown button whose label starts with this digit — at once, not through a
        message, so that a quick second key never lands on the step that is being left."""
        for button in self.query(Button).results(Button):
            if shown(button) and not button.disabled and str(button.label).startswith(f"{n} "):
                button.focus()
                await self.activate(button)
                return

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.activate(event.button)

    async def activate(self, button: Button) -> None:
        """What a button does (by its id, or its name for buttons made from data)."""

    def action_back(self) -> None:
        self.dismiss()


def shown(widget: Widget) -> bool:
    """Displayed, and so are all its containers (a hidden step hides its buttons)."""
    node = widget
    while isinstance(node, Widget) and not isinstance(node, Screen):
        if not node.display:
            return False
        node = node.parent
    return True
