"""Admin: create a vote — title, options, matter, closing time, buildings. What was typed stays
until it is saved or the form is left."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from kiosk.domain import estates, meetings, votes
from kiosk.domain.errors import DomainError, ValidationError
from kiosk.i18n import _


def split_list(text: str) -> list[str]:
    """'沥青，水泥' / '沥青,水泥' / '沥青、水泥' -> ['沥青', '水泥']."""
    for sep in ("，", "、", ";", "；"):
        text = text.replace(sep, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_when(text: str) -> dt.datetime | None:
    s = text.strip().replace("/", "-")
    if not s:
        return None
    try:
        return dt.datetime.fromisoformat(s)
    except ValueError:
        raise ValidationError(_("Not a date and time like 2026-12-31 18:00: {value}").format(value=text), "closes") from None


class NewPollScreen(ModalScreen):
    DEFAULT_CSS = """
    NewPollScreen { align: center middle; }
    NewPollScreen > VerticalScroll { width: 90%; max-width: 90; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    NewPollScreen Label { margin: 1 0 0 0; }
    NewPollScreen Horizontal { height: auto; margin: 1 0 0 0; }
    NewPollScreen Button { margin: 0 1 0 0; }
    NewPollScreen #error { color: $error; text-style: bold; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, actor: str, estate_id: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.actor = actor
        self.estate_id = estate_id

    def compose(self) -> ComposeResult:
        choices = [(Text(e.name), e.id) for e in estates.list_estates()]
        with VerticalScroll():
            yield Static(Text(_("New vote"), style="bold"))
            yield Label(_("Estate"))
            yield Select(choices, id="estate", allow_blank=False,
                         value=self.estate_id if self.estate_id in [c[1] for c in choices] else (choices[0][1] if choices else Select.NULL))
            yield Label(_("Title"))
            yield Input(id="title", max_length=100)
            yield Label(_("Options, separated by commas (e.g. 沥青，水泥)"))
            yield Input(id="options", max_length=400)
            yield Label(_("Matter"))
            yield Select([(_("Ordinary matter (more than half)"), "ordinary"), (_("Major matter (three quarters)"), "major")],
                         id="matter", allow_blank=False, value="ordinary")
            yield Label(_("Closes at (e.g. 2026-12-31 18:00; empty: when staff close it)"))
            yield Input(id="closes", max_length=20)
            yield Label(_("Only these buildings, separated by commas (empty: the whole estate)"))
            yield Input(id="buildings", max_length=400)
            yield Label(_("The meeting this vote came from (optional)"))
            yield Select([], id="meeting", prompt=_("None"))
            yield Static("", id="error")
            with Horizontal():
                yield Button(_("Create"), id="create", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self._meetings()
        self.query_one("#title", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "estate":
            self._meetings()

    def _meetings(self) -> None:
        select = self.query_one("#estate", Select)
        options = []
        if not select.is_blank():
            estate = select.value
            options = [(Text(f"{m.held_at:%Y-%m-%d} {m.topic}"), m.id) for m in meetings.list_meetings(int(estate), limit=30)]
        self.query_one("#meeting", Select).set_options(options)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self.save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def save(self) -> None:
        value = lambda wid: self.query_one(f"#{wid}", Input).value  # noqa: E731
        error = self.query_one("#error", Static)
        estate = self.query_one("#estate", Select).value
        if self.query_one("#estate", Select).is_blank():
            error.update(Text(_("Add an estate first.")))
            return
        chosen = self.query_one("#meeting", Select)
        meeting = None if chosen.is_blank() else int(chosen.value)
        try:
            p = votes.create_poll(self.actor, int(estate), value("title"), split_list(value("options")),
                                  matter=str(self.query_one("#matter", Select).value), closes_at=parse_when(value("closes")),
                                  buildings=split_list(value("buildings")), meeting_id=meeting)
        except DomainError as exc:
            error.update(Text(str(exc)))
            return
        self.notify(_("Created vote {id}.").format(id=p.id), markup=False)
        self.dismiss(p)

    def action_cancel(self) -> None:
        self.dismiss(None)
