"""Recently solved problems (已解决): what was reported and when it was fixed. No descriptions:
residents type them and may put a name or a phone number in; the category and place say enough."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kiosk.domain.reports import PublicReport, category_label
from kiosk.i18n import _, ngettext
from kiosk.render.safe import one_line
from kiosk.render.slides.common import ACCENT, GOOD, INK, MUTED, WIDE, day_text, figure, heading, is_tv


def days_taken(r: PublicReport) -> int:
    return max(0, (r.updated_at.date() - r.created_at.date()).days)


def tile(r: PublicReport) -> Panel:
    took = days_taken(r)
    text = Text()
    text.append(category_label(r.category), style=f"bold {INK}")
    text.append("    " + one_line(f"{r.building} {r.unit}".strip(), 24), style=INK)
    text.append("\n\n")
    text.append(_("Reported on") + " " + day_text(r.created_at.date()), style=MUTED)
    text.append("    ")
    text.append(_("Solved {day}").format(day=day_text(r.updated_at.date())), style=f"bold {GOOD}")
    text.append("    " + _("Took") + " " + ngettext("{n} day", "{n} days", took).format(n=took), style=MUTED)
    return Panel(text, box=box.ROUNDED, border_style=GOOD, padding=(1, 2))


def tiles(data: list[PublicReport]) -> Table:
    """TV: each solved problem on its own card, two cards a row."""
    grid = Table.grid(padding=(0, 3), expand=True)
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    cards = [tile(r) for r in data]
    for i in range(0, len(cards), 2):
        grid.add_row(*cards[i:i + 2], *([""] if i + 1 >= len(cards) else []))
    return grid


def render(data: list[PublicReport] | None, width: int, height: int) -> list[RenderableType]:
    if not data:
        return []
    colour = ACCENT["fixed"]
    head = heading(_("Problems residents reported, now fixed"), colour)
    tv = is_tv(width, height)
    table = Table.grid(padding=(0, 3 if width >= WIDE else 2))
    for justify in ("left", "left", "left", "left", "right"):
        table.add_column(justify=justify, no_wrap=True)
    table.add_row(*(Text(h, style=MUTED) for h in ("", _("Where"), _("Problem"), _("Reported on"), _("Took"))))
    for r in data:
        place = one_line(f"{r.building} {r.unit}".strip(), 24)
        took = days_taken(r)
        table.add_row(
            Text(_("Solved {day}").format(day=day_text(r.updated_at.date())), style=f"bold {GOOD}"),
            Text(place, style=INK),
            Text(category_label(r.category), style=f"bold {INK}"),
            Text(day_text(r.created_at.date()), style=MUTED),
            Text(ngettext("{n} day", "{n} days", took).format(n=took), style=MUTED),
        )
        if tv:
            table.add_row("", "", "", "", "")
    if tv:
        count = figure(_("Solved in the last 30 days"), str(len(data)), ngettext("problem", "problems", len(data)), GOOD, scale=4)
        grid = Table.grid(padding=(0, 12), expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(count, tiles(data))
        return [Padding(Group(head, Text(""), Text(""), grid), (0, 6))]
    side = 4 if width >= WIDE else 1
    return [Padding(Group(head, Text(""), table), (0, side))]
