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


class StageTable:
    """The stage table with bars as wide as the width it is drawn in leaves room for: a stage's
    name keeps its line (a fixed 40-cell bar squeezed "墙体、窗户渗水修补" into a 4-cell column)."""

    NAME_MAX = 20  # cells of a name before it folds
    BAR_MIN, BAR_MAX = 8, 40

    def __init__(self, progress: WorksProgress) -> None:
        self.progress = progress

    def __rich_console__(self, console, options):
        names = max((Text(one_line(s.name)).cell_len for s in self.progress.stages), default=4)
        header = max(Text(_("Stage")).cell_len, Text(_("Weight")).cell_len + 1)
        others = min(max(names, header), self.NAME_MAX) + 5 + 6 + 3  # name, weight, percent, gaps
        bar = max(self.BAR_MIN, min(self.BAR_MAX, options.max_width - others))
        yield stage_table(self.progress, bar)


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
