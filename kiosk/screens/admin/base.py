"""What every staff screen shares: a one-line top bar (where am I, who is signed in), the footer
that shows every key, translated key labels, and a `reload()` hook the app calls when the data
changed (from this console or another process). A screen that shows data declares `read()` (run in
a worker, never on the UI thread: kiosk/screens/reads.py) and `show(data)`; it keeps what it shows
until the answer arrives."""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer

from kiosk import clock
from kiosk.domain.auth import role_label
from kiosk.domain.errors import DomainError
from kiosk.i18n import _
from kiosk.render.safe import one_line
from kiosk.screens.reads import ScreenReads, read_now

def translated(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """BINDINGS are class constants (English ids): their labels are translated where the footer
    reads them, in the language chosen at run time."""
    return {
        key: b._replace(binding=dataclasses.replace(b.binding, description=_(b.binding.description) if b.binding.description else ""))
        for key, b in bindings.items()
    }


class TopBar(Widget):
    """`小区共建管理 > 项目与资金 ............ fang（工作人员） 14:05`"""

    DEFAULT_CSS = """
    TopBar { height: 1; dock: top; background: $primary; color: $text; }
    """

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title

    def on_mount(self) -> None:
        self.set_interval(30, self.refresh)

    def render(self) -> Text:
        user = getattr(self.app, "user", None)
        left = Text(" " + _("Estate works console"), style="bold")
        if self.title:
            left.append(" > " + self.title)
        right = Text()
        if user is not None:
            right.append(one_line(user.display_name or user.username, 20) + "（" + role_label(user.role) + "） ")
        right.append(clock.now().strftime("%H:%M") + " ")
        width = self.content_size.width
        gap = width - left.cell_len - right.cell_len
        if gap < 1:
            left.truncate(max(0, width - right.cell_len - 1), overflow="ellipsis")
            gap = max(1, width - left.cell_len - right.cell_len)
        return left + Text(" " * gap) + right


class AdminReads(ScreenReads):
    """For a screen or a dialog of the console: `read()` runs in a worker (kiosk/screens/reads.py)
    when it is shown and whenever the data changed; `show(data)` fills its widgets, which keep
    what they show until then."""

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.reload()

    def reload(self) -> None:
        """Show the current data again; called when it changed."""
        if self.reads():
            self.start_read()

    async def show_read(self, data) -> None:
        await super().show_read(data)
        self.show(data)

    def show(self, data) -> None:
        """Fill the widgets with `read()`'s answer (on the UI thread)."""

    async def fetch(self, read: Callable[[], Any]) -> Any:
        """`await` one read that a key's action needs (a record as saved now), run in a worker.
        The domain's refusal is raised here, as in place; any other error goes to the app's one
        place for them (`recover`) and gives None."""
        try:
            return await read_now(self.app, read, name=f"fetch {type(self).__name__}")
        except DomainError:
            raise
        except Exception as error:
            self.app.recover(error)
            return None


class AdminScreen(AdminReads, Screen):
    """A full screen of the console. Subclasses implement `compose_body()`, and `read()` with
    `show(data)` when they show data."""

    TITLE_ID = ""  # message id of the screen's title (translated when shown)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)

    def compose(self) -> ComposeResult:
        yield TopBar(_(self.TITLE_ID) if self.TITLE_ID else "")
        yield from self.compose_body()
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        yield from ()

    @property
    def actor(self) -> str:
        """The signed-in staff member: every write names them in the audit log."""
        return self.app.user.username

    def say(self, text: str, *, error: bool = False) -> None:
        self.app.notify(text, markup=False, severity="error" if error else "information", timeout=6 if error else 3)


class AdminModal(AdminReads, ModalScreen):
    """A small dialog over the current screen (confirm, cancel with a reason …)."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)

    @property
    def actor(self) -> str:
        return self.app.user.username
