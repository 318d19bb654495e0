"""Today's disclosure (今日公示): money received today and in total from each source, works
progress, and the head of the audit chain, which a paper copy on the notice board anchors."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kiosk.domain.disclosure import DailyDisclosure
from kiosk.domain.money import yuan
from kiosk.domain.sources import SOURCES, label
from kiosk.i18n import _
from kiosk.render.disclosure_ref import reference
from kiosk.render.safe import one_line
from kiosk.render.slides.common import (ACCENT, GOOD, INK, MUTED, WIDE, ProgressBarLine, figure, full_date, heading, is_tv,
                                        money_figure, percent_text)
from kiosk.render.slides.funding import swatch

NARROW = 90  # below this many cells a project's title and its bar share no line


def money_table(d: DailyDisclosure) -> Table:
    table = Table.grid(padding=(0, 3))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_row("", "", Text(_("Received today"), style=MUTED), Text(_("Received in total"), style=MUTED))
    for key in SOURCES:
        today = d.received_today.get(key, 0)
        table.add_row(swatch(key), Text(label(key), style=INK),
                      Text(yuan(today), style=f"bold {GOOD}" if today else MUTED),
                      Text(yuan(d.received_total.get(key, 0)), style=f"bold {INK}"))
    today_all = sum(d.received_today.values())
    table.add_row("", Text(_("All sources"), style=f"bold {INK}"),
                  Text(yuan(today_all), style=f"bold {GOOD}" if today_all else MUTED),
                  Text(yuan(sum(d.received_total.values())), style=f"bold {INK}"))
    return table


def works_table(d: DailyDisclosure, width: int, rows: int = 1) -> RenderableType:
    if width < NARROW:
        return works_stacked(d)
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(no_wrap=True, max_width=max(12, width // 3))
    table.add_column(ratio=1)
    table.add_column(justify="right", no_wrap=True)
    for pl in d.projects:
        bar = Group(*(ProgressBarLine(pl.works_percent) for _i in range(rows)))
        table.add_row(Text(one_line(pl.info.title), style=INK, overflow="ellipsis"), bar,
                      Text(f"{percent_text(pl.works_percent)}%", style=f"bold {GOOD}"))
        if rows > 1:
            table.add_row("", "", "")
    return table


def works_stacked(d: DailyDisclosure) -> Table:
    """A narrow screen: each project's whole title on its own line, its bar under it."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(ratio=1)
    table.add_column(justify="right", no_wrap=True)
    for pl in d.projects:
        table.add_row(Text(one_line(pl.info.title), style=INK), "")
        table.add_row(ProgressBarLine(pl.works_percent), Text(f"{percent_text(pl.works_percent)}%", style=f"bold {GOOD}"))
    return table


def anchor(d: DailyDisclosure) -> Text:
    """The short number and date residents can match with the paper copy (the full hash is on
    that copy and in the export, not on a screen read from across the lobby)."""
    text = Text()
    text.append(reference(d.chain_seq, d.date), style=f"bold {INK}")
    text.append("\n")
    text.append(_("The paper copy on the notice board carries the same number and its full check code."), style=MUTED)
    return text


def render_tv(d: DailyDisclosure, width: int) -> RenderableType:
    colour = ACCENT["daily"]
    today_all = sum(d.received_today.values())
    total_all = sum(d.received_total.values())
    figures = Table.grid(padding=(0, 10))
    figures.add_column(no_wrap=True)
    figures.add_column(no_wrap=True)
    figures.add_row(figure(_("Received today"), *money_figure(today_all), GOOD if today_all else MUTED, scale=4),
                    figure(_("Received in total"), *money_figure(total_all), INK, scale=4))
    works = Group(Text(_("Works progress"), style=f"bold {INK}"), Text(""), works_table(d, width // 2, rows=2))
    cols = Table.grid(padding=(0, 10), expand=True)
    cols.add_column(no_wrap=True)
    cols.add_column(ratio=1)
    cols.add_row(money_table(d), works)
    body = Group(heading(full_date(d.date), colour), Text(""), figures, Text(""), Text(""), cols, Text(""), Text(""), anchor(d))
    return Padding(body, (0, 6))


def render(data: DailyDisclosure | None, width: int, height: int) -> list[RenderableType]:
    if data is None or not data.projects:
        return []
    if is_tv(width, height):
        return [render_tv(data, width)]
    colour = ACCENT["daily"]
    head = heading(full_date(data.date), colour)
    works = Group(Text(_("Works progress"), style=f"bold {INK}"), works_table(data, width))
    if width >= WIDE:
        cols = Table.grid(padding=(0, 8), expand=True)
        cols.add_column(no_wrap=True)
        cols.add_column(ratio=1)
        cols.add_row(money_table(data), works)
        body = Group(head, Text(""), cols, Text(""), anchor(data))
        side = 4
    else:
        body = Group(head, Text(""), money_table(data), Text(""), works, Text(""), anchor(data))
        side = 1
    return [Padding(body, (0, side))]
