"""A Static that shows data as text: markup, escape sequences and control characters are inert."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.render.safe import inert


class SafeText(Static):
    """Use for anything a resident or staff member typed."""

    def __init__(self, text: object = "", **kwargs) -> None:
        kwargs.setdefault("markup", False)
        super().__init__(Text(inert(text)), **kwargs)

    def set_text(self, text: object) -> None:
        self.update(Text(inert(text)))
