"""Building blocks shared by the display's slides: big figures, dates, headings, bars that take the
width they are given. Pure: no I/O, no widgets."""

from __future__ import annotations

import datetime as dt

from typing import Callable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from textual.renderables.digits import Digits

from kiosk.domain.funding import FundingSnapshot
from kiosk.i18n import _, language
from kiosk.render.bars import funding_bar, progress_bar
# Colours read from three metres on a dark background; the slides import them from here.
from kiosk.render.palette import ACCENT, GOOD, INK, MUTED, WARN  # noqa: F401
from kiosk.domain.numbers import Percent, percent_of_float
from kiosk.render.safe import one_line


WIDE = 150  # from here on a slide uses two columns
TV_HEIGHT = 40  # with WIDE: a TV across the room (about 240x67) gets the big layouts


def is_tv(width: int, height: int) -> bool:
    return width >= WIDE and height >= TV_HEIGHT

_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(d: dt.date) -> str:
    """11月22日 / 22 Nov."""
    if language() == "zh":
        return f"{d.month}月{d.day}日"
    return f"{d.day} {_MONTHS_EN[d.month - 1]}"


def full_date(d: dt.date) -> str:
    """2026年11月25日 星期三 / Wed 25 Nov 2026."""
    if language() == "zh":
        return f"{d.year}年{d.month}月{d.day}日 星期{_WEEKDAYS_ZH[d.weekday()]}"
    return f"{_WEEKDAYS_EN[d.weekday()]} {d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def when_text(t: dt.datetime) -> str:
    """11月22日 09:00 / 22 Nov 09:00."""
    return f"{day_text(t.date())} {t:%H:%M}"


class BigDigits(Digits):
    """Textual's three-line digits, keeping '.' as it is (its default '•' is ambiguous-width)."""

    REPLACEMENTS = str.maketrans({})


def money_figure(fen: int) -> tuple[str, str]:
    """An amount as (digits for BigDigits, unit in words): ('29.98', '万元') / ('299.8', 'thousand yuan')."""
    yuan = int(fen) / 100
    if language() == "zh":
        if abs(yuan) >= 100_000_000:
            return _trim(yuan / 100_000_000), "亿元"
        if abs(yuan) >= 10_000:
            return _trim(yuan / 10_000), "万元"
        return _trim(yuan), "元"
    if abs(yuan) >= 1_000_000:
        return _trim(yuan / 1_000_000), _("million yuan")
    if abs(yuan) >= 10_000:
        return _trim(yuan / 1_000, 1), _("thousand yuan")
    return _trim(yuan), _("yuan")


def _trim(x: float, places: int = 2) -> str:
    return f"{x:.{places}f}".rstrip("0").rstrip(".")


def percent_text(p: float | Percent) -> str:
    """76.3 / 99.9 / 100: rounded down like every percentage (kiosk.domain.numbers), so the big
    figure never reads 100 before the money is there."""
    return (p if isinstance(p, Percent) else percent_of_float(p)).text(trim=True)


def figure(label: str, digits: str, unit: str, colour: str, *, scale: int = 0, label_style: str = "") -> Group:
    """A labelled big figure: the label on top, then the digits with the unit beside their last
    line: Textual's three-line digits, or with `scale` the block font (kiosk.render.slides.bignum)."""
    from kiosk.render.slides.bignum import BlockNumber

    head = Text(label, style=label_style or f"bold {MUTED}")
    number = BlockNumber(digits, colour, scale=scale, unit=unit) if scale else _DigitsWithUnit(digits, unit, colour)
    return Group(head, number)


class _DigitsWithUnit:
    """Big digits with a small unit on their bottom line (the unit may be Chinese)."""

    def __init__(self, digits: str, unit: str, colour: str) -> None:
        self.digits = digits
        self.unit = unit
        self.colour = colour

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = BigDigits.get_width(self.digits) + 1 + Text(self.unit).cell_len
        return Measurement(width, width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = console.render_lines(BigDigits(self.digits, f"bold {self.colour}"), options, pad=False)
        for i, line in enumerate(lines):
            yield from line
            if i == len(lines) - 1 and self.unit:
                yield Segment(" ")
                yield Segment(self.unit, console.get_style(f"bold {self.colour}"))
            yield Segment.line()


def fitting(width: int, *choices: Callable[[], RenderableType]) -> RenderableType:
    """The first layout whose natural width fits in `width` cells (else the last one)."""
    from kiosk.render.slides.pager import measuring_console

    console = measuring_console(width)
    built: RenderableType = ""
    for choice in choices:
        built = choice()
        if Measurement.get(console, console.options.update(width=10_000), built).maximum <= width:
            return built
    return built


def heading(title: str, colour: str, note: str = "") -> Text:
    """A slide heading: a coloured bar, the title in bold, a quieter note after it."""
    text = Text(no_wrap=False)
    text.append("  ", style=f"on {colour}")
    text.append(" ")
    text.append(one_line(title), style=f"bold {colour}")
    if note:
        text.append("   ")
        text.append(one_line(note), style=MUTED)
    return text


class FundingBarLine:
    """The six-source funding bar at whatever width it is laid out in, `height` lines tall."""

    def __init__(self, snapshot: FundingSnapshot, height: int = 1) -> None:
        self.snapshot = snapshot
        self.height = height

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = funding_bar(self.snapshot, options.max_width)
        for _i in range(self.height):
            yield line


class ProgressBarLine:
    """A plain progress bar at the width it is laid out in."""

    def __init__(self, percent: float, style: str = GOOD) -> None:
        self.percent = percent
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield progress_bar(self.percent, options.max_width, self.style)
