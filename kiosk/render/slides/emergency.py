"""The emergency takeover and the two quiet states (nothing to show, data not readable yet)."""

from __future__ import annotations

from rich.align import Align
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from kiosk.domain.notices import NoticeInfo
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.render.slides.common import INK, MUTED, WIDE, NoticeMarkdown, when_text

EMERGENCY_INK = "#ffffff"
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


def render(notices: list[NoticeInfo], numbers: dict[str, str], width: int, height: int) -> RenderableType:
    """Newest emergency in full, the others by title; the numbers to call at the bottom."""
    first, others = notices[0], notices[1:]
    parts: list[RenderableType] = [
        Text(one_line(first.title), style=f"bold {EMERGENCY_INK}"),
        Text(_("Posted {when}").format(when=when_text(first.publish_at)), style=EMERGENCY_INK),
        Text(""),
    ]
    if first.body.strip():
        parts.append(NoticeMarkdown(first.body))
    for n in others:
        parts += [Text(""), Text(one_line(n.title), style=f"bold {EMERGENCY_INK}")]
    if numbers:
        parts += [Text(""), Text(_("In danger, call:"), style=EMERGENCY_INK), numbers_line(numbers)]
    side = max(2, (width - 120) // 2) if width >= WIDE else 2
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
