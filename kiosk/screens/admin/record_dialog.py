"""A record's form as a small dialog over a list: a title line, the declared fields, the refusal
line and the buttons. With ENTER_MOVES_ON off (one field), Enter saves."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from kiosk.screens.admin.base import AdminModal
from kiosk.screens.admin.form import FORM_BINDINGS, buttons
from kiosk.screens.admin.record_form import RecordLogic


def dialog_title(text: str) -> Static:
    """The dialog's first line; `text` may quote what someone typed, so it is drawn as data."""
    return Static(Text(text), classes="dialog-title", markup=False)


class RecordDialog(RecordLogic, AdminModal):
    BINDINGS = FORM_BINDINGS

    def heading(self) -> str:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield dialog_title(self.heading())
            yield from self.fields()
            yield self.error_line()
            yield buttons()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not self.ENTER_MOVES_ON:
            event.stop()
            event.prevent_default()  # FormLogic's handler would move on
            self.action_save()
