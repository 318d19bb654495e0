"""暂停服务，请稍后: shown after an unexpected error; returns home by itself.

It reads nothing from the database (the database may be what failed)."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from kiosk.i18n import _
from kiosk.textual_hooks import RecoverInPlace


class PauseScreen(RecoverInPlace, Screen):  # even here: never a traceback on screen
    def __init__(self, seconds: float) -> None:
        super().__init__(id="pause")
        self.seconds = seconds

    def compose(self):
        with Middle():
            with Center():
                yield Static(Text(_("Service paused, please wait a moment"), style="bold"), id="pause-title", markup=False)
            with Center():
                yield Static(Text(_("The kiosk will be back by itself shortly.")), id="pause-note", markup=False)

    def on_mount(self) -> None:
        self.set_timer(self.seconds, self.done, name="pause-end")

    def done(self) -> None:
        # The app replaces this screen: that must not run on this screen's own message loop,
        # which would then wait for itself to end.
        self.app.call_later(self.app.end_pause)
