"""Bars as Rich Text: the six-segment funding bar and a plain progress bar.

Widths use largest-remainder rounding so the segments always add up to the bar's width and a
non-zero amount never vanishes while there is room for it.
"""

from __future__ import annotations

from rich.text import Text

from kiosk.domain.funding import FundingSnapshot
from kiosk.domain.sources import COLOURS, SOURCES, short_label

FULL = "█"
PLEDGED = "▒"
EMPTY = "░"


def split(amounts: list[int], scale: int, width: int) -> list[int]:
    """Cells for each amount when `scale` fills `width` cells (amounts may exceed the scale)."""
    if width <= 0 or scale <= 0:
        return [0] * len(amounts)
    total = sum(amounts)
    if total > scale:  # over target: the bar is full, shares stay proportional
        scale = total
    exact = [a * width / scale for a in amounts]
    cells = [int(x) for x in exact]
    # Give leftover cells to the largest remainders; make tiny non-zero shares visible.
    budget = min(width, round(total * width / scale)) - sum(cells)
    order = sorted(range(len(amounts)), key=lambda i: (cells[i] == 0 and amounts[i] > 0, exact[i] - cells[i]), reverse=True)
    for i in order:
        if budget <= 0:
            break
        if amounts[i] > 0:
            cells[i] += 1
            budget -= 1
    return cells


def funding_bar(snap: FundingSnapshot, width: int, *, show_pledged: bool = True) -> Text:
    """Six coloured segments of received money toward the target, then pledged money (▒), then
    what is still missing (░)."""
    target = max(snap.target_fen, 1)
    received = [s.received_fen for s in snap.sources]
    pledged = [s.pledged_fen for s in snap.sources] if show_pledged else [0] * len(SOURCES)
    amounts = received + pledged
    cells = split(amounts, target, width)
    text = Text(no_wrap=True, overflow="crop")
    for i, key in enumerate(SOURCES):
        if cells[i]:
            text.append(FULL * cells[i], style=COLOURS[key])
    for i, key in enumerate(SOURCES):
        if cells[6 + i]:
            text.append(PLEDGED * cells[6 + i], style=COLOURS[key])
    rest = width - sum(cells)
    if rest > 0:
        text.append(EMPTY * rest, style="grey50")
    return text


def legend(*, compact: bool = False) -> Text:
    """■-free legend (■ is ambiguous-width): a coloured block and the short source name."""
    text = Text(no_wrap=False)
    for i, key in enumerate(SOURCES):
        if i:
            text.append("  ")
        text.append(FULL * 2, style=COLOURS[key])
        text.append(" " + short_label(key))
    return text


def progress_bar(percent: float, width: int, style: str = "green") -> Text:
    filled = max(0, min(width, round(percent * width / 100)))
    text = Text(no_wrap=True, overflow="crop")
    text.append(FULL * filled, style=style)
    text.append(EMPTY * (width - filled), style="grey50")
    return text
