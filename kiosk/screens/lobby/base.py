"""The frame every lobby screen shares.

- a title line (estate, section, time) and a bottom line of the keys that work here;
- digits press the tile that shows that digit; arrows move between tiles; Enter or a touch presses;
- Escape (and the 0 tile) goes back one step; nothing here can leave the kiosk;
- a screen that shows data declares `read()`: it runs in a thread worker (kiosk/screens/reads.py),
  never on the UI thread. The app shows a screen opened with `open_screen` when its first answer
  arrives (composed once, with its data) or after a few milliseconds, whichever comes first; in
  the latter case the screen paints "Reading…" and is composed again when the answer arrives. A
  reload keeps what it showed until then. Digits pressed before its first answer wait for it, in
  order (0 alone goes back at once);
- `reload()` runs when the data changed in another process (and on return to a stale screen);
- any exception in a handler goes to the app's recovery (a friendly pause screen), never to the
  terminal.
"""

from __future__ import annotations

import inspect
import unicodedata

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from kiosk.i18n import N_, _
from kiosk.screens.reads import ScreenReads
from kiosk.textual_hooks import LeanShow, RecoverInPlace
from kiosk.widgets.key_bar import KeyBar
from kiosk.widgets.key_tile import KeyTile
from kiosk.widgets.title_bar import TitleBar

DIGITS = "0123456789"
# Home from any depth of any flow: the keypad's * (the box's keypad has 0-9, Enter, . + - * /).
HOME_KEY = "*"
READING = N_("Reading…")  # shown until a screen's first read returns


def digit_of(character: str | None) -> str | None:
    """'3' or a full-width '３' from an input method -> '3'; anything else -> None."""
    if not character or len(character) != 1:
        return None
    ch = unicodedata.normalize("NFKC", character)
    return ch if ch in DIGITS else None


class LobbyScreen(ScreenReads, RecoverInPlace, LeanShow, Screen):
    SECTION = ""  # marked with N_, translated when shown
    BACK_LABEL = N_("Back")
    BINDINGS = [
        # Across the tiles as drawn (arrows.py), not in number order.
        Binding("up", "move('up')", show=False),
        Binding("down", "move('down')", show=False),
        Binding("left", "move('left')", show=False),
        Binding("right", "move('right')", show=False),
        Binding("escape", "back", show=False),
    ]

    # Textual would focus the first focusable widget and scroll it into view, a frame or two after
    # the screen's first: a list opened at its prompt, then jumped. `on_mount` focuses it without
    # scrolling, so a screen opens in one frame, read from the top.
    AUTO_FOCUS = ""

    # A screen of public data only (a list, a project, a notice: nothing a resident typed) is
    # kept when left and shown again as a newcomer finds it (kiosk/apps/kept_screens.py).
    KEEP = False

    def __init__(self) -> None:
        super().__init__()
        self.stale = False
        self._keys_ahead: list[str] = []  # digits pressed before the first answer
        self._composing = False  # an answer is being composed into the screen
        self._shown_serial = 0  # the read whose answer is shown

    def on_mount(self) -> None:
        # Subclasses that focus something themselves run first (Textual calls the subclass's
        # on_mount before this one).
        if self.focused is None:
            first = next((w for w in self.query("*") if w.focusable), None)
            if first is not None:
                self.set_focus(first, scroll_visible=False)

    # ---- the frame ----------------------------------------------------------------------

    def compose(self):
        if self.waiting() and not self._read_serial:
            self.start_read()  # runs while the frame is composed and painted
        yield TitleBar(self.app.estate.name, _(self.SECTION) if self.SECTION else "")
        if self.waiting():
            yield Static(Text(_(READING)), id="reading", classes="dim", markup=False)
        else:
            yield from self.compose_body()
        yield KeyBar(self.key_tiles() + self.home_key(), self.key_hint(), id="keys")

    def compose_body(self):
        yield from ()

    def key_tiles(self) -> list[KeyTile]:
        """The keys shown at the bottom. Default: 0 goes back."""
        return [KeyTile("0", _(self.BACK_LABEL), action="back")]

    def key_hint(self) -> str:
        return ""

    def home_key(self) -> list[KeyTile]:
        """The one key that goes home from any depth, on every key bar but home's."""
        return [KeyTile(HOME_KEY, _("Home"), action="home", id="home-key")]

    # ---- reading, off the UI thread -----------------------------------------------------

    # `read()`, `start_read()`, `waiting()`: kiosk/screens/reads.py (ScreenReads); `compose_body`
    # shows `self.data`, and the first answer composes the screen.

    def _pending(self) -> bool:
        """Opened, but not shown yet: the app waits a moment for the first answer (apps/lobby.py)."""
        is_pending = getattr(self.app, "is_pending", None)
        return is_pending is not None and is_pending(self)

    def _current_read(self, serial: int) -> bool:
        return serial == self._read_serial and (self in self.app.screen_stack or self._pending())

    async def _read_done(self, serial: int, data) -> None:
        if not self._current_read(serial):
            return  # left meanwhile, or a newer read was asked for
        if self._pending():
            self.data = data  # composed once, with it
            self._shown_serial = serial
            self.app.show_pending()
            return
        if not self.is_mounted:
            # Shown, but its frame is still being mounted (this runs on the app's loop, not the
            # screen's): composing again now would mount a second copy beside the first. The
            # screen's own queue runs this after its mount.
            self.call_later(self._read_done, serial, data)
            return
        self._shown_serial = serial
        await self.show_read(data)
        if self._keys_ahead:  # pressed before the first answer, or while it was being composed
            await self._replay_keys()

    async def show_read(self, data) -> None:
        """The answer arrived: show it (compose the screen again, keeping focus and scroll)."""
        first = self.data is None
        self.data = data
        # Keys handled while the old tiles are gone and the new ones not mounted would find no
        # tile and be lost: until the screen is whole again they wait, like keys typed ahead.
        self._composing = True
        try:
            if first:
                await self.recompose()
                self._focus_as_mounted()
            else:
                await self.recompose_in_place()
        finally:
            self._composing = False

    def _read_failed(self, serial: int, error: BaseException) -> None:
        if not self._current_read(serial):
            return
        if self._pending():
            self.app.drop_pending()  # never shown: the resident stays where they were
        self._keys_ahead.clear()
        # A database out of reach: the app keeps what this screen shows and marks it stale (a
        # screen with nothing to show yet is left, or home paused); anything else: the pause.
        self.app.recover(error)

    def _focus_as_mounted(self) -> None:
        """Focus as a screen does when it mounts (its on_mount methods, the subclass's first,
        as Textual runs them), now that the first answer composed the body."""
        for cls in type(self).__mro__:
            if isinstance(cls, type) and issubclass(cls, LobbyScreen) and "on_mount" in cls.__dict__:
                cls.__dict__["on_mount"](self)

    async def _replay_keys(self) -> None:
        keys, self._keys_ahead = self._keys_ahead, []
        for key in keys:  # each to the screen on top when its turn comes (a digit may open one)
            if hasattr(self.app, "show_for_key"):  # one opened by the key before: this key is meant for it
                await self.app.show_for_key()
            screen = self.app.screen
            if isinstance(screen, LobbyScreen):
                await screen.handle_digit(key)

    # ---- kept between visits (kiosk/apps/kept_screens.py) --------------------------------

    def keep_key(self) -> tuple | None:
        """What this screen shows, for finding it again; None: never kept."""
        return (type(self).__qualname__, getattr(self, "item_id", None)) if self.KEEP else None

    def fit_to_show_again(self) -> bool:
        """Left as the next resident may find it: its newest data shown, nothing half done."""
        return (self.KEEP and self.is_mounted and not self.stale and not self.waiting() and not self._composing
                and not self._keys_ahead and self._shown_serial == self._read_serial)

    def prepare_for_visit(self) -> None:
        """Shown again: read from the top, with the focus where a new screen puts it."""
        for body in self.query(VerticalScroll):
            body.scroll_to(x=0, y=0, animate=False, immediate=True)
        self.set_focus(None)
        self._focus_as_mounted()

    # ---- keys ---------------------------------------------------------------------------

    def typing(self) -> bool:
        """True while an input has the focus: digits are text then, not tile keys."""
        from textual.widgets import Input  # not at import time: the home screen has no field

        return isinstance(self.focused, Input)

    def tile_for(self, key: str) -> KeyTile | None:
        for tile in self.query(KeyTile):
            if tile.key == key and tile.display and not tile.disabled:
                return tile
        return None

    async def handle_digit(self, character: str | None) -> bool:
        """Called by the app for every key, before any widget sees it, so that keys typed ahead
        ("1 1 0 0 2" in one burst) each reach the screen that is current when their turn comes.
        True: the key was a digit for a tile here (or for nothing: digits never leak)."""
        if character == HOME_KEY:  # even in a field: the keypad's * is never text
            self.tile_home()
            return True
        key = digit_of(character)
        if key is None or self.typing():
            return False
        if self._keys_ahead or self._composing or (self.waiting() and key != "0"):
            self._keys_ahead.append(key)  # its tile comes with the first answer
            return True
        tile = self.tile_for(key)
        if tile is not None:
            tile.focus()
            await self.activate(tile)
        return True

    async def on_key_tile_pressed(self, message: KeyTile.Pressed) -> None:
        message.stop()
        await self.activate(message.tile)

    async def activate(self, tile: KeyTile) -> None:
        handler = getattr(self, f"tile_{tile.action}", None) if tile.action else None
        if handler is None:
            return
        result = handler(tile.value)
        if inspect.isawaitable(result):
            await result

    def tile_back(self, _value=None) -> None:
        self.action_back()

    def action_move(self, direction: str) -> None:
        from kiosk.screens.lobby.arrows import target

        widget = target(self, direction)
        if widget is not None:
            widget.focus()
        elif direction in ("up", "left"):
            self.app.action_focus_previous()
        else:
            self.app.action_focus_next()

    def tile_home(self, _value=None) -> None:
        self.app.leave_to_home()

    def action_back(self) -> None:
        self.app.back()

    def scroll_body(self, pages: int) -> None:
        body = next(iter(self.query(VerticalScroll)), None)
        if body is not None:
            if pages > 0:
                body.scroll_page_down(animate=False)
            else:
                body.scroll_page_up(animate=False)

    def tile_page_up(self, _value=None) -> None:
        self.scroll_body(-1)

    def tile_page_down(self, _value=None) -> None:
        self.scroll_body(1)

    # ---- live data ----------------------------------------------------------------------

    async def reload(self) -> None:
        """Show fresh data: read again in a worker (the screen keeps what it shows until the
        answer arrives), or, for a screen that does not read, compose again in place."""
        if self.reads():
            self.start_read()
            return
        await self.recompose_in_place()

    async def recompose_in_place(self) -> None:
        """Compose again, keeping the focus and scroll position."""
        focused_id = self.focused.id if self.focused is not None else None
        body = next(iter(self.query(VerticalScroll)), None)
        scroll_y = body.scroll_y if body is not None else 0
        await self.recompose()
        if focused_id:
            found = next(iter(self.query(f"#{focused_id}")), None)
            if found is not None and found.focusable:
                found.focus()
        body = next(iter(self.query(VerticalScroll)), None)
        if body is not None and scroll_y:
            body.scroll_to(y=scroll_y, animate=False)

    async def on_screen_resume(self) -> None:
        # A screen shown again keeps the picture of its last paint: its time line would say when
        # the resident left it (home, minutes ago) until the app's next clock tick.
        for bar in self.query(TitleBar):
            bar.refresh()
        # Going home pops several screens at once and each one uncovered is told it resumed:
        # only the screen that is really on top now shows fresh data.
        if self.stale and self.is_current:
            self.stale = False
            await self.reload()


class ReadBody(VerticalScroll):
    """A reading screen's body, focused so the arrows scroll it. Textual restyles a widget and
    everything in it when it gains or loses focus; nothing in the lobby is styled by a body's
    focus (only tiles and fields are), so only the body itself is: restyling every paragraph and
    table in it cost as much as laying the screen out."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=False)


class ReadScreen(LobbyScreen):
    """A screen to read: its body scrolls (the arrows, and 8 and 9 a page at a time, shown on the
    key bar), composed from what `compose_read` yields."""

    SCROLLS = True  # False: a short body whose tiles take the focus, not the text
    PAGE_KEYS = True  # 8 and 9 turn the page (when it scrolls)

    def compose_body(self):
        with ReadBody(classes="read", id="read", can_focus=self.SCROLLS):
            yield from self.compose_read()

    def compose_read(self):
        yield from ()

    def key_tiles(self) -> list[KeyTile]:
        tiles = super().key_tiles()
        if self.SCROLLS and self.PAGE_KEYS:
            tiles += [KeyTile("8", _("Scroll up"), action="page_up"), KeyTile("9", _("Scroll down"), action="page_down")]
        return tiles

    def on_mount(self) -> None:
        if self.SCROLLS and self.focused is None:
            # Not query_one: an app told to exit (SIGTERM) may be tearing this screen down already.
            for read in self.query("#read"):
                read.focus()


class Gone:
    """An item's read found it gone (why: None) or refused (why: the domain's words)."""

    def __init__(self, why: str | None) -> None:
        self.why = why


class ItemScreen(ReadScreen):
    """Reading one item (a notice, a project, a poll) named by its id: `load()` asks the domain
    for it (in the read's worker: everything `compose_item` shows), `compose_item` shows it; an
    item gone meanwhile says so in one line."""

    def __init__(self, item_id: int) -> None:
        super().__init__()
        self.item_id = item_id

    def load(self):
        raise NotImplementedError

    GONE = N_("This is no longer shown.")  # when the item is gone meanwhile

    def read(self):
        from kiosk.domain.errors import DomainError, NotFound

        try:
            return self.load()
        except NotFound:
            return Gone(None)
        except DomainError as error:  # e.g. not public yet: the domain says why
            return Gone(str(error))

    def compose_read(self):
        if isinstance(self.data, Gone):
            yield Static(Text(self.data.why or _(self.GONE)), classes="dim", markup=False)
            return
        yield from self.compose_item(self.data)

    def compose_item(self, item):
        yield from ()


class FlowEndScreen(ReadScreen):
    """The last screen of a flow (ticket, pledge, ballot receipt): what it shows is final, so
    0 and Escape both go home and there is nothing to reload."""

    SCROLLS = False

    BACK_LABEL = N_("Home")

    def key_tiles(self) -> list[KeyTile]:
        return [KeyTile("0", _(self.BACK_LABEL), action="home")]

    def action_back(self) -> None:
        self.app.leave_to_home()

    async def reload(self) -> None:
        pass
