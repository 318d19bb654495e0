"""Lobby: 居民议、居民定 — the open votes with their live quorum meters, and the way to vote, check a
receipt, read results, see one's 一户一策 statement and the meetings.

Wire it in with `app.push_screen(VoteScreen(estate_id))`; it pops itself on 0 or Esc.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from kiosk.domain import votes
from kiosk.i18n import _
from kiosk.render import votes as render
from kiosk.screens.lobby.vote_common import VoteBaseScreen


class VoteScreen(VoteBaseScreen):
    DEFAULT_CSS = """
    VoteScreen #polls { height: 1fr; }
    VoteScreen .poll { height: auto; margin: 0 0 1 0; }
    """

    def compose(self) -> ComposeResult:
        yield Static(_("Residents discuss, residents decide"), classes="title")
        yield VerticalScroll(id="polls")
        with Horizontal(classes="menu"):
            yield Button(_("1 Vote"), id="vote", variant="primary")
            yield Button(_("2 Check a receipt"), id="receipt")
            yield Button(_("3 Results"), id="results")
        with Horizontal(classes="menu"):
            yield Button(_("4 My household's share"), id="plan")
            yield Button(_("5 Meetings"), id="meetings")
            yield Button(_("0 Back"), id="back")
        yield Static(_("Press a number, or touch a button."), classes="hint")

    async def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#vote", Button).focus()
        await self.reload()

    async def reload(self) -> None:
        box = self.query_one("#polls", VerticalScroll)
        polls = votes.open_polls(self.estate_id)
        width = max(30, min(self.size.width - 4, 90))
        shown: list[Static] = []
        for p in polls:
            t = votes.turnout(p.id)
            shown.append(Static(Group(render.poll_heading(p), render.quorum_line(t), render.turnout_bars(t, width)),
                                classes="poll"))
        if not shown:
            shown = [Static(_("No vote is open at the moment."), classes="hint")]
        await box.remove_children()
        await box.mount_all(shown)

    async def activate(self, button: Button) -> None:
        which = button.id
        if which == "back":
            self.action_back()
            return
        from kiosk.screens.lobby import meetings, plan_statement, vote_ballot, vote_receipt, vote_results

        screen = {
            "vote": vote_ballot.BallotScreen,
            "receipt": vote_receipt.ReceiptCheckScreen,
            "results": vote_results.ResultsScreen,
            "plan": plan_statement.PlanStatementScreen,
            "meetings": meetings.MeetingsScreen,
        }[which](self.estate_id)
        self.app.push_screen(screen, lambda _result: self.reload())


def open_vote_summary(estate_id: int) -> Text | None:
    """One line per open vote for a home screen tile (None: nothing open)."""
    polls = votes.open_polls(estate_id)
    if not polls:
        return None
    text = Text()
    for i, p in enumerate(polls):
        if i:
            text.append("\n")
        text.append_text(render.poll_heading(p).split("\n")[0])
        text.append("  ")
        text.append_text(render.quorum_line(votes.turnout(p.id)))
    return text
