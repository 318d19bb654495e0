"""应急维修公示: an emergency repair paid from the maintenance fund, during its disclosure period:
what was repaired and why it could not wait, when, what it cost, how many households share it by
floor area and the range of their shares. No rooms, no names: a household finds its own share at
the kiosk (or on the paper notice)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kiosk.domain.emergency import Disclosure
from kiosk.domain.money import area_text, yuan
from kiosk.i18n import _, ngettext
from kiosk.render.palette import WARN
from kiosk.render.safe import one_line
from kiosk.render.slides.common import INK, MUTED, WIDE, day_text, figure, heading, is_tv, money_figure

COLOUR = WARN


def facts(d: Disclosure) -> Table:
    """The repair's facts, a label and a value a line."""
    r = d.repair
    low, high = d.share_range
    table = Table.grid(padding=(0, 3))
    table.add_column(no_wrap=True)
    table.add_column()
    rows = [
        (_("Situation"), r.situation_label),
        (_("Found on"), day_text(r.found_on)),
        (_("Repaired on"), day_text(r.repaired_on) if r.repaired_on else "—"),
        (_("Cost"), yuan(r.cost_fen)),
        (_("Shared by"), ngettext("{n} household, {area} m² in all", "{n} households, {area} m² in all",
                                  r.households).format(n=r.households, area=area_text(r.area_cm2))),
        (_("Each household"), yuan(low) if low == high else _("{low} to {high}, by floor area").format(
            low=yuan(low), high=yuan(high))),
        (_("Shown until"), day_text(r.disclose_until)),
    ]
    for label, value in rows:
        table.add_row(Text(label, style=MUTED), Text(value, style=f"bold {INK}"))
    return table


def _one(d: Disclosure, width: int, height: int) -> RenderableType:
    head = heading(_("Emergency repair from the maintenance fund"), COLOUR, _("no owners' vote first: disclosed afterwards"))
    title = Text(one_line(d.repair.title), style=f"bold {INK}")
    note = Text(_("Your household's share: at the kiosk, under Emergency repairs."), style=MUTED)
    if is_tv(width, height):
        digits, unit = money_figure(d.repair.cost_fen)
        grid = Table.grid(padding=(0, 10), expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(figure(_("Cost"), digits, unit, COLOUR, scale=4), Group(title, Text(""), facts(d)))
        return Padding(Group(head, Text(""), Text(""), grid, Text(""), note), (0, 6))
    side = 4 if width >= WIDE else 1
    return Padding(Group(head, Text(""), title, Text(""), facts(d), Text(""), note), (0, side))


def render(data: list[Disclosure] | None, width: int, height: int) -> list[RenderableType]:
    """One slide per repair being disclosed; none when there is none."""
    return [_one(d, width, height) for d in data or []]
