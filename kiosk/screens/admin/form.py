"""Forms: labelled one-line fields, Ctrl+S saves, Esc cancels. A refused save shows the domain's
message and highlights the field it names (`ValidationError.field` -> widget id `f-<field>`);
what was typed stays where it was."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _

# What `submit()` returns when it asked a question first (a warning to confirm): the form stays,
# and the answer saves it again.
ASKED = object()

FORM_BINDINGS = [
    Binding("ctrl+s", "save", N_("Save")),
    Binding("escape", "cancel", N_("Cancel")),
]


def field(label: str, widget: Widget, *, tall: bool = False) -> Horizontal:
    """One labelled row; the label stays left so a column of fields reads like a paper form."""
    row = Horizontal(Label(label, classes="field-label", markup=False), widget, classes="field tall" if tall else "field")
    return row


def text_input(field_id: str, value: str = "", *, placeholder: str = "", password: bool = False, max_length: int = 0) -> Input:
    # Not selected on focus: typing into a filled-in field (a title to correct) must add to it,
    # not replace the whole of it.
    return Input(value, placeholder=placeholder, password=password, id=f"f-{field_id}", compact=True,
                 max_length=max_length, select_on_focus=False)


def select(field_id: str, options: list[tuple[str, object]], value: object = None, *, blank: bool = False,
           prompt: str | None = None) -> Select:
    known = value is not None and any(v == value for _label, v in options)
    return Select([(Text(str(label)), v) for label, v in options], prompt=prompt or _("(choose)"),
                  allow_blank=blank or not options, value=value if known else Select.NULL, id=f"f-{field_id}", compact=True)


def yes_no(field_id: str, value: bool) -> Select:
    """A yes/no choice that reads the same in 16 colours (a checkbox's mark is only a colour there)."""
    return select(field_id, [(_("no"), False), (_("yes"), True)], bool(value))


def set_choices(sel: Select, options: list[tuple[str, object]]) -> None:
    """Give a Select the choices its screen read meanwhile (in a worker), keeping what is chosen
    when it is still offered; nothing is announced (Select.Changed is for what the user picks)."""
    if getattr(sel, "choices_shown", None) == options:
        return
    sel.choices_shown = options
    keep = sel.value
    with sel.prevent(Select.Changed):
        sel.set_options([(Text(str(label)), v) for label, v in options])
        if any(v == keep for _label, v in options):
            sel.value = keep


def select_value(sel: Select) -> object | None:
    return None if sel.is_blank() else sel.value


def buttons() -> Horizontal:
    return Horizontal(
        Button(_("Save (Ctrl+S)"), id="save", variant="primary", compact=True),
        Button(_("Cancel (Esc)"), id="cancel", compact=True),
        classes="form-buttons",
    )


class FormLogic:
    """Mixed into a Screen or ModalScreen that yields `#form-error`, fields `#f-…` and `buttons()`.
    Subclasses implement `submit()`: parse, call the domain, return the result to dismiss with."""

    ENTER_MOVES_ON = True  # Enter in a field goes to the next one (the app does it, in key order)

    def error_line(self) -> Static:
        return Static("", id="form-error", markup=False)

    def value(self, name: str) -> str:
        return self.query_one(f"#f-{name}", Input).value

    def choice(self, name: str) -> object | None:
        return select_value(self.query_one(f"#f-{name}", Select))

    def clear_errors(self) -> None:
        for w in self.query(".-refused"):
            w.remove_class("-refused")
        err = self.query_one("#form-error", Static)
        err.update("")
        err.remove_class("-shown")

    def show_error(self, exc: DomainError) -> None:
        err = self.query_one("#form-error", Static)
        err.update(Text(str(exc)))
        err.add_class("-shown")
        target = self.field_widget(getattr(exc, "field", None))
        if target is not None:
            target.add_class("-refused")
            target.focus()
            target.scroll_visible()

    def field_widget(self, name: str | None) -> Widget | None:
        if not name:
            return None
        try:
            return self.query_one(f"#f-{name}")
        except NoMatches:
            return None

    def submit(self) -> object:
        raise NotImplementedError

    def action_save(self) -> None:
        self.clear_errors()
        try:
            result = self.submit()
        except DomainError as exc:
            self.show_error(exc)
            return
        if result is not ASKED:
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            event.stop()
            self.action_save()
        elif event.button.id == "cancel":
            event.stop()
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves on, like Tab: a form is saved on purpose (Ctrl+S or the Save button).
        event.stop()
        self.focus_next()
