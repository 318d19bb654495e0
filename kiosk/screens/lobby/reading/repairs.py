"""应急维修公示: emergency repairs paid from the maintenance fund, during their disclosure period.
The list, one repair (what, when, cost, the shares by floor area: no rooms, no names), and a
household's own share found by typing its building, unit and room."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from kiosk.domain import emergency
from kiosk.domain.money import area_text, yuan
from kiosk.i18n import N_, _
from kiosk.render.address import address
from kiosk.render.dates import day
from kiosk.render.safe import inert, one_line
from kiosk.render.slides.repairs import facts
from kiosk.render.wrap import Wrapped
from kiosk.screens.lobby.base import ItemScreen
from kiosk.screens.lobby.pick import Choice, PickScreen
from kiosk.screens.lobby.typing import TypingScreen
from kiosk.screens.reads import read_now
from kiosk.widgets.key_tile import KeyTile

SECTION = N_("Emergency repairs")


class RepairsScreen(PickScreen):
    KEEP = True
    SECTION = SECTION

    def read(self) -> list[emergency.RepairInfo]:
        return emergency.current(self.app.estate.id)

    def compose_intro(self):
        yield Static(Wrapped(Text(_("Repairs that could not wait for an owners' vote, paid from the maintenance fund "
                                    "and shared by floor area. Shown for their disclosure period."), style="dim")),
                     classes="note", markup=False)

    def choices(self) -> list[Choice]:
        return [Choice(one_line(r.title), "{situation}  {cost}  {until}".format(
            situation=r.situation_label, cost=yuan(r.cost_fen),
            until=_("shown until {day}").format(day=day(r.disclose_until))), r.id) for r in self.data or []]

    def empty_text(self) -> str:
        return _("No emergency repair is being disclosed at the moment.")

    def picked(self, choice: Choice) -> None:
        self.app.open_screen(RepairScreen(choice.value))


def share_table(d: emergency.Disclosure) -> Table:
    """The shares by floor area: what decides a share, and no room."""
    table = Table(box=None, padding=(0, 2), show_edge=False)
    table.add_column(_("Floor area (m²)"), justify="right")
    table.add_column(_("Share each"), justify="right")
    table.add_column(_("Households"), justify="right")
    for g in d.groups:
        table.add_row(area_text(g.area_cm2), yuan(g.share_fen), str(g.households))
    return table


class RepairScreen(ItemScreen):
    KEEP = True
    SECTION = SECTION
    GONE = N_("This repair's disclosure period has ended.")

    def load(self) -> emergency.Disclosure:
        return emergency.disclosure(self.item_id)

    def key_tiles(self) -> list[KeyTile]:
        tiles = super().key_tiles()
        if not isinstance(self.data, emergency.Disclosure):
            return tiles
        return [tiles[0], KeyTile("1", _("My share"), action="mine")] + tiles[1:]

    def tile_mine(self, _value=None) -> None:
        self.app.open_screen(ShareScreen(self.item_id))

    def compose_item(self, d: emergency.Disclosure):
        r = d.repair
        yield Static(Text(inert(r.title), style="bold"), classes="read-title", markup=False)
        yield Static(facts(d), classes="figures", markup=False)
        if r.description:
            yield Static(Wrapped(Text(inert(r.description))), classes="detail", markup=False)
        yield Static(Text(_("Each household's share by floor area"), style="bold"), classes="heading", markup=False)
        yield Static(share_table(d), classes="shares", markup=False)
        yield Static(Wrapped(Text(_("Press 1 and type your building, unit and room to see your household's share."),
                                  style="dim")), classes="note", markup=False)


class ShareScreen(TypingScreen):
    """A household's own share: typed here, shown here, never listed for others."""

    SECTION = SECTION
    MAX_LENGTH = 20
    NEXT_LABEL = N_("Look up")

    def __init__(self, repair_id: int) -> None:
        super().__init__()
        self.repair_id = repair_id

    def key_tiles(self):
        tiles = super().key_tiles()
        tiles[-1].label = _(self.NEXT_LABEL)
        return tiles

    def prompt(self) -> str:
        return _("Type your building, unit and room, then press Enter")

    def placeholder(self) -> str:
        return _("e.g. {example}").format(example="3-1-502")

    def compose_after(self):
        yield Vertical(id="share")

    async def accept(self, value: str) -> None:
        box = self.query_one("#share", Vertical)
        await box.remove_children()
        repair_id = self.repair_id
        share = await read_now(self.app, lambda: emergency.find_share(repair_id, value), name="lookup share")
        if share is None:
            self.show_message(_("This repair's cost is not shared by that household. Check the numbers and try again."))
            return
        line = Text()
        line.append(address(share.building, share.unit) + "  ")
        line.append(_("Floor area {area} m²").format(area=area_text(share.area_cm2)) + "  ")
        line.append(_("Your share: {amount}").format(amount=yuan(share.share_fen)), style="bold")
        await box.mount(Static(line, classes="detail", markup=False))


def entry(app) -> RepairsScreen:
    return RepairsScreen()
