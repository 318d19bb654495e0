"""The six-segment funding bar, sized to the widget's width."""

from __future__ import annotations

from textual.widget import Widget
from rich.text import Text

from kiosk.domain.funding import FundingSnapshot
from kiosk.render.bars import funding_bar


class FundingBar(Widget):
    DEFAULT_CSS = """
    FundingBar { height: 1; width: 1fr; }
    FundingBar.tall { height: 2; }
    """

    def __init__(self, snapshot: FundingSnapshot | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.snapshot = snapshot

    def update(self, snapshot: FundingSnapshot) -> None:
        self.snapshot = snapshot
        self.refresh()

    def render(self) -> Text:
        if self.snapshot is None:
            return Text("")
        width = self.content_size.width or 10
        line = funding_bar(self.snapshot, width)
        if self.content_size.height >= 2:
            return Text("\n").join([line, line])
        return line
