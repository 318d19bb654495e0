"""A plain progress bar drawn with block characters (no animation: it costs nothing idle)."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from kiosk.render.bars import progress_bar


class ProgressLine(Widget):
    DEFAULT_CSS = """
    ProgressLine { height: 1; width: 1fr; }
    """

    def __init__(self, percent: float = 0.0, style: str = "green", **kwargs) -> None:
        super().__init__(**kwargs)
        self.percent = percent
        self.bar_style = style

    def update(self, percent: float) -> None:
        self.percent = percent
        self.refresh()

    def render(self) -> Text:
        return progress_bar(self.percent, self.content_size.width or 10, self.bar_style)
