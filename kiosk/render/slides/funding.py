"""Project funding slides (资金公示): one per project on show — big figures, the six-source bar,
money per source (paid out and the balance once something was paid) and the works progress."""

from __future__ import annotations

import dataclasses

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kiosk.domain.acceptance import AcceptanceInfo
from kiosk.domain.funding import FundingSnapshot, ProjectInfo, status_label
from kiosk.domain.money import yuan
from kiosk.domain.sources import label, short_label
from kiosk.domain.works import WorksProgress
from kiosk.i18n import _
from kiosk.render.acceptance_view import accepted_block, accepted_short
from kiosk.render.bars import PLEDGED, funded
from kiosk.render.palette import SOURCE_COLOURS
from kiosk.render.safe import one_line
from kiosk.render.slides.common import (ACCENT, GOOD, INK, MUTED, WARN, WIDE, FundingBarLine, ProgressBarLine,
                                        figure, fitting, heading, is_tv, money_figure, percent_text)


@dataclasses.dataclass(frozen=True)
class ProjectFigures:
    info: ProjectInfo
    funding: FundingSnapshot
    works: WorksProgress
    accepted: AcceptanceInfo | None = None  # a closed project, still on show for a while
    shown_days: int = 0  # how long a closed project stays on show (closed_visible_days)


def _heading(p: ProjectFigures, colour: str) -> RenderableType:
    """The title with its status; a closed project's acceptance under it."""
    if p.accepted is None:
        return heading(p.info.title, colour, status_label(p.info.status))
    return Group(heading(p.info.title, colour, accepted_short(p.accepted)), accepted_block(p.accepted, with_day=False))


def swatch(key: str) -> Text:
    return Text("  ", style=f"on {SOURCE_COLOURS[key]}")


def figures_row(f: FundingSnapshot, *, with_pledged: bool = True) -> Table:
    grid = Table.grid(padding=(0, 4))
    cells = [
        figure(_("Received"), *money_figure(f.received_fen), GOOD),
        figure(_("Target"), *money_figure(f.target_fen), INK),
        figure(_("Funded"), percent_text(funded(f)), "%", ACCENT["funding"]),
    ]
    if with_pledged and f.pledged_fen:
        cells.append(figure(_("Pledged, on its way"), *money_figure(f.pledged_fen), WARN))
    for _c in cells:
        grid.add_column(no_wrap=True)
    grid.add_row(*cells)
    return grid


def has_spending(f: FundingSnapshot) -> bool:
    """Paid-out columns only once money went out: before that the balance is what was received."""
    return bool(f.paid_fen) or any(s.paid_fen for s in f.sources)


def spent_line(f: FundingSnapshot) -> Text:
    """已支出 ¥120,005.43   结余 ¥179,794.57"""
    text = Text()
    text.append(_("Paid out") + " ", style=MUTED)
    text.append(yuan(f.paid_fen), style=f"bold {INK}")
    text.append("   " + _("Balance") + " ", style=MUTED)
    text.append(yuan(f.balance_fen), style=f"bold {GOOD}" if f.balance_fen >= 0 else f"bold {WARN}")
    return text


def spent_table(f: FundingSnapshot) -> Table:
    """Narrow screens: each source's paid out and balance, under the sources' money in."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_row("", "", Text(_("Paid out"), style=MUTED), Text(_("Balance"), style=MUTED))
    for s in f.sources:
        table.add_row(swatch(s.key), Text(short_label(s.key), style=INK), Text(yuan(s.paid_fen), style=INK if s.paid_fen else MUTED),
                      Text(yuan(s.balance_fen), style=f"bold {INK}"))
    return table


def bar_block(f: FundingSnapshot, height: int) -> RenderableType:
    """The bar, and under it the key to its lighter cells when some money is only pledged: they
    lie beyond what was received and are not in the percentage."""
    if not f.pledged_fen:
        return FundingBarLine(f, height)
    key = Text()
    key.append(PLEDGED * 2, style=WARN)
    key.append(" " + _("Pledged, not yet received") + " " + yuan(f.pledged_fen), style=MUTED)
    return Group(FundingBarLine(f, height), key)


def sources_table(f: FundingSnapshot, *, compact: bool, spent: bool = True) -> Table:
    spent = spent and has_spending(f)
    spent_heads = [_("Paid out"), _("Balance")] if spent else []
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for _h in spent_heads:
        table.add_column(justify="right", no_wrap=True)
    if not compact:
        table.add_column(justify="right", no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_row("", "", *(Text(h, style=MUTED) for h in [_("Received"), _("Pledged"), _("Planned")] + spent_heads))
    else:
        # Narrow: short names, and the pledged column only when something is pledged (it is
        # never dropped then: pledged money is what residents look for).
        heads = [_("Received")] + ([_("Pledged")] if f.pledged_fen else []) + [_("Planned")]
        for _h in heads[1:]:
            table.add_column(justify="right", no_wrap=True)
        table.add_row("", "", *(Text(h, style=MUTED) for h in heads + spent_heads))
    for s in f.sources:
        name = Text(label(s.key) if not compact else short_label(s.key), style=INK)
        received = Text(yuan(s.received_fen), style=f"bold {INK}" if s.received_fen else MUTED)
        planned = Text(yuan(s.planned_fen), style=MUTED)
        pledged = Text(yuan(s.pledged_fen) if s.pledged_fen else "-", style=WARN if s.pledged_fen else MUTED)
        out = [Text(yuan(s.paid_fen), style=INK if s.paid_fen else MUTED), Text(yuan(s.balance_fen), style=f"bold {INK}")] if spent else []
        if compact:
            table.add_row(swatch(s.key), name, received, *([pledged] if f.pledged_fen else []), planned, *out)
        else:
            table.add_row(swatch(s.key), name, received, pledged, planned, *out)
    return table


def works_line(w: WorksProgress, rows: int = 1) -> Table:
    line = Table.grid(padding=(0, 2), expand=True)
    line.add_column(no_wrap=True)
    line.add_column(ratio=1)
    line.add_column(no_wrap=True, justify="right")
    bar = Group(*(ProgressBarLine(w.percent) for _i in range(rows)))
    line.add_row(Text(_("Works progress"), style=f"bold {INK}"), bar, Text(f"{percent_text(w.percent)}%", style=f"bold {GOOD}"))
    return line


def stages_line(w: WorksProgress) -> Text:
    steps = Text()
    for i, s in enumerate(w.stages):
        if i:
            steps.append("    ")
        done = s.percent >= 100
        steps.append(f"{one_line(s.name)} ", style=INK if done else MUTED)
        steps.append(f"{s.percent}%", style=GOOD if done else (WARN if s.percent else MUTED))
    return steps


def works_block(w: WorksProgress, *, stages: bool, rows: int = 1) -> Group:
    parts: list[RenderableType] = [works_line(w, rows)]
    if stages and w.stages:
        parts.append(stages_line(w))
    return Group(*parts)


def sources_grid(f: FundingSnapshot) -> Table:
    """TV: the six sources in two rows of three, each with its slogan, money received and planned."""
    grid = Table.grid(padding=(1, 6), expand=True)
    for _i in range(3):
        grid.add_column(ratio=1)
    cells = []
    for s in f.sources:
        cell = Text()
        cell.append("    ", style=f"on {SOURCE_COLOURS[s.key]}")
        cell.append(" " + label(s.key), style=f"bold {INK}")
        cell.append("\n")
        cell.append(yuan(s.received_fen), style=f"bold {INK}" if s.received_fen else MUTED)
        cell.append("  " + _("of {planned} planned").format(planned=yuan(s.planned_fen)), style=MUTED)
        if s.pledged_fen:
            cell.append("\n" + _("{amount} pledged").format(amount=yuan(s.pledged_fen)), style=WARN)
        if has_spending(f):
            cell.append("\n" + _("Paid out") + " " + yuan(s.paid_fen) + "  ", style=MUTED)
            cell.append(_("Balance") + " " + yuan(s.balance_fen), style=INK)
        cells.append(cell)
    grid.add_row(*cells[:3])
    grid.add_row(*cells[3:])
    return grid


def big_figures(f: FundingSnapshot, scale: int) -> Table:
    colour = ACCENT["funding"]
    figures = Table.grid(padding=(0, 8))
    for _i in range(3):
        figures.add_column(no_wrap=True)
    side_parts: list[RenderableType] = [figure(_("Target"), *money_figure(f.target_fen), INK, scale=2)]
    if f.pledged_fen:
        side_parts += [Text(""), figure(_("Pledged, on its way"), *money_figure(f.pledged_fen), WARN, scale=2)]
    figures.add_row(figure(_("Received"), *money_figure(f.received_fen), GOOD, scale=scale),
                    figure(_("Funded"), percent_text(funded(f)), "%", colour, scale=scale), Group(*side_parts))
    return figures


def project_tv(p: ProjectFigures, width: int) -> RenderableType:
    f = p.funding
    figures = fitting(width - 12, lambda: big_figures(f, 4), lambda: big_figures(f, 2))
    body = Group(_heading(p, ACCENT["funding"]), Text(""), figures, Text(""),
                 spent_line(f), bar_block(f, 3), Text(""), sources_grid(f), Text(""), works_block(p.works, stages=True, rows=2))
    return Padding(body, (0, 6))


def project(p: ProjectFigures, width: int, height: int) -> RenderableType:
    colour = ACCENT["funding"]
    f = p.funding
    if is_tv(width, height):
        return project_tv(p, width)
    head = _heading(p, colour)
    bar_height = 2 if height >= 30 else 1
    if width >= WIDE:
        left = Group(figures_row(f), spent_line(f), bar_block(f, bar_height), Text(""),
                     works_block(p.works, stages=True))
        right = Group(Text(_("Six sources"), style=f"bold {INK}"), Text(""), sources_table(f, compact=False))
        cols = Table.grid(padding=(0, 6), expand=True)
        cols.add_column(ratio=3)
        cols.add_column(ratio=2)
        cols.add_row(left, right)
        body = Group(head, Text(""), cols)
        return Padding(body, (0, 4))
    compact = width < 100
    figures = fitting(width - 2, lambda: figures_row(f), lambda: figures_row(f, with_pledged=False))
    sources = fitting(width - 2, lambda: sources_table(f, compact=compact),
                      lambda: Group(sources_table(f, compact=compact, spent=False), Text(""), spent_table(f)))
    body = Group(head, Text(""), figures, spent_line(f), bar_block(f, bar_height), Text(""),
                 sources, Text(""), works_block(p.works, stages=height >= 30))
    return Padding(body, (0, 1))


def render(data: list[ProjectFigures] | None, width: int, height: int) -> list[RenderableType]:
    return [project(p, width, height) for p in data or ()]

