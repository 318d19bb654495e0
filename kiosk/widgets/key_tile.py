"""A numbered tile: its digit key, Enter (when focused) or a touch opens it.

The digit is drawn on the tile itself, so the key that works is always on screen. Labels may be
data (a project title a staff member typed): they are drawn inert, never as markup.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from kiosk.render.fit import fit
from kiosk.render.safe import one_line
from kiosk.render.wrap import wrap


class KeyTile(Widget, can_focus=True):
    DEFAULT_CSS = """
    KeyTile {
        height: auto;
        min-height: 3;
        width: 1fr;
        border: round $primary-darken-1;
        padding: 0 1;
        background: $surface;
    }
    KeyTile:hover { background: $boost; }
    KeyTile:focus { border: heavy $accent; background: $accent 20%; }
    KeyTile.-danger { border: heavy $error; }
    KeyTile.-danger:focus { background: $error 25%; }
    KeyTile.-compact { border: none; min-height: 1; height: 1; width: auto; padding: 0 1 0 0; background: transparent; }
    KeyTile.-compact:focus { background: $accent 40%; }
    KeyTile.-row { border: none; min-height: 1; padding: 0 1; background: transparent; }
    KeyTile.-row:focus { background: $accent 30%; }
    """
    BINDINGS = [Binding("enter,space", "press", show=False)]

    @dataclasses.dataclass
    class Pressed(Message):
        tile: "KeyTile"

        @property
        def control(self) -> "KeyTile":
            return self.tile

    def __init__(self, key: str, label: str, hint: str = "", *, action: str = "", value: Any = None,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.key = key
        self.label = label
        self.hint = hint
        self.action = action
        self.value = value

    def set_label(self, label: str, hint: str | None = None) -> None:
        self.label = label
        if hint is not None:
            self.hint = hint
        self.refresh(layout=True)

    def render(self) -> Text:
        return Text("\n").join(self.lines(self.content_size.width or 20))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.lines(width))

    _lines_for: tuple = ()  # what the lines kept in _lines were drawn for
    _lines: list[Text] = []

    def lines(self, width: int) -> list[Text]:
        # Asked at every layout (the height) and paint: drawn once for what they depend on.
        grows = self.styles.height is None or self.styles.height.is_auto
        key = (width, self.key, self.label, self.hint, self.has_class("-compact"), self.has_class("-danger"), grows)
        if key != self._lines_for:
            self._lines, self._lines_for = self._draw(width, grows), key
        return self._lines

    def _draw(self, width: int, grows: bool) -> list[Text]:
        first = Text(no_wrap=True)
        first.append(f" {self.key} ", style="bold reverse")
        first.append(" ")
        first.append(one_line(self.label), style="bold")
        if not self.hint and not self.has_class("-compact") and first.cell_len > width:
            # No hint line: a long label may take the second line instead of being cut.
            first.no_wrap = False
            lines = first.wrap(self.app.console, width, overflow="fold")
            return [fit(line, width) for line in list(lines)[:2]]
        first = fit(first, width)
        if not self.hint or self.has_class("-compact"):
            return [first]
        hint = Text(one_line(self.hint), style="" if self.has_class("-danger") else "dim", no_wrap=True)
        if grows:
            return [first, *wrap(hint, width)]  # a tile that grows: the whole hint, on more lines
        return [first, fit(hint, width)]

    def on_click(self, event) -> None:
        event.stop()
        self.press()

    async def action_press(self) -> None:
        # Enter runs in the app's key handling: act now (not via a message), so that keys
        # typed ahead see the result. Screens without `activate` get the Pressed message.
        activate = getattr(self.screen, "activate", None)
        if activate is not None and not self.disabled:
            await activate(self)
        else:
            self.press()

    def press(self) -> None:
        if not self.disabled:
            self.post_message(self.Pressed(self))
