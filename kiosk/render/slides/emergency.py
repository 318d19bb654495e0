"""The emergency takeover and the two quiet states (nothing to show, data not readable yet)."""

from __future__ import annotations

from rich.align import Align
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kiosk.domain.notices import NoticeInfo
from kiosk.i18n import N_, _
from kiosk.render import palette
from kiosk.render.markdown import NoticeMarkdown
from kiosk.render.safe import one_line
from kiosk.render.slides.common import INK, MUTED, figure, fitting, is_tv, when_text
from kiosk.render.slides.notice import title_band

EMERGENCY_INK = palette.WHITE
EMERGENCY_BAND_INK = palette.EMERGENCY
NUMBER_LABELS = {"fire": N_("Fire"), "police": N_("Police"), "ambulance": N_("Ambulance"), "gas": N_("Gas leak")}


def numbers_line(numbers: dict[str, str]) -> Text:
    text = Text()
    for i, (key, number) in enumerate(numbers.items()):
        if i:
            text.append("    ")
        text.append(_(NUMBER_LABELS[key]) if key in NUMBER_LABELS else one_line(key), style=EMERGENCY_INK)
        text.append(" ")
        text.append(one_line(number), style=f"bold {EMERGENCY_INK}")
    return text


def numbers_big(numbers: dict[str, str], scale: int) -> Table:
    """TV: the numbers to call in figures that read across the lobby."""
    grid = Table.grid(padding=(0, 12))
    cells = []
    for key, number in numbers.items():
        name = _(NUMBER_LABELS[key]) if key in NUMBER_LABELS else one_line(key)
        grid.add_column(no_wrap=True)
        cells.append(figure(name, number, "", EMERGENCY_INK, scale=scale, label_style=f"bold {EMERGENCY_INK}"))
    grid.add_row(*cells)
    return grid


def render(notices: list[NoticeInfo], numbers: dict[str, str], width: int, height: int) -> RenderableType:
    """Newest emergency in full, the others by title; the numbers to call at the bottom."""
    first, others = notices[0], notices[1:]
    tv = is_tv(width, height)
    # At every size the title on a white band: the one line read from across the lobby.
    parts: list[RenderableType] = [
        title_band(first.title, EMERGENCY_INK, EMERGENCY_BAND_INK),
        Text(""),
        Text(_("Posted {when}").format(when=when_text(first.publish_at)), style=EMERGENCY_INK, justify="center"),
        Text(""),
    ]
    if first.body.strip():
        parts.append(NoticeMarkdown(first.body, style=INK))
    for n in others:
        parts += [Text(""), Text(one_line(n.title), style=f"bold {EMERGENCY_INK}")]
    if numbers:
        parts += [Text(""), Text(_("In danger, call:"), style=f"bold {EMERGENCY_INK}")]
        if tv:
            parts += [Text(""), fitting(width - 8, lambda: numbers_big(numbers, 2),
                                        lambda: numbers_line(numbers))]
        else:
            parts.append(numbers_line(numbers))
    side = 8 if tv else 2
    return Padding(Group(*parts), (1, side, 0, side))


def idle(estate: str, width: int, height: int) -> RenderableType:
    text = Text(justify="center")
    text.append(one_line(estate), style=f"bold {INK}")
    text.append("\n\n")
    text.append(_("Nothing to show at the moment."), style=MUTED)
    return Align.center(text, vertical="middle", height=max(1, height))


def unavailable(width: int, height: int) -> RenderableType:
    text = Text(justify="center")
    text.append(_("The data cannot be read at the moment."), style=f"bold {INK}")
    text.append("\n\n")
    text.append(_("This screen will try again by itself."), style=MUTED)
    return Align.center(text, vertical="middle", height=max(1, height))
