"""How residents' reports were handled (the three rates of 接诉即办): 响应率, 解决率 and 满意率 as
big figures, each with the counts behind it, so that a small number reads as small. The words
are the domain's (report_rates.lines), as on the phone pages and in the export."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kiosk.domain.numbers import Percent
from kiosk.domain.report_rates import Rates, lines, note
from kiosk.i18n import _
from kiosk.render.slides.common import ACCENT, GOOD, INK, MUTED, WARN, WIDE, figure, fitting, heading, is_tv

COLOUR = ACCENT["fixed"]


def _colour(p: Percent, whole: int) -> str:
    """Green from 90 %, plain from 60 %, amber below; grey when there is nothing to count yet."""
    if not whole:
        return MUTED
    return GOOD if p.units >= 90 * p.scale else INK if p.units >= 60 * p.scale else WARN


def _colours(r: Rates) -> list[str]:
    """In the order of lines(r), which leaves out a rate with nothing to count."""
    pairs = [(r.response, r.counted), (r.resolution, r.taken_up), (r.satisfaction, r.answers)]
    return [_colour(p, whole) for p, whole in pairs if whole]


def _row(r: Rates, scale: int) -> Table:
    grid = Table.grid(padding=(0, 4), expand=True)
    for _i in lines(r):
        grid.add_column(ratio=1)
    cells = []
    for (name, shown, counts), colour in zip(lines(r), _colours(r)):
        cells.append(Group(figure(name, shown, "%", colour, scale=scale), Text(counts, style=MUTED)))
    grid.add_row(*cells)
    return grid


def _stacked(r: Rates) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for (name, shown, counts), colour in zip(lines(r), _colours(r)):
        table.add_row(Text(name, style=f"bold {INK}"), Text(f"{shown}%", style=f"bold {colour}"),
                      Text(counts, style=MUTED))
    return table


def render(data: Rates | None, width: int, height: int) -> list[RenderableType]:
    if data is None or data.empty:
        return []
    head = heading(_("How residents' reports were handled"), COLOUR)
    side = 6 if is_tv(width, height) else 4 if width >= WIDE else 1
    inner = width - 2 * side
    if is_tv(width, height):
        body = _row(data, 4)
    else:
        body = fitting(inner, lambda: _row(data, 0), lambda: _stacked(data))
    return [Padding(Group(head, Text(note(), style=MUTED), Text(""), body), (0, side))]
