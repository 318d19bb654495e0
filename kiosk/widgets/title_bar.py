"""The top line of a kiosk screen: where you are (estate, section) and the time."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from kiosk import clock
from kiosk.render.dates import clock_line
from kiosk.render.fit import fit
from kiosk.render.safe import one_line


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar { dock: top; height: 1; width: 1fr; background: $primary; color: $text; }
    """

    def __init__(self, place: str, section: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.place = place
        self.section = section
        self.note = ""  # e.g. "data not updated since 14:05"

    def set_note(self, note: str) -> None:
        if note != self.note:
            self.note = note
            self.refresh()

    def render(self) -> Text:
        left = Text(no_wrap=True)
        left.append(" " + one_line(self.place), style="bold")
        if self.section:
            left.append("  ")
            left.append(self.section, style="bold reverse")
        right = Text(no_wrap=True)
        # The app's note (the lobby's "not updated since") is on every screen, opened before or after.
        note = self.note or getattr(self.app, "status_note", "")
        if note:
            right.append(note + "  ", style="bold yellow")
        right.append(clock_line(clock.now()) + " ")
        width = self.content_size.width or 80
        gap = width - left.cell_len - right.cell_len
        if gap < 1:
            left = fit(left, max(0, width - right.cell_len - 1))
            gap = width - left.cell_len - right.cell_len
        return Text.assemble(left, " " * max(1, gap), right)
