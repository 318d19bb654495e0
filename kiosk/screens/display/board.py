"""The notice board's one screen: a top bar (estate, slide kind, clock), the stage that shows one
page at a time, and a bottom bar (position in the slide, the staleness mark).

It holds a fixed set of widgets for its whole life: showing a slide replaces their content, so
memory stays flat however long the loop runs. It draws only; the app decides what to show.
"""

from __future__ import annotations

import dataclasses

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Static

BIG_HEIGHT = 40  # from this terminal height on, the bars grow and the clock is drawn big


class Stage(Static):
    """Where slides are drawn. Says when its size changed: pages are cut to fit it."""

    @dataclasses.dataclass
    class Resized(Message):
        width: int
        height: int

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized(event.size.width, event.size.height))


class Board(Screen):
    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(id="estate", markup=False)
            yield Static(id="kind", markup=False)
            yield Static(id="clock", markup=False)
            yield Digits(id="bigclock")
        yield Stage(id="stage", markup=False)
        with Horizontal(id="bottom"):
            yield Static(id="place", markup=False)
            yield Static(id="position", markup=False)
            yield Static(id="stale", markup=False)

    def on_resize(self) -> None:
        self.set_class(self.size.height >= BIG_HEIGHT, "big")

    # ---- what the app calls --------------------------------------------------------------

    @property
    def stage_size(self) -> tuple[int, int]:
        region = self.query_one("#stage").content_size
        return region.width, region.height

    def set_estate(self, name: str, place: str) -> None:
        self._set("#estate", Text(name))
        self._set("#place", Text(place))

    def set_clock(self, text: str, hhmm: str) -> None:
        self._set("#clock", Text(text))
        digits = self.query_one("#bigclock", Digits)
        if digits.value != hhmm:
            digits.update(hhmm)

    def set_stale(self, mark: str | None) -> None:
        if mark:
            self._set("#stale", Text(f" {mark} "))
        self.set_class(bool(mark), "stale")

    def show(self, mode: str, content: RenderableType, *, kind: str = "", accent: str = "", position: str = "") -> None:
        """mode: slide, emergency, quiet or idle (CSS classes do the rest)."""
        for name in ("slide", "emergency", "quiet", "idle"):
            self.set_class(name == mode, f"-{name}")
        label = self.query_one("#kind", Static)
        label.update(Text(f" {kind} ") if kind else Text(""))
        if accent:
            label.styles.background = accent
        else:
            label.styles.clear_rule("background")
        self._set("#position", Text(position))
        self.query_one("#stage", Static).update(content)

    def _set(self, selector: str, text: Text) -> None:
        self.query_one(selector, Static).update(text)
