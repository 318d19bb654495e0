"""暂停服务，请稍后: shown after an unexpected error; returns home by itself.

It reads nothing from the database (the database may be what failed)."""

from __future__ import annotations

from asyncio import CancelledError

from rich.text import Text
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from kiosk.i18n import _


class PauseScreen(Screen):
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

    async def _dispatch_message(self, message) -> None:
        try:
            await super()._dispatch_message(message)
        except CancelledError:
            raise
        except Exception as error:  # even here: never a traceback on screen
            self.app.recover(error)
