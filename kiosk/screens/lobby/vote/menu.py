"""居民议、居民定: the open votes with their live quorum meters, and the way to vote with the
household's code, check a receipt, read results, see one's 一户一策 statement and the meetings."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import votes
from kiosk.i18n import N_, _
from kiosk.screens.lobby.pick import Choice, PickScreen
from kiosk.widgets.quorum_meter import QuorumMeter

# (value, label, hint) of each step, in the order of their digits
SECTIONS = [  # hints short enough for a tile at 80 columns
    ("vote", N_("Vote"), N_("Code from your slip")),
    ("receipt", N_("Check a receipt"), N_("Was it counted?")),
    ("results", N_("Results"), N_("Closed votes")),
    ("plan", N_("Household share"), N_("Your own statement")),
    ("meetings", N_("Meetings"), N_("What was decided")),
]


def open_screen(app, which: str):
    if which == "vote":
        from kiosk.screens.lobby.vote.code import VoteCodeScreen as screen
    elif which == "receipt":
        from kiosk.screens.lobby.vote.receipt import ReceiptCheckScreen as screen
    elif which == "results":
        from kiosk.screens.lobby.vote.results import ResultsScreen as screen
    elif which == "plan":
        from kiosk.screens.lobby.plan.statement import PlanOverviewScreen as screen
    else:
        from kiosk.screens.lobby.vote.meetings import MeetingsScreen as screen
    return screen()


class VoteScreen(PickScreen):
    KEEP = True
    SECTION = N_("Votes")
    GRID = True

    def read(self) -> list:
        return [(p, votes.turnout(p.id)) for p in votes.open_polls(self.app.estate.id)]

    def compose_intro(self):
        if not self.data:
            yield Static(Text(_("No vote is open at the moment.")), classes="dim prompt", markup=False)
        for p, turnout in self.data:
            yield QuorumMeter(p, turnout, id=f"meter-{p.id}")

    def choices(self) -> list[Choice]:
        return [Choice(_(label), _(hint), value) for value, label, hint in SECTIONS]

    def picked(self, choice: Choice) -> None:
        self.app.open_screen(open_screen(self.app, choice.value))


def entry(app) -> VoteScreen:
    return VoteScreen()
