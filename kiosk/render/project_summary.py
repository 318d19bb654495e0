"""One project at a glance: title, received toward target, one funding bar and one works bar."""

from __future__ import annotations

from rich.text import Text

from kiosk.domain.funding import FundingSnapshot
from kiosk.domain.money import yuan_short
from kiosk.i18n import _
from kiosk.render import palette
from kiosk.render.bars import funded, funding_bar, progress_bar
from kiosk.render.fit import fit
from kiosk.domain.numbers import Percent, percent_of_float
from kiosk.render.safe import one_line

WORKS_STYLE = palette.DONE


def _pct(value: Percent) -> str:
    """Six cells whatever the value: a project funded many times over (a mistyped target)
    reads >999% instead of pushing the works bar's figure off the line."""
    return (f"{value}%" if float(value) < 1000 else ">999%").rjust(6)


def _pad(label: str, cells: int) -> Text:
    text = Text(label, style="bold")
    text.append(" " * max(0, cells - text.cell_len))
    return text


def figures(snap: FundingSnapshot) -> Text:
    """已到账 ¥29.98万 / 目标 ¥30万"""
    text = Text(no_wrap=True)
    text.append(_("Received") + " ")
    text.append(yuan_short(snap.received_fen), style="bold")
    text.append(" / " + _("Target") + " ")
    text.append(yuan_short(snap.target_fen))
    return text


def bar_line(label: Text, bar: Text, percent: Percent) -> Text:
    return Text.assemble(label, " ", bar, (" " + _pct(percent), "bold"))


def summary(title: str, snap: FundingSnapshot, works_percent: float, width: int, *, height: int = 2,
            status: str = "") -> Text:
    """Two lines (title + figures, then both bars side by side); from four lines up, one bar per
    line (the funding bar twice as tall from five lines up) and the figures below."""
    width = max(width, 30)
    money, works = _("Funds"), _("Works")
    head = Text(one_line(title), style="bold", no_wrap=True)
    fig = figures(snap)
    pct, works_pct = funded(snap), percent_of_float(works_percent)
    if height >= 4:
        label_w = max(Text(money).cell_len, Text(works).cell_len)
        bar_w = max(10, width - label_w - 8)
        if status:
            head.append("  " + status, style="dim")
        lines = [fit(head, width), bar_line(_pad(money, label_w), funding_bar(snap, bar_w), pct)]
        if height >= 5:
            lines.append(Text.assemble(" " * (label_w + 1), funding_bar(snap, bar_w)))
        lines.append(bar_line(_pad(works, label_w), progress_bar(works_pct, bar_w, WORKS_STYLE), works_pct))
        if snap.pledged_fen:
            fig.append("   " + _("Pledged, not yet received") + " " + yuan_short(snap.pledged_fen))
        lines.append(fit(fig, width))
        return Text("\n").join(lines)
    if snap.pledged_fen:  # the bar's lighter cells need their words, but never at the title's cost
        with_pledged = fig.copy()
        with_pledged.append("  " + _("Pledged, not yet received") + " " + yuan_short(snap.pledged_fen))
        if width - with_pledged.cell_len - 2 >= head.cell_len:
            fig = with_pledged
    head = fit(head, max(4, width - fig.cell_len - 2))
    first = Text.assemble(head, " " * max(2, width - head.cell_len - fig.cell_len), fig)
    half = (width - 4) // 2
    bar_w = max(6, half - max(Text(money).cell_len, Text(works).cell_len) - 8)
    second = Text.assemble(
        bar_line(Text(money, style="bold"), funding_bar(snap, bar_w), pct),
        "    ",
        bar_line(Text(works, style="bold"), progress_bar(works_pct, bar_w, WORKS_STYLE), works_pct),
    )
    return Text("\n").join([first, second])
