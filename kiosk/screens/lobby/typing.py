"""A step where the resident types one thing (description, phone, ticket, room, amount).

Digits go into the input here, so the keys are Enter (next) and Escape (back), both shown and
both touchable. What is typed stays in the form's draft until the resident goes home or the kiosk
is idle; a refused entry keeps the text and says why."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Input, Static

from kiosk.i18n import _
from kiosk.render.wrap import Wrapped
from kiosk.screens.lobby.base import LobbyScreen
from kiosk.screens.lobby.flow import FlowStep
from kiosk.widgets.key_tile import KeyTile
from kiosk.widgets.kiosk_input import KioskInput
from kiosk.widgets.kiosk_text_area import KioskTextArea

# No control, bidi or invisible characters can be typed or pasted into a kiosk field.
PRINTABLE = r"[^\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]*"


class TypingScreen(LobbyScreen):
    MAX_LENGTH = 100  # the field itself takes no more than this
    RESTRICT = PRINTABLE
    PASSWORD = False
    NEXT_LABEL = ""

    def prompt(self) -> str:
        return ""

    def note(self) -> str:
        return ""

    def placeholder(self) -> str:
        return ""

    def initial(self) -> str:
        return ""

    def accept(self, value: str) -> None:
        """Store and move on, or raise a DomainError whose text is shown."""
        raise NotImplementedError

    def compose_intro(self):
        yield from ()

    def compose_body(self):
        with Vertical(classes="form"):
            yield from self.compose_intro()
            yield Static(Wrapped(Text(self.prompt(), style="bold")), classes="prompt", markup=False)
            yield self.field()
            # The counter and the message are drawn as they start (set after the first layout,
            # they laid the screen out and painted it a second time, ≈ 30 ms after the first).
            counter = Static(Text(""), classes="counter", id="counter", markup=False)
            self._fill_counter(counter, self.initial())
            yield counter
            if self.note():
                yield Static(Wrapped(Text(self.note(), style="dim")), classes="note", markup=False)
            message = Static(Text(""), classes="message", id="message", markup=False)
            message.display = False
            yield message
            yield from self.compose_after()

    def compose_after(self):
        yield from ()

    def field(self):
        """The one field, id "field": one line unless a screen needs more (KioskTextArea)."""
        return KioskInput(value=self.initial(), placeholder=self.placeholder(), max_length=self.MAX_LENGTH,
                          restrict=self.RESTRICT, password=self.PASSWORD, id="field")

    def typing(self) -> bool:
        return super().typing() or isinstance(self.focused, KioskTextArea)  # digits are text there too

    def key_tiles(self) -> list[KeyTile]:
        return [KeyTile("Esc", _("Back"), action="back"), KeyTile("Enter", self.NEXT_LABEL or _("Next"), action="submit")]

    def on_mount(self) -> None:
        # Focused now, not after the first frame (`focus()` waits for the next turn of the loop):
        # the screen opens in one picture, the cursor in its field.
        self.set_focus(self.query_one("#field"), scroll_visible=False)

    def counter_text(self, value: str) -> str:
        return ""

    def show_counter(self, value: str) -> None:
        self._fill_counter(self.query_one("#counter", Static), value)

    def _fill_counter(self, counter: Static, value: str) -> None:
        text = self.counter_text(value)
        counter.update(Text(text))
        counter.display = bool(text)
        counter.set_class(self.over_limit(value), "-full")

    def over_limit(self, value: str) -> bool:
        return False

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_counter(event.value)
        self.show_message("")

    def show_message(self, text: str, *, ok: bool = False) -> None:
        message = self.query_one("#message", Static)
        message.update(Text(text))
        message.display = bool(text)
        message.set_class(not ok and bool(text), "-error")
        message.set_class(ok and bool(text), "-ok")

    def on_text_area_changed(self, event: KioskTextArea.Changed) -> None:
        self.show_counter(event.text_area.text)
        self.show_message("")

    def on_kiosk_input_clipped(self, event: KioskInput.Clipped | KioskTextArea.Clipped) -> None:
        if event.too_long:
            self.show_message(_("At most {n} characters: the rest was not taken.").format(n=self.MAX_LENGTH))
        else:
            self.show_message(_("Some characters cannot be typed here and were left out."))

    on_kiosk_text_area_clipped = on_kiosk_input_clipped

    async def on_input_submitted(self, event: Input.Submitted | KioskTextArea.Submitted) -> None:
        event.stop()
        await self.submit(event.value)

    on_kiosk_text_area_submitted = on_input_submitted

    async def tile_submit(self, _value=None) -> None:
        await self.submit(self.query_one("#field").value)

    async def submit(self, value: str) -> None:
        from kiosk.domain.errors import DomainError

        try:
            result = self.accept(value)
            if hasattr(result, "__await__"):
                await result
        except DomainError as error:
            self.show_message(str(error))
            self.query_one("#field").focus()

    async def reload(self) -> None:
        pass  # nothing here comes from the database; never throw away what is being typed


class FieldStep(FlowStep, TypingScreen):
    """A typing step of a flow that keeps what is typed in one field of the draft (FIELD), as it is
    typed: back and forth between steps, or a refresh, loses nothing."""

    FIELD = ""

    def initial(self) -> str:
        return getattr(self.draft, self.FIELD)

    def on_input_changed(self, event: Input.Changed) -> None:
        setattr(self.draft, self.FIELD, event.value)

    def on_text_area_changed(self, event: KioskTextArea.Changed) -> None:
        setattr(self.draft, self.FIELD, event.text_area.text)
