"""One project at a glance: title, received toward target, one funding bar and one works bar."""

from __future__ import annotations

from rich.text import Text

from kiosk.domain.funding import FundingSnapshot
from kiosk.domain.money import yuan_short
from kiosk.i18n import _
from kiosk.render.bars import funding_bar, progress_bar
from kiosk.render.safe import one_line

WORKS_STYLE = "#2ca02c"


def _pct(value: float) -> str:
    return f"{value:.1f}%".rjust(6)


def figures(snap: FundingSnapshot) -> Text:
    """已到账 ¥29.98万 / 目标 ¥30万"""
    text = Text(no_wrap=True)
    text.append(_("Received") + " ")
    text.append(yuan_short(snap.received_fen), style="bold")
    text.append(" / " + _("Target") + " ")
    text.append(yuan_short(snap.target_fen))
    return text


def bar_line(label: str, bar: Text, percent: float) -> Text:
    return Text.assemble((label + " ", "bold"), bar, (" " + _pct(percent), "bold"))


def summary(title: str, snap: FundingSnapshot, works_percent: float, width: int, *, tall: bool = False) -> Text:
    """Two lines (title + figures, then both bars side by side), or four when `tall`."""
    width = max(width, 30)
    money_label, works_label = _("Funds"), _("Works")
    head = Text(one_line(title), style="bold", no_wrap=True, overflow="ellipsis")
    fig = figures(snap)
    if tall:
        head.truncate(width, overflow="ellipsis")
        label_w = max(Text(money_label).cell_len, Text(works_label).cell_len)
        bar_w = max(10, width - label_w - 8)
        lines = [
            Text.assemble(head),
            bar_line(money_label.ljust(label_w), funding_bar(snap, bar_w), snap.percent),
            bar_line(works_label.ljust(label_w), progress_bar(works_percent, bar_w, WORKS_STYLE), works_percent),
            fig,
        ]
        return Text("\n").join(lines)
    room = width - fig.cell_len - 2
    head.truncate(max(4, room), overflow="ellipsis")
    first = Text.assemble(head, " " * max(2, width - head.cell_len - fig.cell_len), fig)
    half = (width - 4) // 2
    bar_w = max(6, half - Text(money_label).cell_len - 8)
    second = Text.assemble(
        bar_line(money_label, funding_bar(snap, bar_w), snap.percent),
        "    ",
        bar_line(works_label, progress_bar(works_percent, bar_w, WORKS_STYLE), works_percent),
    )
    return Text("\n").join([first, second])
