"""The live quorum meter of one open vote: its heading, the words and two bars (area and owners
against the 2/3 the law needs), sized to the widget's width."""

from __future__ import annotations

from rich.console import Group
from textual.widget import Widget

from kiosk.domain.votes import PollInfo, Turnout
from kiosk.render import quorum as render

MAX_BAR = 90  # cells: a longer bar says nothing more


class QuorumMeter(Widget):
    DEFAULT_CSS = """
    QuorumMeter { height: auto; width: 1fr; margin-bottom: 1; }
    """

    def __init__(self, poll: PollInfo, turnout: Turnout, **kwargs) -> None:
        super().__init__(**kwargs)
        self.poll = poll
        self.turnout = turnout

    def render(self) -> Group:
        width = min(MAX_BAR, self.content_size.width or 60)
        return Group(render.poll_heading(self.poll), render.quorum_line(self.turnout), render.turnout_bars(self.turnout, width))


class QuorumLine(Widget):
    """One line for the home screen: the vote's title (shortened when needed) and its turnout."""

    DEFAULT_CSS = """
    QuorumLine { height: 1; width: 1fr; }
    """

    def __init__(self, poll: PollInfo, turnout: Turnout, **kwargs) -> None:
        super().__init__(**kwargs)
        self.poll = poll
        self.turnout = turnout

    def render(self):
        return render.meter_line(self.poll, self.turnout, self.content_size.width or 78)
