"""Results of closed votes: pick one (newest first). Open votes have no results here: they are
published when staff close the poll."""

from __future__ import annotations

from kiosk import clock
from kiosk.domain import votes
from kiosk.i18n import N_, _
from kiosk.render.dates import day_in_year
from kiosk.render.safe import one_line
from kiosk.screens.lobby.pick import Choice, PickScreen


def result_hint(p: votes.PollInfo) -> str:
    at = p.closed_at or p.closes_at
    when = day_in_year(at.date(), clock.today()) if at else ""
    return "  ".join(x for x in (votes.state_label(p.state()), votes.matter_label(p.matter), when) if x)


class ResultsScreen(PickScreen):
    KEEP = True
    SECTION = N_("Votes")

    def prompt(self) -> str:
        return _("Results of closed votes")

    def read(self) -> list[votes.PollInfo]:
        return votes.closed_polls(self.app.estate.id)

    def choices(self) -> list[Choice]:
        return [Choice(one_line(p.title), result_hint(p), p.id) for p in self.data or []]

    def empty_text(self) -> str:
        return _("No vote has closed yet.")

    def picked(self, choice: Choice) -> None:
        from kiosk.screens.lobby.vote.result import ResultScreen

        self.app.open_screen(ResultScreen(choice.value))
