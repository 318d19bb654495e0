"""Lobby: results of closed votes — totals per option by area and owners, never names."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from kiosk.domain import votes
from kiosk.i18n import _
from kiosk.render import votes as render
from kiosk.render.safe import one_line
from kiosk.screens.lobby.vote_common import VoteBaseScreen

SHOWN = 8  # newest closed polls offered (digits 1-8)


class ResultsScreen(VoteBaseScreen):
    DEFAULT_CSS = """
    ResultsScreen #list { height: auto; max-height: 10; }
    ResultsScreen #list Button { width: 100%; max-width: 70; margin: 0; height: 1; border: none; content-align: left middle; }
    ResultsScreen #result { height: 1fr; }
    """

    def __init__(self, estate_id: int, **kwargs) -> None:
        super().__init__(estate_id, **kwargs)
        self.selected: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(_("Results of closed votes"), classes="title")
        yield VerticalScroll(id="list")
        yield VerticalScroll(Static("", id="result-body"), id="result")
        with Horizontal(classes="menu"):
            yield Button(_("0 Back"), id="back")

    async def on_mount(self) -> None:
        super().on_mount()
        await self.reload()

    async def reload(self) -> None:
        polls = votes.closed_polls(self.estate_id)[:SHOWN]
        box = self.query_one("#list", VerticalScroll)
        await box.remove_children()
        if not polls:
            await box.mount(Static(_("No vote has closed yet."), classes="hint"))
            self.query_one("#back", Button).focus()
            return
        await box.mount_all([Button(Content(f"{i} {one_line(p.title, 60)}"), name=f"poll-{p.id}") for i, p in enumerate(polls, 1)])
        ids = [p.id for p in polls]
        self.show(self.selected if self.selected in ids else ids[0])

    def show(self, poll_id: int) -> None:
        self.selected = poll_id
        width = max(30, min(self.size.width - 4, 90))
        self.query_one("#result-body", Static).update(render.results(votes.public_results(poll_id), width))

    async def activate(self, button: Button) -> None:
        which = button.id or button.name or ""
        if which == "back":
            self.dismiss()
        elif which.startswith("poll-"):
            self.show(int(which[5:]))
