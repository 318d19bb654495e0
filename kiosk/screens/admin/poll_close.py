"""Admin: confirm closing a vote (no more ballots; the results become public)."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kiosk.domain import votes
from kiosk.domain.errors import DomainError
from kiosk.i18n import _
from kiosk.render import votes as render


class ClosePollScreen(ModalScreen):
    DEFAULT_CSS = """
    ClosePollScreen { align: center middle; }
    ClosePollScreen > Vertical { width: 90%; max-width: 100; height: 90%; border: thick $warning; background: $surface; padding: 0 1; }
    ClosePollScreen VerticalScroll { height: 1fr; }
    ClosePollScreen Horizontal { height: auto; }
    ClosePollScreen Button { margin: 0 1 0 0; }
    """
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, actor: str, poll_id: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.actor = actor
        self.poll_id = poll_id

    def compose(self) -> ComposeResult:
        t = votes.tally(self.poll_id)
        with Vertical():
            yield Static(Text(_("Close this vote? No more ballots will be accepted and the results become public."),
                              style="bold"))
            yield VerticalScroll(Static(Group(render.results(t, 80))))
            yield Static("", id="error")
            with Horizontal():
                yield Button(_("Close the vote"), id="confirm", variant="warning")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
            return
        try:
            t = votes.close_poll(self.actor, self.poll_id)
        except DomainError as exc:
            self.query_one("#error", Static).update(Text(str(exc), style="bold red"))
            return
        self.dismiss(t)

    def action_cancel(self) -> None:
        self.dismiss(None)
