"""How residents' reports were handled (the three rates of 接诉即办): 响应率, 解决率 and 满意率 as
big figures, each with the counts behind it, so that a small number reads as small."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kiosk.domain.report_rates import ORDINARY_HOURS, URGENT_HOURS, WINDOW_DAYS, Rates
from kiosk.i18n import _
from kiosk.render.slides.common import ACCENT, GOOD, INK, MUTED, WARN, WIDE, figure, fitting, heading, is_tv, percent_text

COLOUR = ACCENT["fixed"]


def lines(r: Rates) -> list[tuple[str, str, str]]:
    """(name, percent as printed, the counts behind it) for each of the three rates."""
    return [
        (_("Response rate"), percent_text(r.response),
         _("{n} of {total} taken up in time").format(n=r.responded, total=r.counted)),
        (_("Resolution rate"), percent_text(r.resolution),
         _("{n} of {total} taken up are fixed").format(n=r.resolved, total=r.taken_up)),
        (_("Satisfaction rate"), percent_text(r.satisfaction),
         _("{n} of {total} answers satisfied or basically satisfied").format(n=r.satisfied + r.basic, total=r.answers)),
    ]


def note() -> str:
    return _("Last {days} days; taken up in time: within {urgent} hours for roof leaks and lifts, "
             "{ordinary} hours for the rest").format(days=WINDOW_DAYS, urgent=URGENT_HOURS, ordinary=ORDINARY_HOURS)


def _colour(shown: str, whole: int) -> str:
    if not whole:
        return MUTED
    return GOOD if float(shown) >= 90 else INK if float(shown) >= 60 else WARN


def _wholes(r: Rates) -> list[int]:
    return [r.counted, r.taken_up, r.answers]


def _row(r: Rates, scale: int) -> Table:
    grid = Table.grid(padding=(0, 4), expand=True)
    for _i in range(3):
        grid.add_column(ratio=1)
    cells = []
    for (name, shown, counts), whole in zip(lines(r), _wholes(r)):
        cells.append(Group(figure(name, shown, "%", _colour(shown, whole), scale=scale), Text(counts, style=MUTED)))
    grid.add_row(*cells)
    return grid


def _stacked(r: Rates) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for (name, shown, counts), whole in zip(lines(r), _wholes(r)):
        table.add_row(Text(name, style=f"bold {INK}"), Text(f"{shown}%", style=f"bold {_colour(shown, whole)}"),
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
