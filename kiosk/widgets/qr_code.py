"""A QR code drawn in half-block cells with explicit black and white (scans from the screen)."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from kiosk.render.qr import size_cells, terminal_qr


class QRCode(Widget):
    DEFAULT_CSS = """
    QRCode { width: auto; height: auto; }
    """

    def __init__(self, url: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.url = url
        self._text: Text | None = None

    def set_url(self, url: str) -> None:
        self.url = url
        self._text = None
        self.refresh(layout=True)

    def get_content_width(self, container, viewport) -> int:
        return size_cells(self.url)[0]

    def get_content_height(self, container, viewport, width) -> int:
        return size_cells(self.url)[1]

    def render(self) -> Text:
        if self._text is None:
            self._text = terminal_qr(self.url)
        return self._text
