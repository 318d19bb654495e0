"""Bars as Rich Text: the six-segment funding bar and a plain progress bar.

A bar fills exactly the cells of the percentage printed beside it (kiosk.domain.numbers); the
sources share those cells by largest remainder, so a non-zero amount never vanishes while there is
room for it.
"""

from __future__ import annotations

from rich.text import Text

from kiosk.domain.funding import FundingSnapshot
from kiosk.domain.numbers import Percent, percent, percent_of_float
from kiosk.domain.sources import SOURCES, short_label
from kiosk.i18n import _
from kiosk.render.palette import MUTED, SOURCE_COLOURS
from kiosk.render.wrap import NO_BREAK, Wrapped

FULL = "█"
PLEDGED = "▒"
EMPTY = "░"


def split(amounts: list[int], cells: int) -> list[int]:
    """Share `cells` among the amounts (largest remainder); a non-zero amount gets a cell first
    while there are cells to give. The result always adds up to `cells` (0 when all are 0)."""
    total = sum(amounts)
    if cells <= 0 or total <= 0:
        return [0] * len(amounts)
    out = [a * cells // total for a in amounts]
    rem = [a * cells % total for a in amounts]
    budget = cells - sum(out)
    order = sorted(range(len(amounts)), key=lambda i: (out[i] == 0 and amounts[i] > 0, rem[i]), reverse=True)
    for i in order:
        if budget <= 0:
            break
        if amounts[i] > 0:
            out[i] += 1
            budget -= 1
    return out


def funding_cells(snap: FundingSnapshot, width: int, *, show_pledged: bool = True) -> tuple[int, int]:
    """(received cells, pledged cells) of a `width`-cell bar. Received fills exactly the cells of
    the printed percentage (received / target); pledged money comes after it, never counted in
    that percentage, and stops at the bar's end."""
    received = funded(snap).cells(width)
    if not show_pledged or not snap.pledged_fen:
        return received, 0
    reach = percent(snap.received_fen + snap.pledged_fen, snap.target_fen).cells(width)
    return received, max(0, min(width, reach) - received)


def funding_bar(snap: FundingSnapshot, width: int, *, show_pledged: bool = True) -> Text:
    """Six coloured segments of money received (█) toward the target, then money pledged and not
    yet received (▒, lighter), then what is still missing (░)."""
    width = max(0, width)
    received_cells, pledged_cells = funding_cells(snap, width, show_pledged=show_pledged)
    received = split([s.received_fen for s in snap.sources], received_cells)
    pledged = split([s.pledged_fen for s in snap.sources], pledged_cells)
    text = Text(no_wrap=True, overflow="crop")
    for i, key in enumerate(SOURCES):
        if received[i]:
            text.append(FULL * received[i], style=SOURCE_COLOURS[key])
    for i, key in enumerate(SOURCES):
        if pledged[i]:
            text.append(PLEDGED * pledged[i], style=SOURCE_COLOURS[key])
    rest = width - received_cells - pledged_cells
    if rest > 0:
        text.append(EMPTY * rest, style="grey50")
    return text


def funded(snap: FundingSnapshot) -> Percent:
    """The funding percentage every screen prints: received / target, pledges left out."""
    return percent(snap.received_fen, snap.target_fen)


def still_missing(snap: FundingSnapshot) -> int:
    """还差: target − received, in fen. Pledges do not reduce it until the money arrives."""
    return max(0, snap.target_fen - snap.received_fen)


def legend(*, compact: bool = False, pledged: bool = True) -> Text:
    """■-free legend (■ is ambiguous-width): a coloured block and the short source name, then the
    lighter block that stands for money pledged and not yet received."""
    text = Text(no_wrap=False)
    for i, key in enumerate(SOURCES):
        if i:
            text.append("  ")
        text.append(FULL * 2, style=SOURCE_COLOURS[key])
        text.append(NO_BREAK + _whole(short_label(key)))
    if pledged:
        text.append("  ")
        text.append(PLEDGED * 2, style=MUTED)
        text.append(NO_BREAK + _whole(_("Pledged, not yet received")))  # the one name of this figure
    return text


def _whole(label: str) -> str:
    """A label that a line break never splits (its spaces made no-break spaces)."""
    return label.replace(" ", NO_BREAK)


def legend_block(*, pledged: bool = True) -> Wrapped:
    """The legend wrapped between its entries, never between a swatch and its label."""
    return Wrapped(legend(pledged=pledged), cjk_breaks=False)


def progress_bar(value: float | Percent, width: int, style: str = "green") -> Text:
    """Filled to the percent as printed (rounded down), so 99.9% never draws a full bar."""
    filled = (value if isinstance(value, Percent) else percent_of_float(value)).cells(width)
    text = Text(no_wrap=True, overflow="crop")
    text.append(FULL * filled, style=style)
    text.append(EMPTY * (width - filled), style="grey50")
    return text
