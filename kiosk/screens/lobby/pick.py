"""The shape most lobby screens share: a prompt and numbered choices.

Up to nine choices take the digits 1-9. More are paged: 1-7 pick on the page shown, 8 and 9 turn
the page. Subclasses say what the choices are and what picking one does."""

from __future__ import annotations

import dataclasses
from typing import Any

from rich.text import Text
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Static

from kiosk.i18n import _
from kiosk.render.wrap import Wrapped
from kiosk.screens.lobby.base import LobbyScreen
from kiosk.widgets.key_tile import KeyTile

PAGE = 7  # per page when paged; 8 and 9 turn pages


@dataclasses.dataclass(frozen=True)
class Choice:
    label: str
    hint: str = ""
    value: Any = None
    danger: bool = False


def pages(n: int) -> int:
    return 1 if n <= 9 else (n + PAGE - 1) // PAGE


def page_slice(n: int, page: int) -> tuple[int, int]:
    if n <= 9:
        return 0, n
    start = page * PAGE
    return start, min(n, start + PAGE)


class PickBody(VerticalScroll, inherit_bindings=False):
    """The scrolling body of a list: the arrows move the highlight from tile to tile (the screen's
    bindings; a tile brought into focus scrolls into view), they do not scroll the list under it.
    A VerticalScroll's own arrow bindings took them as soon as a list was taller than the screen
    (ten notices at 80×24), and the highlight could never reach the tiles below."""


def _same_choice(a: Choice, b: Choice) -> bool:
    """The same thing to pick, though its hint (a count, a status) may have changed: by its value,
    or by its label when it has none ("not sure", "another amount")."""
    if a.value is None or b.value is None:
        return a.value is None and b.value is None and a.label == b.label
    return a.value == b.value


class PickScreen(LobbyScreen):
    GRID = False  # tiles in a grid (short labels) or a list (long ones)

    def __init__(self) -> None:
        super().__init__()
        self.page = 0
        self._choices: list[Choice] = []

    # subclasses ---------------------------------------------------------------------------
    def prompt(self) -> str:
        return ""

    def choices(self) -> list[Choice]:
        return []

    def picked(self, choice: Choice):
        raise NotImplementedError

    def compose_intro(self):
        """Anything to show above the choices."""
        yield from ()

    def empty_text(self) -> str:
        return _("Nothing to choose from at the moment.")

    # the frame ----------------------------------------------------------------------------
    def compose_body(self):
        self._choices = self.choices()
        n = len(self._choices)
        self.page = min(self.page, pages(n) - 1)
        start, end = page_slice(n, self.page)
        with PickBody(classes="body", can_focus=False):
            yield from self.compose_intro()
            if self.prompt():
                yield Static(Wrapped(Text(self.prompt(), style="bold")), classes="prompt", markup=False)
            message = Static(Text(""), classes="message -error", id="message", markup=False)
            message.display = False  # shown when a pick is refused (e.g. a save that failed)
            yield message
            if not n:
                yield Static(Text(self.empty_text()), classes="dim", markup=False)
            box = Grid(classes="pick-grid") if self.GRID else Vertical(classes="pick-list")
            with box:
                for i, choice in enumerate(self._choices[start:end], 1):
                    yield KeyTile(str(i), choice.label, choice.hint, action="pick", value=choice,
                                  id=f"choice-{i}", classes="-danger" if choice.danger else None)
            if pages(n) > 1:
                yield Static(Text(_("Page {page} of {pages}").format(page=self.page + 1, pages=pages(n))), classes="page-note", markup=False)

    def key_tiles(self) -> list[KeyTile]:
        tiles = super().key_tiles()
        if pages(len(self._choices or self.choices())) > 1:
            tiles.append(KeyTile("8", _("Previous page"), action="prev_page"))
            tiles.append(KeyTile("9", _("Next page"), action="next_page"))
        return tiles

    def fit_to_show_again(self) -> bool:
        # Not on another page, nor with a refusal shown: the next resident starts at the top.
        return super().fit_to_show_again() and self.page == 0 and not any(m.display for m in self.query("#message"))

    async def tile_pick(self, choice: Choice):
        result = self.picked(choice)
        if hasattr(result, "__await__"):
            await result

    # live data --------------------------------------------------------------------------
    async def recompose_in_place(self) -> None:
        """Fresh data composed again: the highlight stays on the choice the resident had on it
        (the same notice, project, report), not on whatever now stands where it stood — a notice
        posted above it must not slide the next Enter onto another one. A choice gone meanwhile
        leaves the highlight where it was."""
        focused = self.focused
        held = focused.value if isinstance(focused, KeyTile) and focused.action == "pick" else None
        where = None
        if isinstance(held, Choice):
            fresh = self.choices()
            where = next((i for i, c in enumerate(fresh) if _same_choice(c, held)), None)
            if where is not None and pages(len(fresh)) > 1:
                self.page = where // PAGE
        await super().recompose_in_place()
        if where is not None:
            start, _end = page_slice(len(self._choices), self.page)
            for tile in self.query(f"#choice-{where - start + 1}"):
                tile.focus()

    async def tile_prev_page(self, _value=None) -> None:
        if self.page > 0:
            self.page -= 1
            await self.recompose()

    async def tile_next_page(self, _value=None) -> None:
        if self.page < pages(len(self._choices)) - 1:
            self.page += 1
            await self.recompose()
