"""What every staff screen shares: a one-line top bar (where am I, who is signed in), the footer
that shows every key, translated key labels, and a `reload()` hook the app calls when the data
changed (from this console or another process)."""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer

from kiosk import clock
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line

ROLE_LABELS = {"admin": N_("administrator"), "staff": N_("staff")}


def translate_bindings(node: DOMNode) -> None:
    """BINDINGS are class constants (English ids); translate their labels for this instance,
    in the language chosen at run time. (Textual keeps a per-instance copy in `_bindings`.)"""
    keys = {
        key: [dataclasses.replace(b, description=_(b.description) if b.description else "") for b in bindings]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(keys)


def role_label(role: str) -> str:
    return _(ROLE_LABELS.get(role, role))


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


class AdminScreen(Screen):
    """A full screen of the console. Subclasses implement `compose_body()` and `reload()`."""

    TITLE_ID = ""  # message id of the screen's title (translated when shown)

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield TopBar(_(self.TITLE_ID) if self.TITLE_ID else "")
        yield from self.compose_body()
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.reload()

    def reload(self) -> None:
        """Show the current data again; called when it changed. Forms do not reload (typed text stays)."""

    @property
    def actor(self) -> str:
        """The signed-in staff member: every write names them in the audit log."""
        return self.app.user.username

    def say(self, text: str, *, error: bool = False) -> None:
        self.app.notify(text, markup=False, severity="error" if error else "information", timeout=6 if error else 3)


class AdminModal(ModalScreen):
    """A small dialog over the current screen (confirm, cancel with a reason …)."""

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    @property
    def actor(self) -> str:
        return self.app.user.username
