"""Lobby: meetings (沟通会、现场办公会、恳谈会、庭院议事会…) — upcoming and past, with what they
decided and the votes they led to."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from kiosk.domain import meetings, votes
from kiosk.i18n import _
from kiosk.render import votes as render
from kiosk.screens.lobby.vote_common import VoteBaseScreen

PAST_SHOWN = 20


def meeting_record(estate_id: int) -> Group:
    upcoming = meetings.list_meetings(estate_id, upcoming=True, limit=10)  # soonest first
    past = meetings.list_meetings(estate_id, upcoming=False, limit=PAST_SHOWN)
    links = votes.polls_for_meetings([m.id for m in upcoming + past])
    outcomes = {p.id: votes.tally(p.id).outcome for ps in links.values() for p in ps if p.state() == "closed"}
    parts: list = [Text(_("Coming up"), style="bold underline")]
    parts += [render.meeting_lines(m, links.get(m.id, []), outcomes) for m in upcoming] or [Text(_("None planned."))]
    parts += [Text(""), Text(_("Held"), style="bold underline")]
    parts += [render.meeting_lines(m, links.get(m.id, []), outcomes) for m in past] or [Text(_("None yet."))]
    return Group(*parts)


class MeetingsScreen(VoteBaseScreen):
    DEFAULT_CSS = """
    MeetingsScreen #record { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(_("Meetings and decisions"), classes="title")
        yield VerticalScroll(Static("", id="body"), id="record")
        with Horizontal(classes="menu"):
            yield Button(_("0 Back"), id="back")
        yield Static(_("Arrows scroll. 0 goes back."), classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()
        self.query_one("#record").focus()

    def reload(self) -> None:
        self.query_one("#body", Static).update(meeting_record(self.estate_id))

    async def activate(self, button: Button) -> None:
        self.dismiss()
