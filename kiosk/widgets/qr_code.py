"""A QR code drawn in half-block cells with explicit black and white (scans from the screen).

Drawn line by line from the code's cached cells (Textual's line API): no text to lay out and
style cell by cell on every paint."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from kiosk.render.qr import size_cells, terminal_rows


class QRCode(Widget):
    DEFAULT_CSS = """
    QRCode { width: auto; height: auto; }
    """

    def __init__(self, url: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.url = url
        self._strips: list[Strip] | None = None

    def set_url(self, url: str) -> None:
        self.url = url
        self._strips = None
        self.refresh(layout=True)

    def get_content_width(self, container, viewport) -> int:
        return size_cells(self.url)[0]

    def get_content_height(self, container, viewport, width) -> int:
        return size_cells(self.url)[1]

    def render_line(self, y: int) -> Strip:
        if self._strips is None:
            # A segment a cell, as a text would give: the same picture, exported alike.
            self._strips = [Strip([Segment("▀", style) for style in row]) for row in terminal_rows(self.url)]
        width = self.size.width
        if 0 <= y < len(self._strips):
            return self._strips[y].crop_extend(0, width, None)
        return Strip.blank(width)
