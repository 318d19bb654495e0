"""The yardstick: a bare Textual app with one `Static`, started the way the kiosk is."""

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "bare textual app ready 空白应用"


class BareApp(App):
    def compose(self) -> ComposeResult:
        yield Static(MARKER)


if __name__ == "__main__":
    BareApp().run()
