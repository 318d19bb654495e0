"""Notice slides (通知公告): one notice per slide; the pager splits a long one into pages.
On a TV the notice sits in a card beside the list of every live notice, the current one marked."""

from __future__ import annotations

from rich import box
from rich.align import Align
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kiosk.domain.notices import NoticeInfo, category_label
from kiosk.i18n import _
from kiosk.render import palette
from kiosk.render.safe import one_line
from kiosk.render.markdown import NoticeMarkdown
from kiosk.render.slides.common import ACCENT, INK, MUTED, day_text, is_tv, when_text

READABLE = 110  # cells: longer lines are hard to follow from a distance
CHIP_INK = palette.CHIP_INK


def chips(n: NoticeInfo) -> Text:
    text = Text()
    text.append(f" {category_label(n.category)} ", style=f"bold {CHIP_INK} on {ACCENT['notices']}")
    if n.pinned:
        text.append("  ")
        pinned = _("Pinned")
        text.append(f" {pinned} ", style=f"bold {CHIP_INK} on {ACCENT['pledge']}")
    text.append("   " + _("Posted {day}").format(day=day_text(n.publish_at.date())), style=MUTED)
    return text


def title_band(title: str, colour: str, ink: str) -> Padding:
    """A title on a coloured band three rows tall, centred: terminals have one type size, so a
    title stands out from the body by its band, not by its letters (read from three metres)."""
    return Padding(Text(one_line(title), style=f"bold {ink}", justify="center"), (1, 2), style=f"on {colour}")


def body(n: NoticeInfo, *, width: int = READABLE) -> Group:
    """One notice: its title on a band, when and what kind, the text in a centred column of at
    most READABLE cells (longer lines are hard to follow from a distance)."""
    head = chips(n)
    head.justify = "center"
    parts: list[RenderableType] = [title_band(n.title, ACCENT["notices"], CHIP_INK), Text(""), head, Text("")]
    if n.body.strip():
        parts.append(Align.center(NoticeMarkdown(n.body, style=INK), width=min(READABLE, max(20, width - 4))))
    if n.expires_at is not None:
        parts += [Text(""), Text(_("Valid until {when}").format(when=when_text(n.expires_at)), style=MUTED, justify="center")]
    return Group(*parts)


def index(notices: list[NoticeInfo], current: int) -> Group:
    """TV: every live notice by title, the one on screen marked."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, overflow="ellipsis")
    for i, n in enumerate(notices):
        here = i == current
        table.add_row(Text("  ", style=f"on {ACCENT['notices']}" if here else ""),
                      Text(one_line(n.title), style=f"bold {INK}" if here else MUTED))
        table.add_row("", "")
    title = Text(_("All notices ({n})").format(n=len(notices)), style=f"bold {INK}")
    return Group(title, Text(""), table)


def notice(notices: list[NoticeInfo], i: int, width: int, height: int) -> RenderableType:
    n = notices[i]
    if is_tv(width, height):
        card_width = min(READABLE + 8, width * 2 // 3)
        card = Panel(Padding(body(n, width=card_width - 8), (1, 3)), box=box.ROUNDED, border_style=ACCENT["notices"],
                     width=card_width)
        grid = Table.grid(padding=(0, 8))
        grid.add_column(no_wrap=False)
        grid.add_column(max_width=max(20, width - card.width - 20))
        grid.add_row(card, index(notices, i))
        return Padding(grid, (0, 6))
    return body(n, width=width)


def render(data: list[NoticeInfo] | None, width: int, height: int) -> list[RenderableType]:
    notices = list(data or ())
    return [notice(notices, i, width, height) for i in range(len(notices))]
