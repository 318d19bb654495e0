"""The base of the create/edit forms: one record (None: a new one), the fields a subclass
declares in `fields()`, the field that takes the focus first, and `submit()` (parse, call the
domain, return what the form is dismissed with). Choices that come from the database (the estates)
are read in a worker (`read()` returns {field name: choices}): the fields are there at once, the
choices arrive a moment later, what was typed meanwhile stays. `RecordForm` is a full screen; its twin for a
small dialog over a list is `RecordDialog` (record_dialog.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from kiosk.i18n import N_
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.form import FORM_BINDINGS, FormLogic, buttons, set_choices

# For a form whose save can be refused because someone else saved the record meanwhile.
LOAD_LATEST = Binding("ctrl+r", "reload_latest", N_("Load latest"))


class RecordLogic(FormLogic):
    FIRST = ""  # the field (`f-<name>`) that takes the focus
    FIRST_EDIT = ""  # the same for an existing record, when it differs

    def __init__(self, record=None) -> None:
        super().__init__()
        self.record = record
        first = self.FIRST_EDIT if record is not None and self.FIRST_EDIT else self.FIRST
        if first:
            # Textual focuses this right after compose, before the first paint: keys typed as soon
            # as the form shows go into its first field, never into whatever field comes first.
            self.AUTO_FOCUS = f"#f-{first}"

    def fields(self) -> ComposeResult:
        yield from ()

    def reload(self) -> None:
        if self.data is None:  # the choices are read once: what is chosen and typed stays
            super().reload()

    def show(self, choices: dict) -> None:
        from textual.widgets import Select

        for name, options in choices.items():
            set_choices(self.query_one(f"#f-{name}", Select), options)


class RecordForm(RecordLogic, AdminScreen):
    BINDINGS = FORM_BINDINGS
    TITLES = ("", "")  # message ids of the title: (new record, existing record)

    @property
    def TITLE_ID(self) -> str:  # noqa: N802 - shown in the top bar
        new, existing = self.TITLES
        return existing if self.record is not None else new

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="form-body"):
            yield from self.fields()
            yield buttons()
            yield from self.below_buttons()
        # Outside the scrolling part: a refusal is always in sight, whatever field it is about.
        yield self.error_line()

    def below_buttons(self) -> ComposeResult:
        yield from ()

    def latest(self):
        """The record as saved now (for LOAD_LATEST; read in a worker)."""
        raise NotImplementedError

    def again(self, latest) -> "RecordForm":
        """The form for what `latest()` read."""
        return type(self)(latest)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "reload_latest" and self.record is None:
            return False  # nothing to reload for a new record: hide the key (False hides, None dims)
        return True

    async def action_reload_latest(self) -> None:
        """After a conflict: take the version someone else saved (what was typed here is replaced)."""
        if self.record is not None:
            latest = await self.fetch(self.latest)
            if latest is not None:
                self.app.switch_screen(self.again(latest))
