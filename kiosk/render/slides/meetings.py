"""Upcoming meetings (近期会议): the next one in big figures, the few after it in a list."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kiosk.domain.meetings import MeetingInfo, kind_label
from kiosk.i18n import _
from kiosk.render.safe import one_line
from kiosk.render.slides.bignum import BlockNumber
from kiosk.render.slides.common import ACCENT, INK, MUTED, WIDE, BigDigits, day_text, full_date, heading, is_tv


def _next(m: MeetingInfo, width: int, tv: bool) -> Table:
    colour = ACCENT["meetings"]
    grid = Table.grid(padding=(0, 10 if tv else 4))
    grid.add_column(no_wrap=True)
    grid.add_column()
    if tv:
        when: RenderableType = Group(BlockNumber(f"{m.held_at:%m-%d}", colour, scale=4), Text(""),
                                     BlockNumber(f"{m.held_at:%H:%M}", INK, scale=4))
    else:
        when = Group(BigDigits(f"{m.held_at:%m-%d}", f"bold {colour}"), BigDigits(f"{m.held_at:%H:%M}", f"bold {INK}"))
    what = Text()
    what.append(kind_label(m.kind), style=f"bold {colour}")
    what.append("\n")
    what.append(one_line(m.topic), style=f"bold {INK}")
    what.append("\n\n")
    what.append(full_date(m.held_at.date()) + f" {m.held_at:%H:%M}", style=INK)
    if m.location:
        what.append("\n")
        what.append(_("Where: {place}").format(place=one_line(m.location)), style=INK)
    grid.add_row(when, what)
    return grid


def render(data: list[MeetingInfo] | None, width: int, height: int) -> list[RenderableType]:
    if not data:
        return []
    colour = ACCENT["meetings"]
    tv = is_tv(width, height)
    parts: list[RenderableType] = [heading(_("Come and have your say"), colour), Text(""), _next(data[0], width, tv)]
    rest = data[1:6]
    if rest:
        table = Table.grid(padding=(0, 3))
        for _i in range(4):
            table.add_column(no_wrap=True)
        for m in rest:
            table.add_row(Text(f"{day_text(m.held_at.date())} {m.held_at:%H:%M}", style=f"bold {INK}"),
                          Text(kind_label(m.kind), style=colour), Text(one_line(m.topic, 40), style=INK),
                          Text(one_line(m.location, 20), style=MUTED))
        parts += [Text(""), Text(""), Text(_("Later"), style=MUTED), table]
    side = 6 if tv else (4 if width >= WIDE else 1)
    return [Padding(Group(*parts), (0, side))]
