"""Small dialogs over a list: yes/no, and one-field reasons (cancel an entry, hide a report)."""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from kiosk.i18n import N_, _
from kiosk.screens.admin.base import AdminModal
from kiosk.screens.admin.form import field, text_input
from kiosk.screens.admin.record_dialog import RecordDialog, dialog_title


class ConfirmDialog(AdminModal):
    """`question` is shown as data (it may quote a title someone typed). Y / Enter: yes; N / Esc: no."""

    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield dialog_title(self.question)
            with Horizontal(classes="form-buttons"):
                yield Button(_("Yes (Y)"), id="yes", variant="warning", compact=True)
                yield Button(_("No (N)"), id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ReasonDialog(RecordDialog):
    """Asks for one line (a reason) and runs `action(reason)`, which calls the domain. A refusal
    is shown in the dialog; the typed reason stays."""

    FIRST = "reason"
    ENTER_MOVES_ON = False  # one field: Enter saves

    def __init__(self, title: str, label: str, action: Callable[[str], object]) -> None:
        super().__init__()
        self.title_text = title
        self.label = label
        self.action = action

    def heading(self) -> str:
        return self.title_text

    def fields(self) -> ComposeResult:
        yield field(self.label, text_input("reason", max_length=200))

    def submit(self) -> object:
        return self.action(self.value("reason"))
