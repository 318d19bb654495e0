"""A field of several lines for a longer text (a report's description): what is typed wraps and
shows whole, so a resident can read back all of it.

It keeps the limits of KioskInput (escape sequences dropped whole, only the characters its
`restrict` accepts, at most `max_length`, `Clipped` when something was left out) and behaves like a
one-line field otherwise: the text is one paragraph (a pasted line break becomes a space), Enter
moves on (`Submitted`) instead of breaking the line, Tab moves the focus.
"""

from __future__ import annotations

import dataclasses

from textual import events
from textual.message import Message
from textual.widgets import TextArea

from kiosk.widgets.kiosk_input import within_limits


class KioskTextArea(TextArea):
    DEFAULT_CSS = """
    KioskTextArea { height: auto; min-height: 3; max-height: 12; }
    KioskTextArea .text-area--cursor-line { background: transparent; }
    """

    @dataclasses.dataclass
    class Submitted(Message):
        area: "KioskTextArea"
        value: str

    @dataclasses.dataclass
    class Clipped(Message):
        area: "KioskTextArea"
        too_long: bool

    def __init__(self, value: str = "", *, placeholder: str = "", max_length: int = 0,
                 restrict: str | None = None, id: str | None = None) -> None:
        self.max_length = max_length
        self.restrict = restrict
        value, _cut = within_limits(one_paragraph(value), restrict, max_length or None)
        super().__init__(value, soft_wrap=True, tab_behavior="focus", placeholder=placeholder,
                         highlight_cursor_line=False, id=id)

    @property
    def value(self) -> str:
        return self.text

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))
            return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        # TextArea's own handler runs after this one (Textual calls each class's); stopped here,
        # the paste does not bubble on to the app, which would hand it to the field again.
        event.stop()

    def insert_text_at_cursor(self, text: str) -> None:
        """As typed (Input's way to put text in): within the field's limits."""
        self._replace_via_keyboard(text, *self.selection)

    def _replace_via_keyboard(self, insert: str, start, end):
        if self.read_only:
            return None
        start, end = sorted((start, end))
        replaced = len(self.get_text_range(start, end))
        room = self.max_length - (len(self.text) - replaced) if self.max_length else None
        wanted = one_paragraph(insert)
        kept, too_long = within_limits(wanted, self.restrict, room)
        result = None
        if kept or start != end:
            result = self.replace(kept, start, end, maintain_selection_offset=False)
        if kept != wanted:
            self.post_message(self.Clipped(self, too_long))
        return result


def one_paragraph(text: str) -> str:
    """Line breaks (typed or pasted) become spaces: the field holds one paragraph."""
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
