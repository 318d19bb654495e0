"""Admin: enter paper and proxy ballots one after another. A household that has already voted
(by any channel) is refused and nothing changes; the receipt is shown to hand back to the household."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from kiosk.domain import codes, votes
from kiosk.domain.errors import DomainError
from kiosk.i18n import _
from kiosk.render.safe import one_line


class PaperBallotScreen(ModalScreen):
    DEFAULT_CSS = """
    PaperBallotScreen { align: center middle; }
    PaperBallotScreen > VerticalScroll { width: 90%; max-width: 80; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    PaperBallotScreen Horizontal { height: auto; }
    PaperBallotScreen .where Input { width: 1fr; }
    PaperBallotScreen Label { margin: 0; }
    PaperBallotScreen Button { margin: 0 1 0 0; }
    PaperBallotScreen #result { height: auto; margin: 1 0 0 0; }
    """
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, actor: str, poll_id: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.actor = actor
        self.poll = votes.get_poll(poll_id)
        self.entered = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(_("Enter ballots: ") + one_line(self.poll.title), style="bold"))
            yield Label(_("Building / unit / room"))
            with Horizontal(classes="where"):
                yield Input(id="building", placeholder=_("Building"), max_length=40)
                yield Input(id="unit", placeholder=_("Unit"), max_length=40)
                yield Input(id="room", placeholder=_("Room"), max_length=20)
            yield Label(_("Choice"))
            yield Select([(Text(one_line(o.label)), o.id) for o in self.poll.options], id="choice", prompt=_("Choose"))
            yield Label(_("How the ballot came in"))
            yield Select([(votes.channel_label("paper"), "paper"), (votes.channel_label("proxy"), "proxy")],
                         id="channel", allow_blank=False, value="paper")
            yield Static("", id="result")
            with Horizontal():
                yield Button(_("Count this ballot"), id="cast", variant="primary")
                yield Button(_("Finish"), id="done")

    def on_mount(self) -> None:
        self.query_one("#building", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "done":
            self.dismiss(self.entered)
        else:
            self.cast()

    def cast(self) -> None:
        result = self.query_one("#result", Static)
        choice = self.query_one("#choice", Select).value
        if self.query_one("#choice", Select).is_blank():
            result.update(Text(_("Choose the option marked on the ballot."), style="bold red"))
            return
        value = lambda wid: self.query_one(f"#{wid}", Input).value  # noqa: E731
        try:
            r = votes.cast_at_address(self.actor, self.poll.id, value("building"), value("unit"), value("room"), int(choice),
                                      str(self.query_one("#channel", Select).value))
        except DomainError as exc:
            result.update(Text(str(exc), style="bold red"))
            return
        self.entered += 1
        done = Text(_("Counted: {where} {option}. Receipt {receipt}").format(
            where=one_line(f"{value('building')} {value('unit')} {value('room')}"), option=one_line(r.option),
            receipt=codes.show(r.receipt)), style="bold green")
        result.update(done)
        self.query_one("#room", Input).value = ""
        self.query_one("#choice", Select).clear()
        self.query_one("#room", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(self.entered)
