"""A project at a glance (title, figures, funding bar, works bar), sized to its width and height."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from kiosk.domain.funding import FundingSnapshot
from kiosk.render.project_summary import summary


class ProjectSummary(Widget):
    DEFAULT_CSS = """
    ProjectSummary { height: 2; width: 1fr; margin-bottom: 1; }
    """

    def __init__(self, title: str, snapshot: FundingSnapshot, works_percent: float, status: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.title = title
        self.snapshot = snapshot
        self.works_percent = works_percent
        self.status = status

    def render(self) -> Text:
        size = self.content_size
        return summary(self.title, self.snapshot, self.works_percent, size.width or 60, height=size.height or 2,
                       status=self.status)
