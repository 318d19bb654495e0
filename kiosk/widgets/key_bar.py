"""The bottom line of a screen: every key that works here, each one also a touch target."""

from __future__ import annotations

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
        for tile in self._tiles:
            tile.add_class("-compact")
            yield tile
        yield Static(Text(self._hint), classes="key-hint", markup=False)
