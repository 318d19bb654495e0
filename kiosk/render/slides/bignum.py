"""Figures big enough to read across a lobby on a TV: a 3x5 pixel font drawn with coloured
spaces. No glyphs at all, so nothing depends on how a terminal sizes ambiguous characters;
each pixel is `scale` cells wide and `scale` / 2 rows tall (cells are twice as tall as wide)."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ".": (".", ".", ".", ".", "#"),
    ",": (".", ".", ".", "#", "#"),
    ":": (".", "#", ".", "#", "."),
    "-": ("...", "...", "###", "...", "..."),
    "%": ("#.#", "..#", ".#.", "#..", "#.#"),
    " ": ("..", "..", "..", "..", ".."),
}
ROWS = 5


class BlockNumber:
    """`text` in the pixel font (characters it lacks are skipped), then `unit` in plain text
    beside the bottom row."""

    def __init__(self, text: str, colour: str, *, scale: int = 2, unit: str = "", unit_style: str = "") -> None:
        self.text = "".join(ch for ch in text if ch in FONT)
        self.colour = colour
        self.scale = max(1, scale)
        self.unit = unit
        self.unit_style = unit_style or f"bold {colour}"

    def _width(self, console: Console) -> int:
        pixels = sum(len(FONT[ch][0]) for ch in self.text) + max(0, len(self.text) - 1)
        unit = console.measure(self.unit).maximum + 1 if self.unit else 0
        return pixels * self.scale + unit

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self._width(console)
        return Measurement(width, width)

    @property
    def height(self) -> int:
        return ROWS * max(1, self.scale // 2)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        on = Style(bgcolor=self.colour)
        off = Style()
        repeat = max(1, self.scale // 2)
        unit_style = console.get_style(self.unit_style)
        for row in range(ROWS):
            for copy in range(repeat):
                for i, ch in enumerate(self.text):
                    if i:
                        yield Segment(" " * self.scale, off)
                    for pixel in FONT[ch][row]:
                        yield Segment(" " * self.scale, on if pixel == "#" else off)
                if self.unit and row == ROWS - 1 and copy == repeat - 1:
                    yield Segment(" ")
                    yield Segment(self.unit, unit_style)
                yield Segment.line()
