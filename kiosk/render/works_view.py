"""Works progress of one project as renderables: stages with weight and percent, dated milestones."""

from __future__ import annotations

import datetime as dt

from rich.table import Table
from rich.text import Text

from kiosk.domain.numbers import shares
from kiosk.domain.works import WorksProgress
from kiosk.i18n import _
from kiosk.render import palette
from kiosk.render.bars import progress_bar
from kiosk.render.dates import day_in_year
from kiosk.render.safe import one_line

DONE_STYLE = palette.DONE


def stage_table(progress: WorksProgress, bar_width: int) -> Table:
    table = Table(box=None, expand=True, pad_edge=False, show_header=True, header_style="bold")
    table.add_column(_("Stage"), ratio=1, overflow="fold")
    table.add_column(_("Weight"), justify="right", no_wrap=True)
    table.add_column(_("Progress"), no_wrap=True)
    table.add_column("", justify="right", no_wrap=True)
    weights = shares([s.weight for s in progress.stages])  # shown together: they add up to 100
    for s, share in zip(progress.stages, weights):
        weight = f"{share}%"
        style = DONE_STYLE if s.percent >= 100 else "yellow" if s.percent > 0 else "grey50"
        table.add_row(one_line(s.name), weight, progress_bar(s.percent, bar_width, style), Text(f"{s.percent}%", style="bold"))
    return table


def milestone_table(progress: WorksProgress, today: dt.date) -> Table:
    table = Table(box=None, expand=True, pad_edge=False, show_header=False)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    table.add_column(justify="right", no_wrap=True)
    for m in progress.milestones:
        if m.done:
            state = Text(_("Done"), style=f"bold {DONE_STYLE}")
        elif m.on < today:
            state = Text(_("Overdue"), style="bold red")
        else:
            state = Text(_("Upcoming"), style="dim")
        table.add_row(day_in_year(m.on, today), one_line(m.title), state)
    return table
