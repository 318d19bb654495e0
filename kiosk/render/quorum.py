"""The live quorum meter as Rich renderables: its words, its bars, a vote's heading — what the
lobby's home, the vote screens, the display and the staff console show of an open vote.

Percentages come from kiosk.domain.numbers: rounded down, so a turnout just short of 2/3 reads
66.6%, never 67%; exactly 2/3 reads 66.7% and "2/3 reached". Whether a bound is met always comes
from the domain's exact arithmetic, and each bar fills the cells of the percent printed beside it. Bars are
coloured spaces (no block characters), so they keep their width on every terminal. Titles typed
by staff go through `one_line()`. (Results, statements and meetings: `kiosk.render.votes`; kept
apart so that the home screen does not import them.)
"""

from __future__ import annotations

from rich.text import Text

from kiosk.domain.votes import PollInfo, Turnout, matter_label, state_label
from kiosk.i18n import _
from kiosk.render.dates import day_time
from kiosk.render.fit import fit
from kiosk.domain.numbers import AT_LEAST_TWO_THIRDS, Percent, percent
from kiosk.render.safe import one_line

FILLED = "on green"
REACHED = "on bright_green"
EMPTY = "on grey35"
MARK = "on yellow"


def turnout_percent(part: int, whole: int) -> Percent:
    """A share of the eligible area or owners, as printed against the 2/3 bound."""
    return percent(part, whole, thresholds=(AT_LEAST_TWO_THIRDS,))


def turnout_figures(t: Turnout) -> tuple[Percent, Percent]:
    """(area, owners) as printed."""
    return (turnout_percent(t.participating.area_cm2, t.eligible.area_cm2),
            turnout_percent(t.participating.owners, t.eligible.owners))


def quorum_line(t: Turnout) -> Text:
    """参与：面积 58.3% / 人数 61.1%，需 2/3 — or, once both bounds are met, …，已达 2/3."""
    area, owners = turnout_figures(t)
    if t.quorate:
        return Text(_("Turnout: area {area}% / owners {owners}%, 2/3 reached").format(area=area, owners=owners),
                    style="bold green", no_wrap=False)
    return Text(_("Turnout: area {area}% / owners {owners}%, 2/3 needed").format(area=area, owners=owners),
                no_wrap=False)


def meter_line(p: PollInfo, t: Turnout, width: int) -> Text:
    """表决：院内道路铺设  参与：面积 58% / 人数 61%，需 2/3 — one line for the lobby's home; the
    title gives way first, the figures are never cut."""
    figures = quorum_line(t)
    figures.no_wrap = True
    head = Text(_("Vote: "), style="bold")
    room = width - head.cell_len - 2 - figures.cell_len
    if room >= 4:
        head.append_text(fit(Text(one_line(p.title), style="bold"), room))
        head.append("  ")
    line = Text(no_wrap=True, overflow="crop")
    line.append_text(head)
    line.append_text(figures)
    return fit(line, width)


def meter_bar(part: int, whole: int, width: int, *, reached: bool = False, shown: Percent | None = None) -> Text:
    """A bar of `width` cells filled to the percent printed beside it (`shown`, else part/whole as
    a turnout), the 2/3 cell marked in yellow."""
    width = max(3, width)
    filled = (shown if shown is not None else turnout_percent(part, whole)).cells(width)
    mark = (2 * width) // 3  # the first cell at or beyond 2/3
    text = Text(no_wrap=True, overflow="crop")
    for i in range(width):
        if i == mark and i >= filled:
            style = MARK
        elif i < filled:
            style = REACHED if reached else FILLED
        else:
            style = EMPTY
        text.append(" ", style=style)
    return text


def turnout_bars(t: Turnout, width: int) -> Text:
    """Two labelled bars (area, owners) with their percent, `width` cells wide in all."""
    rows = [(_("Area"), t.participating.area_cm2, t.eligible.area_cm2),
            (_("Owners (by head)"), t.participating.owners, t.eligible.owners)]
    label_w = max(Text(name).cell_len for name, _p, _w in rows) + 1
    bar_w = max(6, width - label_w - 8)
    out = Text(no_wrap=True, overflow="crop")
    for i, (name, part, whole) in enumerate(rows):
        if i:
            out.append("\n")
        out.append(name + " " * (label_w - Text(name).cell_len))
        met = whole > 0 and 3 * part >= 2 * whole
        shown = turnout_percent(part, whole)
        out.append_text(meter_bar(part, whole, bar_w, reached=met, shown=shown))
        out.append(f" {shown}%".rjust(8), style="bold" if met else "")
    return out


def poll_heading(p: PollInfo) -> Text:
    text = Text(one_line(p.title), style="bold")
    text.append("\n")
    text.append(state_label(p.state()), style="cyan")
    text.append("  " + matter_label(p.matter))
    if p.closes_at and p.state() in ("open", "scheduled"):
        text.append("  " + _("closes {when}").format(when=day_time(p.closes_at)))
    if p.buildings:
        text.append("\n" + _("For: {buildings}").format(buildings="、".join(one_line(b) for b in p.buildings)))
    return text
