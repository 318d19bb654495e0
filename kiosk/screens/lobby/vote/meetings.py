"""Meetings (沟通会、现场办公会、恳谈会、庭院议事会…): upcoming and held, with what they decided and
the votes they led to."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from kiosk.domain import meetings, votes
from kiosk.i18n import N_, _
from kiosk.render import votes as render
from kiosk.screens.lobby.base import ReadScreen

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


class MeetingsScreen(ReadScreen):
    KEEP = True
    SECTION = N_("Meetings and decisions")

    def read(self) -> Group:
        return meeting_record(self.app.estate.id)

    def compose_read(self):
        yield Static(self.data, classes="figures", markup=False)
