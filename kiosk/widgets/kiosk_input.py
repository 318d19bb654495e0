"""A text field that keeps its own limits.

Textual's Input refuses a whole insertion that breaks `max_length` or `restrict`: a long paste
would vanish without a word, and a field without a cap grows without end (20,000 typed characters
took 250 MB and 22 s of a kiosk). Here what fits is kept, what does not is dropped character by
character, and the screen is told (`Clipped`) so that it can say why.
"""

from __future__ import annotations

import dataclasses
import re

from textual.message import Message
from textual.widgets import Input

# A pasted terminal escape sequence goes as a whole, not only its ESC (ECMA-48: control sequences,
# operating-system commands ended by BEL or ST, and two-character escapes).
ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")


def within_limits(text: str, restrict: str | None, room: int | None) -> tuple[str, bool]:
    """What of `text` a field keeps: escape sequences dropped whole, only the characters its
    `restrict` pattern accepts one by one (every pattern here is a character class repeated), at
    most `room` of them (None: no cap). Returns the kept text and whether some was cut for length."""
    text = ESCAPE_SEQUENCE.sub("", text)
    if restrict:
        pattern = re.compile(restrict)
        text = "".join(ch for ch in text if pattern.fullmatch(ch))
    if room is not None and len(text) > room:
        return text[:max(0, room)], True
    return text, False


class KioskInput(Input):
    @dataclasses.dataclass
    class Clipped(Message):
        """Some of what was typed or pasted did not fit the field's limits."""

        input: "KioskInput"
        too_long: bool

    def replace(self, text: str, start: int, end: int) -> None:
        start, end = sorted((max(0, start), min(len(self.value), end)))
        room = self.max_length - (len(self.value) - (end - start)) if self.max_length else None
        kept, too_long = within_limits(text, self.restrict, room)
        if kept or start != end:
            super().replace(kept, start, end)
        if kept != text:  # after the change, so that the screen's note outlives its Changed
            self.post_message(self.Clipped(self, too_long))

    def restricted(self) -> None:
        """No bell: a lobby kiosk does not beep at residents; the screen says what happened."""
