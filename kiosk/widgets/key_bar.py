"""The bottom line of a screen: every key that works here, each one also a touch target."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.containers import Horizontal
from textual.widgets import Static

from kiosk.widgets.key_tile import KeyTile


class KeyBar(Horizontal):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; width: 1fr; background: $panel; }
    KeyBar > KeyTile { margin-right: 2; }
    KeyBar > .key-hint { width: 1fr; height: 1; color: $text-muted; text-align: right; padding-right: 1; }
    """

    def __init__(self, tiles: list[KeyTile], hint: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._tiles = tiles
        self._hint = hint

    def compose(self):
        # Not mounted yet: its styles are applied once, when it is (an update now would apply the
        # whole stylesheet to it an extra time, on every screen switch).
        for tile in self._tiles:
            tile.add_class("-compact", update=False)
            yield tile
        leave = getattr(self.app, "try_out_tile", lambda: None)()
        if leave is not None:  # a try-out's way out, on every screen
            leave.add_class("-compact", update=False)
            # Its whole label, whatever the hint beside it needs: an auto width would cut it.
            leave.styles.width = cell_len(f" {leave.key}  {leave.label}") + 1
            yield leave
        yield Static(Text(self._hint), classes="key-hint", markup=False)

    def on_key_tile_pressed(self, message: KeyTile.Pressed) -> None:
        if message.tile.action == "leave_try_out":  # touched rather than keyed
            message.stop()
            self.app.leave_try_out()
