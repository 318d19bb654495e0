"""The pledge slide (我要认捐): a QR code a phone can scan, beside what the campaign still needs."""

from __future__ import annotations

import dataclasses

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from kiosk.domain.funding import FundingSnapshot, ProjectInfo
from kiosk.domain.money import yuan
from kiosk.i18n import _
from kiosk.render.bars import still_missing
from kiosk.render.qr import DARK, LIGHT, matrix, terminal_qr
from kiosk.render.safe import one_line
from kiosk.render.slides.common import ACCENT, GOOD, INK, MUTED, WARN, WIDE, FundingBarLine, figure, heading, is_tv, money_figure


@dataclasses.dataclass(frozen=True)
class Campaign:
    info: ProjectInfo
    funding: FundingSnapshot
    url: str

    @property
    def gap_fen(self) -> int:
        return gap(self.funding)


def gap(f: FundingSnapshot) -> int:
    """Money still missing: target − received (a pledge counts once the money arrives)."""
    return still_missing(f)


def big_qr(url: str, border: int = 3) -> Text:
    """TV: one module per two cells and one row (square on screen), coloured spaces only: twice
    the size of the half-block code, so a phone finds it from further away."""
    m = matrix(url, border)
    text = Text(no_wrap=True, overflow="crop")
    dark, light = Style(bgcolor=DARK), Style(bgcolor=LIGHT)
    for y, row in enumerate(m):
        if y:
            text.append("\n")
        for module in row:
            text.append("  ", dark if module else light)
    return text


def qr_fits_big(url: str, width: int, height: int) -> bool:
    n = len(matrix(url, 3))
    return is_tv(width, height) and n + 4 <= height and n * 2 + 60 <= width


def render(data: Campaign | None, width: int, height: int) -> list[RenderableType]:
    if data is None:
        return []
    colour = ACCENT["pledge"]
    tv = qr_fits_big(data.url, width, height)
    f = data.funding
    facts = Text()
    gap_between = "    " if width >= 100 else "\n"
    facts.append(_("Received") + " ", style=MUTED)
    facts.append(yuan(f.received_fen), style=f"bold {GOOD}")
    facts.append(gap_between + _("Pledged, not yet received") + " ", style=MUTED)
    facts.append(yuan(f.pledged_fen), style=f"bold {WARN}")
    facts.append(gap_between + _("Target") + " ", style=MUTED)
    facts.append(yuan(f.target_fen), style=f"bold {INK}")
    how = Text()
    how.append(_("Scan the code with your phone to pledge."), style=f"bold {INK}")
    how.append("\n")
    how.append(_("Every pledge and every payment is shown on this board."), style=MUTED)
    words = Group(
        Text(one_line(data.info.title), style=f"bold {INK}"),
        Text(""),
        figure(_("Still needed"), *money_figure(data.gap_fen), colour, scale=4 if tv else 0),
        Text(""),
        FundingBarLine(f),
        facts,
        Text(""),
        how,
    )
    qr = big_qr(data.url) if tv else terminal_qr(data.url)
    grid = Table.grid(padding=(0, 10 if tv else (6 if width >= WIDE else 2)))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")  # a narrow screen wraps the words, never cuts them
    grid.add_row(qr, words)
    side = 6 if tv else (4 if width >= WIDE else 1)
    # The code is never cut across two pages: on a short screen the heading gives way to it.
    qr_rows = len(qr.plain.splitlines())
    parts: list[RenderableType] = [heading(_("Each of us puts in a little"), colour), Text("")] if qr_rows + 2 <= height else []
    return [Padding(Group(*parts, grid), (0, side))]
